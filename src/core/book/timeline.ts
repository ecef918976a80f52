/** A product's events in time order, as columns (built once per ledger, revised after a change). */
import { PHASE_DRAW, PHASE_END_OF_DAY, PHASE_RECEIPT, PHASE_TIMED_COUNT } from "../instant";
import type { Ledger, Lot, Product } from "../ledger";
import type { CountRow, DrawKind, DrawRow, LotRow } from "../rows";
import { type StockKey, stockKeyOf } from "../stockKey";

// ---------------------------------------------------------------------------------------------
// The timeline: each product's usable rows in event order, built once per ledger.

/**
 * One product's events, each kind already in time order (ties in row order): receipts at the start
 * of their day, draws at their time, counts at their time or the end of their day. The replay
 * merges the three lists; no per-event objects, since a practice has hundreds of thousands.
 */
export interface Timeline {
  /** The product's lots at their locations: one slot per (lot, location) stock arrives at. */
  readonly slots: readonly Slot[];
  readonly slotOf: ReadonlyMap<StockKey, number>;
  /** The locations of the product's slots, by key: index into `siteKeys`. */
  readonly siteOf: ReadonlyMap<string, number>;
  readonly siteKeys: readonly string[];
  readonly receipts: readonly LotRow[];
  /** Slot of each receipt. */
  readonly receiptLot: readonly number[];
  readonly draws: readonly DrawRow[];
  /** Slot the draw takes from, or −1 for a blank lot. */
  readonly drawLot: readonly number[];
  /** The draw's location (index into `siteKeys`, −1 when no lot of the product arrives there). */
  readonly drawSite: readonly number[];
  /** A transfer's destination slot; −1 for every other draw. */
  readonly drawTo: readonly number[];
  /** Each draw's time, quantity, kind (`KIND_CODE`) and visit index, side by side for the tight loops. */
  readonly drawT: readonly number[];
  readonly drawQty: readonly number[];
  readonly drawKind: readonly number[];
  readonly drawVisit: readonly number[];
  readonly counts: readonly CountRow[];
  readonly countT: readonly number[];
  readonly countPhase: readonly number[];
  /** Slot of each count. */
  readonly countLot: readonly number[];
  /** The last event: an as-of at or after it sees the same books as the end of time. */
  readonly lastT: number;
  readonly lastPhase: number;
}

/** A lot at one location. */
export interface Slot {
  readonly lot: Lot;
  readonly locationKey: string;
  readonly location: string | null;
}

/** Draw kinds as small integers for the replay's columns. */
export const KIND_CODE: Readonly<Record<DrawKind, number>> = { Visit: 0, Waste: 1, Expired: 2, Sample: 3, Return: 4, Transfer: 5 };
export const VISIT = 0;
export const WASTE = 1;
export const EXPIRED = 2;
export const SAMPLE = 3;
export const RETURN = 4;
export const TRANSFER = 5;

interface DrawColumns {
  rows: DrawRow[];
  t: number[];
  qty: number[];
  lot: number[];
  site: number[];
  to: number[];
  kind: number[];
  visit: number[];
  sorted: boolean;
}

/** Puts a product's draw columns in time order (ties in row order) when they were not already. */
function sortColumns(c: DrawColumns): DrawColumns {
  if (c.sorted) return c;
  const order = c.t.map((_, i) => i).sort((a, b) => c.t[a] - c.t[b] || a - b);
  const pick = <T>(xs: T[]) => order.map((i) => xs[i]);
  return { rows: pick(c.rows), t: pick(c.t), qty: pick(c.qty), lot: pick(c.lot), site: pick(c.site), to: pick(c.to), kind: pick(c.kind), visit: pick(c.visit), sorted: true };
}

export const timelineCache = new WeakMap<Ledger, Map<string, Timeline>>();

