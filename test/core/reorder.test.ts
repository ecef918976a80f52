import fc from "fast-check";
import { buildLedger, check, QTY_ONE, qtyFromNumber, qtyToNumber, reorder, reorderGroups, type Cell, type Qty, type Result, type Serial } from "../../src/core";
import type { ReorderEntry } from "../../src/core/reorder";
import { col, DRAWS_HEADER, ledgerCase, type LedgerCase, type Row } from "./_arbitraries";
import { d, ledgerOf, value } from "./_ledger";

// Every case looks at the books at the end of 1 April 2026. The look-back window is the 90 days
// ending then: 2 January to 1 April (30 + 28 + 31 + 1 days), so a draw dated 2 January or later
// counts toward the rate and one dated 1 January or earlier does not.
const AS_OF = d(2026, 4, 1);
const PRODUCTS_HEADER = ["Product", "Unit", "Vial Size", "Lead Days", "Cover Days", "Pack Size"];

const visit = (date: number, product: string, lot: string, qty: number, n: number): Cell[] => [date, `V${n}`, `P${n}`, product, lot, qty, "Visit", null];

/** Nine Visit draws of `qty`, on the 5th, 15th and 25th of January, February and March. */
function steadyDraws(product: string, lot: string, qty: number): Cell[][] {
  const out: Cell[][] = [];
  for (const m of [1, 2, 3]) for (const day of [5, 15, 25]) out.push(visit(d(2026, m, day), product, lot, qty, out.length + 1));
  return out;
}

/** The one product's reorder line, as the numbers a manager reads. */
function lineOf(tables: Parameters<typeof ledgerOf>[0], product: string) {
  const e = reorder(ledgerOf(tables), AS_OF).map(value).find((x) => x.product === product)!;
  return {
    usable: qtyToNumber(e.usable),
    dailyUse: e.dailyUse === null ? null : qtyToNumber(e.dailyUse as Qty),
    daysOfCover: e.daysOfCover,
    stockOut: e.stockOut,
    orderBy: e.orderBy,
    suggested: e.suggested === null ? null : qtyToNumber(e.suggested),
    limit: e.limit,
    reason: e.reason,
  };
}

