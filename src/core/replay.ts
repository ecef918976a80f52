import type { Diagnostic } from "./diagnostic";
import { FEFO, isExpiredOn } from "./fefo";
import { END_OF_TIME, instantKey, isBy, PHASE_DRAW, PHASE_END_OF_DAY, PHASE_RECEIPT, PHASE_TIMED_COUNT, type Instant } from "./instant";
import { keysOf } from "./keys";
import type { Ledger, Lot, Product } from "./ledger";
import type { Money } from "./money";
import { formatQty, QTY_ONE, type Qty } from "./quantity";
import type { CountRow, DrawKind, DrawRow, LotRow } from "./rows";
import { stockKeyOf, type StockKey } from "./stockKey";
import { divRound } from "./_lib/decimalText";
import { addAmount, AmountColumn, mulAmount, toMoney, type Amount } from "./_lib/amount";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One receipt of a lot: a FIFO cost layer. Its cost is relieved cumulatively — the cost of the
 * first `b` units taken is `round(num × b / den)` — so the layer's units always cost exactly its
 * purchase amount in total, however finely it is drawn, and the books balance to the last digit.
 */
export interface Layer {
  readonly row: LotRow;
  readonly qty: Qty;
  readonly num: bigint;
  readonly den: bigint;
  /** Cost per millionth of a unit when it is exact (the usual case), for speed. */
  readonly exact: Amount | null;
  /** Units taken from this layer so far (draws, shrinkage; lowered by units found). */
  taken: Qty;
}

/** An opened vial (or syringe) of a lot: what is left in it and until when it may be used. */
export interface Vial {
  left: Qty;
  readonly opened: number;
  /** `null` when Products gives no Use Within Hours. */
  readonly useBy: number | null;
}

/** A lot's state at an instant of the replay. */
export interface LotState {
  readonly lot: Lot;
  readonly layers: Layer[];
  /** Index of the oldest layer that may still hold units. */
  head: number;
  /** Units on the books: received − drawn, reset at each count. Negative after an overdraw. */
  remaining: Qty;
  open: Vial | null;
  /** Opened vials past their use-by that still hold product: reported, never written off silently. */
  stale: Vial[];
  /** Patient draws since the last count, for the loss allowance. */
  injectedSinceCount: Qty;
}

/** Where a draw's units came from. */
export interface Allocation {
  readonly lot: StockKey;
  readonly qty: Qty;
  readonly cost: Money;
}

/** A draw as booked: its cost, from which lots (more than one only when FEFO split a blank-lot draw). */
export interface DrawBooking {
  readonly row: DrawRow;
  readonly allocations: readonly Allocation[];
  readonly cost: Money;
  /** True when the lot was blank and FEFO chose it. */
  readonly assumed: boolean;
}

/** A count as booked: the book quantity just before it, what was counted, and the difference. */
export interface CountBooking {
  readonly row: CountRow;
  readonly lot: StockKey;
  readonly t: number;
  readonly expected: Qty;
  readonly counted: Qty;
  /** Expected − counted: positive means units missing. */
  readonly shrinkage: Qty;
  /** Cost of the layers the missing units took (negative for units found). */
  readonly cost: Money;
  /** Patient draws since the previous count of the lot (for the loss allowance). */
  readonly injected: Qty;
}

