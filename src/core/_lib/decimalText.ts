/**
 * Exact decimal text → scaled bigint. Parses `-12.345`, `1.5e-7`, `.5`; `null` when the text is
 * not a plain decimal number. Digits beyond `scale` are rounded half-to-even.
 */
export function decimalToScaled(text: string, scale: number): bigint | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, intPart, fracPart = "", expPart] = m;
  if (intPart === "" && fracPart === "") return null;
  const exp = expPart ? parseInt(expPart, 10) : 0;
  // Shift the decimal point: digits × 10^(exp − len(frac)), then to `scale` places.
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, "") || "0";
  const shift = exp - fracPart.length + scale;
  let value: bigint;
  if (shift >= 0) {
    value = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const n = BigInt(digits);
    value = n / divisor;
    const rem = n - value * divisor;
    const twice = rem * 2n;
    if (twice > divisor || (twice === divisor && value % 2n === 1n)) value += 1n;
  }
  return sign === "-" ? -value : value;
}

/**
 * Scaled bigint → decimal text with trailing zeros dropped.
 * @example scaledToText(2605000n, 4) // "260.5"
 */
export function scaledToText(value: bigint, scale: number): string {
  const neg = value < 0n;
  const s = (neg ? -value : value).toString().padStart(scale + 1, "0");
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

/**
 * Division of bigints rounded half away from zero, so that rounding is symmetric for
 * units taken (positive) and units found (negative).
 */
export function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  if (n >= 0n) return r * 2n >= d ? q + 1n : q;
  return -r * 2n >= d ? q - 1n : q;
}
