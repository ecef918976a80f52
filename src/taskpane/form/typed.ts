/**
 * What a person types into a number field, read as Excel would store it: a number, or the text as
 * typed so that the engine names what is wrong with it — and a hint that says how to fix a number
 * written with a decimal comma.
 */
import type { CellValue } from "../../workbook/port";

/**
 * A number typed in a form, or the text as typed so the engine names what is wrong with it.
 * @example typedNumber("12.5") // 12.5
 */
export function typedNumber(text: string): CellValue {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * An amount of money typed in a form: as `typedNumber`, a leading `$` allowed.
 * @example typedMoney("$6.25") // 6.25
 */
export function typedMoney(text: string): CellValue {
  return typedNumber(text.trim().replace(/^\$\s*/, ""));
}

/**
 * How to write a typed number that does not read because of a comma, or null.
 * @example numberHint("$6,25") // "use a point: 6.25"
 */
export function numberHint(text: string): string | null {
  const t = text.trim().replace(/^\$\s*/, "");
  const m = /^(-?\d+),(\d+)$/.exec(t);
  if (!m) return null;
  if (m[2].length === 3) return `leave out the comma: ${m[1]}${m[2]} (a decimal takes a point: ${m[1]}.${m[2]})`;
  return `use a point: ${m[1]}.${m[2]}`;
}
