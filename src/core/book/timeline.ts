/** A product's events in time order, as columns (built once per ledger, revised after a change). */
import { FEFO } from "../fefo";
import { PHASE_DRAW, PHASE_END_OF_DAY, PHASE_RECEIPT, PHASE_TIMED_COUNT } from "../instant";
import type { Ledger } from "../ledger";
import type { DrawRef, Lot, Product } from "../resolve";
import type { CountRow, DrawKind, DrawRow, LotRow } from "../rows";
import type { Sites } from "../sites";
import { type StockKey, stockKeyOf } from "../stockKey";

// ---------------------------------------------------------------------------------------------
// The timeline: each product's usable rows in event order, built once per ledger.

/**
 * One product's events, each kind already in time order (ties in row order): receipts at the start
 * of their day, draws at their time, counts at their time or the end of their day. The replay
 * merges the three lists; no per-event objects, since a practice has hundreds of thousands.
 */
export interface Timeline extends Places, DrawColumns {
  readonly receipts: readonly LotRow[];
  /** Each receipt's day, and its slot. */
  readonly receiptT: Float64Array;
  readonly receiptLot: readonly number[];
  readonly counts: readonly CountRow[];
  readonly countT: readonly number[];
  readonly countPhase: readonly number[];
  /** Slot of each count. */
  readonly countLot: readonly number[];
  /** The last event: an as-of at or after it sees the same books as the end of time. */
  readonly lastT: number;
  readonly lastPhase: number;
}

/** Where a product's stock is kept: its lots at the locations they arrive at, and those locations. */
interface Places {
  /** The product's lots at their locations: one slot per (lot, location) stock arrives at, in lot order. */
  readonly slots: readonly Slot[];
  /** The slots of the lot at index `i` of the product: `lotSlots[i]` up to `lotSlots[i + 1]`. */
  readonly lotSlots: Int32Array;
  /** Each slot's lot (its index in the product) and location (index into `siteKeys`). */
  readonly slotLot: Int32Array;
  readonly slotSite: Int32Array;
  /** The locations of the product's slots, by key. */
  readonly siteKeys: readonly string[];
  /** The slots in FEFO order: by their lots, then by location (as `byFefo` orders lot states). */
  readonly fefo: Int32Array;
}

/**
 * A product's draws, side by side in typed arrays for the replay's tight loop: a practice has
 * hundreds of thousands, and columns of doubles and integers are neither boxed nor grown.
 */
interface DrawColumns {
  readonly draws: DrawRow[];
  /** Slot the draw takes from, or −1 for a blank lot. */
  readonly drawLot: Int32Array;
  /** The draw's location (index into `siteKeys`, −1 when no lot of the product arrives there). */
  readonly drawSite: Int32Array;
  /** A transfer's destination slot; −1 for every other draw. */
  readonly drawTo: Int32Array;
  /** Each draw's time, quantity, kind (`KIND_CODE`) and visit index. */
  readonly drawT: Float64Array;
  readonly drawQty: Float64Array;
  readonly drawKind: Int8Array;
  readonly drawVisit: Int32Array;
  /** Each draw's place in the Draws rows (see `Refs`): what the per-row columns of the queries are read by. */
  readonly drawRow: Int32Array;
}