describe("reorder, worked by hand", () => {
  it("orders for lead and cover days of steady use, with the order-by date a lead time before stock-out", () => {
    // 210 U received 1 Dec; 10 U drawn 15 Dec (before the window), then 9 × 20 U = 180 U in the
    // window: 2 U a day, 20 U left, expiring long after it is used. 20 U ÷ 2 U = 10 days of cover:
    // stock-out 11 April; Lead Days 10: order by 1 April, today. Lead 10 + cover 30 (default) days
    // at 2 U = 80 U, less the 20 U usable = 60 U; no pack size or vial size, so 60 U.
    const line = lineOf({
      lots: [["Botox 100U", "A", d(2027, 6, 30), d(2025, 12, 1), 210, "U", 6.5]],
      draws: [visit(d(2025, 12, 15), "Botox 100U", "A", 10, 0), ...steadyDraws("Botox 100U", "A", 20)],
      products: [PRODUCTS_HEADER, ["Botox 100U", "U", null, 10, null, null]],
    }, "Botox 100U");
    expect(line).toMatchObject({ usable: 20, dailyUse: 2, daysOfCover: 10, stockOut: d(2026, 4, 11), orderBy: d(2026, 4, 1), suggested: 60, limit: "cover" });
    expect(line.reason).toBe("10 lead + 30 cover days at 2 U a day need 80 U, 20 U of it usable on hand: 60 U for the rest");
  });

  it("suggests nothing while usable stock outlasts the lead and cover days, and uses Lead Days 7 by default", () => {
    // 300 U received, 180 U used in the window (2 U a day): 120 U usable, 60 days of cover, stock-out
    // 31 May, order by 24 May (7 days before). 37 days need 74 U: covered.
    const line = lineOf({
      lots: [["Botox 100U", "A", d(2027, 6, 30), d(2025, 12, 1), 300, "U", 6.5]],
      draws: steadyDraws("Botox 100U", "A", 20),
    }, "Botox 100U");
    expect(line).toMatchObject({ usable: 120, dailyUse: 2, daysOfCover: 60, stockOut: d(2026, 5, 31), orderBy: d(2026, 5, 24), suggested: 0, limit: "covered" });
    expect(line.reason).toBe("usable stock lasts 60 days at 2 U a day, past the 7 lead + 30 cover days");
  });

  it("counts only the half of the stock that will be used before it expires", () => {
    // 9 × 1 mL in the window from J0: 0.1 mL a day. J1 holds 4 mL and expires 21 April: from the
    // end of 1 April to the end of 21 April is 20 days, 2 mL used, 2 mL at risk. Usable 2 mL: 20
    // days of cover, stock-out 21 April, order by 14 April. 37 days × 0.1 = 3.7 mL, less 2 usable
    // = 1.7 mL, in 1 mL vials (the pack by default): 2 mL. Counting all 4 mL would order nothing.
    // Shelf life: J0 365 days, J1 51 days, median 208; 0.1 mL a day uses 20.8 mL: not binding.
    const line = lineOf({
      lots: [
        ["Juvederm Ultra XC", "J0", d(2026, 12, 1), d(2025, 12, 1), 9, "mL", 300],
        ["Juvederm Ultra XC", "J1", d(2026, 4, 21), d(2026, 3, 1), 4, "mL", 300],
      ],
      draws: steadyDraws("Juvederm Ultra XC", "J0", 1),
      products: [PRODUCTS_HEADER, ["Juvederm Ultra XC", "mL", 1, null, null, null]],
    }, "Juvederm Ultra XC");
    expect(line).toMatchObject({ usable: 2, dailyUse: 0.1, daysOfCover: 20, stockOut: d(2026, 4, 21), orderBy: d(2026, 4, 14), suggested: 2, limit: "cover" });
    expect(line.reason).toBe(
      "7 lead + 30 cover days at 0.1 mL a day need 3.7 mL, 2 mL of it usable on hand: 2 packs of 1 mL for the rest, rounded up to whole packs; " +
      "2 mL on hand is forecast to expire unused and is not counted",
    );
  });

  describe("the shelf-life cap: a slow mover", () => {
    // Sculptra: 5 mL received 1 Dec, expiring 31 March (120 days: the only lot, so the typical
    // shelf life). 2 + 2.5 = 4.5 mL drawn in the window: 0.05 mL a day, so a new lot can be used
    // for 0.05 × 120 = 6 mL before it expires. The 0.5 mL left expired yesterday: nothing usable,
    // 0 days of cover, stock-out today, order by 25 March.
    const lots = [["Sculptra", "S1", d(2026, 3, 31), d(2025, 12, 1), 5, "mL", 100]];
    const draws = [visit(d(2026, 1, 10), "Sculptra", "S1", 2, 1), visit(d(2026, 2, 10), "Sculptra", "S1", 2.5, 2)];

    it("orders nothing when one big pack would expire before it is used", () => {
      // 37 days need 1.85 mL: one 8 mL pack, more than the 6 mL that can be used. No whole pack fits.
      const line = lineOf({ lots, draws, products: [PRODUCTS_HEADER, ["Sculptra", "mL", null, null, null, 8]] }, "Sculptra");
      expect(line).toMatchObject({ usable: 0, dailyUse: 0.05, daysOfCover: 0, stockOut: d(2026, 4, 1), orderBy: d(2026, 3, 25), suggested: 0, limit: "shelf-life" });
      expect(line.reason).toBe(
        "one pack of 8 mL would expire before it is used: 6 mL is what 0.05 mL a day uses in the typical shelf life of 120 days; " +
        "7 lead + 30 cover days at 0.05 mL a day need 1.85 mL, 0 mL of it usable on hand; all 0.5 mL on hand has expired",
      );
    });

    it("caps a long cover at what can be used within the shelf life", () => {
      // Cover Days 180: 187 days need 9.35 mL, 10 packs of 1 mL; the cap allows 6.
      const line = lineOf({ lots, draws, products: [PRODUCTS_HEADER, ["Sculptra", "mL", null, null, 180, 1]] }, "Sculptra");
      expect(line).toMatchObject({ suggested: 6, limit: "shelf-life" });
      expect(line.reason).toMatch(/^capped by shelf life at 6 packs of 1 mL: 6 mL is what 0\.05 mL a day uses in the typical shelf life of 120 days;/);
    });
  });

  it("rounds the need up to whole packs: Pack Size, else the Vial Size, else whole units", () => {
    // Dysport: 321 U received, 9 × 30 U = 270 U in the window: 3 U a day, 51 U left, usable (it
    // expires in 2027). 17 days of cover: stock-out 18 April, order by 11 April. 37 days need
    // 111 U, less 51 = 60 U: in packs of 30 exactly 2, of 25 three (75 U), of a 300 U vial one.
    const suggestion = (vial: Cell, pack: Cell) => lineOf({
      lots: [["Dysport 300U", "D1", d(2027, 12, 1), d(2025, 12, 1), 321, "U", 2]],
      draws: steadyDraws("Dysport 300U", "D1", 30),
      products: [PRODUCTS_HEADER, ["Dysport 300U", "U", vial, null, null, pack]],
    }, "Dysport 300U");
    expect(suggestion(null, null)).toMatchObject({ usable: 51, dailyUse: 3, daysOfCover: 17, stockOut: d(2026, 4, 18), orderBy: d(2026, 4, 11), suggested: 60 });
    expect(suggestion(null, 30).suggested).toBe(60);
    expect(suggestion(null, 25).suggested).toBe(75);
    expect(suggestion(300, null).suggested).toBe(300);
    expect(suggestion(300, 25).suggested).toBe(75);
  });

  it("gives no suggestion, and says why, for a product not used in the window", () => {
    // 20 U drawn in November only. At no use the forecast has all 80 U expiring unused, so none is
    // usable, and there is no rate to divide by.
    const line = lineOf({
      lots: [["Botox 100U", "A", d(2026, 12, 31), d(2025, 10, 1), 100, "U", 6.5]],
      draws: [visit(d(2025, 11, 20), "Botox 100U", "A", 20, 1)],
    }, "Botox 100U");
    expect(line).toEqual({
      usable: 0, dailyUse: null, daysOfCover: null, stockOut: null, orderBy: null, suggested: null, limit: "no-use",
      reason: "no Visit draws in the last 90 days, so no rate of use to order by (80 U on hand)",
    });
  });

  it("orders at once for a product whose only stock has expired", () => {
    // Xeomin: 100 U received 1 Dec, expired 15 March (104 days of shelf life); 90 U drawn in the
    // window: 1 U a day. The 10 U left are expired: usable 0, stock-out today, order by 25 March
    // (already past). 37 days need 37 U, in 50 U vials: one vial. The cap, 104 U, is not binding.
    const line = lineOf({
      lots: [["Xeomin", "X1", d(2026, 3, 15), d(2025, 12, 1), 100, "U", 5]],
      draws: [visit(d(2026, 1, 20), "Xeomin", "X1", 50, 1), visit(d(2026, 2, 20), "Xeomin", "X1", 40, 2)],
      products: [PRODUCTS_HEADER, ["Xeomin", "U", 50, null, null, null]],
    }, "Xeomin");
    expect(line).toMatchObject({ usable: 0, dailyUse: 1, daysOfCover: 0, stockOut: AS_OF, orderBy: d(2026, 3, 25), suggested: 50, limit: "cover" });
    expect(line.reason).toMatch(/; all 10 U on hand has expired$/);
  });

  it("lists the most urgent order first and a blocked product last, with its error", () => {
    const ledger = ledgerOf({
      lots: [
        ["Dysport 300U", "D1", d(2027, 12, 1), d(2025, 12, 1), 321, "U", 2],
        ["Xeomin", "X1", d(2026, 3, 15), d(2025, 12, 1), 100, "U", 5],
        ["Botox 100U", "A", d(2026, 12, 31), d(2025, 10, 1), 100, "U", 6.5],
        ["Sculptra", "S1", d(2026, 3, 31), d(2025, 12, 1), 5, "mL", 100],
      ],
      draws: [...steadyDraws("Dysport 300U", "D1", 30), visit(d(2026, 1, 20), "Xeomin", "X1", 90, 1)],
      products: [PRODUCTS_HEADER, ["Sculptra", "mL", null, -3, null, null]],
    });
    const entries = reorder(ledger, AS_OF);
    expect(entries.map((e) => (e.ok ? e.value.product : `${e.error.product}: ${e.error.message}`))).toEqual([
      "Xeomin", // order by 25 March
      "Dysport 300U", // 11 April
      "Botox 100U", // no use
      "Sculptra: Products row 2, Lead Days: Lead Days cannot be negative (it is -3); write a number of days, or leave it blank for the default",
    ]);
  });
});

