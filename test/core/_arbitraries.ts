import fc from "fast-check";
import { buildLedger, check, type Cell, type Serial } from "../../src/core";

/**
 * Random ledgers for property tests, shaped exactly as Excel hands ranges to the add-in: header
 * row first, dates as serial numbers, quantities and prices as plain numbers, empty cells `null`.
 *
 * fast-check generates *intents* (a draw of about this much, from about this lot, on about this
 * day); `realize` turns them into rows that are valid by construction (a lot is drawn only after it
 * arrives and never beyond what is left, a count never below zero), so every shrunk case is a
 * valid ledger too.
 */

/** Day 0 of every generated ledger (8 Dec 2025): dates run over the following months. */
export const BASE_DAY = 46000;

export type Row = Cell[];

export interface LedgerTables {
  readonly lots: Row[];
  readonly draws: Row[];
  readonly counts: Row[] | null;
  readonly products: Row[] | null;
}

export interface LedgerCase extends LedgerTables {
  /** As-of serials to look at the books on: whole days (end of day) and moments within a day. */
  readonly asOfs: Serial[];
  /** Product names as Lots writes them. */
  readonly productNames: string[];
}

export interface CaseOptions {
  /** Every draw at its own moment, so that no result can depend on the row order of ties. */
  readonly distinctTimes: boolean;
  /** Each lot received once at a Unit Cost, and every draw names its lot. */
  readonly simpleCosts?: boolean;
}

export const LOTS_HEADER = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost"];
export const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];
export const COUNTS_HEADER = ["Date", "Product", "Lot", "Counted"];
export const PRODUCTS_HEADER = ["Product", "Unit", "Vial Size", "Use Within Hours", "Loss Allowance"];

/** The column of a header name in one of the headers above. */
export function col(header: readonly string[], name: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
}

const U = 1_000_000;

interface CatalogEntry {
  readonly name: string;
  readonly prefix: string;
  readonly unit: string;
  /** Receipt quantities, in millionths of a unit. */
  readonly receiptQtys: readonly number[];
  readonly vialSizes: readonly number[];
  /** Draws are whole multiples of this (0.25 U, 0.05 mL), in millionths. */
  readonly step: number;
}

const CATALOG: readonly CatalogEntry[] = [
  { name: "Botox 100U", prefix: "C37", unit: "U", receiptQtys: [100 * U, 200 * U, 50 * U, 12.25 * U, 3 * U], vialSizes: [100 * U, 50 * U], step: U / 4 },
  { name: "Dysport 300U", prefix: "D30", unit: "U", receiptQtys: [300 * U, 500 * U, 3 * U, 150.5 * U], vialSizes: [300 * U], step: U / 4 },
  { name: "Juvederm Ultra XC", prefix: "JUV", unit: "mL", receiptQtys: [U, 2 * U, 0.8 * U, 10 * U], vialSizes: [U, U / 2], step: U / 20 },
  { name: "Sculptra", prefix: "SCU", unit: "mL", receiptQtys: [5 * U, 8 * U, 16.5 * U], vialSizes: [8 * U], step: U / 2 },
];

/** How a draw may spell its product: as in Lots, in other case and spacing, or not at all. */
const PRODUCT_SPELLINGS = [(n: string) => n, (n: string) => ` ${n.toLowerCase().replace(" ", "  ")} `];

const KINDS = ["Visit", "Waste", "Expired", "Sample", "Return"] as const;

interface ReceiptIntent {
  readonly day: number;
  readonly qty: number;
  /**
   * Unit Cost in 1/10 000 of a dollar, or Total Cost in cents; with a Total Cost the purchase
   * order may also show its unit cost rounded to the cent (Total Cost is what was paid).
   */
  readonly cost: { readonly unit: number } | { readonly total: number; readonly showUnit: boolean };
}

interface LotIntent {
  readonly product: number;
  readonly expiresAfter: number | null;
  readonly receipts: readonly ReceiptIntent[];
  readonly writeUnit: boolean;
}

interface DrawIntent {
  /** Days after the anchor lot first arrived. */
  readonly day: number;
  readonly minute: number;
  readonly timed: boolean;
  /** The lot whose product is drawn, and from whose first receipt the day counts. */
  readonly lotPick: number;
  /** Draw from that lot, or from another lot of the product already received. */
  readonly sameLot: boolean;
  readonly otherLot: number;
  readonly blank: boolean;
  /** Twentieths of what is left that the draw takes. */
  readonly share: number;
  readonly kind: number;
  readonly visit: number;
  readonly spelling: number;
  readonly lowerLot: boolean;
  readonly omitProduct: boolean;
  readonly price: number | null;
}