/** A lot at one location. */
export interface Slot {
  readonly lot: Lot;
  /** The lot at its location (see `stockKeyOf`). */
  readonly key: StockKey;
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

/** `KIND_CODE` of a kind, as a switch: the timeline's loop reads hundreds of thousands. */
function kindCode(kind: DrawKind): number {
  switch (kind) {
    case "Visit":
      return VISIT;
    case "Waste":
      return WASTE;
    case "Expired":
      return EXPIRED;
    case "Sample":
      return SAMPLE;
    case "Return":
      return RETURN;
    case "Transfer":
      return TRANSFER;
  }
}

/** Columns for `size` draws, to be filled. */
function drawColumns(size: number): DrawColumns {
  return {
    draws: new Array<DrawRow>(size),
    drawLot: new Int32Array(size),
    drawSite: new Int32Array(size),
    drawTo: new Int32Array(size),
    drawT: new Float64Array(size),
    drawQty: new Float64Array(size),
    drawKind: new Int8Array(size),
    drawVisit: new Int32Array(size),
    drawRow: new Int32Array(size),
  };
}

/** Copies draw `i` of `from` to `k` of `to`. */
function moveDraw(from: DrawColumns, i: number, to: DrawColumns, k: number): void {
  to.draws[k] = from.draws[i];
  to.drawLot[k] = from.drawLot[i];
  to.drawSite[k] = from.drawSite[i];
  to.drawTo[k] = from.drawTo[i];
  to.drawT[k] = from.drawT[i];
  to.drawQty[k] = from.drawQty[i];
  to.drawKind[k] = from.drawKind[i];
  to.drawVisit[k] = from.drawVisit[i];
  to.drawRow[k] = from.drawRow[i];
}

/** The first `n` draws of columns made larger than they were filled. */
function cutColumns(c: DrawColumns, n: number): DrawColumns {
  if (n === c.draws.length) return c;
  return {
    draws: c.draws.slice(0, n),
    drawLot: c.drawLot.subarray(0, n),
    drawSite: c.drawSite.subarray(0, n),
    drawTo: c.drawTo.subarray(0, n),
    drawT: c.drawT.subarray(0, n),
    drawQty: c.drawQty.subarray(0, n),
    drawKind: c.drawKind.subarray(0, n),
    drawVisit: c.drawVisit.subarray(0, n),
    drawRow: c.drawRow.subarray(0, n),
  };
}

/** A product's draw columns in time order (ties in row order). */
function sortColumns(c: DrawColumns): DrawColumns {
  const n = c.draws.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => c.drawT[a] - c.drawT[b] || a - b);
  const out = drawColumns(n);
  for (let k = 0; k < n; k++) moveDraw(c, order[k], out, k);
  return out;
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

/** Where a product's stock is kept: its lots at the locations they arrive at (`Sites.at`). */
function placesOf(sites: Sites, p: Product): Places {
  const slots: Slot[] = [];
  const lotSlots = new Int32Array(p.lots.length + 1);
  const siteKeys: string[] = [];
  for (const lot of p.lots) {
    lotSlots[lot.index] = slots.length;
    const at = [...(sites.at.get(lot.key) ?? [""])].sort();
    for (const locationKey of at) {
      slots.push({ lot, key: stockKeyOf(lot.key, locationKey), locationKey, location: locationKey === "" ? null : (sites.names.get(locationKey) ?? locationKey) });
      if (!siteKeys.includes(locationKey)) siteKeys.push(locationKey);
    }
  }
  lotSlots[p.lots.length] = slots.length;
  return {
    slots,
    lotSlots,
    slotLot: Int32Array.from(slots, (s) => s.lot.index),
    slotSite: Int32Array.from(slots, (s) => siteKeys.indexOf(s.locationKey)),
    siteKeys,
    fefo: fefoSlots(p, lotSlots),
  };
}

/**
 * The slots in FEFO order: the product's lots sorted by FEFO, then each lot's slots (already in
 * order of location) in turn; fewer comparisons than sorting the slots themselves.
 */
function fefoSlots(p: Product, lotSlots: Int32Array): Int32Array {
  const out = new Int32Array(lotSlots[p.lots.length]);
  let k = 0;
  for (const lot of [...p.lots].sort(FEFO)) for (let s = lotSlots[lot.index]; s < lotSlots[lot.index + 1]; s++) out[k++] = s;
  return out;
}

/** The slot of a product's lot (by its index in the product) at a location: −1 when stock never arrives there. */
function slotAt(places: Places, lot: number, locationKey: string): number {
  for (let s = places.lotSlots[lot]; s < places.lotSlots[lot + 1]; s++) if (places.slots[s].locationKey === locationKey) return s;
  return -1;
}

/** The slot of a receipt or count of the product: its lot (by key) at its location; −1 when it has none there. */
function slotOfRow(lotIndex: Ledger["lotIndex"], p: Product, places: Places, lotKey: string, locationKey: string): number {
  const lot = lotIndex.get(stockKeyOf(lotKey));
  return lot !== undefined && lot.productKey === p.key ? slotAt(places, lot.index, locationKey) : -1;
}

/**
 * Writes a draw at `i` of its product's draw columns: its slot, location and destination among
 * the product's places, and the rest. `at`: its place in the Draws rows; `lotAt`: the index of
 * the lot it names in the product, −1 for none. False (and nothing written) when it has no place there.
 */
export function placeDraw(places: Places, row: DrawRow, at: number, lotAt: number, c: DrawColumns, i: number): boolean {
  let lot = -1;
  let to = -1;
  if (lotAt >= 0) {
    lot = slotAt(places, lotAt, row.locationKey);
    if (lot < 0) return false;
    if (row.kind === "Transfer") {
      to = slotAt(places, lotAt, row.toKey ?? "");
      if (to < 0) return false;
    }
  }
  c.draws[i] = row;
  c.drawLot[i] = lot;
  c.drawSite[i] = lot >= 0 ? places.slotSite[lot] : places.siteKeys.indexOf(row.locationKey);
  c.drawTo[i] = to;
  c.drawT[i] = row.time!;
  c.drawQty[i] = row.qty!;
  c.drawKind[i] = kindCode(row.kind);
  c.drawVisit[i] = row.visitIndex;
  c.drawRow[i] = at;
  return true;
}

/** The draws a timeline takes: usable, of a product (`owner`, its index; −1 for none), at a time. */
function inTimeline(row: DrawRow | null, owner: number): row is DrawRow {
  return row !== null && row.usable && owner >= 0 && row.time !== null;
}

/**
 * The timelines of `wanted`. What it reads of the ledger it reads first, and its two passes over
 * the draws are functions of their own: it runs once a ledger, and so is compiled by V8 while it
 * runs, a loop at a time, where a load from a ledger of a new shape would throw that code away.
 */
function buildTimelines(ledger: Ledger, wanted: readonly Product[]): Map<string, Timeline> {
  const { draws, counts: countsTable, sites, lotIndex, productIndex, refs } = ledger;
  const rows = draws.rows;
  const sizes = countDraws(refs.drawOwner, rows.length, productIndex.size);
  const places: (Places | undefined)[] = [];
  const cols: (DrawColumns | undefined)[] = [];
  for (const p of wanted) {
    places[p.index] = placesOf(sites, p);
    cols[p.index] = drawColumns(sizes[p.index]);
  }
  const { filled, sorted } = fillDraws(rows, refs.drawOwner, refs.drawLot, places, cols);
  const countsOf: (CountRow[] | undefined)[] = [];
  for (const p of wanted) countsOf[p.index] = [];
  countsTable.rows.forEach((row, at) => {
    const owner = refs.countOwner[at];
    if (row.usable && owner >= 0 && row.time !== null && row.lotKey !== null) countsOf[owner]?.push(row);
  });
  const out = new Map<string, Timeline>();
  for (const p of wanted) {
    const at = places[p.index]!;
    const receipts = p.lots.flatMap((l) => l.receipts).sort((a, b) => a.received! - b.received! || a.row - b.row);
    const filledCols = cutColumns(cols[p.index]!, filled[p.index]);
    const counts = countsOf[p.index]!
      .map((row) => ({ row, t: row.timed ? row.time! : row.time! + 1, phase: row.timed ? PHASE_TIMED_COUNT : PHASE_END_OF_DAY, slot: slotOfRow(lotIndex, p, at, row.lotKey!, row.locationKey) }))
      .sort((a, b) => a.t - b.t || a.phase - b.phase || a.row.row - b.row.row)
      .filter((x) => x.slot >= 0);
    out.set(p.key, assemble(at, {
      receipts,
      receiptT: Float64Array.from(receipts, (r) => r.received!),
      receiptLot: receipts.map((r) => slotOfRow(lotIndex, p, at, r.lotKey!, r.locationKey)),
      counts: counts.map((c) => c.row),
      countT: counts.map((x) => x.t),
      countPhase: counts.map((x) => x.phase),
      countLot: counts.map((x) => x.slot),
    }, sorted[p.index] ? filledCols : sortColumns(filledCols)));
  }
  return out;
}

/**
 * Room for each product's draws (by its index), so that its columns are made at their size at
 * once: the draws it owns, counted from the owners alone (no row is read); those that cannot be
 * booked (unusable, undated) are cut off once the columns are filled.
 */
function countDraws(owners: Int32Array, rows: number, products: number): Int32Array {
  const sizes = new Int32Array(products);
  for (let i = 0; i < rows; i++) {
    const owner = owners[i];
    if (owner >= 0) sizes[owner]++;
  }
  return sizes;
}

/**
 * One pass over the draws, each read once, into the columns of the products that have some: how
 * many each product's columns hold, and whether they came in time order.
 */
function fillDraws(rows: readonly DrawRow[], owners: Int32Array, lots: Int32Array, places: readonly (Places | undefined)[], cols: readonly (DrawColumns | undefined)[]): { filled: Int32Array; sorted: Uint8Array } {
  const filled = new Int32Array(cols.length);
  const sorted = new Uint8Array(cols.length).fill(1);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const p = owners[i];
    if (!inTimeline(row, p)) continue;
    const c = cols[p];
    if (c === undefined) continue;
    const n = filled[p];
    if (!placeDraw(places[p]!, row, i, lots[i], c, n)) continue;
    if (n > 0 && c.drawT[n - 1] > row.time!) sorted[p] = 0;
    filled[p] = n + 1;
  }
  return { filled, sorted };
}