describe("reorder groups for the pane", () => {
  const entry = (product: string, orderBy: Serial | null, suggested: Qty | null): Result<ReorderEntry> => ({
    ok: true,
    value: {
      product, usable: qtyFromNumber(0).qty, dailyUse: orderBy === null ? null : QTY_ONE, daysOfCover: 0, stockOut: orderBy, orderBy, suggested,
      limit: "cover", reason: "", leadDays: 7, coverDays: 30, packSize: QTY_ONE, shelfLifeDays: null,
    },
  });

  it("puts an order-by on or before today under order now and within seven days under this week", () => {
    const groups = reorderGroups([
      entry("Later", (AS_OF + 8) as Serial, QTY_ONE),
      entry("Week end", (AS_OF + 7) as Serial, QTY_ONE),
      entry("Today", AS_OF, QTY_ONE),
      entry("Overdue", (AS_OF - 3) as Serial, QTY_ONE),
      entry("Tomorrow", (AS_OF + 1) as Serial, QTY_ONE),
      entry("Nothing to buy", (AS_OF - 5) as Serial, qtyFromNumber(0).qty),
      entry("Unused", null, null),
      { ok: false, error: { kind: "value", message: "blocked", product: "Broken" } },
    ], (AS_OF + 0.5) as Serial);
    expect(groups.now.map((e) => e.product)).toEqual(["Overdue", "Today"]);
    expect(groups.thisWeek.map((e) => e.product)).toEqual(["Tomorrow", "Week end"]);
  });
});

