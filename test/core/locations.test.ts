import fc from "fast-check";
import {
  atRisk, buildLedger, check, conservation, expiring, fefoLot, fefoPlan, locationKey, lotRemaining, openVials, qtyFromNumber, recall, reorder,
  shrinkageLog, shrinkageTotal, stockByProduct, stockValue, type Cell, type Ledger,
} from "../../src/core";
import { ledgerCase, SITES, transferIntents, withLocations } from "./_arbitraries";
import { d, dollars, units, value } from "./_ledger";

// A two-site practice, worked by hand. Main receives two Botox lots:
//   A1: 100 U at $6.00 on 1 Mar, expires 30 Jun;  A1 again: 100 U at $7.00 on 2 Mar (a second PO)
//   B2: 100 U at $5.00 on 1 Mar, expires 31 Dec
// On 5 Mar 150 U of A1 go to Suite B: the first layer whole (100 × $6 = $600) and 50 of the
// second (50 × $7 = $350), $950 in all; Main keeps 50 U of A1 at $7 ($350) and all of B2 ($500).
// Suite B then draws 30 U of A1 (from its $6 layer: $180) and a count there on 10 Mar finds 115
// of the 120 left: 5 U missing, at $6 = $30, Suite B's shrinkage only. Main draws 20 U of B2 ($100).
const LOTS: Cell[][] = [
  ["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost", "Location"],
  ["Botox 100U", "A1", d(2026, 6, 30), d(2026, 3, 1), 100, 6, "Main"],
  ["Botox 100U", "A1", d(2026, 6, 30), d(2026, 3, 2), 100, 7, "Main"],
  ["Botox 100U", "B2", d(2026, 12, 31), d(2026, 3, 1), 100, 5, "Main"],
];
const DRAWS: Cell[][] = [
  ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price", "Location", "To"],
  [d(2026, 3, 5), null, null, "Botox 100U", "A1", 150, "Transfer", null, "Main", "Suite B"],
  [d(2026, 3, 6), "V1", "P1", "Botox 100U", "A1", 30, "Visit", 400, "Suite B", null],
  [d(2026, 3, 7), "V2", "P2", "Botox 100U", "B2", 20, "Visit", 300, "Main", null],
];
const COUNTS: Cell[][] = [
  ["Date", "Product", "Lot", "Counted", "Location"],
  [d(2026, 3, 10), "Botox 100U", "A1", 115, "suite b"],
];
const ledger = (draws: Cell[][] = DRAWS, counts: Cell[][] = COUNTS, lots: Cell[][] = LOTS): Ledger => buildLedger({ lots, draws, counts });
const AS_OF = d(2026, 3, 11);
const errors = (l: Ledger) => check(l).filter((x) => x.severity === "error");

