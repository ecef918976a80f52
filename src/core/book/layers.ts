/** Cost layers: each receipt of a lot is one, relieved oldest first, exactly to the last digit. */
import { type Amount, addAmount, mulAmount, toMoney } from "../_lib/amount";
import { divRound } from "../_lib/decimalText";
import type { Money } from "../money";
import { QTY_ONE, type Qty, ZERO_QTY } from "../quantity";
import type { LotRow } from "../rows";
import type { Layer, LotState } from "./state";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

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

/** A copy of a layer, as `newLayer` makes one (the same fields in the same order: one shape). */
export function copyLayer(l: Layer, qty: Qty = l.qty, moved: boolean = l.moved): Layer {
  return { row: l.row, qty, num: l.num, den: l.den, exact: l.exact, taken: l.taken, moved };
}

export function newLayer(row: LotRow): Layer {
  const qty = row.qty!;
  // Total Cost wins when given (it is what was paid); else Unit Cost per whole unit.
  const num = row.totalCost ?? row.unitCost!;
  const den = row.totalCost !== null ? BigInt(qty) : BigInt(QTY_ONE);
  const perMicro = num % den === 0n ? num / den : null;
  const exact = perMicro === null ? null : perMicro <= MAX_SAFE ? Number(perMicro) : perMicro;
  return { row, qty, num, den, exact, taken: ZERO_QTY, moved: false };
}

/** Units a transfer brings in: `qty` units of `row`'s receipt that cost exactly `cost` at the source. */
export function movedLayer(row: LotRow, qty: Qty, cost: Money): Layer {
  const den = BigInt(qty);
  const perMicro = cost % den === 0n ? cost / den : null;
  const exact = perMicro === null ? null : perMicro <= MAX_SAFE ? Number(perMicro) : perMicro;
  return { row, qty, num: cost, den, exact, taken: ZERO_QTY, moved: true };
}

/**
 * A lot at a location where nothing has arrived yet still needs a layer to cost an overdraw or
 * units found: an empty one at the cost of the lot's first receipt.
 */
export function ensureLayer(s: LotState): void {
  if (s.layers.length === 0) s.layers.push(copyLayer(newLayer(s.lot.receipts[0]), ZERO_QTY, true));
}

/** Takes `q` units as `take` does, oldest layer first, and says which layers they came from. */
export function takePieces(s: LotState, q: Qty): { row: LotRow; qty: Qty; cost: Money }[] {
  const pieces: { row: LotRow; qty: Qty; cost: Money }[] = [];
  const layers = s.layers;
  let rest = q;
  for (let i = 0; i < layers.length && rest > 0; i++) {
    const l = layers[i];
    const avail = (l.qty - l.taken) as Qty;
    if (avail <= 0) continue;
    const x = avail < rest ? avail : rest;
    pieces.push({ row: l.row, qty: x, cost: toMoney(slice(l, x)) });
    l.taken = (l.taken + x) as Qty;
    rest = (rest - x) as Qty;
  }
  if (rest > 0) {
    const l = layers[layers.length - 1];
    pieces.push({ row: l.row, qty: rest, cost: toMoney(slice(l, rest)) });
    l.taken = (l.taken + rest) as Qty;
  }
  s.remaining = (s.remaining - q) as Qty;
  return pieces;
}

/** The cost of the next `x` units of a layer (negative `x`: units put back). */
export function slice(l: Layer, x: Qty): Amount {
  return l.exact !== null ? mulAmount(l.exact, x) : layerCost(l, (l.taken + x) as Qty) - layerCost(l, l.taken);
}

/** Takes `q` units from a lot, oldest layer first; beyond what is left, from the newest layer. */
export function take(s: LotState, q: Qty): Amount {
  const layers = s.layers;
  let rest = q;
  let cost: Amount = 0;
  while (s.head < layers.length - 1 && layers[s.head].taken >= layers[s.head].qty) s.head++;
  for (let i = s.head; i < layers.length && rest > 0; i++) {
    const l = layers[i];
    const avail = (l.qty - l.taken) as Qty;
    if (avail <= 0) continue;
    const x = avail < rest ? avail : rest;
    cost = addAmount(cost, slice(l, x));
    l.taken = (l.taken + x) as Qty;
    rest = (rest - x) as Qty;
  }
  if (rest > 0) {
    const l = layers[layers.length - 1];
    cost = addAmount(cost, slice(l, rest));
    l.taken = (l.taken + rest) as Qty;
  }
  s.remaining = (s.remaining - q) as Qty;
  return cost;
}

/** Units found at a count go back into the newest layer, at its cost. */
export function giveBack(s: LotState, q: Qty): Amount {
  const l = s.layers[s.layers.length - 1];
  const cost = slice(l, -q as Qty);
  l.taken = (l.taken - q) as Qty;
  s.remaining = (s.remaining + q) as Qty;
  return cost;
}
