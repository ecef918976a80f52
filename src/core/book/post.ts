/** Posting: a product's timeline booked against its lots, memoised per ledger, product and instant. */
import { type Amount, AmountColumn, addAmount, toMoney } from "../_lib/amount";
import type { Diagnostic, DiagnosticKind } from "../diagnostic";
import { END_OF_TIME, type Instant, PHASE_DRAW, PHASE_RECEIPT, instantKey, isBy } from "../instant";
import { keysOf } from "../blockKeys";
import { coded } from "../messages";
import type { Ledger } from "../ledger";
import type { Product } from "../resolve";
import { type Qty, ZERO_QTY } from "../quantity";
import type { CountRow, DrawRow } from "../rows";
import type { StockKey } from "../stockKey";
import { sharedStart } from "./bookings";
import { copyLayer, ensureLayer, giveBack, movedLayer, newLayer, take, takePieces } from "./layers";
import { planFefo } from "./plan";
import type { Allocation, CountBooking, LotState, ProductState, Vial } from "./state";
import { RETURN, SAMPLE, TRANSFER, type Timeline, VISIT, continuesFrom, sameBefore, timelineCache, timelineOf } from "./timeline";
import { drawFromVials, trimVialsToCount } from "./vials";

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
  const seed = until === END_OF_TIME ? (seeds.get(timeline) ?? null) : null;
  const state = postUntil(ledger, product, timeline, until.t, until.phase, seed);
  ofProduct.set(key, state);
  return state;
}

/** Books to post on from: a product's books at the end of time, and how many of its timeline's draws they hold. */
interface Seed {
  readonly state: ProductState;
  readonly draws: number;
}

/**
 * A lot state to go on posting from, sharing nothing the posting changes with the one copied.
 * Written out field by field in the order the states, layers and vials are first made, not spread:
 * a spread's copy has a shape of its own, which the posting's optimised code then meets beside the
 * usual one, and which dies with the copies (see docs/contributing.md, "Shapes").
 */
function copyState(s: LotState): LotState {
  return {
    lot: s.lot, key: s.key, locationKey: s.locationKey, location: s.location,
    layers: s.layers.map((l) => copyLayer(l)),
    head: s.head, remaining: s.remaining,
    open: s.open && copyVial(s.open),
    stale: s.stale.map(copyVial),
    injectedSinceCount: s.injectedSinceCount,
  };
}

function copyVial(v: Vial): Vial {
  return { left: v.left, opened: v.opened, useBy: v.useBy };
}

/**
 * Books of `product` in `next` to post on from: its books in `prev`, where the change only added
 * draws after every event of its timeline there (`continuesFrom`). `replayProduct` then posts the
 * added draws alone, not the product's whole history again.
 */
export function seedReplay(prev: Ledger, next: Ledger, product: Product): void {
  const before = timelineCache.get(prev)?.get(product.key);
  const after = timelineCache.get(next)?.get(product.key);
  const state = stateCache.get(prev)?.get(product.key)?.get(instantKey(END_OF_TIME));
  if (!before || !after || !state || state.product !== product) return;
  const draws = continuesFrom(after, before);
  if (draws !== null) seeds.set(after, { state, draws });
}

/** Seeds by the timeline they post on (one step back only: a seed holds no timeline). */
const seeds = new WeakMap<Timeline, Seed>();

/**
 * Posts a product's timeline up to an instant (`atT`, `atPhase`: see `isBy`): merges its receipts,
 * draws and counts in time order and books each against the cost layers of its lot at its location.
 * Its loop reads neither the ledger nor the instant, whose shapes (to V8) may differ from one
 * ledger to the next: a load from one of a new shape throws the loop's optimised code away.
 */
