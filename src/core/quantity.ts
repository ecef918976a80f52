/**
 * Quantities (units, mL) are exact integers of millionths of a unit held in a JS number: sums and
 * differences stay exact up to nine billion units. 40 U is 40_000_000.
 */
export type Qty = number;

export const QTY_DIGITS = 6;
export const QTY_ONE = 1_000_000;

/**
 * A quantity from a JS number, and whether it had to be rounded to six decimals
 * (Excel-computed fractions such as =1/3 do).
 * @example qtyFromNumber(0.5) // { qty: 500000, rounded: false }
 */
export function qtyFromNumber(x: number): { qty: Qty; rounded: boolean } {
  const qty = Math.round(x * QTY_ONE);
  // Differences at the level of float noise (0.1 + 0.2) are not rounding: Excel shows 0.3 too.
  const rounded = Math.abs(qty / QTY_ONE - x) > Math.abs(x) * 1e-14;
  return { qty, rounded };
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