interface CountIntent {
  /** Days after the lot first arrived. */
  readonly day: number;
  readonly minute: number;
  readonly timed: boolean;
  readonly lotPick: number;
  /** Steps found (positive) or missing (negative) against the books. */
  readonly delta: number;
  readonly omitProduct: boolean;
}

interface SettingIntent {
  /** Whether Products lists the product at all, and in which spelling. */
  readonly listed: boolean;
  readonly spelling: number;
  readonly vial: number | null;
  readonly hours: number | null;
  readonly allowance: Cell;
}

interface Intents {
  readonly lots: readonly LotIntent[];
  readonly draws: readonly DrawIntent[];
  readonly counts: readonly CountIntent[] | null;
  readonly settings: readonly SettingIntent[] | null;
  /** Days from day 0, or around a lot's expiry (the last day it is usable, and the next). */
  readonly asOfs: readonly { day: number; minute: number | null; nearExpiry: { lot: number; shift: number } | null }[];
}

const receiptIntent = (simple: boolean): fc.Arbitrary<ReceiptIntent> =>
  fc.record({
    day: fc.nat(60),
    qty: fc.nat(10),
    cost: simple
      ? fc.record({ unit: unitCostArb() })
      : fc.oneof(
          { weight: 3, arbitrary: fc.record({ unit: unitCostArb() }) },
          { weight: 1, arbitrary: fc.record({ total: fc.oneof(fc.constant(100_000), fc.integer({ min: 1, max: 2_000_000 })), showUnit: fc.boolean() }) },
        ),
  });

function unitCostArb(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(65_000, 68_000, 113_700, 120_000, 4_250, 1_375), fc.integer({ min: 1, max: 5_000_000 }));
}

const lotIntent = (simple: boolean): fc.Arbitrary<LotIntent> =>
  fc.record({
    product: fc.nat(CATALOG.length - 1),
    expiresAfter: fc.option(fc.nat(200), { freq: 4 }),
    receipts: fc.array(receiptIntent(simple), { minLength: 1, maxLength: simple ? 1 : 2 }),
    writeUnit: fc.boolean(),
  });

const drawIntent = (simple: boolean): fc.Arbitrary<DrawIntent> =>
  fc.record({
    day: fc.nat(90),
    minute: fc.nat(599),
    timed: fc.boolean(),
    lotPick: fc.nat(15),
    sameLot: fc.boolean(),
    otherLot: fc.nat(7),
    blank: simple ? fc.constant(false) : fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    share: fc.integer({ min: 1, max: 20 }),
    kind: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    visit: fc.nat(11),
    spelling: fc.nat(PRODUCT_SPELLINGS.length - 1),
    lowerLot: fc.boolean(),
    omitProduct: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    price: fc.option(fc.integer({ min: 1, max: 100_000 }), { freq: 2 }),
  });

const countIntent: fc.Arbitrary<CountIntent> = fc.record({
  day: fc.nat(100),
  minute: fc.nat(599),
  timed: fc.boolean(),
  lotPick: fc.nat(15),
  delta: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: -12, max: 12 }) }),
  omitProduct: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const settingIntent: fc.Arbitrary<SettingIntent> = fc.record({
  listed: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  spelling: fc.nat(PRODUCT_SPELLINGS.length - 1),
  vial: fc.option(fc.nat(1), { freq: 2 }),
  hours: fc.option(fc.constantFrom(4, 24, 72), { freq: 3 }),
  allowance: fc.constantFrom<Cell>(null, 5, "5%", 0.05, 2.5),
});

/**
 * Random valid ledgers as Excel ranges, with a few as-of dates to look at them on.
 * @example fc.assert(fc.property(ledgerCase({ distinctTimes: true }), (c) => { … }))
 */
