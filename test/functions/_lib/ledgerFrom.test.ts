import { forgetLedgers, ledgerFrom } from "../../../src/functions/_lib/ledgerFrom";
import * as LOTBOOK from "../../../src/functions/functions";
import { COUNTS, DRAWS, LOTS, OMITTED, PRODUCTS } from "../_ledger";

/** The tables as Excel hands them to each formula: fresh arrays with the same values. */
const fresh = (grid: readonly (readonly unknown[])[]) => grid.map((r) => [...r]) as never;

describe("the ledger a formula reads", () => {
  beforeEach(() => forgetLedgers());

  it("is built once for formulas handed the same values, in fresh arrays, as one recalculation hands them", () => {
    const first = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS) });
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS) })).toBe(first);
  });

  it("is built again when any cell differs, wherever it is, or a table is added or left out", () => {
    const first = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS) });
    const firstRowChanged = fresh(DRAWS);
    (firstRowChanged as unknown[][])[1][2] = "P-999";
    expect(ledgerFrom({ lots: fresh(LOTS), draws: firstRowChanged, counts: fresh(COUNTS) })).not.toBe(first);
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: null })).not.toBe(first);
    const longer = [...fresh(LOTS), ["Botox 100U", "NEW1", null, null, 10, "U", 7, null, null, null]];
    expect(ledgerFrom({ lots: longer as never, draws: fresh(DRAWS), counts: fresh(COUNTS) })).not.toBe(first);
  });

  it("keeps the ledgers with and without Products, so formulas of both kinds do not rebuild each other's", () => {
    const without = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS) });
    const withProducts = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS), products: fresh(PRODUCTS) });
    expect(withProducts).not.toBe(without);
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS) })).toBe(without);
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), counts: fresh(COUNTS), products: fresh(PRODUCTS) })).toBe(withProducts);
  });

  it("answers from the new values after an edit: V1's 40 U at $6.50 becomes 30 U", () => {
    expect(LOTBOOK.visitCogs([["V1"]], fresh(DRAWS), fresh(LOTS), OMITTED)).toEqual([[260]]);
    const edited = fresh(DRAWS);
    (edited as unknown[][])[1][7] = 30;
    // 30 × 6.50 = 195.
    expect(LOTBOOK.visitCogs([["V1"]], edited, fresh(LOTS), OMITTED)).toEqual([[195]]);
    expect(LOTBOOK.visitCogs([["V1"]], fresh(DRAWS), fresh(LOTS), OMITTED)).toEqual([[260]]);
  });

  it("tells an error value from another, and from the same error", () => {
    const withError = (code: string) => {
      const lots = fresh(LOTS) as unknown[][];
      lots[2][6] = { type: "Error", errorType: code };
      return lots as never;
    };
    const na = ledgerFrom({ lots: withError("#N/A"), draws: fresh(DRAWS) });
    expect(ledgerFrom({ lots: withError("#N/A"), draws: fresh(DRAWS) })).toBe(na);
    expect(ledgerFrom({ lots: withError("#DIV/0!"), draws: fresh(DRAWS) })).not.toBe(na);
  });
});