/** A product's stock at an instant, and every draw and count booked up to it. */
export interface ProductState {
  readonly product: Product;
  /** The product's lot states, in FEFO order. */
  readonly lots: ReadonlyMap<StockKey, LotState>;
  /** Draws booked, in event order, and what each cost (parallel arrays: a practice has many). */
  readonly booked: readonly DrawRow[];
  /** Each booked draw's kind (`KIND_CODE`) and visit index, read without touching the row. */
  readonly bookedKind: Int8Array;
  readonly bookedVisit: Int32Array;
  /** What each booked draw cost, by its position in `booked` (exact: see `Amount`). */
  readonly costs: AmountColumn;
  /** For blank-lot draws, by position in `booked`: the lots FEFO assigned them to. */
  readonly splits: ReadonlyMap<number, readonly Allocation[]>;
  readonly counts: readonly CountBooking[];
  /** Problems only the replay can see (overdraws, blank-lot draws FEFO cannot cover). */
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Layers: exact cumulative cost relief.

/** The cost of the first `b` units of a layer. */
export function layerCost(l: Layer, b: Qty): Money {
  return l.exact !== null ? toMoney(l.exact) * BigInt(b) : divRound(l.num * BigInt(b), l.den);
}

/** What the whole layer cost on its purchase order. */
export function layerPurchase(l: Layer): Money {
  return layerCost(l, l.qty);
}

/** What one receipt (a Lots row) cost on its purchase order, exactly as its layer is relieved. */
export function receiptCost(row: LotRow): Money {
  return layerPurchase(newLayer(row));
}

/** What the units still in a layer are worth at cost. */
export function layerValue(l: Layer): Money {
  return layerPurchase(l) - layerCost(l, l.taken);
}

function newLayer(row: LotRow): Layer {
  const qty = row.qty!;
  // Total Cost wins when given (it is what was paid); else Unit Cost per whole unit.
  const num = row.totalCost ?? row.unitCost!;
  const den = row.totalCost !== null ? BigInt(qty) : BigInt(QTY_ONE);
  const perMicro = num % den === 0n ? num / den : null;
  const exact = perMicro === null ? null : perMicro <= MAX_SAFE ? Number(perMicro) : perMicro;
  return { row, qty, num, den, exact, taken: 0 };
}

/** The cost of the next `x` units of a layer (negative `x`: units put back). */
function slice(l: Layer, x: Qty): Amount {
  return l.exact !== null ? mulAmount(l.exact, x) : layerCost(l, l.taken + x) - layerCost(l, l.taken);
}

/** Takes `q` units from a lot, oldest layer first; beyond what is left, from the newest layer. */
function take(s: LotState, q: Qty): Amount {
  const layers = s.layers;
  let rest = q;
  let cost: Amount = 0;
  while (s.head < layers.length - 1 && layers[s.head].taken >= layers[s.head].qty) s.head++;
  for (let i = s.head; i < layers.length && rest > 0; i++) {
    const l = layers[i];
    const avail = l.qty - l.taken;
    if (avail <= 0) continue;
    const x = avail < rest ? avail : rest;
    cost = addAmount(cost, slice(l, x));
    l.taken += x;
    rest -= x;
  }
  if (rest > 0) {
    const l = layers[layers.length - 1];
    cost = addAmount(cost, slice(l, rest));
    l.taken += rest;
  }
  s.remaining -= q;
  return cost;
}

/** Units found at a count go back into the newest layer, at its cost. */
function giveBack(s: LotState, q: Qty): Amount {
  const l = s.layers[s.layers.length - 1];
  const cost = slice(l, -q);
  l.taken -= q;
  s.remaining += q;
  return cost;
}

// ---------------------------------------------------------------------------------------------
// Vials.

function vialContent(s: LotState): Qty {
  let c = s.open ? s.open.left : 0;
  for (const v of s.stale) c += v.left;
  return c;
}

/** Units of the lot that may still be drawn at `moment` (opened vials past use-by excluded). */
export function usableRemaining(s: LotState, moment: number): Qty {
  let r = s.remaining;
  for (const v of s.stale) r -= v.left;
  if (s.open && s.open.useBy !== null && moment > s.open.useBy) r -= s.open.left;
  return r;
}

/** True when the lot has an opened vial that may still be used at `moment`. */
export function hasUsableOpenVial(s: LotState, moment: number): boolean {
  return !!s.open && s.open.left > 0 && (s.open.useBy === null || moment <= s.open.useBy);
}

function retireOpenVial(s: LotState, t: number): void {
  if (s.open && s.open.useBy !== null && t > s.open.useBy) {
    if (s.open.left > 0) s.stale.push(s.open);
    s.open = null;
  }
}

function drawFromVials(s: LotState, q: Qty, kind: number, t: number, vialSize: Qty, hours: number | null): void {
  retireOpenVial(s, t);
  let rest = q;
  if (kind === WASTE || kind === EXPIRED) {
    while (rest > 0 && s.stale.length > 0) {
      const v = s.stale[0];
      const x = Math.min(v.left, rest);
      v.left -= x;
      rest -= x;
      if (v.left === 0) s.stale.shift();
    }
  }
  if (rest > 0 && s.open) {
    const x = Math.min(s.open.left, rest);
    s.open.left -= x;
    rest -= x;
    if (s.open.left === 0) s.open = null;
  }
  let sealed = s.remaining - vialContent(s) - (q - rest);
  while (rest > 0) {
    let content = Math.min(vialSize, sealed);
    if (content <= 0) content = rest; // an overdraw: there is no sealed vial to open
    sealed -= content;
    const x = Math.min(content, rest);
    rest -= x;
    if (content - x > 0) {
      if (s.open && s.open.left > 0) s.stale.push(s.open);
      s.open = { left: content - x, opened: t, useBy: hours === null ? null : t + hours / 24 };
    }
  }
}

function trimVialsToCount(s: LotState, counted: Qty): void {
  let excess = vialContent(s) - counted;
  while (excess > 0 && s.stale.length > 0) {
    const v = s.stale[0];
    const x = Math.min(v.left, excess);
    v.left -= x;
    excess -= x;
    if (v.left === 0) s.stale.shift();
  }
  if (excess > 0 && s.open) {
    s.open.left -= Math.min(s.open.left, excess);
    if (s.open.left === 0) s.open = null;
  }
}

// ---------------------------------------------------------------------------------------------
// The timeline: each product's usable rows in event order, built once per ledger.

/**
 * One product's events, each kind already in time order (ties in row order): receipts at the start
 * of their day, draws at their time, counts at their time or the end of their day. The replay
 * merges the three lists; no per-event objects, since a practice has hundreds of thousands.
 */
interface Timeline {
  readonly receipts: readonly LotRow[];
  readonly receiptLot: readonly number[];
  readonly draws: readonly DrawRow[];
  /** Index of the draw's lot in the product's lots, or −1 for a blank lot. */
  readonly drawLot: readonly number[];
  /** Each draw's time, quantity, kind (`KIND_CODE`) and visit index, side by side for the tight loops. */
  readonly drawT: readonly number[];
  readonly drawQty: readonly number[];
  readonly drawKind: readonly number[];
  readonly drawVisit: readonly number[];
  readonly counts: readonly CountRow[];
  readonly countT: readonly number[];
  readonly countPhase: readonly number[];
  readonly countLot: readonly number[];
  /** The last event: an as-of at or after it sees the same books as the end of time. */
  readonly lastT: number;
  readonly lastPhase: number;
}

/** Draw kinds as small integers for the replay's columns. */
export const KIND_CODE: Readonly<Record<DrawKind, number>> = { Visit: 0, Waste: 1, Expired: 2, Sample: 3, Return: 4 };
const VISIT = 0;
const WASTE = 1;
const EXPIRED = 2;
const SAMPLE = 3;
const RETURN = 4;

interface DrawColumns {
  rows: DrawRow[];
  t: number[];
  qty: number[];
  lot: number[];
  kind: number[];
  visit: number[];
  sorted: boolean;
}

/** Puts a product's draw columns in time order (ties in row order) when they were not already. */
function sortColumns(c: DrawColumns): DrawColumns {
  if (c.sorted) return c;
  const order = c.t.map((_, i) => i).sort((a, b) => c.t[a] - c.t[b] || a - b);
  const pick = <T>(xs: T[]) => order.map((i) => xs[i]);
  return { rows: pick(c.rows), t: pick(c.t), qty: pick(c.qty), lot: pick(c.lot), kind: pick(c.kind), visit: pick(c.visit), sorted: true };
}

const timelineCache = new WeakMap<Ledger, Map<string, Timeline>>();

/** The product's timeline, building (in one pass over the tables) those of every product that has none yet. */
function timelineOf(ledger: Ledger, product: Product): Timeline {
  let built = timelineCache.get(ledger);
  if (!built) timelineCache.set(ledger, (built = new Map()));
  const hit = built.get(product.key);
  if (hit) return hit;
  const wanted = [...ledger.productIndex.values()].filter((p) => !built!.has(p.key));
  for (const [key, timeline] of buildTimelines(ledger, wanted)) built.set(key, timeline);
  return built.get(product.key)!;
}

function buildTimelines(ledger: Ledger, wanted: readonly Product[]): Map<string, Timeline> {
  const slot = new Map<StockKey, number>();
  const cols: (DrawColumns | undefined)[] = [];
  const countsOf: CountRow[][] = [];
  for (const p of wanted) {
    p.lots.forEach((l, i) => slot.set(l.key, i));
    cols[p.index] = { rows: [], t: [], qty: [], lot: [], kind: [], visit: [], sorted: true };
    countsOf[p.index] = [];
  }
  // One pass over the draws, each read once, into per-product columns.
  for (const row of ledger.draws.rows) {
    if (!row.usable || row.owner === null || row.time === null) continue;
    const c = cols[row.owner.index];
    if (c === undefined) continue;
    const n = c.t.length;
    if (n > 0 && c.t[n - 1] > row.time) c.sorted = false;
    c.rows.push(row);
    c.t.push(row.time);
    c.qty.push(row.qty!);
    c.lot.push(row.lotRef?.index ?? -1);
    c.kind.push(KIND_CODE[row.kind]);
    c.visit.push(row.visitIndex);
  }
  const countsByKey = new Map<string, CountRow[]>();
  for (const p of wanted) countsByKey.set(p.key, countsOf[p.index]);
  for (const row of ledger.counts.rows) {
    if (row.usable && row.productKey !== null && row.time !== null) countsByKey.get(row.productKey)?.push(row);
  }
  const out = new Map<string, Timeline>();
  for (const p of wanted) {
    const receipts = p.lots.flatMap((l) => l.receipts).sort((a, b) => a.received! - b.received! || a.row - b.row);
    const c = sortColumns(cols[p.index]!);
    const draws = c.rows;
    const counts = countsOf[p.index]
      .map((row) => ({ row, t: row.timed ? row.time! : row.time! + 1, phase: row.timed ? PHASE_TIMED_COUNT : PHASE_END_OF_DAY }))
      .sort((a, b) => a.t - b.t || a.phase - b.phase || a.row.row - b.row.row);
    let lastT = -Infinity;
    let lastPhase = PHASE_END_OF_DAY;
    const later = (t: number, phase: number) => {
      if (t > lastT || (t === lastT && phase > lastPhase)) [lastT, lastPhase] = [t, phase];
    };
    if (receipts.length) later(receipts[receipts.length - 1].received!, PHASE_RECEIPT);
    if (draws.length) later(c.t[c.t.length - 1], PHASE_DRAW);
    if (counts.length) later(counts[counts.length - 1].t, counts[counts.length - 1].phase);
    out.set(p.key, {
      receipts,
      receiptLot: receipts.map((r) => slot.get(stockKeyOf(r.lotKey!))!),
      draws,
      drawLot: c.lot,
      drawT: c.t,
      drawQty: c.qty,
      drawKind: c.kind,
      drawVisit: c.visit,
      counts: counts.map((c) => c.row),
      countT: counts.map((c) => c.t),
      countPhase: counts.map((c) => c.phase),
      countLot: counts.map((c) => slot.get(stockKeyOf(c.row.lotKey!))!),
      lastT,
      lastPhase,
    });
  }
  return out;
}

/**
 * Gives `product` in `next` its timeline in `prev` with `rows` (its draws appended to the Draws
 * table) added at the end, rather than a new pass over the table. False when the rows do not
 * come after its last event in time (they must then take their place in a timeline made anew).
 */
export function appendToTimeline(prev: Ledger, next: Ledger, product: Product, rows: readonly DrawRow[]): boolean {
  const tl = timelineCache.get(prev)?.get(product.key);
  const built = timelineCache.get(next);
  if (!tl || !built || prev.productIndex.get(product.key) !== product) return false;
  const usable = rows.filter((r) => r.usable && r.owner === product && r.time !== null);
  let lastT = tl.drawT.length > 0 ? tl.drawT[tl.drawT.length - 1] : -Infinity;
  for (const r of usable) {
    if (r.time! < lastT) return false;
    lastT = r.time!;
  }
  if (usable.length === 0) {
    built.set(product.key, tl);
    return true;
  }
  const later = lastT > tl.lastT || (lastT === tl.lastT && PHASE_DRAW > tl.lastPhase);
  built.set(product.key, {
    ...tl,
    draws: [...tl.draws, ...usable],
    drawLot: [...tl.drawLot, ...usable.map((r) => r.lotRef?.index ?? -1)],
    drawT: [...tl.drawT, ...usable.map((r) => r.time!)],
    drawQty: [...tl.drawQty, ...usable.map((r) => r.qty!)],
    drawKind: [...tl.drawKind, ...usable.map((r) => KIND_CODE[r.kind])],
    drawVisit: [...tl.drawVisit, ...usable.map((r) => r.visitIndex)],
    lastT: later ? lastT : tl.lastT,
    lastPhase: later ? PHASE_DRAW : tl.lastPhase,
  });
  return true;
}

/** Each product's replays, by product key and instant (`instantKey`). */
const stateCache = new WeakMap<Ledger, Map<string, Map<string, ProductState>>>();
const replays = new Map<string, number>();

/**
 * How many replays of a product (by its key), or of all products, have run since the process
 * started: for tests and the benchmark, to see that a change posts again only what it touches.
 */
export function replayCount(productKey?: string): number {
  if (productKey !== undefined) return replays.get(productKey) ?? 0;
  let all = 0;
  for (const n of replays.values()) all += n;
  return all;
}

/**
 * Lets a ledger made from `prev` by a change keep the timelines and replays of the products the
 * change did not touch: `kept` are those products, the same objects in both ledgers.
 */
export function carryReplays(prev: Ledger, next: Ledger, kept: readonly Product[]): void {
  const timelines = timelineCache.get(prev);
  const states = stateCache.get(prev);
  const nextTimelines = new Map<string, Timeline>();
  const nextStates = new Map<string, Map<string, ProductState>>();
  for (const p of kept) {
    const tl = timelines?.get(p.key);
    if (tl) nextTimelines.set(p.key, tl);
    const st = states?.get(p.key);
    if (st) nextStates.set(p.key, new Map(st));
  }
  timelineCache.set(next, nextTimelines);
  stateCache.set(next, nextStates);
}

/** The kinds of event the replay merges. */
const NONE = -1;
const RECEIPT = 0;
const DRAW = 1;
const COUNT = 2;

/**
 * Replays one product's receipts, draws and counts in time order up to an instant: the books as
 * they stood then. Pure and memoised per ledger, product and instant (an instant after the last
 * event shares the end-of-time replay).
 * @example replayProduct(ledger, ledger.productByName("Botox 100U")!, asOfInstant(46100)).lots
 */
export function replayProduct(ledger: Ledger, product: Product, at: Instant = END_OF_TIME): ProductState {
  let cache = stateCache.get(ledger);
  if (!cache) stateCache.set(ledger, (cache = new Map()));
  let ofProduct = cache.get(product.key);
  if (!ofProduct) cache.set(product.key, (ofProduct = new Map()));
  const timeline = timelineOf(ledger, product);
  const until = isBy(timeline.lastT, timeline.lastPhase, at) ? END_OF_TIME : at;
  const key = instantKey(until);
  const hit = ofProduct.get(key);
  if (hit) return hit;
  replays.set(product.key, (replays.get(product.key) ?? 0) + 1);
  const state = run(ledger, product, timeline, until);
  ofProduct.set(key, state);
  return state;
}

function run(ledger: Ledger, product: Product, tl: Timeline, at: Instant): ProductState {
  const states: LotState[] = product.lots.map((lot) => ({ lot, layers: [], head: 0, remaining: 0, open: null, stale: [], injectedSinceCount: 0 }));
  const lots = new Map<StockKey, LotState>();
  for (const s of [...states].sort((a, b) => FEFO(a.lot, b.lot))) lots.set(s.lot.key, s);
  const fefoStates = [...lots.values()];
  const vialSize = product.settings?.vialSize ?? null;
  const hours = product.settings?.useWithinHours ?? null;
  const booked: DrawRow[] = [];
  const bookedKind = new Int8Array(tl.draws.length);
  const bookedVisit = new Int32Array(tl.draws.length);
  const costs = new AmountColumn(tl.draws.length);
  const splits = new Map<number, Allocation[]>();
  const counts: CountBooking[] = [];
  const diagnostics: Diagnostic[] = [];
  const drawNames = ledger.draws.columnNames;

  let ri = 0;
  let di = 0;
  let ci = 0;
  const nr = tl.receipts.length;
  const nd = tl.draws.length;
  const nc = tl.counts.length;
  for (;;) {
    // The next event is the earliest of the three heads: receipt, draw, count.
    let type = NONE;
    let t = Infinity;
    let phase = 9;
    if (ri < nr) {
      type = RECEIPT;
      t = tl.receipts[ri].received!;
      phase = PHASE_RECEIPT;
    }
    if (di < nd) {
      const dt = tl.drawT[di];
      if (dt < t || (dt === t && PHASE_DRAW < phase)) {
        type = DRAW;
        t = dt;
        phase = PHASE_DRAW;
      }
    }
    if (ci < nc) {
      const ct = tl.countT[ci];
      const cp = tl.countPhase[ci];
      if (ct < t || (ct === t && cp < phase)) {
        type = COUNT;
        t = ct;
        phase = cp;
      }
    }
    if (type === NONE || !isBy(t, phase, at)) break;
    if (type === RECEIPT) {
      const s = states[tl.receiptLot[ri]];
      const layer = newLayer(tl.receipts[ri++]);
      s.layers.push(layer);
      s.remaining += layer.qty;
    } else if (type === DRAW) {
      const row = tl.draws[di];
      const q = tl.drawQty[di];
      const kind = tl.drawKind[di];
      const visit = tl.drawVisit[di];
      const slot = tl.drawLot[di++];
      if (slot >= 0) {
        // A lot with no usable receipt has an error of its own in Lots, which blocks this draw's results.
        const s = states[slot];
        if (s.layers.length === 0) continue;
        if (q > s.remaining) overdraw(s, row);
        costs.set(booked.length, book(s, kind, q, t));
        bookedKind[booked.length] = kind;
        bookedVisit[booked.length] = visit;
        booked.push(row);
        continue;
      }
      const plan = planFefo(fefoStates, q, t, Math.floor(t));
      if (plan.short > 0) {
        diagnostics.push({
          table: "Draws", row: row.row, column: drawNames.lot, severity: "error",
          message: `the lot is blank and no usable lot of ${product.name} held ${formatQty(row.qty!)} at the time of this draw, so it cannot be costed; enter the lot drawn from`,
          ...keysOf(ledger, "Draws", row),
        });
        continue;
      }
      const allocations: Allocation[] = [];
      let total: Amount = 0;
      for (const p of plan.lines) {
        const cost = book(p.state, kind, p.qty, t);
        allocations.push({ lot: p.state.lot.key, qty: p.qty, cost: toMoney(cost) });
        total = addAmount(total, cost);
      }
      costs.set(booked.length, total);
      bookedKind[booked.length] = kind;
      bookedVisit[booked.length] = visit;
      splits.set(booked.length, allocations);
      booked.push(row);
      diagnostics.push({
        table: "Draws", row: row.row, column: drawNames.lot, severity: "warning", code: "assumed-lot",
        message: `the lot is blank; costed as ${allocations.map((a) => `${lots.get(a.lot)!.lot.lot} (${formatQty(a.qty)})`).join(" and ")}, the lot${allocations.length > 1 ? "s" : ""} FEFO would have used; enter the lot drawn from so a recall can reach this patient for sure`,
        ...keysOf(ledger, "Draws", row),
      });
    } else {
      const row = tl.counts[ci];
      const s = states[tl.countLot[ci++]];
      if (s.layers.length === 0) {
        diagnostics.push({
          table: "Counts", row: row.row, column: ledger.counts.columnNames.date, severity: "error",
          message: `lot ${s.lot.lot} had not been received yet on this count's date; check the date`,
          ...keysOf(ledger, "Counts", row),
        });
        continue;
      }
      const expected = s.remaining;
      const counted = row.counted!;
      const shrinkage = expected - counted;
      const cost = toMoney(shrinkage > 0 ? take(s, shrinkage) : shrinkage < 0 ? giveBack(s, -shrinkage) : 0);
      if (vialSize !== null) trimVialsToCount(s, counted);
      counts.push({ row, lot: s.lot.key, t, expected, counted, shrinkage, cost, injected: s.injectedSinceCount });
      s.injectedSinceCount = 0;
    }
  }
  return { product, lots, booked, bookedKind, bookedVisit, costs, splits, counts, diagnostics };

  function overdraw(s: LotState, row: DrawRow): void {
    diagnostics.push({
      table: "Draws", row: row.row, column: drawNames.qty, severity: "warning", code: "overdraw",
      message: `overdraw: ${formatQty(row.qty!)} drawn but lot ${s.lot.lot} had ${formatQty(Math.max(s.remaining, 0))} left on the books; a receipt or an earlier draw may be missing or wrong`,
      ...keysOf(ledger, "Draws", row),
    });
  }

  function book(s: LotState, kind: number, q: Qty, t: number): Amount {
    if (vialSize !== null && kind !== RETURN) drawFromVials(s, q, kind, t, vialSize, hours);
    if (kind === VISIT || kind === SAMPLE) s.injectedSinceCount += q;
    return take(s, q);
  }
}

/** Every booked draw of a product state with its cost and allocations, in event order. */
export function* bookings(state: ProductState): Generator<DrawBooking> {
  for (let i = 0; i < state.booked.length; i++) {
    const row = state.booked[i];
    const split = state.splits.get(i);
    yield {
      row,
      cost: toMoney(state.costs.get(i)),
      assumed: split !== undefined,
      allocations: split ?? [{ lot: stockKeyOf(row.lotKey!), qty: row.qty!, cost: toMoney(state.costs.get(i)) }],
    };
  }
}

/** One line of a FEFO plan: how much to take from which lot. */
export interface PlanLine {
  readonly state: LotState;
  readonly qty: Qty;
}

/**
 * Plans `qty` units of a product by FEFO at a moment: an opened vial still within its use-by
 * first, then lots by expiry; expired lots and empty lots never.
 * `candidates` are the product's lot states in FEFO order.
 */
export function planFefo(candidates: readonly LotState[], qty: Qty, moment: number, day: number): { lines: PlanLine[]; short: Qty } {
  const usable = candidates.filter((s) => !isExpiredOn(s.lot, day) && usableRemaining(s, moment) > 0);
  const planned = new Map<LotState, Qty>();
  let rest = qty;
  const plan = (s: LotState, most: Qty) => {
    const x = Math.min(most, rest);
    if (x <= 0) return;
    planned.set(s, (planned.get(s) ?? 0) + x);
    rest -= x;
  };
  // Open-vial-first: what is left in an opened vial goes before any sealed stock.
  for (const s of usable) if (hasUsableOpenVial(s, moment)) plan(s, Math.min(s.open!.left, usableRemaining(s, moment)));
  for (const s of usable) plan(s, usableRemaining(s, moment) - (planned.get(s) ?? 0));
  return { lines: [...planned].map(([state, q]) => ({ state, qty: q })), short: rest };
}

/** The product's lot states in FEFO order. */
export function fefoOrder(state: ProductState): LotState[] {
  return [...state.lots.values()].sort((a, b) => FEFO(a.lot, b.lot));
}