export function ledgerCase(options: CaseOptions): fc.Arbitrary<LedgerCase> {
  const simple = options.simpleCosts ?? false;
  const intents: fc.Arbitrary<Intents> = fc.record({
    lots: fc.array(lotIntent(simple), { minLength: 1, maxLength: 8 }),
    draws: fc.array(drawIntent(simple), { maxLength: 30, size: "+1" }),
    counts: fc.option(fc.array(countIntent, { maxLength: 8 }), { freq: 4 }),
    settings: fc.option(fc.array(settingIntent, { minLength: CATALOG.length, maxLength: CATALOG.length }), { freq: 2 }),
    asOfs: fc.array(
      fc.record({
        day: fc.nat(150),
        minute: fc.option(fc.nat(1439), { freq: 2 }),
        nearExpiry: fc.option(fc.record({ lot: fc.nat(15), shift: fc.integer({ min: -1, max: 1 }) }), { freq: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  return intents.map((i) => realize(i, options));
}

/** A position on the ledger's timeline, per the design's event order. */
function position(kind: "receipt" | "draw" | "count", serial: number): [number, number] {
  if (kind === "receipt") return [serial, 0];
  if (kind === "draw") return [serial, 1];
  // An untimed count stands at the end of its day, before the next day's receipts.
  return serial === Math.floor(serial) ? [serial + 1, -1] : [serial, 2];
}

interface SimLot {
  readonly number: string;
  readonly product: number;
  readonly firstDay: number;
  readonly expires: number | null;
  remaining: number;
}

function fefoKey(a: SimLot, b: SimLot): number {
  return (a.expires ?? Infinity) - (b.expires ?? Infinity) || a.firstDay - b.firstDay || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

function realize(intents: Intents, options: CaseOptions): LedgerCase {
  const lots: Row[] = [LOTS_HEADER];
  const sims: SimLot[] = [];
  type Ev = { pos: [number, number]; seq: number; run: () => void };
  const events: Ev[] = [];
  let seq = 0;

  intents.lots.forEach((li, i) => {
    const p = CATALOG[li.product];
    const number = `${p.prefix}${101 + i}${String.fromCharCode(65 + (i % 26))}`;
    const first = li.receipts[0].day;
    const days = li.receipts.map((r, k) => (k === 0 ? first : first + 1 + (r.day % 30)));
    const lastDay = Math.max(...days);
    const expires = li.expiresAfter === null ? null : BASE_DAY + lastDay + li.expiresAfter;
    const sim: SimLot = { number, product: li.product, firstDay: BASE_DAY + first, expires, remaining: 0 };
    sims.push(sim);
    li.receipts.forEach((r, k) => {
      const qty = p.receiptQtys[r.qty % p.receiptQtys.length];
      const unitCost = "unit" in r.cost ? r.cost.unit / 10_000 : r.cost.showUnit ? Math.round((r.cost.total * U) / qty) / 100 : null;
      const totalCost = "total" in r.cost ? r.cost.total / 100 : null;
      const received = BASE_DAY + days[k];
      lots.push([p.name, number, expires, received, qty / U, li.writeUnit ? p.unit : null, unitCost, totalCost]);
      events.push({ pos: position("receipt", received), seq: seq++, run: () => (sim.remaining += qty) });
    });
  });

  const draws: Row[] = [DRAWS_HEADER];
  const taken = new Set<number>();
  const uniqueMinute = (day: number, minute: number): number => {
    let m = minute;
    while (taken.has(day * 1000 + m)) m = (m + 1) % 600;
    taken.add(day * 1000 + m);
    return m;
  };
  for (const d of intents.draws) {
    // A draw is of some lot's product, on or after the day that lot first arrived.
    const anchor = sims[d.lotPick % sims.length];
    const p = CATALOG[anchor.product];
    const day = anchor.firstDay - BASE_DAY + d.day;
    let serial: number;
    if (options.distinctTimes || d.blank) {
      // Blank-lot draws are costed by FEFO at their moment: never tie them with another draw.
      const m = uniqueMinute(day, d.minute);
      serial = BASE_DAY + day + (480 + m + (d.blank && !options.distinctTimes ? 0.25 : 0)) / 1440;
    } else {
      serial = BASE_DAY + day + (d.timed ? (480 + 120 * (d.minute % 3)) / 1440 : 0);
    }
    const row: Row = [serial, null, null, null, null, null, null, null];
    draws.push(row);
    const at = draws.length - 1;
    events.push({
      pos: position("draw", serial),
      seq: seq++,
      run: () => {
        const today = Math.floor(serial);
        const arrived = sims.filter((s) => s.product === anchor.product && s.firstDay <= today);
        let qty = 0;
        let lot: SimLot | null = null;
        if (d.blank) {
          const usable = arrived.filter((s) => s.remaining > 0 && (s.expires === null || today <= s.expires)).sort(fefoKey);
          const avail = usable.reduce((a, s) => a + s.remaining, 0);
          qty = share(avail, d.share, p.step);
          let rest = qty;
          for (const s of usable) {
            const x = Math.min(s.remaining, rest);
            s.remaining -= x;
            rest -= x;
          }
        } else {
          lot = d.sameLot ? anchor : arrived[d.otherLot % arrived.length];
          qty = share(lot.remaining, d.share, p.step);
          lot.remaining -= qty;
        }
        if (qty <= 0) return;
        const kind = KINDS[d.kind];
        const visit = kind === "Visit" ? `V${d.visit + 1}` : null;
        const product = lot !== null && d.omitProduct ? null : PRODUCT_SPELLINGS[d.spelling](p.name);
        const lotText = lot === null ? (d.spelling === 0 ? null : "") : d.lowerLot ? lot.number.toLowerCase() : lot.number;
        draws[at] = [serial, visit, visit && `P-${d.visit + 1}`, product, lotText, qty / U, d.kind === 0 && d.timed ? null : kind, d.price === null ? null : d.price / 100];
      },
    });
  }

  let counts: Row[] | null = null;
  if (intents.counts) {
    const rows: Row[] = [COUNTS_HEADER];
    counts = rows;
    const seen = new Set<string>();
    for (const c of intents.counts) {
      const lot = sims[c.lotPick % sims.length];
      const serial = lot.firstDay + c.day + (c.timed ? (480 + c.minute + 0.5) / 1440 : 0);
      const step = CATALOG[lot.product].step;
      const key = `${lot.number}|${serial}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row: Row = [serial, null, null, null];
      rows.push(row);
      events.push({
        pos: position("count", serial),
        seq: seq++,
        run: () => {
          const counted = Math.max(0, lot.remaining + c.delta * step);
          lot.remaining = counted;
          row[1] = c.omitProduct ? null : CATALOG[lot.product].name;
          row[2] = lot.number;
          row[3] = counted / U;
        },
      });
    }
  }

  events.sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1] || a.seq - b.seq);
  for (const e of events) e.run();

  const used = [...new Set(sims.map((s) => s.product))].sort((a, b) => a - b);
  let products: Row[] | null = null;
  if (intents.settings) {
    products = [PRODUCTS_HEADER];
    for (const p of used) {
      const s = intents.settings[p];
      if (!s.listed) continue;
      const vial = s.vial === null ? null : CATALOG[p].vialSizes[s.vial % CATALOG[p].vialSizes.length] / U;
      products.push([PRODUCT_SPELLINGS[s.spelling](CATALOG[p].name), CATALOG[p].unit, vial, vial === null ? null : s.hours, s.allowance]);
    }
  }

  const tables = dropUncoverableDraws({
    lots,
    draws: draws.filter((r) => r[DRAWS_HEADER.indexOf("Qty")] !== null),
    counts,
    products,
  });
  const asOfs = intents.asOfs.map((a) => {
    const expires = a.nearExpiry && sims[a.nearExpiry.lot % sims.length].expires;
    const day = expires ? expires + a.nearExpiry!.shift : BASE_DAY + a.day;
    return (day + (a.minute === null ? 0 : a.minute / 1440)) as Serial;
  });
  return { ...tables, asOfs, productNames: used.map((p) => CATALOG[p].name) };
}

/** `share`/20 of what is left, down to a whole number of steps (at least one step when any is left). */
function share(avail: number, twentieths: number, step: number): number {
  if (avail < step) return 0;
  const q = Math.floor((avail * twentieths) / 20 / step) * step;
  return Math.max(q, step);
}

/**
 * The generator does not model opened vials, so now and then a blank-lot draw asks for stock that
 * only a past-use-by vial still holds: the engine rightly refuses to cost it. Such draws are left
 * out (removing a draw never makes another uncoverable).
 */
function dropUncoverableDraws(t: LedgerTables): LedgerTables {
  let tables = t;
  for (let round = 0; round < 10; round++) {
    const bad = new Set(
      check(buildLedger(tables))
        .filter((d) => d.severity === "error" && d.table === "Draws")
        .map((d) => d.row - 1),
    );
    if (bad.size === 0) break;
    tables = { ...tables, draws: tables.draws.filter((_, i) => !bad.has(i)) };
  }
  return tables;
}

/**
 * The data rows of every table in another order (header kept first), by a seeded shuffle.
 * @example shuffleRows(tables, 42)
 */
export function shuffleRows(t: LedgerTables, seed: number): LedgerTables {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: a tiny deterministic generator, so the shuffle is reproducible from the seed.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const shuffle = (g: Row[] | null): Row[] | null => {
    if (!g) return g;
    const rows = g.slice(1);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    return [g[0], ...rows];
  };
  return { lots: shuffle(t.lots)!, draws: shuffle(t.draws)!, counts: shuffle(t.counts), products: shuffle(t.products) };
}

/** The three sites of a located practice. */
export const SITES = ["Main", "Suite B", "Mobile Kit"];

/** A transfer to add to a located ledger: a lot (by position), a moment, a quantity and two sites. */
export interface TransferIntent {
  readonly lot: number;
  readonly day: number;
  readonly minute: number;
  readonly qty: number;
  readonly from: number;
  readonly to: number;
}

export const transferIntents: fc.Arbitrary<TransferIntent[]> = fc.array(
  fc.record({ lot: fc.nat(), day: fc.nat(120), minute: fc.nat(1439), qty: fc.integer({ min: 1, max: 80 }), from: fc.nat(2), to: fc.nat(2) }),
  { maxLength: 10 },
);

/**
 * A case's tables with a Location column in Lots, Draws and Counts and Transfer rows between the
 * three sites added to Draws. The n-th lot number is received at the n-th site (in turn); each
 * draw and count of a lot is at its lot's site (a blank-lot draw at its product's first lot's
 * site). A transfer goes only to a site some receipt names, and leaves from a site only where
 * its lot is received or another transfer brings it, so no row names a place its lot never
 * reaches; a transfer may still overdraw its source (a warning).
 */
export function withLocations(c: LedgerCase, transfers: readonly TransferIntent[]): LedgerCase {
  const L = (n: string) => col(LOTS_HEADER, n);
  const D = (n: string) => col(DRAWS_HEADER, n);
  const siteOfLot = new Map<string, number>();
  const siteOfProduct = new Map<string, number>();
  for (const r of c.lots.slice(1)) {
    const lot = String(r[L("Lot")]).trim().toUpperCase();
    if (!siteOfLot.has(lot)) siteOfLot.set(lot, siteOfLot.size % SITES.length);
    if (!siteOfProduct.has(String(r[L("Product")]))) siteOfProduct.set(String(r[L("Product")]), siteOfLot.get(lot)!);
  }
  const siteOf = (lot: Cell, product: Cell) => SITES[typeof lot === "string" && siteOfLot.has(lot.trim().toUpperCase()) ? siteOfLot.get(lot.trim().toUpperCase())! : (siteOfProduct.get(String(product)) ?? 0)];
  const lots = c.lots.map((r, i) => [...r, i === 0 ? "Location" : siteOf(r[L("Lot")], r[L("Product")])]);
  const draws = c.draws.map((r, i) => [...r, i === 0 ? "Location" : siteOf(r[D("Lot")], r[D("Product")]), i === 0 ? "To" : null]);
  const counts = c.counts && c.counts.map((r, i) => [...r, i === 0 ? "Location" : siteOf(r[col(COUNTS_HEADER, "Lot")], r[col(COUNTS_HEADER, "Product")])]);
  const named = new Set(siteOfLot.values());
  const lotRows = c.lots.slice(1).filter((r) => typeof r[L("Lot")] === "string");
  const reached = new Set<string>([...siteOfLot].map(([lot, site]) => `${lot}@${site}`));
  for (const t of transfers) {
    if (t.from === t.to || lotRows.length === 0 || !named.has(t.to)) continue;
    const r = lotRows[t.lot % lotRows.length];
    const lot = (r[L("Lot")] as string).trim().toUpperCase();
    if (!reached.has(`${lot}@${t.from}`)) continue;
    reached.add(`${lot}@${t.to}`);
    const row: Row = new Array<Cell>(draws[0].length).fill(null);
    row[D("Date")] = (r[L("Received")] as number) + t.day + t.minute / 1440;
    row[D("Product")] = r[L("Product")];
    row[D("Lot")] = r[L("Lot")];
    row[D("Qty")] = t.qty;
    row[D("Kind")] = "Transfer";
    row[draws[0].length - 2] = SITES[t.from];
    row[draws[0].length - 1] = SITES[t.to];
    draws.push(row);
  }
  return { ...c, lots, draws, counts };
}
