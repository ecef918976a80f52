/**
 * How Lotbook puts a count or a quantity into words (the engine's reasons, the pane, the report): "1 lot", "3 lots",
 * "7 syringes", "20 U". Pure.
 */

/**
 * A count with its noun, plural unless it is exactly one.
 * @example plural(3, "lot") // "3 lots"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// Symbols and abbreviations are the same in the plural: 20 U, 2 mL, 5 IU, 3 cc, 10 mg.
const SYMBOL = /^(?:[A-Z]+|[a-z]{1,2}[A-Z]?|[a-z]{1,2}\.|cc|mg|ml|mcg|iu|ui)$/;

/**
 * A unit in the plural where it is a word: `syringe` → `syringes`, `vial` → `vials`, `box` →
 * `boxes`; a symbol (`U`, `mL`, `IU`, `cc`) or a word already plural is left as it is.
 * @example pluralUnit("syringe") // "syringes"
 */
export function pluralUnit(unit: string): string {
  const u = unit.trim();
  if (u === "" || SYMBOL.test(u) || /s$/i.test(u)) return u;
  if (/(?:x|ch|sh)$/i.test(u)) return `${u}es`;
  if (/[^aeiou]y$/i.test(u)) return `${u.slice(0, -1)}ies`;
  return `${u}s`;
}

/**
 * A quantity with its unit, the unit in the plural unless the quantity is exactly one; no unit
 * gives the number alone.
 * @example unitsText(7, "syringe") // "7 syringes"
 * @example unitsText(1, "syringe") // "1 syringe"
 * @example unitsText(20, "U") // "20 U"
 */
export function unitsText(qty: number | string, unit: string | null | undefined): string {
  const u = (unit ?? "").trim();
  if (u === "") return String(qty);
  return `${qty} ${Number(qty) === 1 ? u : pluralUnit(u)}`;
}
