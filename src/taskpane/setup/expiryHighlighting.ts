import { DEFAULT_ALERT_DAYS, type HighlightBand } from "../../core";
import type { FormulaFormat } from "../workbook/port";

/** Fills of the expiry colours, as Set up and the starter workbook write them. */
export const BAND_FILL: Readonly<Record<HighlightBand, string>> = { expired: "#F8696B", nearest: "#FFB26B", middle: "#FFEB84", farthest: "#FFF7C8" };
/** The greyed look of a lot whose receipts are all drawn. */
export const DRAWN_OUT = { fill: "#E7E6E6", fontColor: "#808080" } as const;

/**
 * How many numbers of an Alert Days cell the formulas read (`90,60,30` is three). Each number is
 * cut from the text at a fixed stride, so the count is part of the formula.
 */
export const ALERT_DAYS_READ = 12;
const STRIDE = 99;

/**
 * The product's Alert Days as text: its Products row's cell, or the default when the cell is
 * blank, the product is not listed, or there is no Products table (INDIRECT gives #REF!).
 */
function alertDaysText(product: string): string {
  const cell = `INDEX(INDIRECT("Products[Alert Days]"),MATCH(TRIM(${product}),INDIRECT("Products[Product]"),0))&""`;
  const fallback = `"${DEFAULT_ALERT_DAYS.join(",")}"`;
  return `IFERROR(IF(${cell}="",${fallback},${cell}),${fallback})`;
}

/**
 * The numbers of the Alert Days as an array of ALERT_DAYS_READ entries, 0 where there are fewer:
 * commas and semicolons become spaces, runs of spaces one, then each number is padded to a fixed
 * stride and cut out with MID. A part that is not a number makes the whole array #VALUE! (the
 * highlighting then shows only red; CHECK names the cell).
 */
function thresholds(product: string): string {
  const spaced = `SUBSTITUTE(TRIM(SUBSTITUTE(SUBSTITUTE(${alertDaysText(product)},","," "),";"," "))," ",REPT(" ",${STRIDE}))`;
  const starts = `{${Array.from({ length: ALERT_DAYS_READ }, (_, i) => i).join(",")}}*${STRIDE}+1`;
  return `--("0"&TRIM(MID(${spaced},${starts},${STRIDE})))`;
}

/**
 * The condition of each expiry colour for the row of `product` and `expires` (relative references
 * such as `$A2`), as formulas on TODAY() that Excel and LibreOffice both evaluate in a plain cell
 * and in conditional formatting. With d = expires − today and T the product's thresholds:
 * - expired: d < 0;
 * - nearest (d ≤ smallest): no threshold below d, one at or above it;
 * - middle (d ≤ second smallest distinct, or the largest when there are two): some threshold at or
 *   above d, and those below d are all one number, i.e. n·Σt² = (Σt)² over them;
 * - farthest (d ≤ largest): some threshold at or above d.
 * Each holds for the earlier bands too: the first that holds is the colour, as conditional formats
 * apply in priority order. Only SUMPRODUCT aggregates the array, since it evaluates its argument as
 * an array everywhere (MIN in a plain LibreOffice cell would see only the first number). "0 < t < d"
 * is written ABS(2t − d) < d so the array appears once in it; the padding zeros never pass it.
 * `highlightBand` in the core states the same rule.
 */
export function bandConditions(product: string, expires: string): Record<HighlightBand, string> {
  const t = thresholds(product);
  const d = `(${expires}-TODAY())`;
  const below = `(ABS(2*${t}-${d})<${d})`;
  const atOrAbove = `SUMPRODUCT(--(${t}>=${d}))>0`;
  const n = `SUMPRODUCT(--${below})`;
  const sum = `SUMPRODUCT(${below}*${t})`;
  const squares = `SUMPRODUCT(${below}*${t}^2)`;
  const number = `ISNUMBER(${expires})`;
  return {
    expired: `AND(${number},${expires}<TODAY())`,
    nearest: `AND(${number},${n}=0,${atOrAbove})`,
    middle: `AND(${number},${atOrAbove},${n}*${squares}=${sum}^2)`,
    farthest: `AND(${number},${atOrAbove})`,
  };
}

/** The bands in the order their rules apply. */
export const BANDS: readonly HighlightBand[] = ["expired", "nearest", "middle", "farthest"];

/**
 * Set up's highlighting on Lots, native conditional formats on TODAY() that work without the
 * add-in: a lot whose receipts are all drawn is greyed across the row (counts not considered);
 * otherwise its Expires cell is coloured by `bandConditions`. The first rule that holds wins.
 * @example expiryHighlighting({ product: "A", lot: "B", expires: "C", last: "J", lastRow: 10000 })
 */
export function expiryHighlighting(at: { product: string; lot: string; expires: string; last: string; lastRow: number }): FormulaFormat[] {
  const lot = `$${at.lot}2`;
  const conditions = bandConditions(`$${at.product}2`, `$${at.expires}2`);
  return [
    {
      range: `A2:${at.last}${at.lastRow}`,
      formula: `AND(${lot}<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),${lot})-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),${lot})<=0)`,
      ...DRAWN_OUT,
    },
    ...BANDS.map((band) => ({ range: `${at.expires}2:${at.expires}${at.lastRow}`, formula: conditions[band], fill: BAND_FILL[band] })),
  ];
}
