import { type Amount, AmountColumn } from "../_lib/amount";
import type { Diagnostic } from "../diagnostic";
import type { Lot, Product } from "../resolve";
import type { Money } from "../money";
import type { Qty } from "../quantity";
import type { CountRow, DrawRow, LotRow } from "../rows";
import type { StockKey } from "../stockKey";

/**
 * The books' state while a product is posted: a lot's cost layers and vials at one location, and
 * what each draw and count was booked as.
 */
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
  /** True for units moved in by a transfer (or a place for an overdraw at a location): not a purchase. */
  readonly moved: boolean;
}

/** An opened vial (or syringe) of a lot: what is left in it and until when it may be used. */
export interface Vial {
  left: Qty;
  readonly opened: number;
  /** `null` when Products gives no Use Within Hours. */
  readonly useBy: number | null;
}

/** A lot's state at one location at an instant of the replay (see the README, "Locations"). */
export interface LotState {
  readonly lot: Lot;
  /** The lot at its location: the lot key alone at the unnamed location. */
  readonly key: StockKey;
  /** The location's key (`""`: the unnamed location) and its name as written (`null` for that one). */
  readonly locationKey: string;
  readonly location: string | null;
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
  /** Where the lot was counted (see `LotState`). */
  readonly locationKey: string;
  readonly location: string | null;
}

/** A product's stock at an instant, and every draw and count booked up to it. */
export interface ProductState {
  readonly product: Product;
  /** The product's lot states (one per lot and location), in FEFO order. */
  readonly lots: ReadonlyMap<StockKey, LotState>;
  /** Draws booked, in event order, and what each cost (parallel arrays: a practice has many). */
  readonly booked: readonly DrawRow[];
  /** Each booked draw's kind (`KIND_CODE`) and visit index, read without touching the row. */
  readonly bookedKind: Int8Array;
  readonly bookedVisit: Int32Array;
  /** Each booked draw's place in the Draws rows, as the queries' per-row columns are kept. */
  readonly bookedRow: Int32Array;
  /** What each booked draw cost, by its position in `booked` (exact: see `Amount`). */
  readonly costs: AmountColumn;
  /** For blank-lot draws, by position in `booked`: the lots FEFO assigned them to. */
  readonly splits: ReadonlyMap<number, readonly Allocation[]>;
  readonly counts: readonly CountBooking[];
  /** Problems only the replay can see (overdraws, blank-lot draws FEFO cannot cover). */
  readonly diagnostics: readonly Diagnostic[];
}