describe("Lead Days, Cover Days and Pack Size in Products", () => {
  it("are errors on their own cell when negative or not a number", () => {
    const ledger = buildLedger({
      lots: [["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"], ["Botox 100U", "A", d(2027, 1, 31), d(2026, 1, 1), 100, 6]],
      products: [
        ["Product", "Lead Time", "Cover Days", "Pack Size"],
        ["Botox 100U", -1, "a month", 100],
        ["Dysport 300U", 7, 30, -300],
        ["Xeomin", "", 0, 0],
      ],
    });
    expect(check(ledger).map((x) => [x.table, x.row, x.column, x.severity, x.message])).toEqual([
      ["Products", 2, "Lead Time", "error", "Lead Time cannot be negative (it is -1); write a number of days, or leave it blank for the default"],
      ["Products", 2, "Cover Days", "error", "'a month' is not a number of days"],
      ["Products", 3, "Pack Size", "error", "the pack size cannot be negative (it is -300); write the units in one orderable pack"],
    ]);
    // A Pack Size of 0 is an empty cell as older desktop Excel passes it: the default applies.
    expect(ledger.products.rows[2]).toMatchObject({ leadDays: null, coverDays: 0, packSize: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random ledgers.

const RUNS = { seed: 20260601, numRuns: 300 };

/** Products settings for the generated ledger's products: random lead, cover and pack. */
const settingsArb = fc.array(
  fc.record({ lead: fc.option(fc.nat(30)), cover: fc.option(fc.nat(120)), pack: fc.option(fc.constantFrom(0.05, 0.25, 1, 2.5, 8, 50, 100, 300)) }),
  { minLength: 4, maxLength: 4 },
);

/** The case's Products table (if any) with Lead Days, Cover Days and Pack Size for every product. */
function withSettings(c: LedgerCase, settings: readonly { lead: number | null; cover: number | null; pack: number | null }[]): Row[] {
  const key = (name: Cell) => String(name).trim().replace(/\s+/g, " ").toLowerCase();
  const of = (name: Cell): Row => {
    const s = settings[c.productNames.findIndex((n) => key(n) === key(name))];
    return [s.lead, s.cover, s.pack];
  };
  const [header, ...rows] = c.products ?? [["Product"]];
  const listed = new Set(rows.map((r) => key(r[0])));
  return [
    [...header, "Lead Days", "Cover Days", "Pack Size"],
    ...rows.map((r) => [...r, ...of(r[0])]),
    ...c.productNames.filter((n) => !listed.has(key(n))).map((n) => [n, ...header.slice(1).map(() => null), ...of(n)]),
  ];
}

function entries(c: LedgerCase, draws: Row[], products: Row[], asOf: Serial): ReorderEntry[] {
  const ledger = buildLedger({ lots: c.lots, draws, counts: c.counts, products });
  return reorder(ledger, asOf).flatMap((e) => (e.ok ? [e.value] : []));
}

describe("reorder properties", () => {
  it("never suggests a negative quantity, and suggests whole packs", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), settingsArb, (c, settings) => {
        const products = withSettings(c, settings);
        for (const asOf of c.asOfs) {
          for (const e of entries(c, c.draws, products, asOf)) {
            if (e.suggested === null) {
              expect(e.limit).toBe("no-use");
              continue;
            }
            expect(e.suggested).toBeGreaterThanOrEqual(0);
            expect(e.suggested % e.packSize).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  it("never suggests less when more of the same draws were Visit draws", () => {
    // Turning a Waste or Sample draw into a Visit draw moves the same units at the same moment:
    // only the rate of use rises, so neither the need nor the shelf-life cap can fall.
    const kind = col(DRAWS_HEADER, "Kind");
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), settingsArb, (c, settings) => {
        const products = withSettings(c, settings);
        const moreUse = c.draws.map((r, i): Row =>
          i > 0 && (r[kind] === "Waste" || r[kind] === "Sample") ? r.map((cell, j) => (j === kind ? "Visit" : j === 1 ? `W${i}` : j === 2 ? `PW${i}` : cell)) : r,
        );
        for (const asOf of c.asOfs) {
          const before = new Map(entries(c, c.draws, products, asOf).map((e) => [e.product, e.suggested ?? 0]));
          for (const e of entries(c, moreUse, products, asOf)) {
            if (!before.has(e.product)) continue;
            expect(e.suggested ?? 0).toBeGreaterThanOrEqual(before.get(e.product)!);
          }
        }
      }),
      RUNS,
    );
  });
});
