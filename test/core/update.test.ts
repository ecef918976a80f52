import fc from "fast-check";
import {
  atRisk, buildLedger, changedSince, stockValue, check, expiring, fefoLot, lotRemaining, marginBy, replayCount, shrinkageLog, stockByProduct, updateLedger, visitCogs,
  visitMargin, type Cell, type Ledger, type LedgerChange, type LedgerInput, type Serial,
} from "../../src/core";
import { col, DRAWS_HEADER, ledgerCase, LOTS_HEADER, SITES, transferIntents, withLocations, type LedgerCase, type Row } from "./_arbitraries";

// An updated ledger must answer exactly as one built whole from the same tables: that is the
// whole contract of updateLedger, so every result a formula can ask for is compared.
const RUNS = { seed: 20261130, numRuns: 250 };

function everything(ledger: Ledger, c: LedgerCase): string[] {
  const out: unknown[] = [check(ledger)];
  const visits = new Set<string>();
  for (const r of c.draws.slice(1)) if (typeof r[col(DRAWS_HEADER, "Visit")] === "string") visits.add(r[col(DRAWS_HEADER, "Visit")] as string);
  for (const v of visits) out.push(visitCogs(ledger, v), visitMargin(ledger, v));
  out.push(marginBy(ledger, "visit"), marginBy(ledger, "service"), marginBy(ledger, "product"), marginBy(ledger, "provider"));
  out.push(shrinkageLog(ledger));
  for (const asOf of c.asOfs) {
    out.push(stockByProduct(ledger, asOf), expiring(ledger, 90, asOf), atRisk(ledger, Math.floor(asOf) as Serial), stockValue(ledger, "*", asOf));
    for (const p of c.productNames) out.push(fefoLot(ledger, p, asOf));
    for (const r of c.lots.slice(1)) if (typeof r[1] === "string") out.push(lotRemaining(ledger, r[1], asOf));
    if (!ledger.sites.tracked) continue;
    // Where the tables keep locations, every result that takes one is asked at each site too.
    for (const site of SITES) {
      out.push(stockByProduct(ledger, asOf, site), expiring(ledger, 90, asOf, site), atRisk(ledger, Math.floor(asOf) as Serial, 90, site), shrinkageLog(ledger, site));
      for (const p of c.productNames) out.push(fefoLot(ledger, p, asOf, site));
      for (const r of c.lots.slice(1)) if (typeof r[1] === "string") out.push(lotRemaining(ledger, r[1], asOf, site));
    }
  }
  return out.map((o) => JSON.stringify(o, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)));
}

/** Services by row, so that some visits are split between two services (each line counts where its own service puts it). */
const SERVICES: Cell[] = ["Forehead lines", "Lips", null, "lips "];
const withServices = (draws: Row[]): Row[] => draws.map((r, i) => (r.length > DRAWS_HEADER.length ? r : [...r, i === 0 ? "Service" : SERVICES[(i * 7) % SERVICES.length]]));
const input = (c: LedgerCase, draws: Row[], lots: Row[] = c.lots, counts: Row[] | null = c.counts): LedgerInput => ({ lots, draws: withServices(draws), counts, products: c.products });

/**
 * The updated ledger answers as the one built whole, and the earlier ledger still answers as it
 * did (an update shares what did not change and never alters it). The earlier ledger is asked
 * first, so the update has its results to build on, as the live ledger's have.
 */
function same(prev: Ledger, next: LedgerInput, change: LedgerChange, c: LedgerCase): void {
  const earlier = everything(prev, c);
  const updated = updateLedger(prev, next, change);
  const whole = buildLedger(next);
  expect(everything(updated, c)).toEqual(everything(whole, c));
  expect(everything(prev, c)).toEqual(earlier);
}

