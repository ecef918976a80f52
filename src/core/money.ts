import { decimalToScaled, divRound, scaledToText } from "./_lib/decimalText";

/**
 * Money is exact: a bigint count of 10⁻¹² dollars. Every input price (up to 12 decimals) is held
 * exactly, sums never drift, and only a Total Cost / Qty that does not terminate leaves a residue
 * (below 10⁻¹² per layer). Converted to a JS number only when handed to Excel.
 */
export type Money = bigint;

export const MONEY_DIGITS = 12;
export const MONEY_ONE: Money = 10n ** BigInt(MONEY_DIGITS);
const MONEY_ONE_NUMBER = 1e12;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Money from a JS number, exactly as Excel shows it (`6.8` is 6.80, not 6.7999…).
 * @example moneyFromNumber(6.5) // 6500000000000n
 */
export function moneyFromNumber(x: number): Money {
  if (Number.isInteger(x) && Math.abs(x) < 9e3) return BigInt(x) * MONEY_ONE;
  // Prices to the hundredth of a cent are exact in a few multiplications; the rest go through text.
  const c = Math.round(x * 1e4);
  if (c / 1e4 === x && Number.isSafeInteger(c)) {
    const scaled = c * 1e8;
    return Number.isSafeInteger(scaled) ? BigInt(scaled) : BigInt(c) * 100_000_000n;
  }
  const scaled = decimalToScaled(String(x), MONEY_DIGITS);
  if (scaled === null) throw new RangeError(`not a finite number: ${x}`);
  return scaled;
}

/**
 * Money from decimal text (already cleaned of `$` and thousands separators), or `null`.
 * @example moneyFromText("1200.50") // 1200500000000000n
 */
export function moneyFromText(text: string): Money | null {
  return decimalToScaled(text, MONEY_DIGITS);
}

/**
 * Money as the nearest JS number, correctly rounded (so $20.40 is exactly the double 20.4). Also
 * takes the same integer count of 10⁻¹² dollars held in a number while it is a safe integer.
 * @example moneyToNumber(20400000000000n) // 20.4
 */
export function moneyToNumber(m: Money | number): number {
  if (typeof m === "number") return m / MONEY_ONE_NUMBER;
  if (m > -SAFE && m < SAFE) return Number(m) / MONEY_ONE_NUMBER;
  // Drop trailing zeros until the integer is exact in a double; the division is then correctly rounded.
  let v = m;
  let scale = MONEY_ONE_NUMBER;
  while (scale > 1 && v % 10n === 0n) {
    v /= 10n;
    scale /= 10;
    if (v > -SAFE && v < SAFE) return Number(v) / scale;
  }
  return Number(scaledToText(m, MONEY_DIGITS));
}

/**
 * Money for a message: dollars and cents, e.g. `$1,234.50`.
 * @example formatMoney(260n * MONEY_ONE) // "$260.00"
 */
export function formatMoney(m: Money): string {
  const cents = divRound(m, 10n ** BigInt(MONEY_DIGITS - 2));
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const dollars = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const c = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}$${dollars}.${c}`;
}

