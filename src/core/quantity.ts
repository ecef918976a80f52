/**
 * Quantities (units, mL) are exact integers of millionths of a unit held in a JS number: sums and
 * differences stay exact up to nine billion units. 40 U is 40_000_000.
 * Branded so that a plain number (a serial, a count of days, a row index) is not taken for a
 * quantity by mistake: one is made by `qtyFromNumber`, the parser, or the helpers below.
 */
export type Qty = number & { readonly __qty: unique symbol };

export const QTY_DIGITS = 6;
/** One whole unit. */
export const QTY_ONE = 1_000_000 as Qty;

/**
 * A quantity from a JS number, and whether it had to be rounded to six decimals
 * (Excel-computed fractions such as =1/3 do).
 * @example qtyFromNumber(0.5) // { qty: 500000, rounded: false }
 */
export function qtyFromNumber(x: number): { qty: Qty; rounded: boolean } {
  const qty = Math.round(x * QTY_ONE);
  // Differences at the level of float noise (0.1 + 0.2) are not rounding: Excel shows 0.3 too.
  const rounded = Math.abs(qty / QTY_ONE - x) > Math.abs(x) * 1e-14;
  return { qty: qty as Qty, rounded };
}

/**
 * A quantity as the JS number Excel shows.
 * @example qtyToNumber(40_000_000) // 40
 */
export function qtyToNumber(q: Qty): number {
  return q / QTY_ONE;
}

/**
 * A quantity for a message, without float noise.
 * @example formatQty(500000) // "0.5"
 */
export function formatQty(q: Qty): string {
  return String(qtyToNumber(q));
}

/** No quantity at all. */
export const ZERO_QTY = 0 as Qty;

/** The sum of two quantities (exact: both are integers of millionths). */
export function addQty(a: Qty, b: Qty): Qty {
  return (a + b) as Qty;
}

/** The difference of two quantities; may be negative. */
export function subQty(a: Qty, b: Qty): Qty {
  return (a - b) as Qty;
}

/** The smaller of two quantities. */
export function minQty(a: Qty, b: Qty): Qty {
  return Math.min(a, b) as Qty;
}

/** The larger of two quantities. */
export function maxQty(a: Qty, b: Qty): Qty {
  return Math.max(a, b) as Qty;
}
