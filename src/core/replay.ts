import type { Diagnostic } from "./diagnostic";
import { FEFO, isExpiredOn } from "./fefo";
import { END_OF_TIME, instantKey, isBy, PHASE_DRAW, PHASE_END_OF_DAY, PHASE_RECEIPT, PHASE_TIMED_COUNT, type Instant } from "./instant";
import { keysOf, type Ledger, type Lot, type Product } from "./ledger";
import type { Money } from "./money";
import { formatQty, QTY_ONE, type Qty } from "./quantity";
import type { CountRow, DrawRow, LotRow } from "./rows";
import { stockKeyOf, type StockKey } from "./stockKey";
import { divRound } from "./_lib/decimalText";

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
  readonly exact: bigint | null;
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
  readonly at: Instant;
  readonly lots: ReadonlyMap<StockKey, LotState>;
  readonly draws: readonly DrawBooking[];
  readonly counts: readonly CountBooking[];
  /** Problems only the replay can see (overdraws, blank-lot draws FEFO cannot cover). */
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Layers: exact cumulative cost relief.

/** The cost of the first `b` units of a layer. */
export function layerCost(l: Layer, b: Qty): Money {
  return l.exact !== null ? l.exact * BigInt(b) : divRound(l.num * BigInt(b), l.den);
}

/** What the whole layer cost on its purchase order. */
export function layerPurchase(l: Layer): Money {
  return layerCost(l, l.qty);
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
  const exact = num % den === 0n ? num / den : null;
  return { row, qty, num, den, exact, taken: 0 };
}

/** Takes `q` units from a lot, oldest layer first; beyond what is left, from the newest layer. */
function take(s: LotState, q: Qty): Money {
  const layers = s.layers;
  let rest = q;
  let cost = 0n;
  while (s.head < layers.length - 1 && layers[s.head].taken >= layers[s.head].qty) s.head++;
  for (let i = s.head; i < layers.length && rest > 0; i++) {
    const l = layers[i];
    const avail = l.qty - l.taken;
    if (avail <= 0) continue;
    const x = avail < rest ? avail : rest;
    cost += layerCost(l, l.taken + x) - layerCost(l, l.taken);
    l.taken += x;
    rest -= x;
  }
  if (rest > 0) {
    const l = layers[layers.length - 1];
    cost += layerCost(l, l.taken + rest) - layerCost(l, l.taken);
    l.taken += rest;
  }
  s.remaining -= q;
  return cost;
}

