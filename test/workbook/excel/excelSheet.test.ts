import { reportSpec, type ReportSpec } from "../../../src/taskpane/report/reportSpec";
import { reportStatus, writeReport } from "../../../src/taskpane/report/writeReport";
import { sheetOfReference } from "../../../src/workbook/excel/excelSheet";
import { ExcelWorkbook } from "../../../src/workbook/excel/excelWorkbook";
import { fakeReportExcel } from "./_fakeReportExcel";

const spec = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;
/** Every block spills a header and three rows, the shrinkage log a header and one. */
const SPILLS = { A24: 4, H24: 4, O24: 4, U24: 4, AB24: 2, AL24: 4 };
const NO_WAIT = { spillWaits: [10, 20, 40] };

describe("writing the Report sheet through Excel", () => {
  it("creates the sheet, marks it as Lotbook's, writes the formulas and formats, and charts each spill in three syncs", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS });
    const written = await writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec);
    expect(written).toEqual({ action: "created", chartsSkipped: [], undo: "one step" });
    expect(excel.log.runs).toEqual([{ mergeUndoGroup: true, syncs: 3 }]);
    const sheet = excel.sheet("Report")!;
    expect(excel.names.get("Lotbook_Report")).toBe("=Report!$A$1");
    expect(excel.active.name).toBe("Report");
    expect(sheet.cells.get("A1")).toBe("Lotbook report");
    expect(sheet.cells.get("O23")).toBe("Stock value by product");
    expect(sheet.cells.get("O24")).toBe("=LOTBOOK.STOCK_BY_PRODUCT()");
    expect(sheet.numberFormats.get("R25:R1048576")).toBe("$#,##0.00");
    // Stock value by product: categories are Product (O), the series is Value (R), over the three rows below the header.
    const stock = sheet.charts.find((c) => c.title === "Stock value by product")!;
    expect(stock).toEqual({
      name: "Lotbook Stock value by product",
      title: "Stock value by product",
      type: "BarClustered",
      series: [{ name: "Value", values: "R25:R27", categories: "O25:O27" }],
      position: ["S4", "Z21"],
    });
    const service = sheet.charts.find((c) => c.title === "Margin by service")!;
    expect(service.series).toEqual([
      { name: "Revenue", values: "C25:C27", categories: "A25:A27" },
      { name: "COGS", values: "D25:D27", categories: "A25:A27" },
      { name: "Margin", values: "E25:E27", categories: "A25:A27" },
    ]);
  });

  it("waits a few moments for formulas that are still calculating, a fixed number of syncs at most", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS, calculatesAfter: 2 });
    const written = await writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec);
    expect(written.chartsSkipped).toEqual([]);
    expect(excel.log.waits).toEqual([10, 20]);
    expect(excel.log.runs[0].syncs).toBe(5);
  });

  it("leaves out a chart whose block shows an error or only its header, and says which", async () => {
    const excel = fakeReportExcel({ spillRows: { ...SPILLS, A24: undefined as unknown as number, O24: 1 } });
    const written = await writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec);
    expect(written.chartsSkipped).toEqual(["Margin by service", "Stock value by product"]);
    // Three waits and no more, whatever the ledger.
    expect(excel.log.runs[0].syncs).toBe(6);
    expect(excel.sheet("Report")!.charts.map((c) => c.title)).toEqual(["Margin by provider", "Value expiring within 365 days, by lot"]);
  });

  it("refreshes its own report: clears the cells, replaces Lotbook's charts, keeps the user's, in four syncs", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS });
    const workbook = new ExcelWorkbook(excel.host, NO_WAIT);
    await writeReport(workbook, spec);
    const sheet = excel.sheet("Report")!;
    sheet.cells.set("B2", "a note typed on the report");
    sheet.charts.push({ name: "Chart 7", title: "Mine", type: "Pie", series: [], position: null });
    const fresh = fakeReportExcel({ spillRows: SPILLS });
    await writeReport(new ExcelWorkbook(fresh.host, NO_WAIT), spec);

    expect(await writeReport(workbook, spec)).toEqual({ action: "refreshed", chartsSkipped: [], undo: "one step" });
    expect(excel.log.runs[1].syncs).toBe(4);
    expect([...sheet.cells]).toEqual([...fresh.sheet("Report")!.cells]);
    expect(sheet.charts.filter((c) => c.name.startsWith("Lotbook "))).toEqual(fresh.sheet("Report")!.charts);
    expect(sheet.charts.map((c) => c.name)).toContain("Chart 7");
  });

  it("finds the report by its mark even after the sheet was renamed, and writes a new one", async () => {
    const excel = fakeReportExcel({ sheets: ["Report 2025"], names: { Lotbook_Report: "='Report 2025'!$A$1" }, spillRows: SPILLS });
    const workbook = new ExcelWorkbook(excel.host, NO_WAIT);
    expect(await reportStatus(workbook, "Report")).toBe("missing");
    expect((await writeReport(workbook, spec)).action).toBe("created");
    expect(excel.names.get("Lotbook_Report")).toBe("=Report!$A$1");
    expect(excel.sheet("Report 2025")).toBeDefined();
  });

  it("never touches a sheet called Report that Lotbook did not make", async () => {
    const excel = fakeReportExcel({ sheets: ["Report"], spillRows: SPILLS });
    excel.sheet("Report")!.cells.set("A1", "Owner's numbers");
    const workbook = new ExcelWorkbook(excel.host, NO_WAIT);
    expect(await reportStatus(workbook, "Report")).toBe("other");
    await expect(writeReport(workbook, spec)).rejects.toThrow(/^This workbook already has a sheet called Report that Lotbook did not make.*Nothing was changed\.$/);
    expect([...excel.sheet("Report")!.cells]).toEqual([["A1", "Owner's numbers"]]);
    expect(excel.names.size).toBe(0);
    expect(excel.log.runs[1].syncs).toBe(1);
  });

  it("removes a new sheet again when Excel fails while drawing the charts", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS });
    excel.failSync(3, "GeneralException", "The request failed");
    await expect(writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec)).rejects.toThrow(
      "Excel could not complete this (The request failed). The unfinished Report sheet was removed again.",
    );
    expect(excel.sheet("Report")).toBeUndefined();
    expect(excel.names.has("Lotbook_Report")).toBe(false);
  });

  it("says a refresh that failed part-way may have left the sheet incomplete", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS });
    const workbook = new ExcelWorkbook(excel.host, NO_WAIT);
    await writeReport(workbook, spec);
    excel.failSync(3, "GeneralException", "The request failed");
    await expect(writeReport(workbook, spec)).rejects.toThrow("Excel could not complete this (The request failed). The Report sheet may be incomplete: choose Refresh report again.");
    expect(excel.sheet("Report")).toBeDefined();
  });

  it("refuses before changing anything where Excel has no spilling formulas", async () => {
    const excel = fakeReportExcel({ supported: ["1.11"] });
    await expect(writeReport(new ExcelWorkbook(excel.host), spec)).rejects.toThrow(/needs formulas that spill .* Nothing was changed\.$/);
    expect(excel.log.syncs).toBe(0);
  });
});

