import { reportSpec, type ReportSpec } from "../../../src/taskpane/report/reportSpec";
import { reportStatus, writeReport } from "../../../src/taskpane/report/writeReport";
import { MemoryWorkbook } from "../../../src/workbook/memory";

const LOTS = [["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"]];
const DRAWS = [["Date", "Visit", "Product", "Lot", "Qty"]];
const full = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;
const lean = reportSpec({ Lots: true, Draws: true }) as ReportSpec;

describe("the report in the in-memory workbook", () => {
  it("creates the Report sheet with its cells as written and its charts, then says it is Lotbook's", async () => {
    const wb = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS });
    expect(await reportStatus(wb, "Report")).toBe("missing");
    expect(await writeReport(wb, full)).toEqual({ action: "created", chartsSkipped: [] });
    expect(wb.sheets.has("Report")).toBe(true);
    expect(wb.report?.cells).toContainEqual({ address: "A24", value: '=LOTBOOK.MARGIN_BY("service")' });
    expect(wb.report?.charts.map((c) => c.title)).toEqual(["Margin by service", "Margin by provider", "Stock value by product", "Value expiring within 365 days, by lot"]);
    expect(await reportStatus(wb, "report")).toBe("lotbook");
  });

  it("refreshes its own report so that it equals a fresh one", async () => {
    const wb = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS });
    await writeReport(wb, full);
    expect(await writeReport(wb, lean)).toEqual({ action: "refreshed", chartsSkipped: [] });
    const fresh = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS });
    await writeReport(fresh, lean);
    expect(wb.report).toEqual(fresh.report);
    expect(wb.report?.cells.some((c) => c.value.includes("SHRINKAGE_LOG"))).toBe(false);
  });

  it("never touches a sheet called Report that Lotbook did not make", async () => {
    const wb = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS }).withSheet("Report", [["My own numbers", 42]]);
    expect(await reportStatus(wb, "Report")).toBe("other");
    await expect(writeReport(wb, full)).rejects.toThrow(/^This workbook already has a sheet called Report that Lotbook did not make.*Rename that sheet.*Nothing was changed\.$/);
    expect(wb.plain.get("Report")).toEqual([["My own numbers", 42]]);
    expect(wb.report).toBeNull();
  });

  it("writes nothing when Excel refuses the action", async () => {
    const wb = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS });
    wb.failNext = "The request failed";
    await expect(writeReport(wb, full)).rejects.toThrow("Excel could not complete this (The request failed). Nothing was changed.");
    expect(wb.sheets.has("Report")).toBe(false);
    expect(wb.report).toBeNull();
  });
});