describe("updateLedger answers as the ledger built whole", () => {
  it("after draws appended at the end", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), fc.nat(5), (c, k) => {
        const cut = Math.max(1, c.draws.length - k);
        const prev = buildLedger(input(c, c.draws.slice(0, cut)));
        const appended = c.draws.slice(cut).map((_, i) => cut + i);
        same(prev, input(c, c.draws), { Draws: appended }, c);
      }),
      RUNS,
    );
  });

  it("after one draw's cells edited mid-table", () => {
    const edits = fc.record({
      at: fc.nat(),
      column: fc.constantFrom("Qty", "Lot", "Price", "Date", "Kind", "Product", "Service"),
      value: fc.constantFrom<Cell>(0.5, 3, 40, "", null, "Waste", "Visit", "XX-9", 46010, 46100.5, "abc", 12.5),
    });
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), edits, (c, e) => {
        fc.pre(c.draws.length > 1);
        const prev = buildLedger(input(c, c.draws));
        const at = 1 + (e.at % (c.draws.length - 1));
        const draws = withServices(c.draws).map((r) => [...r]);
        draws[at][e.column === "Service" ? DRAWS_HEADER.length : col(DRAWS_HEADER, e.column)] = e.value;
        same(prev, input(c, draws), { Draws: [at] }, c);
      }),
      RUNS,
    );
  });

  it("after one row emptied mid-table, its place closed up (a draw without a visit is updated, not rebuilt)", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), fc.nat(), fc.boolean(), (c, n, loose) => {
        fc.pre(c.draws.length > 2);
        const visitAt = col(DRAWS_HEADER, "Visit");
        const at = 1 + (n % (c.draws.length - 2));
        const draws = withServices(c.draws).map((r) => [...r]);
        // A waste row without a visit, so the update takes the row out rather than building whole.
        if (loose) [draws[at][visitAt], draws[at][col(DRAWS_HEADER, "Kind")]] = [null, "Waste"];
        const prev = buildLedger(input(c, draws));
        const emptied = draws.map((r, i) => (i === at ? r.map(() => null) : r));
        same(prev, input(c, emptied), { Draws: [at] }, c);
      }),
      RUNS,
    );
  });

  it("after a Lots row's Unit Cost, Qty or Expires edited", () => {
    const edits = fc.record({ at: fc.nat(), column: fc.constantFrom("Unit Cost", "Qty", "Expires", "Lot"), value: fc.constantFrom<Cell>(7.25, 0, 300, 46500, "", "NEW1") });
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), edits, (c, e) => {
        const prev = buildLedger(input(c, c.draws));
        const at = 1 + (e.at % (c.lots.length - 1));
        const lots = c.lots.map((r) => [...r]);
        lots[at][col(LOTS_HEADER, e.column)] = e.value;
        same(prev, input(c, c.draws, lots), { Lots: "whole" }, c);
      }),
      RUNS,
    );
  });

  it("after a count added or removed", () => {
    fc.assert(
      fc.property(ledgerCase({ distinctTimes: false }), (c) => {
        fc.pre(c.counts !== null && c.counts.length > 1);
        const prev = buildLedger(input(c, c.draws, c.lots, c.counts!.slice(0, -1)));
        same(prev, input(c, c.draws), { Counts: "whole" }, c);
      }),
      RUNS,
    );
  });
});

describe("updateLedger answers as the ledger built whole with a Location column that names no location", () => {
  // The starter workbook's tables have Location (and To) columns, blank until a second site opens.
  const blankColumns = (c: LedgerCase): LedgerCase => ({
    ...c,
    lots: c.lots.map((r, i) => [...r, i === 0 ? "Location" : null]),
    draws: c.draws.map((r, i) => [...r, i === 0 ? "Location" : null, i === 0 ? "To" : null]),
  });
  const blankSite = ledgerCase({ distinctTimes: false }).map(blankColumns);

  it("after draws appended, cells edited, or a location named for the first time", () => {
    const edits = fc.record({
      table: fc.constantFrom("Draws", "Lots"),
      at: fc.nat(),
      column: fc.constantFrom("Qty", "Lot", "Unit Cost", "Location", "Kind"),
      value: fc.constantFrom<Cell>(3, 40, "", null, "Suite B", "Transfer", 7.25),
      append: fc.nat(3),
    });
    fc.assert(
      fc.property(blankSite, edits, (c, e) => {
        const cut = Math.max(1, c.draws.length - e.append);
        const prev = buildLedger(input(c, c.draws.slice(0, cut)));
        const header = e.table === "Lots" ? c.lots[0] : c.draws[0];
        const rows = (e.table === "Lots" ? c.lots : c.draws).map((r) => [...r]);
        const column = header.indexOf(e.column);
        fc.pre(rows.length > 1 && column >= 0);
        const at = 1 + (e.at % (rows.length - 1));
        rows[at][column] = e.value;
        const next = e.table === "Lots" ? input(c, c.draws, rows) : input(c, rows);
        const change: LedgerChange = e.table === "Lots"
          ? { Lots: "whole", Draws: c.draws.slice(cut).map((_, i) => cut + i) }
          : { Draws: [...new Set([at, ...c.draws.slice(cut).map((_, i) => cut + i)])].sort((a, b) => a - b) };
        same(prev, next, change, c);
      }),
      RUNS,
    );
  });
});