function postUntil(ledger: Ledger, product: Product, tl: Timeline, atT: number, atPhase: number, seed: Seed | null = null): ProductState {
  const states: LotState[] = tl.slots.map(({ lot, key, locationKey, location }) => {
    const was = seed?.state.lots.get(key);
    return was ? copyState(was) : { lot, key, locationKey, location, layers: [], head: 0, remaining: ZERO_QTY, open: null, stale: [], injectedSinceCount: ZERO_QTY };
  });
  const lots = new Map<StockKey, LotState>();
  const fefoStates: LotState[] = [];
  for (const i of tl.fefo) {
    lots.set(states[i].key, states[i]);
    fefoStates.push(states[i]);
  }
  const fefoAt = tl.siteKeys.map((k) => (tl.siteKeys.length === 1 ? fefoStates : fefoStates.filter((s) => s.locationKey === k)));
  // The timeline's columns, read once into locals for the loop.
  const { receiptT, receiptLot, draws, drawT, drawQty, drawKind, drawVisit, drawRow, drawSite, drawTo, drawLot, countT, countPhase, countLot, slotLot } = tl;
  const nr = tl.receipts.length;
  const nd = draws.length;
  const nc = tl.counts.length;
  // Receipts booked so far of each lot, wherever they arrived.
  const arrived = new Int32Array(product.lots.length);
  const vialSize = product.settings?.vialSize ?? null;
  const hours = product.settings?.useWithinHours ?? null;
  // Made at their full size (a product may book every draw), cut to what was booked at the end.
  const booked = new Array<DrawRow>(nd);
  let nb = 0;
  const bookedKind = new Int8Array(nd);
  const bookedVisit = new Int32Array(nd);
  const bookedRow = new Int32Array(nd);
  const costs = seed ? seed.state.costs.resized(nd) : new AmountColumn(nd);
  const splits = new Map<number, readonly Allocation[]>(seed?.state.splits);
  const counts: CountBooking[] = seed ? seed.state.counts.slice() : [];
  const diagnostics: Diagnostic[] = seed ? seed.state.diagnostics.slice() : [];

  // Posting on from a seed: every receipt and count is in its books, and its first draws.
  let ri = 0;
  let di = 0;
  let ci = 0;
  if (seed) {
    for (const row of seed.state.booked) booked[nb++] = row;
    bookedKind.set(seed.state.bookedKind.subarray(0, nb));
    bookedVisit.set(seed.state.bookedVisit.subarray(0, nb));
    bookedRow.set(seed.state.bookedRow.subarray(0, nb));
    for (const slot of receiptLot) arrived[slotLot[slot]]++;
    [ri, di, ci] = [nr, seed.draws, nc];
  }
  for (;;) {
    // The next event is the earliest of the three heads: receipt, draw, count.
    let type = NONE;
    let t = Infinity;
    let phase = 9;
    if (ri < nr) {
      type = RECEIPT;
      t = receiptT[ri];
      phase = PHASE_RECEIPT;
    }
    if (di < nd) {
      const dt = drawT[di];
      if (dt < t || (dt === t && PHASE_DRAW < phase)) {
        type = DRAW;
        t = dt;
        phase = PHASE_DRAW;
      }
    }
    if (ci < nc) {
      const ct = countT[ci];
      const cp = countPhase[ci];
      if (ct < t || (ct === t && cp < phase)) {
        type = COUNT;
        t = ct;
        phase = cp;
      }
    }
    if (type === NONE || !(t < atT || (t === atT && phase <= atPhase))) break;
    if (type === RECEIPT) {
      const slot = receiptLot[ri];
      const s = states[slot];
      const layer = newLayer(tl.receipts[ri++]);
      s.layers.push(layer);
      s.remaining = (s.remaining + layer.qty) as Qty;
      arrived[slotLot[slot]]++;
    } else if (type === DRAW) {
      const row = draws[di];
      const q = drawQty[di] as Qty;
      const kind = drawKind[di];
      const visit = drawVisit[di];
      const at = drawRow[di];
      const site = drawSite[di];
      const to = drawTo[di];
      const slot = drawLot[di++];
      if (slot >= 0) {
        // A lot with no usable receipt has an error of its own in Lots, which blocks this draw's results.
        if (arrived[slotLot[slot]] === 0) continue;
        const s = states[slot];
        if (q > s.remaining) overdraw(s, row);
        ensureLayer(s);
        costs.set(nb, kind === TRANSFER ? transfer(s, states[to], q) : book(s, kind, q, t));
        bookedKind[nb] = kind;
        bookedVisit[nb] = visit;
        bookedRow[nb] = at;
        booked[nb++] = row;
        continue;
      }
      const plan = planFefo(site >= 0 ? fefoAt[site] : [], q, t, Math.floor(t));
      if (plan.short > 0) {
        diagnostics.push(problem(ledger, "Draws", row, "lot", { code: "uncovered-draw", productName: product.name, drawn: row.qty!, location: row.location }));
        continue;
      }
      const allocations: Allocation[] = [];
      const assumed: { lotNumber: string; qty: Qty }[] = [];
      let total: Amount = 0;
      for (const p of plan.lines) {
        const cost = book(p.state, kind, p.qty, t);
        allocations.push({ lot: p.state.lot.key, qty: p.qty, cost: toMoney(cost) });
        assumed.push({ lotNumber: p.state.lot.lot, qty: p.qty });
        total = addAmount(total, cost);
      }
      costs.set(nb, total);
      bookedKind[nb] = kind;
      bookedVisit[nb] = visit;
      bookedRow[nb] = at;
      splits.set(nb, allocations);
      booked[nb++] = row;
      diagnostics.push(problem(ledger, "Draws", row, "lot", { code: "assumed-lot", allocations: assumed }));
    } else {
      const row = tl.counts[ci];
      const slot = countLot[ci++];
      const s = states[slot];
      if (arrived[slotLot[slot]] === 0) {
        diagnostics.push(problem(ledger, "Counts", row, "date", { code: "count-before-receipt", lotNumber: s.lot.lot }));
        continue;
      }
      ensureLayer(s);
      const expected = s.remaining;
      const counted = row.counted!;
      const shrinkage = (expected - counted) as Qty;
      const cost = toMoney(shrinkage > 0 ? take(s, shrinkage) : shrinkage < 0 ? giveBack(s, -shrinkage as Qty) : 0);
      if (vialSize !== null) trimVialsToCount(s, counted);
      counts.push({ row, lot: s.lot.key, t, expected, counted, shrinkage, cost, injected: s.injectedSinceCount, locationKey: s.locationKey, location: s.location });
      s.injectedSinceCount = ZERO_QTY;
    }
  }
  booked.length = nb;
  return { product, lots, booked, bookedKind, bookedVisit, bookedRow, costs, splits, counts, diagnostics };

  function overdraw(s: LotState, row: DrawRow): void {
    diagnostics.push(problem(ledger, "Draws", row, "qty", { code: "overdraw", drawn: row.qty!, transfer: row.kind === "Transfer", lotNumber: s.lot.lot, left: Math.max(s.remaining, 0) as Qty, location: s.location }));
  }

  /** Moves `q` units with their cost layers, oldest first, from `s` to `d`: no cost leaves the books. */
  function transfer(s: LotState, d: LotState, q: Qty): Amount {
    let total: Amount = 0;
    for (const piece of takePieces(s, q)) {
      d.layers.push(movedLayer(piece.row, piece.qty, piece.cost));
      d.remaining = (d.remaining + piece.qty) as Qty;
      total = addAmount(total, piece.cost);
    }
    return total;
  }

  function book(s: LotState, kind: number, q: Qty, t: number): Amount {
    if (vialSize !== null && kind !== RETURN) drawFromVials(s, q, kind, t, vialSize, hours);
    if (kind === VISIT || kind === SAMPLE) s.injectedSinceCount = (s.injectedSinceCount + q) as Qty;
    return take(s, q);
  }
}

