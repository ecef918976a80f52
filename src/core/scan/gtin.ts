/**
 * GTINs (the product number under a barcode) and the GS1 check digit that guards them.
 * GTIN-8, -12 (UPC-A) and -13 (EAN-13) are GTIN-14s with leading zeros dropped, so every
 * comparison here is on the 14-digit form.
 */

/**
 * The GS1 modulo-10 check digit of a digit string without its check digit: from the right,
 * digits are weighted 3, 1, 3, 1, … and the check digit brings the sum to a multiple of ten
 * (GS1 General Specifications, section 7.9).
 * @example gs1CheckDigit("0031234567890") // 3
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when a string of digits ends in its right GS1 check digit.
 * @example hasValidCheckDigit("00312345678903") // true
 */
export function hasValidCheckDigit(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** Why a text is not a GTIN, for a message. */
export type GtinProblem = "length" | "digits" | "checkDigit";

/**
 * A GTIN as its 14-digit form, or why it is not one. Spaces and hyphens are ignored, and a
 * number Excel stored without its leading zeros is padded back.
 * @example gtin14("0-03-12345-67890-3") // { gtin: "00312345678903" }
 * @example gtin14("00312345678904") // { problem: "checkDigit", expected: 3 }
 */
export function gtin14(text: string): { gtin: string } | { problem: GtinProblem; expected?: number } {
  const digits = text.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits)) return { problem: "digits" };
  if (digits.length > 14 || digits.length < 8) return { problem: "length" };
  const padded = digits.padStart(14, "0");
  const expected = gs1CheckDigit(padded.slice(0, 13));
  if (expected !== padded.charCodeAt(13) - 48) return { problem: "checkDigit", expected };
  return { gtin: padded };
}

/**
 * The 14-digit form of a GTIN-8, -12, -13 or -14, or `null` when it is not a valid GTIN.
 * @example normalizeGtin("312345678903") // "00312345678903"
 */
export function normalizeGtin(text: string | number): string | null {
  const r = gtin14(String(text));
  return "gtin" in r ? r.gtin : null;
}