describe("a two-site practice", () => {
  const l = ledger();

  it("reads the practice without a problem", () => {
    expect(check(l)).toEqual([]);
  });

  it("keeps each lot's units where they are: moved by the transfer, drawn and counted at their own site", () => {
    expect(units(lotRemaining(l, "A1", AS_OF, "Main"))).toBe(50);
    expect(units(lotRemaining(l, "A1", AS_OF, "Suite B"))).toBe(115); // 150 − 30, counted 115
    expect(units(lotRemaining(l, "A1", AS_OF))).toBe(165);
    expect(units(lotRemaining(l, "B2", AS_OF, "Main"))).toBe(80);
    expect(units(lotRemaining(l, "B2", AS_OF, "Suite B"))).toBe(0);
    // Before the transfer, all of A1 is at Main.
    expect(units(lotRemaining(l, "A1", d(2026, 3, 4), "Main"))).toBe(200);
  });

  it("moves cost with the units, oldest layer first", () => {
    expect(dollars(stockValue(l, "A1", AS_OF, "Main"))).toBe(350); // 50 × $7
    // Suite B got 100 × $6 and 50 × $7; 30 drawn and 5 missing take the $6 layer: 65 × $6 + 50 × $7.
    expect(dollars(stockValue(l, "A1", AS_OF, "Suite B"))).toBe(740);
    expect(dollars(stockValue(l, "*", AS_OF, "Main"))).toBe(750); // $350 + 80 × $5
    expect(dollars(stockValue(l, "*", AS_OF))).toBe(1490);
  });

  it("proposes FEFO at each site from its own stock", () => {
    // A1 expires first: Main still holds some, so both sites draw A1 next...
    expect(value(fefoLot(l, "Botox 100U", AS_OF, "Main"))).toBe("A1");
    expect(value(fefoLot(l, "Botox 100U", AS_OF, "Suite B"))).toBe("A1");
    // ...but 100 U at Main is 50 of A1 then 50 of B2, where Suite B has A1 enough.
    const main = value(fefoPlan(l, "Botox 100U", qtyFromNumber(100).qty, AS_OF, false, "Main"));
    expect(main.lines.map((x) => [x.lot, x.qty / 1e6])).toEqual([["A1", 50], ["B2", 50]]);
    const b = value(fefoPlan(l, "Botox 100U", qtyFromNumber(100).qty, AS_OF, false, "Suite B"));
    expect(b.lines.map((x) => [x.lot, x.qty / 1e6])).toEqual([["A1", 100]]);
    // Once Main's A1 is gone, Main proposes B2 while Suite B still proposes A1.
    const more = [...DRAWS, [d(2026, 3, 12), "V3", "P3", "Botox 100U", "A1", 50, "Visit", 600, "Main", null]];
    expect(value(fefoLot(ledger(more), "Botox 100U", d(2026, 3, 12), "Main"))).toBe("B2");
    expect(value(fefoLot(ledger(more), "Botox 100U", d(2026, 3, 12), "Suite B"))).toBe("A1");
  });

  it("puts the count's shortage at Suite B only", () => {
    const log = shrinkageLog(l).map(value);
    expect(log.map((e) => [e.location, e.lot, e.expected / 1e6, e.counted / 1e6, e.shrinkage / 1e6, Number(e.cost) / 1e12])).toEqual([
      ["Suite B", "A1", 120, 115, 5, 30],
    ]);
    expect(units(shrinkageTotal(l, "*", "units", "Suite B"))).toBe(5);
    expect(units(shrinkageTotal(l, "*", "units", "Main"))).toBe(0);
    expect(shrinkageLog(l, "Main")).toEqual([]);
  });

  it("balances every dollar: the transfer moves cost and takes none", () => {
    const k = conservation(l, AS_OF);
    // Purchases $600 + $700 + $500 = $1,800 = COGS $180 + $100, shrinkage $30, on hand $1,490.
    expect(Number(k.purchases) / 1e12).toBe(1800);
    expect(Number(k.cogs) / 1e12).toBe(280);
    expect(Number(k.shrinkage) / 1e12).toBe(30);
    expect(Number(k.onHand) / 1e12).toBe(1490);
    expect(k.residue).toBe(0n);
  });

  it("lists stock, expiry and vials by site, with the Location", () => {
    const main = stockByProduct(l, AS_OF, "Main").map(value);
    expect(main.map((s) => [s.remaining / 1e6, Number(s.value) / 1e12, s.lotsInStock])).toEqual([[130, 750, 2]]);
    const all = stockByProduct(l, AS_OF).map(value);
    expect(all.map((s) => [s.remaining / 1e6, s.lotsInStock])).toEqual([[245, 2]]); // A1 counted once across sites
    const soon = expiring(l, 120, AS_OF).map(value);
    expect(soon.map((e) => [e.lot, e.location, e.remaining / 1e6])).toEqual([["A1", "Main", 50], ["A1", "Suite B", 115]]);
    expect(expiring(l, 120, AS_OF, "Suite B").map(value).map((e) => e.location)).toEqual(["Suite B"]);
    expect(openVials(l, AS_OF, "Main")).toEqual([]);
  });

  it("adds the Location to a recall", () => {
    expect(recall(l, "A1", true).map(value).map((e) => [e.visit, e.location])).toEqual([["V1", "Suite B"]]);
  });

  it("forecasts each site at its own rate of use", () => {
    // Suite B used 30 U in the 90 days to 11 Mar; Main 20 U. Within the window each site's own rate applies.
    const b = atRisk(l, d(2026, 3, 11), 90, "Suite B").map(value);
    expect(b.map((e) => [e.lot, e.location])).toEqual([["A1", "Suite B"]]);
    // Suite B: 30 U / 90 days × 111 days (11 Mar to the end of 30 Jun) = 37 U used of 115; 78 at risk.
    expect(b.map((e) => [e.projectedUse / 1e6, e.atRisk / 1e6])).toEqual([[37, 78]]);
    const main = reorder(l, d(2026, 3, 11), 90, "Main").map(value);
    expect(main[0].dailyUse! / 1e6).toBeCloseTo(20 / 90, 10);
  });

  it("answers a location it does not know, or any location without the column, with an error saying so", () => {
    expect(lotRemaining(l, "A1", AS_OF, "Annex")).toMatchObject({ ok: false, error: { kind: "value", message: expect.stringContaining("'Annex' is not a location") } });
    const plain = buildLedger({ lots: LOTS.map((r) => r.slice(0, 6)), draws: DRAWS.slice(2).map((r) => r.slice(0, 8)) });
    expect(stockValue(plain, "*", AS_OF, "Main")).toMatchObject({ ok: false, error: { message: expect.stringContaining("no Location column") } });
  });
});