/** The product's timeline, building (in one pass over the tables) those of every product that has none yet. */
export function timelineOf(ledger: Ledger, product: Product): Timeline {
  let built = timelineCache.get(ledger);
  if (!built) timelineCache.set(ledger, (built = new Map()));
  const hit = built.get(product.key);
  if (hit) return hit;
  const wanted = [...ledger.productIndex.values()].filter((p) => !built!.has(p.key));
  for (const [key, timeline] of buildTimelines(ledger, wanted)) built.set(key, timeline);
  return built.get(product.key)!;
}

/** Where a product's stock is kept: its lots at the locations they arrive at, and those locations. */
interface Places {
  readonly slots: Slot[];
  readonly slotOf: Map<StockKey, number>;
  readonly siteOf: Map<string, number>;
  readonly siteKeys: string[];
}

function placesOf(ledger: Ledger, p: Product): Places {
  const slots: Slot[] = [];
  const slotOf = new Map<StockKey, number>();
  const siteOf = new Map<string, number>();
  const siteKeys: string[] = [];
  for (const lot of p.lots) {
    const at = [...(ledger.sites.at.get(lot.key) ?? [""])].sort();
    for (const locationKey of at) {
      slotOf.set(stockKeyOf(lot.key, locationKey), slots.length);
      slots.push({ lot, locationKey, location: locationKey === "" ? null : (ledger.sites.names.get(locationKey) ?? locationKey) });
      if (!siteOf.has(locationKey)) siteOf.set(locationKey, siteKeys.push(locationKey) - 1);
    }
  }
  return { slots, slotOf, siteOf, siteKeys };
}

/** A draw's columns in its product's timeline: its slot, location and destination; `null` when it has no place there. */
export function placeDraw(places: { readonly slotOf: ReadonlyMap<StockKey, number>; readonly siteOf: ReadonlyMap<string, number> }, row: DrawRow): { lot: number; site: number; to: number } | null {
  const site = places.siteOf.get(row.locationKey) ?? -1;
  if (row.lotRef === null) return { lot: -1, site, to: -1 };
  const lot = places.slotOf.get(stockKeyOf(row.lotRef.key, row.locationKey));
  if (lot === undefined) return null;
  if (row.kind !== "Transfer") return { lot, site, to: -1 };
  const to = places.slotOf.get(stockKeyOf(row.lotRef.key, row.toKey ?? ""));
  return to === undefined ? null : { lot, site, to };
}

function buildTimelines(ledger: Ledger, wanted: readonly Product[]): Map<string, Timeline> {
  const cols: (DrawColumns | undefined)[] = [];
  const places: Places[] = [];
  const countsOf: CountRow[][] = [];
  for (const p of wanted) {
    places[p.index] = placesOf(ledger, p);
    cols[p.index] = { rows: [], t: [], qty: [], lot: [], site: [], to: [], kind: [], visit: [], sorted: true };
    countsOf[p.index] = [];
  }
  // One pass over the draws, each read once, into per-product columns.
  for (const row of ledger.draws.rows) {
    if (!row.usable || row.owner === null || row.time === null) continue;
    const c = cols[row.owner.index];
    if (c === undefined) continue;
    const at = placeDraw(places[row.owner.index], row);
    if (at === null) continue;
    const n = c.t.length;
    if (n > 0 && c.t[n - 1] > row.time) c.sorted = false;
    c.rows.push(row);
    c.t.push(row.time);
    c.qty.push(row.qty!);
    c.lot.push(at.lot);
    c.site.push(at.site);
    c.to.push(at.to);
    c.kind.push(KIND_CODE[row.kind]);
    c.visit.push(row.visitIndex);
  }
  const countsByKey = new Map<string, CountRow[]>();
  for (const p of wanted) countsByKey.set(p.key, countsOf[p.index]);
  for (const row of ledger.counts.rows) {
    if (row.usable && row.productKey !== null && row.time !== null && row.lotKey !== null) countsByKey.get(row.productKey)?.push(row);
  }
  const out = new Map<string, Timeline>();
  for (const p of wanted) {
    const { slots, slotOf, siteOf, siteKeys } = places[p.index];
    const receipts = p.lots.flatMap((l) => l.receipts).sort((a, b) => a.received! - b.received! || a.row - b.row);
    const c = sortColumns(cols[p.index]!);
    const draws = c.rows;
    const counts = countsOf[p.index]
      .map((row) => ({ row, t: row.timed ? row.time! : row.time! + 1, phase: row.timed ? PHASE_TIMED_COUNT : PHASE_END_OF_DAY }))
      .sort((a, b) => a.t - b.t || a.phase - b.phase || a.row.row - b.row.row);
    const countsAt = counts.filter((x) => slotOf.has(stockKeyOf(x.row.lotKey!, x.row.locationKey)));
    const countT = countsAt.map((x) => x.t);
    const countPhase = countsAt.map((x) => x.phase);
    out.set(p.key, {
      slots, slotOf, siteOf, siteKeys,
      receipts,
      receiptLot: receipts.map((r) => slotOf.get(stockKeyOf(r.lotKey!, r.locationKey))!),
      draws,
      drawLot: c.lot,
      drawSite: c.site,
      drawTo: c.to,
      drawT: c.t,
      drawQty: c.qty,
      drawKind: c.kind,
      drawVisit: c.visit,
      counts: countsAt.map((c) => c.row),
      countT,
      countPhase,
      countLot: countsAt.map((c) => slotOf.get(stockKeyOf(c.row.lotKey!, c.row.locationKey))!),
      ...lastEvent(receipts, c.t, countT, countPhase),
    });
  }
  return out;
}

