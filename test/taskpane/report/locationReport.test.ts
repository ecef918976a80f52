// Stock value by location in the Report: a header row and one row per location, each a name beside
// its own table-free STOCK_VALUE formula, then all locations together — only in a workbook that
// names locations — answered in the preview by the same live ledger as every other block.
import { serialFromYmd, type TableName } from "../../../src/core";
import { STOCK_VALUE } from "../../../src/functions/answers";
import type { Clock } from "../../../src/live/streams";
import { evaluate, type EvaluationContext } from "../../../src/preview/evaluate";
import { PreviewFormulas } from "../../../src/preview/liveFormulas";
import { LiveWorkbook } from "../../../src/preview/liveWorkbook";
import { reportCells, reportFormats, reportSpec, type ReportSpec } from "../../../src/taskpane/report/reportSpec";
import { writeReport } from "../../../src/taskpane/report/writeReport";
import type { CellValue } from "../../../src/workbook/port";
import { now } from "../_practice";
import { twoSites } from "../_sites";

const ALL = { Lots: true, Draws: true, Counts: true, Products: true };
const SITES = ["Main Street", "Suite B"];
const clock: Clock = { now, setTimeout: () => 0, clearTimeout: () => undefined };
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("stock value by location in the report", () => {
  it("is left out of a workbook that names no location, so its report is as before", () => {
    const plain = reportSpec(ALL) as ReportSpec;
    expect(plain.blocks.map((b) => b.id)).not.toContain("byLocation");
    expect(reportSpec(ALL, [])).toEqual(plain);
  });

  it("follows stock value by product: a header row, one STOCK_VALUE per location, then all locations", () => {
    const spec = reportSpec(ALL, SITES) as ReportSpec;
    expect(spec.blocks.map((b) => b.id)).toEqual(["byService", "byProvider", "stock", "byLocation", "expiry", "shrinkage", "byVisit", "byProduct", "reorder"]);
    const block = spec.blocks.find((b) => b.id === "byLocation")!;
    // Stock value by product fills O:S; after an empty column T, this block fills U:V and the expiry timeline starts at X.
    expect(block.column).toBe(20);
    expect(spec.blocks.find((b) => b.id === "expiry")!.column).toBe(23);
    const cells = reportCells(spec).filter((c) => /^[UV]\d+$/.test(c.address));
    expect(cells).toEqual([
      { address: "U23", value: "Stock value by location", bold: true },
      { address: "U24", value: "Location", bold: true },
      { address: "V24", value: "Value", bold: true },
      { address: "U25", value: "Main Street" },
      { address: "V25", value: '=LOTBOOK.STOCK_VALUE("*",,"Main Street")' },
      { address: "U26", value: "Suite B" },
      { address: "V26", value: '=LOTBOOK.STOCK_VALUE("*",,"Suite B")' },
      { address: "U27", value: "All locations" },
      { address: "V27", value: '=LOTBOOK.STOCK_VALUE("*")' },
    ]);
    expect(reportFormats(spec)).toContainEqual({ range: "V25:V1048576", numberFormat: "$#,##0.00" });
  });

  it("quotes a location's name as Excel text", () => {
    const spec = reportSpec(ALL, ['The "Annex"']) as ReportSpec;
    expect(reportCells(spec)).toContainEqual({ address: "V25", value: '=LOTBOOK.STOCK_VALUE("*",,"The ""Annex""")' });
  });

  it("shows in the preview each location's stock at cost, and a transfer moves value between them, not out of the books", async () => {
    const source = twoSites();
    const grids: Partial<Record<TableName, (readonly CellValue[])[]>> = {};
    for (const name of ["Lots", "Draws", "Counts"] as const) {
      const t = source.table(name)!;
      grids[name] = [t.header, ...t.rows];
    }
    const wb = LiveWorkbook.seeded(grids);
    const formulas = new PreviewFormulas(wb, clock);
    await writeReport(wb, reportSpec({ Lots: true, Draws: true, Counts: true }, SITES)!);
    await formulas.live.ready();
    await settled();
    const context: EvaluationContext = { table: () => undefined, today: now, live: (f, s) => formulas.value(f, s) };
    const shown = () =>
      wb.report!.cells.filter((c) => /^V2[5-7]$/.test(c.address)).map((c) => {
        const v = evaluate(c.value, context);
        return v.kind === "spill" ? v.cells : v.formula;
      });
    // Main Street: A100 180 U × $6.50 + C300 100 U × $6.00 = $1,770; Suite B: B200 100 U × $7.00 = $700.
    expect(shown()).toEqual([[[1770]], [[700]], [[2470]]]);
    expect(formulas.value(STOCK_VALUE, ["*", null, "Suite B"])).toEqual({ kind: "spill", cells: [[700]] });

    // 40 U of C300 ($6.00) to Suite B: $240 moves, the practice still holds $2,470.
    await wb.appendRows("Draws", [{ Date: serialFromYmd(2026, 3, 16), Product: "Botox 100U", Lot: "C300", Qty: 40, Unit: "U", Kind: "Transfer", Location: "Main Street", To: "Suite B" }]);
    await settled();
    await formulas.live.ready();
    await settled();
    expect(shown()).toEqual([[[1530]], [[940]], [[2470]]]);
  });
});

describe("the lists by lot in a report of several locations", () => {
  it("have the Location column where the functions put it, so formats and the expiry chart stay on their columns", () => {
    const spec = reportSpec(ALL, SITES) as ReportSpec;
    const columns = (id: string) => spec.blocks.find((b) => b.id === id)!.columns.map((c) => c.name);
    // As EXPIRING and SHRINKAGE_LOG spill them where the workbook keeps locations (functions/answers.ts).
    expect(columns("expiry")).toEqual(["Product", "Lot", "Location", "Expires", "Days Left", "Remaining", "Value"]);
    expect(columns("shrinkage")).toEqual(["Date", "Location", "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost", "Allowed Loss", "Unexplained"]);
    const chart = spec.charts.find((c) => c.block === "expiry")!;
    expect([chart.categories, chart.values]).toEqual([1, [6]]);
    // Without locations, as before: the value is the sixth column.
    expect((reportSpec(ALL) as ReportSpec).charts.find((c) => c.block === "expiry")!.values).toEqual([5]);
  });
});