describe("what CHECK says of locations and transfers", () => {
  const at = (l: Ledger) => errors(l).map((x) => [x.table, x.row, x.column, x.message]);

  it("names a transfer without To, to an unknown place, or to its own location", () => {
    const draws = [
      DRAWS[0],
      [d(2026, 3, 5), null, null, "Botox 100U", "A1", 10, "Transfer", null, "Main", null],
      [d(2026, 3, 5), null, null, "Botox 100U", "A1", 10, "Transfer", null, "Main", "Siute B"],
      [d(2026, 3, 5), null, null, "Botox 100U", "A1", 10, "Transfer", null, "Main", " main "],
      [d(2026, 3, 6), "V1", "P1", "Botox 100U", "A1", 5, "Visit", 400, "Suite B", null],
    ];
    expect(at(ledger(draws, [COUNTS[0]]))).toEqual([
      ["Draws", 2, "To", "a Transfer needs the location the units go to; enter it in the To column"],
      ["Draws", 3, "To", "'Siute B' is not a location in Lots, Draws or Counts; check the spelling of the location the units went to"],
      ["Draws", 4, "To", "the transfer goes from Main to the same location; enter where the units went"],
      ["Draws", 5, "Location", "lot A1 never arrives at Suite B: no receipt in Lots and no transfer brings it there; check the location"],
    ]);
  });

  it("names a To on a row that is not a Transfer", () => {
    const draws = [DRAWS[0], [d(2026, 3, 6), "V1", "P1", "Botox 100U", "A1", 5, "Visit", 400, "Main", "Suite B"]];
    expect(at(ledger(draws, [COUNTS[0]]))).toEqual([
      ["Draws", 2, "To", "To is filled in (Suite B) but the kind is Visit; only a Transfer has a To: set Kind to Transfer or clear To"],
    ]);
  });

  it("names a count at a site its lot never reaches", () => {
    const counts = [COUNTS[0], [d(2026, 3, 10), "Botox 100U", "B2", 0, "Suite B"]];
    expect(at(ledger(DRAWS, counts))).toEqual([
      ["Counts", 2, "Location", "lot B2 never arrives at Suite B: no receipt in Lots and no transfer brings it there; check the location"],
    ]);
  });

  it("names each draw at a site its lot never reaches, among a few locations or more than thirty", () => {
    // A1 arrives at Main (receipt) and at Suite B (the transfer). A draw of it at each named site but
    // those two, and at the blank location, is an error; the same with 40 sites as with 3.
    for (const sites of [3, 40]) {
      const names = ["Main", "Suite B", ...Array.from({ length: sites - 2 }, (_, i) => `Room ${i + 1}`)];
      const draws: Cell[][] = [DRAWS[0], DRAWS[1]];
      for (const where of [...names, null]) draws.push([d(2026, 3, 6), `V${draws.length}`, "P1", "Botox 100U", "A1", 1, "Visit", 10, where, null]);
      const wrong = draws.flatMap((r, i) => (i >= 2 && r[8] !== "Main" && r[8] !== "Suite B" ? [["Draws", i + 1, "Location", "lot-never-arrives"]] : []));
      expect(errors(ledger(draws, [COUNTS[0]])).map((x) => [x.table, x.row, x.column, x.code])).toEqual(wrong);
      expect(wrong).toHaveLength(sites - 1);
    }
  });

  it("warns of a transfer that takes more than its source holds, as an overdraw there", () => {
    const draws = [DRAWS[0], [d(2026, 3, 5), null, null, "Botox 100U", "B2", 120, "Transfer", null, "Main", "Suite B"], [d(2026, 3, 6), "V1", "P1", "Botox 100U", "B2", 5, "Visit", 400, "Suite B", null]];
    const warnings = check(ledger(draws, [COUNTS[0]])).filter((x) => x.code === "overdraw");
    expect(warnings.map((x) => [x.row, x.message])).toEqual([
      [2, "overdraw: 120 transferred but lot B2 had 100 left on the books at Main; a receipt, a transfer or an earlier draw may be missing or wrong"],
    ]);
  });
});

describe("transfers and the conservation identity", () => {
  it("transfers leave the conservation identity unchanged at any as-of, with random transfers between three sites", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), transferIntents, (c, moves) => {
        const plain = buildLedger({ lots: c.lots, draws: c.draws, counts: c.counts, products: c.products });
        fc.pre(errors(plain).length === 0);
        const located = withLocations(c, moves);
        const l = buildLedger({ lots: located.lots, draws: located.draws, counts: located.counts, products: located.products });
        // A draw with a blank lot is costed by FEFO at its own site, which may now hold too little.
        fc.pre(errors(l).length === 0);
        const sites = SITES.filter((s) => l.sites.names.has(locationKey(s)));
        for (const asOf of [...c.asOfs, null]) {
          const k = conservation(l, asOf);
          const other = k.otherDraws.Waste + k.otherDraws.Expired + k.otherDraws.Sample + k.otherDraws.Return;
          expect(k.residue).toBe(0n);
          expect(k.purchases).toBe(k.cogs + other + k.shrinkage + k.onHand);
          // Moving stock buys nothing: purchases are those of the same ledger without a site.
          expect(k.purchases).toBe(conservation(plain, asOf).purchases);
          if (asOf === null) continue;
          const all = value(stockValue(l, "*", asOf));
          expect(all).toBe(k.onHand);
          expect(sites.reduce((sum, s) => sum + value(stockValue(l, "*", asOf, s)), 0n)).toBe(all);
          for (const r of located.lots.slice(1)) {
            const lot = r[1] as string;
            expect(sites.reduce((n, s) => n + value(lotRemaining(l, lot, asOf, s)), 0)).toBe(value(lotRemaining(l, lot, asOf)));
          }
        }
      }),
      { seed: 20260601, numRuns: 300 },
    );
  });
});