/** Units found at a count go back into the newest layer, at its cost. */
function giveBack(s: LotState, q: Qty): Money {
  const l = s.layers[s.layers.length - 1];
  const cost = layerCost(l, l.taken - q) - layerCost(l, l.taken);
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

function drawFromVials(s: LotState, q: Qty, kind: DrawRow["kind"], t: number, vialSize: Qty, hours: number | null): void {
  retireOpenVial(s, t);
  let rest = q;
  if (kind === "Waste" || kind === "Expired") {
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
// Events.

const RECEIPT = 0;
const DRAW = 1;
const COUNT = 2;

interface Event {
  readonly t: number;
  readonly phase: number;
  readonly seq: number;
  readonly type: number;
  readonly row: LotRow | DrawRow | CountRow;
}

const eventCache = new WeakMap<Ledger, Map<string, Event[]>>();

/** Each product's usable rows as events in ledger order (computed once per ledger). */
function productEvents(ledger: Ledger): Map<string, Event[]> {
  let byProduct = eventCache.get(ledger);
  if (byProduct) return byProduct;
  byProduct = new Map();
  for (const p of ledger.productIndex.keys()) byProduct.set(p, []);
  let seq = 0;
  for (const lot of ledger.lotIndex.values()) {
    const list = byProduct.get(lot.productKey)!;
    for (const row of lot.receipts) list.push({ t: row.received!, phase: PHASE_RECEIPT, seq: seq++, type: RECEIPT, row });
  }
  for (const row of ledger.draws.rows) {
    if (!row.usable || row.productKey === null || row.time === null) continue;
    byProduct.get(row.productKey)?.push({ t: row.time, phase: PHASE_DRAW, seq: seq++, type: DRAW, row });
  }
  for (const row of ledger.counts.rows) {
    if (!row.usable || row.productKey === null || row.time === null) continue;
    const t = row.timed ? row.time : row.time + 1;
    byProduct.get(row.productKey)?.push({ t, phase: row.timed ? PHASE_TIMED_COUNT : PHASE_END_OF_DAY, seq: seq++, type: COUNT, row });
  }
  for (const list of byProduct.values()) list.sort((a, b) => a.t - b.t || a.phase - b.phase || a.seq - b.seq);
  eventCache.set(ledger, byProduct);
  return byProduct;
}

const stateCache = new WeakMap<Ledger, Map<string, ProductState>>();

/**
 * Replays one product's receipts, draws and counts in time order up to an instant: the books as
 * they stood then. Pure and memoised per ledger, product and instant.
 * @example replayProduct(ledger, ledger.productByName("Botox 100U")!, asOfInstant(46100)).lots
 */
export function replayProduct(ledger: Ledger, product: Product, at: Instant = END_OF_TIME): ProductState {
  let cache = stateCache.get(ledger);
  if (!cache) stateCache.set(ledger, (cache = new Map()));
  const cacheKey = `${product.key}\u0000${instantKey(at)}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const state = run(ledger, product, at);
  cache.set(cacheKey, state);
  return state;
}

function run(ledger: Ledger, product: Product, at: Instant): ProductState {
  const lots = new Map<StockKey, LotState>();
  const ordered = [...product.lots].sort(FEFO);
  for (const lot of ordered) {
    lots.set(lot.key, { lot, layers: [], head: 0, remaining: 0, open: null, stale: [], injectedSinceCount: 0 });
  }
  const fefoStates = ordered.map((l) => lots.get(l.key)!);
  const vialSize = product.settings?.vialSize ?? null;
  const hours = product.settings?.useWithinHours ?? null;
  const draws: DrawBooking[] = [];
  const counts: CountBooking[] = [];
  const diagnostics: Diagnostic[] = [];
  const drawNames = ledger.draws.columnNames;

  for (const e of productEvents(ledger).get(product.key) ?? []) {
    if (!isBy(e.t, e.phase, at)) break;
    if (e.type === RECEIPT) {
      const row = e.row as LotRow;
      const s = lots.get(stockKeyOf(row.lotKey!))!;
      const layer = newLayer(row);
      s.layers.push(layer);
      s.remaining += layer.qty;
    } else if (e.type === DRAW) {
      const row = e.row as DrawRow;
      if (row.lotKey !== null) {
        // A lot with no usable receipt has an error of its own in Lots, which blocks this draw's results.
        const booking = drawNamed(lots.get(stockKeyOf(row.lotKey))!, row, e.t);
        if (booking) draws.push(booking);
        continue;
      }
      const booking = drawByFefo(fefoStates, row, e.t);
      if (booking === null) {
        diagnostics.push({
          table: "Draws", row: row.row, column: drawNames.lot, severity: "error",
          message: `the lot is blank and no usable lot of ${product.name} held ${formatQty(row.qty!)} at the time of this draw, so it cannot be costed; enter the lot drawn from`,
          ...keysOf(ledger, "Draws", row),
        });
        continue;
      }
      draws.push(booking);
      if (booking.assumed) {
        diagnostics.push({
          table: "Draws", row: row.row, column: drawNames.lot, severity: "warning",
          message: `the lot is blank; costed as ${booking.allocations.map((a) => `${lots.get(a.lot)!.lot.lot} (${formatQty(a.qty)})`).join(" and ")}, the lot${booking.allocations.length > 1 ? "s" : ""} FEFO would have used; enter the lot drawn from so a recall can reach this patient for sure`,
          ...keysOf(ledger, "Draws", row),
        });
      }
    } else {
      const row = e.row as CountRow;
      const s = lots.get(stockKeyOf(row.lotKey!))!;
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
      const cost = shrinkage > 0 ? take(s, shrinkage) : shrinkage < 0 ? giveBack(s, -shrinkage) : 0n;
      if (vialSize !== null) trimVialsToCount(s, counted);
      counts.push({ row, lot: s.lot.key, t: e.t, expected, counted, shrinkage, cost, injected: s.injectedSinceCount });
      s.injectedSinceCount = 0;
    }
  }
  return { product, at, lots, draws, counts, diagnostics };

  function drawNamed(s: LotState, row: DrawRow, t: number): DrawBooking | null {
    if (s.layers.length === 0) return null;
    const q = row.qty!;
    if (q > s.remaining) {
      diagnostics.push({
        table: "Draws", row: row.row, column: drawNames.qty, severity: "warning",
        message: `overdraw: ${formatQty(q)} drawn but lot ${s.lot.lot} had ${formatQty(Math.max(s.remaining, 0))} left on the books; a receipt or an earlier draw may be missing or wrong`,
        ...keysOf(ledger, "Draws", row),
      });
    }
    return book(s, row, q, t, false);
  }

  function book(s: LotState, row: DrawRow, q: Qty, t: number, assumed: boolean): DrawBooking {
    if (vialSize !== null && row.kind !== "Return") drawFromVials(s, q, row.kind, t, vialSize, hours);
    if (row.kind === "Visit" || row.kind === "Sample") s.injectedSinceCount += q;
    const cost = take(s, q);
    return { row, allocations: [{ lot: s.lot.key, qty: q, cost }], cost, assumed };
  }

  function drawByFefo(candidates: LotState[], row: DrawRow, t: number): DrawBooking | null {
    const plan = planFefo(candidates, row.qty!, t, Math.floor(t));
    if (plan.short > 0) return null;
    const allocations: Allocation[] = [];
    let total = 0n;
    for (const p of plan.lines) {
      const b = book(p.state, row, p.qty, t, true);
      allocations.push(b.allocations[0]);
      total += b.cost;
    }
    return { row, allocations, cost: total, assumed: true };
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

/** Units in opened vials, for reports. */
export function openVialContent(s: LotState): Qty {
  return vialContent(s);
}
