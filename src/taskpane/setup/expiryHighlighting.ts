import { DEFAULT_ALERT_DAYS, type HighlightBand } from "../../core";
import type { DefinedName, FormulaFormat } from "../../workbook/port";

export type { DefinedName } from "../../workbook/port";

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

/** The names' own names, all beginning with Lotbook so they sort together in the Name Manager. */
export const HIGHLIGHT_NAME = { products: "LotbookProducts", days: "LotbookDays", later: "LotbookLater" } as const;

const ALERT_DAYS = 'INDIRECT("Products[Alert Days]")&""';
/** Alert Days with commas and semicolons as spaces, runs of spaces one (the default when blank). */
const LISTED = `TRIM(SUBSTITUTE(SUBSTITUTE(${ALERT_DAYS}&REPT("${DEFAULT_ALERT_DAYS.join(",")}",--(${ALERT_DAYS}="")),","," "),";"," "))`;
/** What is left of a list of whole days once its digits and spaces are taken out: nothing. */
const NOT_DAYS = [..."0123456789 "].reduce((text, c) => `SUBSTITUTE(${text},"${c}","")`, LISTED);
/** A row that is not a list of days reads as −1 in every place, which colours nothing. */
const INVALID = Array.from({ length: ALERT_DAYS_READ }, () => "-1").join(" ");
/** Each product's list, every number padded to the stride (one column, a row per product). */
const SPACED = `SUBSTITUTE(REPT(${LISTED},--(${NOT_DAYS}=""))&REPT("${INVALID}",--(${NOT_DAYS}<>""))," ",REPT(" ",${STRIDE}))`;
const PLACES = Array.from({ length: ALERT_DAYS_READ }, (_, i) => i);
const row = (values: readonly number[]) => `{${values.join(",")}}`;
const column = (values: readonly number[]) => `{${values.join(";")}}`;
/**
 * The numbers at `places` of each product's list: a products × places array, 0 where the list
 * has no number (a 0 appended, then divided away, reads an empty place as 0 and keeps −1).
 */
const numbersAt = (places: readonly number[]) => `(TRIM(MID(${SPACED},${row(places.map((p) => p * STRIDE + 1))},${STRIDE}))&"0")/10`;

/**
 * The defined names the rules read, so that no rule's formula passes 255 characters (Excel's
 * documented limit for a formula in data validation; none is documented for conditional formats,
 * and a shorter formula is the safe side of both). Each is products × ALERT_DAYS_READ, a row per
 * Products row:
 * - LotbookProducts: the product name, trimmed, in every place;
 * - LotbookDays: the thresholds, 0 past the last; the default when Alert Days is blank, −1
 *   throughout when it is not a list of whole days;
 * - LotbookLater: the thresholds above the row's smallest, 0 in place of the others: a threshold
 *   is later when another number of its row lies strictly between 0 and it. Each pair of a row's
 *   numbers is laid out side by side (ALERT_DAYS_READ² places) and the pairs are summed per
 *   threshold with MMULT, since a row's minimum cannot be taken without BYROW, which LibreOffice
 *   lacks.
 * LibreOffice evaluates a name as an array only where nothing in it goes through IF or IFERROR,
 * another name, or a column multiplied by a matrix; so each name is written out in full, and a
 * column is spread over the places only by the text functions or by MMULT.
 */
export function highlightNames(): DefinedName[] {
  const pairs = PLACES.flatMap((j) => PLACES.map((k) => [j, k] as const));
  const threshold = numbersAt(pairs.map(([j]) => j));
  const other = numbersAt(pairs.map(([, k]) => k));
  const smaller = `MMULT(--(ABS(2*${other}-${threshold})<${threshold}),--(${column(pairs.map(([j]) => j))}=${row(PLACES)}))`;
  return [
    { name: HIGHLIGHT_NAME.products, formula: `REPT(TRIM(INDIRECT("Products[Product]")),${row(PLACES.map(() => 1))})` },
    { name: HIGHLIGHT_NAME.days, formula: numbersAt(PLACES) },
    { name: HIGHLIGHT_NAME.later, formula: `${numbersAt(PLACES)}*(${smaller}>0)` },
  ];
}

