import { join } from "path";
import { asTables, assertBuilt, CLINIC, COUNTS_HEADER, DRAWS_HEADER, LOTS_HEADER, lotbook, tempDir, writeWorkbook, ymd, type Row, type SheetSpec } from "./_workbooks";

/** The audit's JSON without the parts that say where it read from. */
function results(stdout: string) {
  const a = JSON.parse(stdout);
  delete a.file;
  delete a.tables;
  return a;
}

const audit = (file: string, ...more: string[]) => lotbook("audit", file, "--as-of", "2026-03-01", ...more);

let dir: string;
let reference: ReturnType<typeof results>;

beforeAll(async () => {
  assertBuilt();
  dir = tempDir();
  reference = results(audit(await writeWorkbook(join(dir, "clinic.xlsx"), asTables()), "--json").stdout);
});

describe("row numbers point at the cell the person will look at", () => {
  const BAD = ["Botox 100U", "C5001B2", "soon", ymd(2026, 2, 20), 100, "U", 6.4, null];

  it("names the worksheet row and the cell of a Lots sheet under a title and a blank row", async () => {
    // Title in row 1, blank row 2, header row 3: the bad expiry is in worksheet row 5, column C.
    const sheets: SheetSpec[] = asTables().map((s) => (s.name === "Lots" ? { name: "Lots", rows: [["Clinic inventory"], [], ...CLINIC.lots.slice(0, 2), BAD, ...CLINIC.lots.slice(2)] } : s));
    const file = await writeWorkbook(join(dir, "titled.xlsx"), sheets);
    const text = audit(file);
    expect(text.code).toBe(1);
    expect(text.stdout.split("\n")).toContain("  Lots     5  Lots!C5  Expires  error     'soon' is not a date; type it as 3/15/2026 or 2026-03-15");
    const json = JSON.parse(audit(file, "--json").stdout);
    expect(json.tables.Lots).toEqual({ from: "sheet", sheet: "Lots", range: "A3:H7" });
    expect(json.diagnostics).toEqual([
      { table: "Lots", row: 5, cell: "Lots!C5", column: "Expires", severity: "error", message: "'soon' is not a date; type it as 3/15/2026 or 2026-03-15" },
    ]);
    expect(json.blocked).toEqual([{ product: "Botox 100U", message: "Lots row 5, Expires (Lots!C5): 'soon' is not a date; type it as 3/15/2026 or 2026-03-15" }]);
  });

  it("names the worksheet row of an Excel table that starts lower down, and lists blocked products without sending people elsewhere", async () => {
    // The Draws table's header is in row 4: its 2nd and 3rd data rows are worksheet rows 6 and 7.
    // Two Botox draws spoilt: V1002's quantity (data row 2) and V1004's kind (data row 4).
    const draws: Row[] = CLINIC.draws.map((r, i) => (i === 2 ? [...r.slice(0, 5), "lots", ...r.slice(6)] : i === 4 ? [...r.slice(0, 6), "Wastage", r[7]] : r));
    const sheets = asTables({ ...CLINIC, draws }).map((s) => (s.name === "Draws" ? { ...s, firstRow: 4 } : s));
    const json = JSON.parse(audit(await writeWorkbook(join(dir, "table-lower-down.xlsx"), sheets), "--json").stdout);
    expect(json.tables.Draws).toEqual({ from: "table", sheet: "Draws", range: "A4:H9" });
    expect(json.diagnostics.map((d: { row: number; cell: string | null; column: string }) => [d.row, d.cell, d.column])).toEqual([
      [6, "Draws!F6", "Qty"],
      [8, "Draws!G8", "Kind"],
    ]);
    const blocked = json.blocked.map((b: { message: string }) => b.message).join("\n");
    expect(blocked).not.toMatch(/LOTBOOK\.CHECK/);
    expect(json.blocked).toContainEqual({
      product: "Botox 100U",
      message: "Draws row 6, Qty (Draws!F6): 'lots' is not a quantity (and 1 more problem, listed under Diagnostics)",
    });
  });
});

