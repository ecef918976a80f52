import { DATE } from "../../../src/taskpane/setup/ledgerSpecs";
import { anchorOf, BLOCK_ROW, CHART_ROWS, reportCells, reportFormats, reportSpec, type ReportSpec, type TablesPresent } from "../../../src/taskpane/report/reportSpec";

const ALL = { Lots: true, Draws: true, Counts: true, Products: true };

/** Column index of a letter address's column (A = 0), and its row. */
function cellOf(address: string): { column: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { column, row: Number(m[2]) };
}

function spec(present: TablesPresent = ALL): ReportSpec {
  const s = reportSpec(present);
  if (!s) throw new Error("expected a report");
  return s;
}

describe("the report's description", () => {
  it("has one table-free LOTBOOK spill formula per block, answered from the workbook's own tables, with no TODAY()", () => {
    expect(spec().blocks.map((b) => [b.heading, anchorOf(b), b.formula])).toEqual([
      ["Margin by service", "A24", '=LOTBOOK.MARGIN_BY("service")'],
      ["Margin by provider", "H24", '=LOTBOOK.MARGIN_BY("provider")'],
      ["Stock value by product", "O24", "=LOTBOOK.STOCK_BY_PRODUCT()"],
      ["Expiry timeline (next 365 days)", "U24", "=LOTBOOK.EXPIRING(365)"],
      ["Shrinkage log", "AB24", "=LOTBOOK.SHRINKAGE_LOG()"],
      ["Margin by visit", "AL24", '=LOTBOOK.MARGIN_BY("visit")'],
      ["Margin by product", "AS24", '=LOTBOOK.MARGIN_BY("product")'],
      ["Reorder", "AZ24", "=LOTBOOK.REORDER()"],
    ]);
    for (const b of spec().blocks) expect(b.formula).not.toMatch(/\[#All\]|TODAY/);
  });

  it("leaves out the shrinkage log without Counts, and its allowance columns without Products", () => {
    const s = spec({ Lots: true, Draws: true, Counts: false, Products: false });
    expect(s.blocks.map((b) => b.id)).toEqual(["byService", "byProvider", "stock", "expiry", "byVisit", "byProduct", "reorder"]);
    for (const b of s.blocks) expect(b.formula).not.toMatch(/Counts|Products/);
    const withoutProducts = spec({ Lots: true, Draws: true, Counts: true });
    const log = withoutProducts.blocks.find((b) => b.id === "shrinkage")!;
    expect(log.formula).toBe("=LOTBOOK.SHRINKAGE_LOG()");
    expect(log.columns.map((c) => c.name)).toEqual(["Date", "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost"]);
  });

  it("is not offered without Lots or Draws, which every block reads", () => {
    expect(reportSpec({ Lots: true })).toBeNull();
    expect(reportSpec({ Draws: true, Counts: true })).toBeNull();
  });

  it("gives every block its own band of columns, an empty column apart, so no spill can run into another", () => {
    const blocks = spec().blocks;
    for (let i = 1; i < blocks.length; i++) {
      const before = blocks[i - 1];
      expect(blocks[i].column).toBe(before.column + before.columns.length + 1);
      expect(blocks[i].headingRow).toBe(BLOCK_ROW);
    }
  });

  it("places the charts above every block and apart from each other, over columns their block has", () => {
    const s = spec();
    const boxes = s.charts.map((c) => ({ from: cellOf(c.from), to: cellOf(c.to) }));
    for (const box of boxes) {
      expect(box.from.row).toBe(CHART_ROWS.first);
      expect(box.to.row).toBeLessThan(BLOCK_ROW);
    }
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].from.column).toBeGreaterThan(boxes[i - 1].to.column);
    for (const c of s.charts) {
      const block = s.blocks.find((b) => b.id === c.block)!;
      expect(block.columns[c.categories].format).toBe("text");
      for (const v of c.values) expect(block.columns[v].format).toBe("money");
    }
  });

  it("formats money as money, dates as dates and margins as percentages, from below each header row down", () => {
    const formats = reportFormats(spec());
    // Stock value by product sits in O:S; its Value is the 4th column, R.
    expect(formats).toContainEqual({ range: "R25:R1048576", numberFormat: "$#,##0.00" });
    // Margin by service: Margin % is its 6th column, F.
    expect(formats).toContainEqual({ range: "F25:F1048576", numberFormat: "0.0%" });
    // The expiry timeline in U:Z: Expires is W, in the tables' own date format (Set up's).
    expect(formats).toContainEqual({ range: "W25:W1048576", numberFormat: DATE });
    expect(formats.some((f) => f.numberFormat === "yyyy-mm-dd")).toBe(false);
    // Margin by product in AS:AX: Margin % is AX.
    expect(formats).toContainEqual({ range: "AX25:AX1048576", numberFormat: "0.0%" });
    // Text and counts keep Excel's General format.
    expect(formats.some((f) => f.range.startsWith("A25:"))).toBe(false);
  });

  it("writes the title, the note, and each heading above its formula", () => {
    const cells = reportCells(spec());
    expect(cells[0]).toEqual({ address: "A1", value: "Lotbook report", bold: true });
    expect(cells[1].value).toMatch(/^Written by Lotbook .*Refresh report/);
    expect(cells).toContainEqual({ address: "O23", value: "Stock value by product", bold: true });
    expect(cells).toContainEqual({ address: "O24", value: "=LOTBOOK.STOCK_BY_PRODUCT()" });
    // Only formulas start with "=": text written as a formula would be read as one.
    for (const c of cells) if (c.value.startsWith("=")) expect(c.value).toMatch(/^=LOTBOOK\./);
  });
});