/**
 * Gives `product` in `next` its timeline in `prev` revised by the Draws rows read again (`before`
 * the row as it was, `after` as it is now), rather than a new pass over the table: a draw edited
 * without moving in time is replaced where it stands, one now unusable is taken out, and draws
 * appended after the product's last draw are added at the end. False when a row moved in time or
 * came in among the others: the timeline must then be made anew.
 */
export function reviseTimeline(prev: Ledger, next: Ledger, product: Product, changes: readonly { readonly before: DrawRow | null; readonly after: DrawRow | null }[]): boolean {
  const tl = timelineCache.get(prev)?.get(product.key);
  const built = timelineCache.get(next);
  if (!tl || !built || prev.productIndex.get(product.key) !== product) return false;
  const inTimeline = (r: DrawRow | null): r is DrawRow => r !== null && r.usable && r.owner === product && r.time !== null;
  // A transfer may open a place for stock (a lot at a new location): the timeline is made anew.
  if (changes.some((c) => c.before?.kind === "Transfer" || c.after?.kind === "Transfer")) return false;
  const cols = {
    draws: tl.draws.slice(), drawLot: tl.drawLot.slice(), drawSite: tl.drawSite.slice(), drawTo: tl.drawTo.slice(),
    drawT: tl.drawT.slice(), drawQty: tl.drawQty.slice(), drawKind: tl.drawKind.slice(), drawVisit: tl.drawVisit.slice(),
  };
  let placed = true;
  const put = (i: number, r: DrawRow) => {
    const at = placeDraw(tl, r);
    if (at === null) {
      placed = false;
      return;
    }
    cols.draws[i] = r;
    cols.drawLot[i] = at.lot;
    cols.drawSite[i] = at.site;
    cols.drawTo[i] = at.to;
    cols.drawT[i] = r.time!;
    cols.drawQty[i] = r.qty!;
    cols.drawKind[i] = KIND_CODE[r.kind];
    cols.drawVisit[i] = r.visitIndex;
  };
  const removed = new Set<number>();
  const appended: DrawRow[] = [];
  // The first place in the columns that changes: every draw before it stands as it was.
  let first = tl.draws.length;
  for (const { before, after } of changes) {
    const was = inTimeline(before) ? findDraw(tl, before) : -1;
    if (inTimeline(before) && was < 0) return false;
    if (was >= 0) first = Math.min(first, was);
    if (inTimeline(after)) {
      if (was >= 0 && after.time === before!.time) put(was, after);
      else if (before === null) appended.push(after);
      else return false;
    } else if (was >= 0) removed.add(was);
  }
  let lastT = tl.drawT.length > 0 ? tl.drawT[tl.drawT.length - 1] : -Infinity;
  for (const r of appended) {
    if (r.time! < lastT) return false;
    lastT = r.time!;
    put(cols.draws.length, r);
  }
  if (removed.size > 0) {
    const keep = (_: unknown, i: number) => !removed.has(i);
    cols.draws = cols.draws.filter(keep);
    cols.drawLot = cols.drawLot.filter(keep);
    cols.drawSite = cols.drawSite.filter(keep);
    cols.drawTo = cols.drawTo.filter(keep);
    cols.drawT = cols.drawT.filter(keep);
    cols.drawQty = cols.drawQty.filter(keep);
    cols.drawKind = cols.drawKind.filter(keep);
    cols.drawVisit = cols.drawVisit.filter(keep);
  }
  // A draw with no place among the product's stock is left out of a timeline made anew; so here.
  if (!placed) return false;
  const revised: Timeline = { ...tl, ...cols, ...lastEvent(tl.receipts, cols.drawT, tl.countT, tl.countPhase) };
  const firstT = Math.min(first < tl.drawT.length ? tl.drawT[first] : Infinity, first < cols.drawT.length ? cols.drawT[first] : Infinity);
  // Draws only added after every event of the timeline: its books go on from where they stood.
  const t0 = appended.length > 0 ? appended[0].time! : -Infinity;
  const after = appended.length > 0 && first === tl.draws.length && (tl.lastT < t0 || (tl.lastT === t0 && tl.lastPhase <= PHASE_DRAW));
  revisions.set(revised, { fromDraws: tl.draws, firstT, continues: after ? tl.draws.length : null });
  built.set(product.key, revised);
  return true;
}