/** The events of a timeline other than its draws. */
type Others = Pick<Timeline, "receipts" | "receiptT" | "receiptLot" | "counts" | "countT" | "countPhase" | "countLot">;

/** A timeline from its parts, in one shape wherever it is made: the replay reads many. */
function assemble(places: Places, others: Others, c: DrawColumns): Timeline {
  return {
    slots: places.slots,
    lotSlots: places.lotSlots,
    slotLot: places.slotLot,
    slotSite: places.slotSite,
    siteKeys: places.siteKeys,
    fefo: places.fefo,
    receipts: others.receipts,
    receiptT: others.receiptT,
    receiptLot: others.receiptLot,
    draws: c.draws,
    drawLot: c.drawLot,
    drawSite: c.drawSite,
    drawTo: c.drawTo,
    drawT: c.drawT,
    drawQty: c.drawQty,
    drawKind: c.drawKind,
    drawVisit: c.drawVisit,
    drawRow: c.drawRow,
    counts: others.counts,
    countT: others.countT,
    countPhase: others.countPhase,
    countLot: others.countLot,
    ...lastEvent(others.receipts, c.drawT, others.countT, others.countPhase),
  };
}

/**
 * A Draws row read again by `updateLedger`: the row it replaced (`null`: a new row) and the row
 * now, with what each referred to (`was` in the ledger before, `now` in the new one) and where the
 * row now stands in the rows (`at`: rows keep their places, new ones come at the end).
 */