describe("updateLedger answers as the ledger built whole where the tables keep locations", () => {
  const located = ledgerCase({ distinctTimes: false }).chain((c) => transferIntents.map((moves) => withLocations(c, moves)));

  it("after draws and transfers appended at the end", () => {
    fc.assert(
      fc.property(located, fc.nat(5), (c, k) => {
        const cut = Math.max(1, c.draws.length - k);
        const prev = buildLedger(input(c, c.draws.slice(0, cut)));
        const appended = c.draws.slice(cut).map((_, i) => cut + i);
        same(prev, input(c, c.draws), { Draws: appended }, c);
      }),
      RUNS,
    );
  });

  it("after one draw's Location, To, Kind or Qty edited mid-table", () => {
    const edits = fc.record({
      at: fc.nat(),
      column: fc.constantFrom("Location", "To", "Kind", "Qty"),
      value: fc.constantFrom<Cell>(...SITES, "Annex", "", null, "Transfer", "Visit", 3, 400),
    });
    fc.assert(
      fc.property(located, edits, (c, e) => {
        fc.pre(c.draws.length > 1);
        const prev = buildLedger(input(c, c.draws));
        const at = 1 + (e.at % (c.draws.length - 1));
        const draws = c.draws.map((r) => [...r]);
        const where = e.column === "Location" ? DRAWS_HEADER.length : e.column === "To" ? DRAWS_HEADER.length + 1 : col(DRAWS_HEADER, e.column);
        draws[at][where] = e.value;
        same(prev, input(c, draws), { Draws: [at] }, c);
      }),
      RUNS,
    );
  });

  it("after a count's Location edited", () => {
    fc.assert(
      fc.property(located, fc.constantFrom<Cell>(...SITES, null), (c, site) => {
        fc.pre(c.counts !== null && c.counts.length > 1);
        const prev = buildLedger(input(c, c.draws));
        const counts = c.counts!.map((r) => [...r]);
        counts[1][counts[1].length - 1] = site;
        same(prev, input(c, c.draws, c.lots, counts), { Counts: "whole" }, c);
      }),
      RUNS,
    );
  });
});