describe("a table that cannot be read never looks like zero", () => {
  it("shows stock value, alerts and conservation as not computed when Lots has no quantity column it knows, and blocks every product drawn", async () => {
    const lots = CLINIC.lots.map((r, i) => (i === 0 ? LOTS_HEADER.map((h) => (h === "Qty" ? "Units In" : h)) : r));
    const file = await writeWorkbook(join(dir, "unknown-qty.xlsx"), asTables({ ...CLINIC, lots }));
    const text = audit(file);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("Stock value at cost: not computed: the Lots table cannot be read (see Diagnostics)");
    expect(text.stdout).toContain("Conservation: not computed");
    expect(text.stdout).not.toMatch(/\$0\.00/);
    const a = JSON.parse(audit(file, "--json").stdout);
    expect(a.stockValue).toEqual({ total: null, complete: false, byProduct: [] });
    expect(a.conservation).toBeNull();
    expect(a.alerts).toBeNull();
    expect(a.diagnostics).toEqual([
      { table: "Lots", row: 1, cell: null, column: "Qty", severity: "error", message: "the table has no Qty column; add a column headed Qty (or Quantity)" },
    ]);
    // Draws name Botox 100U and Juvederm Ultra XC: both are blocked, and the output says why.
    expect(a.blocked).toEqual([
      { product: "Botox 100U", message: "Lots row 1, Qty: the table has no Qty column; add a column headed Qty (or Quantity)" },
      { product: "Juvederm Ultra XC", message: "Lots row 1, Qty: the table has no Qty column; add a column headed Qty (or Quantity)" },
    ]);
  });

  it("reads the headers people really write: Qty Rec'd, $/unit and Exp. Date", async () => {
    const renamed: Record<string, string> = { Qty: "Qty Rec'd", "Unit Cost": "$/unit", Expires: "Exp. Date" };
    const lots = CLINIC.lots.map((r, i) => (i === 0 ? LOTS_HEADER.map((h) => renamed[h] ?? h) : r));
    const r = audit(await writeWorkbook(join(dir, "spelled.xlsx"), asTables({ ...CLINIC, lots })), "--json");
    expect(r.code).toBe(0);
    expect(results(r.stdout)).toEqual(reference);
  });
});

describe("a header row with one number in it is still the header row", () => {
  it("reads the table and names the ignored column", async () => {
    // A plain sheet: an Excel table would store every heading as text.
    const lots = CLINIC.lots.map((r, i) => (i === 0 ? [...LOTS_HEADER, 2025] : [...r, null]));
    const sheets = asTables().map((s) => (s.name === "Lots" ? { name: "Lots", rows: lots } : s));
    const r = audit(await writeWorkbook(join(dir, "year-in-header.xlsx"), sheets), "--json");
    expect(r.code).toBe(0);
    const a = results(r.stdout);
    expect(a.diagnostics).toEqual([
      {
        table: "Lots", row: 1, cell: "Lots!I1", column: "2025", severity: "warning",
        message: "the header row holds 2025 in its 9th column, which is not a column name; Lotbook ignores that column (give it a heading in words if it matters)",
      },
    ]);
    expect({ ...a, diagnostics: [], counts: { ...a.counts, warnings: 0 } }).toEqual(reference);
  });
});

