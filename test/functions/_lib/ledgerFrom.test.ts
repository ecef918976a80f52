import { moneyToNumber, stockValue, visitCogs, type Result } from "../../../src/core";
import { forgetLedgers, ledgerFrom, ledgerOfArgs } from "../../../src/functions/_lib/ledgerFrom";
import { COUNTS, day, DRAWS, LOTS, OMITTED, PRODUCTS } from "../_ledger";

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
    const cogs = (draws: never) => dollars(visitCogs(ledgerFrom({ lots: fresh(LOTS), draws }), "V1"));
    expect(cogs(fresh(DRAWS))).toBe(260);
    const edited = fresh(DRAWS);
    (edited as unknown[][])[1][7] = 30;
    // 30 × 6.50 = 195.
    expect(cogs(edited)).toBe(195);
    expect(cogs(fresh(DRAWS))).toBe(260);
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

  it("answers from the values, not the arrays: a caller appending draws to an array it passed gets each new answer", () => {
    // One lot of 100 U at $6.50; on May 1 the stock value is what is left × 6.50.
    const lots = [
      ["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"],
      ["Botox 100U", "C1", day(2027, 6, 30), day(2026, 4, 1), 100, 6.5],
    ];
    const draws: (string | number)[][] = [["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind"]];
    const value = () => dollars(stockValue(ledgerFrom({ lots, draws }), "*", day(2026, 5, 1)));
    expect(value()).toBe(650); // 100 × 6.50
    draws.push([day(2026, 4, 2), "V1", "P-001", "Botox 100U", "C1", 20, "Visit"]);
    expect(value()).toBe(520); // 80 × 6.50
    draws.push([day(2026, 4, 3), "V2", "P-002", "Botox 100U", "C1", 30, "Visit"]);
    expect(value()).toBe(325); // 50 × 6.50
    draws[2][5] = 10; // V2's 30 U corrected in place to 10 U
    expect(value()).toBe(455); // 70 × 6.50
    // Unchanged since, the same arrays are the same values: the ledger is reused.
    expect(ledgerFrom({ lots, draws })).toBe(ledgerFrom({ lots, draws }));
  });

  it("is built again for the other date system, and each is kept", () => {
    const in1904 = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), dateSystem: 1904 });
    expect(in1904.dateSystem).toBe(1904);
    const in1900 = ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS) });
    expect(in1900).not.toBe(in1904);
    expect(in1900.dateSystem).toBe(1900);
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), dateSystem: 1900 })).toBe(in1900);
    expect(ledgerFrom({ lots: fresh(LOTS), draws: fresh(DRAWS), dateSystem: 1904 })).toBe(in1904);
    expect(ledgerOfArgs(fresh(LOTS), fresh(DRAWS), OMITTED, OMITTED, 1904)).toBe(in1904);
    expect(ledgerOfArgs(fresh(LOTS), fresh(DRAWS))).toBe(in1900);
  });
});

/** A successful amount in dollars; fails the test with the error message otherwise. */
function dollars(r: Result<bigint>): number {
  if (!r.ok) throw new Error(r.error.message);
  return moneyToNumber(r.value);
}