/**
 * Timelines revised from another (`reviseTimeline`), known by its draws (not the timeline itself,
 * which would hold the one before it, and so on back): the earliest time of a draw that differs,
 * and, where draws were only added after its last event, how many draws it had.
 */
const revisions = new WeakMap<Timeline, { readonly fromDraws: readonly DrawRow[]; readonly firstT: number; readonly continues: number | null }>();

/**
 * The time before which two timelines of a product hold the same events, where one was revised
 * from the other: a replay of either books everything earlier alike, as posting is deterministic.
 * −∞ when that is not known.
 * @example sameBefore(revised, original) // 46100.5: the appended draw's time
 */
export function sameBefore(tl: Timeline, from: Timeline): number {
  const r = revisions.get(tl);
  return r !== undefined && r.fromDraws === from.draws ? r.firstT : -Infinity;
}

/**
 * Where `tl` is `from` with draws added after all of its events: how many draws `from` had (the
 * books of `from` at the end of time, posted on from there, are the books of `tl`). `null` otherwise.
 */
export function continuesFrom(tl: Timeline, from: Timeline): number | null {
  const r = revisions.get(tl);
  return r !== undefined && r.fromDraws === from.draws ? r.continues : null;
}

/** A draw's place in a timeline: found by its time, then by the row itself. */
function findDraw(tl: Timeline, row: DrawRow): number {
  let lo = 0;
  let hi = tl.drawT.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tl.drawT[mid] < row.time!) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tl.drawT.length && tl.drawT[i] === row.time; i++) if (tl.draws[i] === row) return i;
  return -1;
}

/** The last event of a timeline: an as-of at or after it sees the same books as the end of time. */
function lastEvent(receipts: readonly LotRow[], drawT: readonly number[], countT: readonly number[], countPhase: readonly number[]): { lastT: number; lastPhase: number } {
  let lastT = -Infinity;
  let lastPhase = PHASE_END_OF_DAY;
  const later = (t: number, phase: number) => {
    if (t > lastT || (t === lastT && phase > lastPhase)) [lastT, lastPhase] = [t, phase];
  };
  if (receipts.length) later(receipts[receipts.length - 1].received!, PHASE_RECEIPT);
  if (drawT.length) later(drawT[drawT.length - 1], PHASE_DRAW);
  if (countT.length) later(countT[countT.length - 1], countPhase[countPhase.length - 1]);
  return { lastT, lastPhase };
}

/** Each product's replays, by product key and instant (`instantKey`). */
