import fc from "fast-check";
import { buildLedger, check, checkRows, updateLedger, type Cell, type Diagnostic, type Grid } from "../../src/core";

// Draws that repeat another (entered twice, a visit id used for two patients or on two days) are
// warnings a ledger finds only when they are asked for: for the whole table by CHECK, and for the
// rows a form is about to add by checkRows, which looks only at those rows' visits and minutes.
// Both must say the same of the same rows, on a ledger built whole and on one updated by an append.

const LOTS: Grid = [
  ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"],
  ["Botox 100U", "C1", 47000, 45900, 400, "U", 6.5],
  ["Botox 100U", "C2", 47100, 45900, 400, "U", 6.5],
  ["Juvederm Ultra", "J1", 47000, 45900, 20, "mL", 300],
];
const HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];

/** Few values per column, so rows repeat each other often; loose draws (no visit) share minutes. */
const row: fc.Arbitrary<Cell[]> = fc.tuple(
  fc.constantFrom<Cell>(46000.5, 46000.5, 46001.25, 46001.2502, 46002, "2025-12-09"),
  fc.constantFrom<Cell>("V1", "V2", "v1", "V3", null, null),
  fc.constantFrom<Cell>("P1", "P2", "p1", null),
  fc.constantFrom<Cell>("Botox 100U", "Juvederm Ultra", null),
  fc.constantFrom<Cell>("C1", "C2", "J1", null),
  fc.constantFrom<Cell>(1, 2.5, 2.5, 0),
  fc.constantFrom<Cell>(null, "Visit", "Waste", "Waste", "Sample", "Other"),
  fc.constantFrom<Cell>(null, 450),
);
/** Rows, and copies of some of them further down (a line entered twice, a waste recorded twice). */
const draws = fc
  .tuple(fc.array(row, { minLength: 1, maxLength: 25 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }))
  .map(([rows, copies]): Grid => {
    const out = [...rows];
    for (const [which, where] of copies) {
      const from = which % out.length;
      out.splice(from + 1 + (where % (out.length - from)), 0, [...out[from]]);
    }
    return [HEADER, ...out];
  });

const REPEAT_CODES = new Set(["repeated-draw", "visit-other-patient", "visit-other-day"]);
const inRows = (from: number, to: number) => (d: Diagnostic) => d.table === "Draws" && d.row >= from && d.row < to;

describe("draws that repeat another", () => {
  it("are found alike for any run of rows (checkRows) and for the whole table (CHECK)", () => {
    fc.assert(
      fc.property(draws, fc.nat(), fc.nat(), (grid, a, b) => {
        const from = 2 + (a % grid.length);
        const to = from + 1 + (b % 4);
        // The run first, on a ledger that has not found the whole table's repeats yet.
        const ledger = buildLedger({ lots: LOTS, draws: grid });
        const some = checkRows(ledger, "Draws", from, to);
        const all = check(ledger);
        expect(some).toEqual(all.filter(inRows(from, to)));
        // And once the whole table's are known, the run is read from them.
        expect(checkRows(ledger, "Draws", from, to)).toEqual(some);
      }),
      { numRuns: 300 },
    );
  });

  it("are found for a draw appended to an updated ledger as a whole build finds them", () => {
    fc.assert(
      fc.property(draws, row, (grid, extra) => {
        const before = buildLedger({ lots: LOTS, draws: grid });
        const grown = [...grid, extra];
        const next = updateLedger(before, { lots: LOTS, draws: grown }, { Draws: [grown.length - 1] });
        const row = grown.length;
        expect(checkRows(next, "Draws", row, row + 1)).toEqual(check(buildLedger({ lots: LOTS, draws: grown })).filter(inRows(row, row + 1)));
      }),
      { numRuns: 300 },
    );
  });

  it("are found on an updated ledger as on one built whole, after an append or an edit, from the earlier ledger's", () => {
    fc.assert(
      fc.property(draws, row, fc.nat(), fc.constantFrom<Cell>(1, 2.5, 0.25, "V9", "P2", null), (grid, extra, which, value) => {
        const before = buildLedger({ lots: LOTS, draws: grid });
        // The earlier ledger's repeats are known, as when CHECK or the pane's overview showed them.
        check(before);
        const grown = [...grid, extra];
        const appended = updateLedger(before, { lots: LOTS, draws: grown }, { Draws: [grown.length - 1] });
        expect(check(appended)).toEqual(check(buildLedger({ lots: LOTS, draws: grown })));
        // An edit: Qty, Visit or Patient of one row.
        const at = 1 + (which % (grid.length - 1));
        const column = typeof value === "number" ? 5 : value === "V9" ? 1 : 2;
        const edited = grid.map((r, i) => (i === at ? r.map((c, j) => (j === column ? value : c)) : r));
        const changed = updateLedger(before, { lots: LOTS, draws: edited }, { Draws: [at] });
        expect(check(changed)).toEqual(check(buildLedger({ lots: LOTS, draws: edited })));
      }),
      { numRuns: 300 },
    );
  });

  it("are warned of on the later row, naming the earlier one", () => {
    // Rows 2 and 3 are one line entered twice; row 4 is the same visit for another patient; rows
    // 5 and 7 one waste entered twice (row 6, at the same minute, wastes another lot).
    const grid: Grid = [
      HEADER,
      [46000.5, "V1", "P1", "Botox 100U", "C1", 2.5, null, 450],
      [46000.5, "V1", "P1", "Botox 100U", "C1", 2.5, null, 450],
      [46000.5, "V1", "P2", "Botox 100U", "C2", 1, null, 450],
      [46001.25, null, null, "Botox 100U", "C1", 1, "Waste", null],
      [46001.25, null, null, "Botox 100U", "C2", 1, "Waste", null],
      [46001.25, null, null, "Botox 100U", "C1", 1, "Waste", null],
    ];
    const found = check(buildLedger({ lots: LOTS, draws: grid })).filter((d) => REPEAT_CODES.has(d.code));
    expect(found.map((d) => [d.row, d.code, d.column])).toEqual([[3, "repeated-draw", "Lot"], [4, "visit-other-patient", "Visit"], [7, "repeated-draw", "Lot"]]);
    expect(found[0].message).toMatch(/repeats row 2/);
    expect(found[2].message).toMatch(/repeats row 5/);
    const ledger = buildLedger({ lots: LOTS, draws: grid });
    expect(checkRows(ledger, "Draws", 4, 5).map((d) => d.code)).toEqual(["visit-other-patient"]);
    expect(checkRows(ledger, "Draws", 6, 8).map((d) => [d.row, d.code])).toEqual([[7, "repeated-draw"]]);
  });
});