describe("updateLedger posts again only what changed", () => {
  // Two products, each with its lot and draws: a change to one must not replay the other.
  const lots: Cell[][] = [
    ["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"],
    ["Botox 100U", "C1", 46500, 46000, 100, 6.5],
    ["Juvederm Ultra", "J1", 46600, 46000, 10, 300],
  ];
  const draws: Cell[][] = [
    ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"],
    [46010, "V1", "P1", "Botox 100U", "C1", 20, "Visit", 400],
    [46011, "V2", "P2", "Juvederm Ultra", "J1", 1, "Visit", 700],
    [46012, "V3", "P3", "Botox 100U", "C1", 10, "Visit", 200],
  ];

  it("replays only the product whose Unit Cost was edited", () => {
    const prev = buildLedger({ lots, draws });
    const edited = lots.map((r) => [...r]);
    edited[2][5] = 320; // Juvederm's Unit Cost
    const [botox, juvederm] = [replayCount("botox 100u"), replayCount("juvederm ultra")];
    const next = updateLedger(prev, { lots: edited, draws }, { Lots: "whole" });
    expect(replayCount("juvederm ultra") - juvederm).toBe(1);
    expect(replayCount("botox 100u")).toBe(botox);
    // V2 drew 1 syringe at the new cost; Botox's visits are as they were (20 × 6.50).
    expect(visitCogs(next, "V2")).toEqual({ ok: true, value: 320n * 10n ** 12n });
    expect(visitCogs(next, "V1")).toEqual({ ok: true, value: 130n * 10n ** 12n });
  });

  it("keeps each ledger's own rows when two are grown from the same one (the live ledger and a trial beside it)", () => {
    const line = (visit: string, qty: number): Cell[] => [46013, visit, "P9", "Botox 100U", "C1", qty, "Visit", 100];
    const prev = buildLedger({ lots, draws });
    const live = updateLedger(prev, { lots, draws: [...draws, line("V4", 5)] }, { Draws: [4] });
    const trial = updateLedger(prev, { lots, draws: [...draws, line("V5", 2)] }, { Draws: [4] });
    const later = updateLedger(live, { lots, draws: [...draws, line("V4", 5), line("V6", 1)] }, { Draws: [5] });
    expect(prev.draws.rows.map((r) => r.visit)).toEqual(["V1", "V2", "V3"]);
    expect(live.draws.rows.map((r) => r.visit)).toEqual(["V1", "V2", "V3", "V4"]);
    expect(trial.draws.rows.map((r) => r.visit)).toEqual(["V1", "V2", "V3", "V5"]);
    expect(later.draws.rows.map((r) => r.visit)).toEqual(["V1", "V2", "V3", "V4", "V6"]);
    // C1: 100 received, 20 + 10 drawn, then 5 (live) or 2 (trial), then 1 more.
    expect(lotRemaining(live, "C1", 46014 as Serial)).toEqual({ ok: true, value: 65_000_000 });
    expect(lotRemaining(trial, "C1", 46014 as Serial)).toEqual({ ok: true, value: 68_000_000 });
    expect(lotRemaining(later, "C1", 46014 as Serial)).toEqual({ ok: true, value: 64_000_000 });
    expect(lotRemaining(prev, "C1", 46014 as Serial)).toEqual({ ok: true, value: 70_000_000 });
  });

  it("replays only the product of an appended draw", () => {
    const prev = buildLedger({ lots, draws });
    const more = [...draws, [46013, "V4", "P4", "Botox 100U", "C1", 5, "Visit", 100]];
    const [botox, juvederm] = [replayCount("botox 100u"), replayCount("juvederm ultra")];
    const next = updateLedger(prev, { lots, draws: more }, { Draws: [4] });
    expect(replayCount("botox 100u") - botox).toBe(1);
    expect(replayCount("juvederm ultra")).toBe(juvederm);
    expect(visitCogs(next, "V4")).toEqual({ ok: true, value: 325n * 10n ** 11n }); // 5 × $6.50
    expect(lotRemaining(next, "C1", 46014 as Serial)).toEqual({ ok: true, value: 65_000_000 }); // 100 − 20 − 10 − 5
  });
});

describe("changedSince", () => {
  const lots: Cell[][] = [
    ["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"],
    ["Botox 100U", "C1", 46500, 46000, 100, 6.5],
  ];
  const draws: Cell[][] = [
    ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"],
    [46010, "V1", "P1", "Botox 100U", "C1", 20, "Visit", 400],
  ];
  const counts: Cell[][] = [["Date", "Product", "Lot", "Counted"], [46011, "Botox 100U", "C1", 78]];
  const draw = (day: number, visit: string, qty: number): Cell[] => [day, visit, "P9", "Botox 100U", "C1", qty, "Visit", 100];

  it("tells a draw recorded after the last count from one before it: only the second moves a count", () => {
    const prev = buildLedger({ lots, draws, counts });
    // After the count of day 46011: the count still finds 80 expected, 78 counted.
    const after = updateLedger(prev, { lots, draws: [...draws, draw(46012, "V2", 5)], counts }, { Draws: [2] });
    expect(changedSince(after, prev)).toEqual({ products: new Set(["botox 100u"]), visits: new Set(["V2"]), counts: new Set() });
    // Before it (appended to the table, dated earlier): the count now expects 75, so its shrinkage moves.
    const before = updateLedger(prev, { lots, draws: [...draws, draw(46010.5, "V3", 5)], counts }, { Draws: [2] });
    expect(changedSince(before, prev)?.counts).toEqual(new Set(["botox 100u"]));
  });

  it("is told for sixteen updates back, and not beyond: older ledgers are let go", () => {
    const ledgers = [buildLedger({ lots, draws })];
    let rows = draws;
    for (let i = 1; i <= 20; i++) {
      rows = [...rows, draw(46010 + i, `W${i}`, 1)];
      ledgers.push(updateLedger(ledgers[i - 1], { lots, draws: rows }, { Draws: [rows.length - 1] }));
    }
    const tip = ledgers[20];
    expect(changedSince(tip, ledgers[4])?.visits.size).toBe(16);
    expect(changedSince(tip, ledgers[3])).toBeNull();
  });
});