/**
 * The condition of each expiry colour for the row of `product` and `expires` (relative references
 * such as `$A2`), as formulas on TODAY() that Excel and LibreOffice both evaluate as array
 * formulas, as conditional formatting evaluates them. With d = expires − today, T the product's thresholds and L those
 * of them above its smallest:
 * - expired: d < 0;
 * - nearest (d ≤ smallest): some threshold at or above d, none in 0 < t < d;
 * - middle (d ≤ second smallest distinct): some threshold at or above d, no later one in 0 < l < d;
 * - farthest (d ≤ largest): some threshold at or above d.
 * Each holds for the earlier bands too: the first that holds is the colour, as conditional formats
 * apply in priority order. "At or above, none below" is one sum, Σ (t ≥ d) − 13·(0 < t < d) > 0
 * (at most 12 thresholds are at or above), over the product's rows of Products picked by a mask
 * (a product listed twice counts both rows); "0 < t < d" is written ABS(2t − d) < d so d appears
 * once in it. A product not in Products (or no Products table) takes the default thresholds. Only SUMPRODUCT aggregates the arrays, since it
 * evaluates its argument as an array everywhere (MIN in a plain LibreOffice cell would see only
 * the first number). `highlightBand` in the core states the same rule.
 */
export function bandConditions(product: string, expires: string): Record<HighlightBand, string> {
  const mask = `(${HIGHLIGHT_NAME.products}=TRIM(${product}))`;
  const d = `${expires}-TODAY()`;
  const t = [...new Set(DEFAULT_ALERT_DAYS)].sort((a, b) => a - b);
  const within = (thresholds: string, below: string | null, fallback: number) => {
    const atOrAbove = `(${thresholds}>=${d})`;
    const sum = below === null ? `SUMPRODUCT(${mask}*${atOrAbove})` : `SUMPRODUCT(${mask}*(${atOrAbove}-13*(ABS(2*${below}-${expires}+TODAY())<${d})))`;
    return `AND(ISNUMBER(${expires}),IF(IFERROR(SUMPRODUCT(--${mask}),0),${sum}>0,${d}<=${fallback}))`;
  };
  return {
    expired: `AND(ISNUMBER(${expires}),${expires}<TODAY())`,
    nearest: within(HIGHLIGHT_NAME.days, HIGHLIGHT_NAME.days, t[0]),
    middle: within(HIGHLIGHT_NAME.days, HIGHLIGHT_NAME.later, t[Math.min(1, t.length - 1)]),
    farthest: within(HIGHLIGHT_NAME.days, null, t[t.length - 1]),
  };
}

/** The bands in the order their rules apply. */
export const BANDS: readonly HighlightBand[] = ["expired", "nearest", "middle", "farthest"];

/**
 * Set up's highlighting on Lots, native conditional formats on TODAY() that work without the
 * add-in: a lot whose receipts are all drawn is greyed across the row (counts not considered; a
 * Transfer moves units between locations and draws none, and a blank Kind is a Visit draw);
 * otherwise its Expires cell is coloured by `bandConditions`. The first rule that holds wins.
 * @example expiryHighlighting({ product: "A", lot: "B", expires: "C", last: "J", lastRow: 10000 })
 */
export function expiryHighlighting(at: { product: string; lot: string; expires: string; last: string; lastRow: number }): FormulaFormat[] {
  const lot = `$${at.lot}2`;
  const conditions = bandConditions(`$${at.product}2`, `$${at.expires}2`);
  return [
    {
      range: `A2:${at.last}${at.lastRow}`,
      formula: `AND(${lot}<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),${lot})-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),${lot},INDIRECT("Draws[Kind]"),"<>Transfer")<=0)`,
      ...DRAWN_OUT,
    },
    ...BANDS.map((band) => ({ range: `${at.expires}2:${at.expires}${at.lastRow}`, formula: conditions[band], fill: BAND_FILL[band] })),
  ];
}