describe("books below zero are not clean", () => {
  it("lists a lot drawn beyond its receipts among the alerts and exits 1", async () => {
    // One receipt of 100 U at $6.50 ($650); two draws of 60 U: 120 U × $6.50 = $780 of COGS,
    // so −20 U are left, worth −20 × $6.50 = −$130.
    const ledger = {
      lots: [LOTS_HEADER, ["Botox 100U", "C3709C3", ymd(2027, 6, 30), ymd(2026, 1, 5), 100, "U", 6.5, null]] as Row[],
      draws: [
        DRAWS_HEADER,
        [ymd(2026, 1, 12), "V1", "P-1", "Botox 100U", "C3709C3", 60, "Visit", 840],
        [ymd(2026, 1, 19), "V2", "P-2", "Botox 100U", "C3709C3", 60, "Visit", 840],
      ] as Row[],
      counts: [COUNTS_HEADER] as Row[],
      products: CLINIC.products,
    };
    const file = await writeWorkbook(join(dir, "below-zero.xlsx"), asTables(ledger));
    const r = audit(file, "--json");
    expect(r.code).toBe(1);
    const a = JSON.parse(r.stdout);
    expect(a.alerts).toEqual([
      { product: "Botox 100U", lot: "C3709C3", expires: "2027-06-30", daysLeft: 486, remaining: -20, value: -130, expired: false, withinDays: null, residue: false, belowZero: true },
    ]);
    expect(a.counts.alerts).toBe(1);
    expect(a.conservation).toMatchObject({ purchases: 650, cogs: 780, onHand: -130, residue: 0 });
    // CHECK's row-level warning stays.
    expect(a.diagnostics).toEqual([expect.objectContaining({ table: "Draws", row: 3, cell: "Draws!F3", severity: "warning", message: expect.stringMatching(/^overdraw: 60 drawn but lot C3709C3 had 40 left/) })]);
    const text = audit(file);
    expect(text.stdout).toContain("Expiry alerts: 1");
    expect(text.stdout).toMatch(/C3709C3 +6\/30\/2027 +486 +-20 +-\$130\.00 +books below zero/);
    expect(text.stdout).toContain("Needs attention: 1 expiry alert.");
  });
});

describe("no row is skipped silently", () => {
  it("skips a totals row in the middle of a Draws sheet with one line naming it", async () => {
    const draws: Row[] = [...CLINIC.draws.slice(0, 3), ["Total", null, null, null, null, 44, null, 616], ...CLINIC.draws.slice(3)];
    const sheets = asTables().map((s) => (s.name === "Draws" ? { name: "Draws", rows: draws } : s));
    const r = audit(await writeWorkbook(join(dir, "totals-between.xlsx"), sheets), "--json");
    expect(r.code).toBe(0);
    const a = results(r.stdout);
    expect(a.diagnostics).toEqual([
      { table: "Draws", row: 4, cell: "Draws!A4", column: "Date", severity: "warning", message: "row 4 is a totals row ('Total'); Lotbook skips it, as it adds up the rows above" },
    ]);
    expect({ ...a, diagnostics: [], counts: { ...a.counts, warnings: 0 } }).toEqual(reference);
  });

  it("blocks a Subtotal row in Lots with one error, and lists it as blocked rather than worth $0.00", async () => {
    const lots: Row[] = [...CLINIC.lots, ["Subtotal", null, null, null, 302, null, null, null]];
    const file = await writeWorkbook(join(dir, "subtotal.xlsx"), asTables({ ...CLINIC, lots }));
    const a = JSON.parse(audit(file, "--json").stdout);
    expect(a.exitCode).toBe(1);
    expect(a.diagnostics).toEqual([
      {
        table: "Lots", row: 5, cell: "Lots!A5", column: "Product", severity: "error",
        message: "'Subtotal' makes this a subtotal row, which Lotbook cannot read as a receipt; move subtotals out of the table (or label the last row Total)",
      },
    ]);
    expect(a.stockValue.byProduct).toContainEqual({ product: "Subtotal", value: null });
    expect(a.blocked).toEqual([{ product: "Subtotal", message: expect.stringMatching(/^Lots row 5, Product \(Lots!A5\): 'Subtotal' makes this a subtotal row/) }]);
    // The real products are untouched: $1,382 + $350.
    expect(a.stockValue.total).toBe(1732);
    expect(audit(file).stdout).toMatch(/^ {2}Subtotal +blocked$/m);
  });
});