export interface Redrawn {
  readonly before: DrawRow | null;
  readonly after: DrawRow;
  readonly was: DrawRef;
  readonly now: DrawRef;
  readonly at: number;
}

/**
 * Gives `product` in `next` its timeline in `prev` revised by the Draws rows read again (`before`
 * the row as it was, `after` as it is now), rather than a new pass over the table: a draw edited
 * without moving in time is replaced where it stands, one now unusable is taken out, and draws
 * appended after the product's last draw are added at the end. False when a row moved in time or
 * came in among the others: the timeline must then be made anew.
 */
export function reviseTimeline(prev: Ledger, next: Ledger, product: Product, changes: readonly Redrawn[]): boolean {
  const tl = timelineCache.get(prev)?.get(product.key);
  const built = timelineCache.get(next);
  if (!tl || !built || prev.productIndex.get(product.key) !== product) return false;
  const ofProduct = (r: DrawRow | null, ref: DrawRef): r is DrawRow => inTimeline(r, ref.owner === product ? product.index : -1);
  // A transfer may open a place for stock (a lot at a new location): the timeline is made anew.
  if (changes.some((c) => c.before?.kind === "Transfer" || c.after.kind === "Transfer")) return false;
  const edited: { readonly at: number; readonly row: DrawRow; readonly pos: number; readonly lot: number }[] = [];
  const removed = new Set<number>();
  const appended: { readonly row: DrawRow; readonly pos: number; readonly lot: number }[] = [];
  // The first place in the columns that changes: every draw before it stands as it was.
  const n = tl.draws.length;
  let first = n;
  for (const { before, after, was: wasRef, now, at: pos } of changes) {
    const was = ofProduct(before, wasRef) ? findDraw(tl, before) : -1;
    if (ofProduct(before, wasRef) && was < 0) return false;
    if (was >= 0) first = Math.min(first, was);
    if (ofProduct(after, now)) {
      const lot = now.lot?.index ?? -1;
      if (was >= 0 && after.time === before!.time) edited.push({ at: was, row: after, pos, lot });
      else if (before === null) appended.push({ row: after, pos, lot });
      else return false;
    } else if (was >= 0) removed.add(was);
  }
  let lastT = n > 0 ? tl.drawT[n - 1] : -Infinity;
  for (const { row } of appended) {
    if (row.time! < lastT) return false;
    lastT = row.time!;
  }
  const grown = drawColumns(n + appended.length);
  for (let i = 0; i < n; i++) grown.draws[i] = tl.draws[i];
  grown.drawLot.set(tl.drawLot);
  grown.drawSite.set(tl.drawSite);
  grown.drawTo.set(tl.drawTo);
  grown.drawT.set(tl.drawT);
  grown.drawQty.set(tl.drawQty);
  grown.drawKind.set(tl.drawKind);
  grown.drawVisit.set(tl.drawVisit);
  grown.drawRow.set(tl.drawRow);
  // A draw with no place among the product's stock is left out of a timeline made anew; so here.
  for (const { at, row, pos, lot } of edited) if (!placeDraw(tl, row, pos, lot, grown, at)) return false;
  for (let k = 0; k < appended.length; k++) if (!placeDraw(tl, appended[k].row, appended[k].pos, appended[k].lot, grown, n + k)) return false;
  let kept = removed.size === 0 ? grown.draws.length : 0;
  for (let i = kept; i < grown.draws.length; i++) {
    if (removed.has(i)) continue;
    if (kept < i) moveDraw(grown, i, grown, kept);
    kept++;
  }
  const cols = cutColumns(grown, kept);
  const revised = assemble(tl, tl, cols);
  const firstT = Math.min(first < n ? tl.drawT[first] : Infinity, first < kept ? cols.drawT[first] : Infinity);
  // Draws only added after every event of the timeline: its books go on from where they stood.
  const t0 = appended.length > 0 ? appended[0].row.time! : -Infinity;
  const after = appended.length > 0 && first === n && (tl.lastT < t0 || (tl.lastT === t0 && tl.lastPhase <= PHASE_DRAW));
  revisions.set(revised, { fromDraws: tl.draws, firstT, continues: after ? n : null });
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
function lastEvent(receipts: readonly LotRow[], drawT: Float64Array, countT: readonly number[], countPhase: readonly number[]): { lastT: number; lastPhase: number } {
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