/** A problem only the replay finds, on a Draws or Counts row: `column` is the column's key in the table. */
function problem(ledger: Ledger, table: "Draws" | "Counts", row: DrawRow | CountRow, column: string, kind: DiagnosticKind): Diagnostic {
  const names = table === "Draws" ? ledger.draws.columnNames : ledger.counts.columnNames;
  return { table, row: row.row, column: names[column], ...coded(kind), ...keysOf(ledger, table, row) };
}

/** What a product's books were and are across one change, and how many booked draws they share at their start. */
export interface TouchedBooks {
  readonly before: ProductState | null;
  readonly after: ProductState | null;
  readonly from: number;
}

const touchedCache = new WeakMap<Ledger, { readonly prev: Ledger; readonly touched: Iterable<string>; readonly books: readonly TouchedBooks[] }>();

/**
 * The books before and after a change of each product it touched, and how many booked draws they
 * share at their start (`sharedStart`): what is made from the books by difference takes the lines
 * of `before` past that point away and adds those of `after`. Made once per pair of ledgers: the
 * visit totals, the changed visits and the margins all ask.
 */
export function touchedBooks(prev: Ledger, next: Ledger, touched: Iterable<string>): readonly TouchedBooks[] {
  const hit = touchedCache.get(next);
  if (hit && hit.prev === prev && hit.touched === touched) return hit.books;
  const books: TouchedBooks[] = [];
  for (const key of touched) {
    const was = prev.productIndex.get(key);
    const now = next.productIndex.get(key);
    const before = was ? replayProduct(prev, was) : null;
    const after = now ? replayProduct(next, now) : null;
    const same = was && now ? sameBefore(timelineOf(next, now), timelineOf(prev, was)) : -Infinity;
    books.push({ before, after, from: before && after ? sharedStart(before, after, same) : 0 });
  }
  touchedCache.set(next, { prev, touched, books });
  return books;
}
