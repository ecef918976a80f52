/** A product's booked draws, one at a time, with what each cost and where it came from. */
import { toMoney } from "../_lib/amount";
import { stockKeyOf } from "../stockKey";
import type { DrawBooking, ProductState } from "./state";

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

/**
 * How many booked draws two replays of a product share at their start: the same rows, booked at
 * the same cost. A change appended at the end of a product's timeline leaves every earlier draw
 * as it was, so what is made from the books by difference need only look past this point.
 * `sameBefore`: a time before which both books are known to hold the same draws (`sameBefore` of
 * their timelines), so that the comparison starts there rather than at the first draw.
 */
export function sharedStart(a: ProductState, b: ProductState, sameBefore = -Infinity): number {
  const n = Math.min(a.booked.length, b.booked.length);
  // Draws booked before `sameBefore` were booked alike (the caller knows): compared from there on.
  let i = 0;
  let hi = n;
  while (i < hi) {
    const mid = (i + hi) >> 1;
    if (a.booked[mid].time! < sameBefore) i = mid + 1;
    else hi = mid;
  }
  while (i < n && a.booked[i] === b.booked[i] && a.bookedKind[i] === b.bookedKind[i] && a.bookedVisit[i] === b.bookedVisit[i] && a.costs.get(i) === b.costs.get(i)) i++;
  return i;
}
