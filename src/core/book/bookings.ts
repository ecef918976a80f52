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
