import { buildLedger, check, expiring, fefoLot, lotCost, lotRemaining, shrinkageTotal, visitCogs, visitMargin, type Cell } from "../../src/core";
import { d, dollars, units, value } from "./_ledger";

/**
 * Older desktop builds (Excel 2021 LTSC among them) pass empty cells to a custom function as 0
 * (office-js issues 4702 and 5262). Where a 0 cannot be meant it must read as the blank it was.
 */

const LOTS_HEADER = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost"];
const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];
const COUNTS_HEADER = ["Date", "Product", "Lot", "Counted"];

const ledgerOf = (lots: Cell[][], draws: Cell[][] = [], counts?: Cell[][]) =>
  buildLedger({ lots: [LOTS_HEADER, ...lots], draws: [DRAWS_HEADER, ...draws], counts: counts && [COUNTS_HEADER, ...counts] });

const V1 = [d(2026, 4, 2), "V1", "P-001", "Botox 100U", "C1", 20, "Visit", 300];

describe("a Total Cost of 0 beside a Unit Cost", () => {
  it("is a blank Total Cost: the lot costs its Unit Cost (the issue's worked case)", () => {
    const ledger = ledgerOf([["Botox 100U", "C1", d(2027, 6, 30), d(2026, 4, 1), 100, "U", 6.5, 0]], [V1]);
    expect(dollars(lotCost(ledger, "C1"))).toBe(6.5);
    // 20 U × $6.50 = $130.
    expect(dollars(visitCogs(ledger, "V1"))).toBe(130);
    // No "Unit Cost × Qty does not equal Total Cost" warning about a cell the user left empty.
    expect(check(ledger)).toEqual([]);
  });

  it("is kept where it can be meant: with no Unit Cost, or a Unit Cost of 0, the lot is free", () => {
    const ledger = ledgerOf([
      ["Botox 100U", "C1", d(2027, 6, 30), d(2026, 4, 1), 100, "U", null, 0],
      ["Botox 100U", "C2", d(2027, 6, 30), d(2026, 4, 1), 100, "U", 0, 0],
    ]);
    expect(dollars(lotCost(ledger, "C1"))).toBe(0);
    expect(dollars(lotCost(ledger, "C2"))).toBe(0);
  });
});

describe("an Expires of 0", () => {
  // NODATE's Expires is 0; DATED expires on 6/30/2026.
  const lots = (expires: Cell) => [
    ["Botox 100U", "NODATE", expires, d(2026, 1, 5), 100, "U", 6.5, null],
    ["Botox 100U", "DATED", d(2026, 6, 30), d(2026, 1, 5), 100, "U", 6.5, null],
  ];

  it("never expires: EXPIRING lists only the dated lot, even years later", () => {
    const listed = expiring(ledgerOf(lots(0)), 36500, d(2030, 1, 1)).map((r) => value(r).lot);
    expect(listed).toEqual(["DATED"]);
  });

  it("is drawn after every dated lot (FEFO), and is the lot left once the dated one has expired", () => {
    const ledger = ledgerOf(lots(0));
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 3, 1)))).toBe("DATED");
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 7, 1)))).toBe("NODATE");
  });

  it("reads as a blank Expires cell does", () => {
    const zero = ledgerOf(lots(0));
    const blank = ledgerOf(lots(null));
    expect(check(zero)).toEqual(check(blank));
    expect(expiring(zero, 36500, d(2030, 1, 1))).toEqual(expiring(blank, 36500, d(2030, 1, 1)));
  });
});

describe("a date of 0 elsewhere is the blank date it was", () => {
  it("a Received of 0: the same error, on the same results, as a blank Received", () => {
    const lots = (received: Cell) => [["Botox 100U", "C1", d(2027, 6, 30), received, 100, "U", 6.5, null]];
    const zero = ledgerOf(lots(0), [V1]);
    const blank = ledgerOf(lots(null), [V1]);
    expect(check(zero)).toEqual(check(blank));
    expect(check(zero)).toEqual([expect.objectContaining({ table: "Lots", row: 2, column: "Received", severity: "error", message: "the date received is blank" })]);
    expect(visitCogs(zero, "V1")).toEqual(visitCogs(blank, "V1"));
    expect(lotRemaining(zero, "C1", d(2026, 5, 1))).toEqual(lotRemaining(blank, "C1", d(2026, 5, 1)));
  });

  it("a Draws or Counts Date of 0: the same error as a blank Date", () => {
    const lots = [["Botox 100U", "C1", d(2027, 6, 30), d(2026, 4, 1), 100, "U", 6.5, null]];
    const draw = (date: Cell) => [[date, "V1", "P-001", "Botox 100U", "C1", 20, "Visit", 300]];
    const count = (date: Cell) => [[date, "Botox 100U", "C1", 80]];
    const zero = ledgerOf(lots, draw(0), count(0));
    const blank = ledgerOf(lots, draw(null), count(null));
    expect(check(zero)).toEqual(check(blank));
    expect(check(zero).map((x) => [x.table, x.column, x.severity])).toEqual([["Draws", "Date", "error"], ["Counts", "Date", "error"]]);
  });
});

describe("a 0 that can be meant is kept", () => {
  it("a Price of 0 is a free visit, with a margin of −COGS", () => {
    const ledger = ledgerOf([["Botox 100U", "C1", d(2027, 6, 30), d(2026, 4, 1), 100, "U", 6.5, null]], [[...V1.slice(0, 7), 0]]);
    // 0 − 20 × 6.50 = −130.
    expect(dollars(visitMargin(ledger, "V1"))).toBe(-130);
  });

  it("a Counted of 0 is an empty shelf", () => {
    const ledger = ledgerOf(
      [["Botox 100U", "C1", d(2027, 6, 30), d(2026, 4, 1), 100, "U", 6.5, null]],
      [V1],
      [[d(2026, 4, 30), "Botox 100U", "C1", 0]],
    );
    // 100 received − 20 drawn = 80 expected, 0 counted: 80 U short.
    expect(units(shrinkageTotal(ledger, "C1", "units"))).toBe(80);
  });
});