describe("the sheet a name refers to", () => {
  it("is created on Excel on the web as one undo step, its mark given no comment (which the web cannot undo)", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS, web: true });
    const written = await writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec);
    expect(written).toEqual({ action: "created", chartsSkipped: [], undo: "one step" });
    expect(excel.log.comments).toEqual([]);
    expect(excel.log.runs).toEqual([{ mergeUndoGroup: true, syncs: 3 }]);
    expect(excel.names.get("Lotbook_Report")).toBe("=Report!$A$1");
  });

  it("is written again without the undo group when Excel refuses it as one step, and says Undo takes several steps", async () => {
    const excel = fakeReportExcel({ spillRows: SPILLS });
    excel.failSync(3, "UndoNotSupported", "The operation can't be grouped for undo.");
    const written = await writeReport(new ExcelWorkbook(excel.host, NO_WAIT), spec);
    expect(written).toEqual({ action: "created", chartsSkipped: [], undo: "several steps" });
    // The merged try, the removal of the sheet it had made, then the whole report without the group.
    expect(excel.log.runs.map((r) => r.mergeUndoGroup)).toEqual([true, undefined, false]);
    expect(excel.sheet("Report")?.charts).toHaveLength(spec.charts.length);
    expect(excel.names.get("Lotbook_Report")).toBe("=Report!$A$1");
  });

  it("reads plain and quoted sheet names", () => {
    expect(sheetOfReference("=Report!$A$1")).toBe("Report");
    expect(sheetOfReference("='Q1 Report'!$A$1")).toBe("Q1 Report");
    expect(sheetOfReference("='Owner''s Report'!$A$1")).toBe("Owner's Report");
    expect(sheetOfReference("=#REF!")).toBeNull();
  });
});
