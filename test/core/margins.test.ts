import fc from "fast-check";
import {
  buildLedger, check, conservation, marginBy, MARGIN_GROUPS, moneyToNumber, qtyToNumber, stockByProduct, stockValue, visitCogs,
  type Ledger, type MarginLine, type Result, type Serial,
} from "../../src/core";
import { COUNTS, day, DRAWS, LOTS } from "../functions/_ledger";
import { ledgerCase, type LedgerTables } from "./_arbitraries";

const RUNS = { seed: 20261127, numRuns: 200 };

function build(t: LedgerTables): Ledger {
  return buildLedger({ lots: t.lots, draws: t.draws, counts: t.counts, products: t.products });
}

/** Results as plain dollars, for comparing with hand arithmetic. */
function dollars(results: Result<MarginLine>[]) {
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    const m = r.value;
    const $ = (v: bigint | number | null) => (v === null ? null : moneyToNumber(v));
    return [m.group, m.date ?? m.visits, $(m.revenue), $(m.cogs), $(m.margin)];
  });
}

describe("margin by visit, service, provider and product (the practice in test/functions/_ledger.ts)", () => {
  // V1 40 U × $6.50 = 260 (price 520); V2 35 U × 6.50 = 227.50 (455); V3 25 U × 6.50 = 162.50 (325);
  // V4 1 mL × $300 = 300 (750, Lips) and 20 U × $6.00 = 120 (260, Glabella).
  const ledger = buildLedger({ lots: LOTS, draws: DRAWS, counts: COUNTS });

  it("by visit: in date order, each with its first day", () => {
    expect(dollars(marginBy(ledger, "visit"))).toEqual([
      ["V1", day(2026, 9, 2), 520, 260, 260],
      ["V2", day(2026, 9, 3), 455, 227.5, 227.5],
      ["V3", day(2026, 9, 4), 325, 162.5, 162.5],
      ["V4", day(2026, 9, 12), 1010, 420, 590],
    ]);
  });

  it("by service: each draw line counts for its own service, so V4 is split between Lips and Glabella", () => {
    expect(dollars(marginBy(ledger, "service"))).toEqual([
      ["Crow's feet", 1, 325, 162.5, 162.5],
      ["Forehead", 1, 455, 227.5, 227.5],
      ["Glabella", 2, 780, 380, 400],
      ["Lips", 1, 750, 300, 450],
    ]);
  });

  it("by provider and by product", () => {
    expect(dollars(marginBy(ledger, "provider"))).toEqual([
      ["Dr. Adams", 3, 1855, 842.5, 1012.5],
      ["Dr. Baker", 1, 455, 227.5, 227.5],
    ]);
    expect(dollars(marginBy(ledger, "product"))).toEqual([
      ["Botox 100U", 4, 1560, 770, 790],
      ["Juvederm Ultra XC 1mL", 1, 750, 300, 450],
    ]);
  });

  it("groups case-insensitively, keeps blanks in a group of their own, last, and has no margin without a price", () => {
    const draws = [
      ["Date", "Visit", "Provider", "Service", "Product", "Lot", "Qty", "Price"],
      [day(2026, 9, 2), "V1", "dr. adams", "glabella", "Botox 100U", "C3709C3", 10, null],
      [day(2026, 9, 3), "V2", "Dr. Adams", null, "Botox 100U", "C3709C3", 10, 200],
      [day(2026, 9, 4), "V3", "", "Glabella ", "Botox 100U", "C3709C3", 10, null],
    ];
    const l = buildLedger({ lots: LOTS, draws });
    // 10 U × $6.50 = 65 a visit.
    expect(dollars(marginBy(l, "service"))).toEqual([
      ["glabella", 2, null, 130, null],
      ["(no service)", 1, 200, 65, 135],
    ]);
    expect(dollars(marginBy(l, "provider"))).toEqual([
      ["dr. adams", 2, 200, 130, 70],
      ["(no provider)", 1, null, 65, null],
    ]);
  });

  it("a group holding a visit that an error blocks gives that error, named for the group, instead of a smaller total", () => {
    // V4's syringe line has a price that is not a number: V4 is blocked (and so is lot V100, which
    // only V4 drew from), so Glabella (V1 + V4) and Lips (V4) show the error; the others are whole.
    const draws = DRAWS.map((r, i) => (i === 4 ? [...r.slice(0, 10), "seven fifty"] : r));
    const results = marginBy(buildLedger({ lots: LOTS, draws, counts: COUNTS }), "service");
    expect(dollars(results.filter((r) => r.ok))).toEqual([
      ["Crow's feet", 1, 325, 162.5, 162.5],
      ["Forehead", 1, 455, 227.5, 227.5],
    ]);
    const failed = results.filter((r) => !r.ok).map((r) => !r.ok && [r.error.product, r.error.kind, r.error.message]);
    expect(failed).toEqual([
      ["Glabella", "value", "Draws row 5, Price: 'seven fifty' is not an amount of money"],
      ["Lips", "value", "Draws row 5, Price: 'seven fifty' is not an amount of money"],
    ]);
  });

  it("every grouping accounts for the same cost of goods as the books (random ledgers)", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), (c) => {
        const ledger = build(c);
        fc.pre(check(ledger).every((d) => d.severity !== "error"));
        const { cogs } = conservation(ledger, null);
        const revenues = new Set<bigint>();
        for (const by of MARGIN_GROUPS) {
          let sum = 0n;
          let revenue = 0n;
          for (const r of marginBy(ledger, by)) {
            if (!r.ok) throw new Error(r.error.message);
            // Amounts are exact integers of 10⁻¹² $, in a number while safe: compared as bigints.
            const cost = BigInt(r.value.cogs);
            const rev = BigInt(r.value.revenue ?? 0);
            sum += cost;
            revenue += rev;
            if (r.value.margin !== null) expect(BigInt(r.value.margin)).toBe(rev - cost);
          }
          expect(sum).toBe(cogs);
          revenues.add(revenue);
        }
        expect(revenues.size).toBe(1);
        for (const r of marginBy(ledger, "visit")) {
          if (r.ok) expect(visitCogs(ledger, r.value.group)).toEqual({ ok: true, value: BigInt(r.value.cogs) });
        }
      }),
      RUNS,
    );
  });
});

