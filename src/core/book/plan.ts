/** FEFO plans: which lots (and how much of each) a draw of a product would take. */
import { FEFO, isExpiredOn } from "../fefo";
import { onBooks } from "./memo";
import type { Qty } from "../quantity";
import type { LotState, ProductState } from "./state";
import { hasUsableOpenVial, usableRemaining } from "./vials";

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
    const x = Math.min(most, rest) as Qty;
    if (x <= 0) return;
    planned.set(s, ((planned.get(s) ?? 0) + x) as Qty);
    rest = (rest - x) as Qty;
  };
  // Open-vial-first: what is left in an opened vial goes before any sealed stock.
  for (const s of usable) if (hasUsableOpenVial(s, moment)) plan(s, Math.min(s.open!.left, usableRemaining(s, moment)) as Qty);
  for (const s of usable) plan(s, (usableRemaining(s, moment) - (planned.get(s) ?? 0)) as Qty);
  return { lines: [...planned].map(([state, q]) => ({ state, qty: q })), short: rest };
}

/** FEFO between lot states: by their lots, then by location. */
export function byFefo(a: LotState, b: LotState): number {
  return FEFO(a.lot, b.lot) || (a.locationKey < b.locationKey ? -1 : a.locationKey > b.locationKey ? 1 : 0);
}

/** The product's lot states in FEFO order: all of them, or those at one location (by key). */
export function fefoOrder(state: ProductState, locationKey?: string | null): LotState[] {
  const key = locationKey ?? null;
  return orders(state, key, () => {
    const all = [...state.lots.values()];
    return (key === null ? all : all.filter((s) => s.locationKey === key)).sort(byFefo);
  }).slice();
}

/** FEFO orders, made once per product's books. */
const orders = onBooks<string | null, LotState[]>();