describe("margin by service and provider on random ledgers", () => {
  it("sums to the books' COGS and counts each group's distinct visits, however a visit's lines are split", () => {
    const names = ["Glabella", "glabella ", "Lips", null, ""];
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), fc.array(fc.nat(names.length - 1), { minLength: 64, maxLength: 64 }), (c, picks) => {
        // Each draw gets a Service and a Provider from the picks: same-named groups in other case and
        // spacing, blanks, and visits whose lines fall in two groups.
        const draws = c.draws.map((r, i) => (i === 0 ? [...r, "Service", "Provider"] : [...r, names[picks[i % 64]], names[picks[(i * 7) % 64]]]));
        const ledger = buildLedger({ lots: c.lots, draws, counts: c.counts, products: c.products });
        fc.pre(check(ledger).every((d) => d.severity !== "error"));
        const { cogs } = conservation(ledger, null);
        const visitAt = draws[0].indexOf("Visit");
        const kindAt = draws[0].indexOf("Kind");
        for (const [by, at] of [["service", draws[0].length - 2], ["provider", draws[0].length - 1]] as const) {
          // Distinct visits per group, by hand: blanks together, names folded.
          const visits = new Map<string, Set<string>>();
          for (const r of draws.slice(1)) {
            const kind = r[kindAt];
            if (r[visitAt] === null || r[visitAt] === "" || (kind !== null && kind !== "" && kind !== "Visit")) continue;
            const text = r[at];
            const key = text === null || String(text).trim() === "" ? "" : String(text).trim().toLowerCase();
            if (!visits.has(key)) visits.set(key, new Set());
            visits.get(key)!.add(String(r[visitAt]).trim().toUpperCase());
          }
          let sum = 0n;
          const counted = new Map<string, number>();
          for (const r of marginBy(ledger, by)) {
            if (!r.ok) throw new Error(r.error.message);
            sum += BigInt(r.value.cogs);
            counted.set(r.value.group.startsWith("(no ") ? "" : r.value.group.toLowerCase(), r.value.visits);
          }
          expect(sum).toBe(cogs);
          expect(counted).toEqual(new Map([...visits].map(([k, v]) => [k, v.size])));
        }
      }),
      RUNS,
    );
  });
});

describe("stock by product", () => {
  it("sums each product's lots at the as-of date, counts included", () => {
    const ledger = buildLedger({ lots: LOTS, draws: DRAWS, counts: COUNTS });
    const shown = (asOf: Serial) =>
      stockByProduct(ledger, asOf).map((r) => (r.ok ? [r.value.product, r.value.unit, qtyToNumber(r.value.remaining), moneyToNumber(r.value.value), r.value.lotsInStock] : r.error.message));
    // Sept 30: C3709C3 is empty; C4000A1 counted at 78 (80 on the books) at $6; V100 holds 1 mL at $300.
    expect(shown(day(2026, 9, 30))).toEqual([
      ["Botox 100U", "U", 78, 468, 1],
      ["Juvederm Ultra XC 1mL", "mL", 1, 300, 1],
    ]);
    // Sept 5: C3709C3 drawn out, C4000A1 not yet received; both syringes still there.
    expect(shown(day(2026, 9, 5))).toEqual([
      ["Botox 100U", "U", 0, 0, 0],
      ["Juvederm Ultra XC 1mL", "mL", 2, 600, 1],
    ]);
  });

  it("a product an error blocks gives its error in its own entry; the others are still there", () => {
    const lots = LOTS.map((r, i) => (i === 3 ? [...r.slice(0, 4), "two", ...r.slice(5)] : r));
    const results = stockByProduct(buildLedger({ lots, draws: DRAWS }), day(2026, 9, 30));
    expect(results[0]).toMatchObject({ ok: true, value: { product: "Botox 100U" } });
    expect(results[1]).toMatchObject({ ok: false, error: { kind: "value", product: "Juvederm Ultra XC 1mL" } });
    expect(!results[1].ok && results[1].error.message).toMatch(/^Lots row 4, Qty: /);
  });

  it("adds up to the value of all stock at any as-of date (random ledgers)", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), (c) => {
        const ledger = build(c);
        fc.pre(check(ledger).every((d) => d.severity !== "error"));
        for (const asOf of c.asOfs) {
          let total = 0n;
          for (const r of stockByProduct(ledger, asOf)) {
            if (!r.ok) throw new Error(r.error.message);
            total += r.value.value;
          }
          expect(stockValue(ledger, "*", asOf)).toEqual({ ok: true, value: total });
        }
      }),
      RUNS,
    );
  });
});
