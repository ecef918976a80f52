import { moneyFromNumber, type Money } from "../money";
import { keepShape } from "./shapes";

/**
 * Money on the hot path: an exact integer count of 10⁻¹² dollars, held in a JS number while it is
 * a safe integer (any single draw below about $9,000) and as a bigint beyond. The replay books a
 * quarter of a million draws; allocating a bigint for each would cost more than the rest of it.
 */
export type Amount = number | bigint;

/**
 * The exact sum of two amounts. A float sum of two safe integers that is itself a safe integer is
 * exact; anything else goes to bigint.
 * @example addAmount(1, 2) // 3
 */
export function addAmount(a: Amount, b: Amount): Amount {
  if (typeof a === "number" && typeof b === "number") {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return BigInt(a) + BigInt(b);
}

/**
 * The exact product of a per-unit amount and a count, both integers.
 * @example mulAmount(6_500_000, 40_000_000) // 260_000_000_000_000
 */
export function mulAmount(a: Amount, n: number): Amount {
  if (typeof a === "number") {
    const p = a * n;
    if (Number.isSafeInteger(p)) return p;
  }
  return BigInt(a) * BigInt(n);
}

/**
 * Money from a JS number as an exact amount: a plain number of 10⁻¹² dollars when that is a safe
 * integer (any price below about $9,000 with at most four decimals), else a bigint — so a column
 * of a quarter of a million prices costs no bigint allocations.
 * @example amountFromNumber(300) // 300_000_000_000_000
 */
export function amountFromNumber(x: number): Amount {
  const c = Math.round(x * 1e4);
  if (c / 1e4 === x) {
    const scaled = c * 1e8;
    if (Number.isSafeInteger(scaled)) return scaled;
  }
  return moneyFromNumber(x);
}

/** An amount as Money. */
export function toMoney(a: Amount): Money {
  return typeof a === "bigint" ? a : BigInt(a);
}

/**
 * A column of amounts: plain doubles in a typed array (no allocation per value). A sum that grows
 * past a safe integer carries its overflow into a bigint kept aside and goes on in the double, so
 * adding to a total of millions of dollars stays a float addition nearly every time, and exact.
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class AmountColumn {
  private readonly num: Float64Array;
  private readonly carried: Uint8Array;
  private readonly big = new Map<number, bigint>();

  constructor(length: number) {
    this.num = new Float64Array(length);
    this.carried = new Uint8Array(length);
  }

  /** The amount at `i`, in one form for each value (a number while it is a safe integer), however it was reached. */
  get(i: number): Amount {
    if (this.carried[i] === 0) return this.num[i];
    const a = this.big.get(i)! + BigInt(this.num[i]);
    return a >= -MAX_SAFE && a <= MAX_SAFE ? Number(a) : a;
  }

  set(i: number, a: Amount): void {
    if (typeof a === "bigint" && a >= -MAX_SAFE && a <= MAX_SAFE) a = Number(a);
    if (typeof a === "number" && Number.isSafeInteger(a)) {
      this.num[i] = a;
      if (this.carried[i] !== 0) {
        this.carried[i] = 0;
        this.big.delete(i);
      }
    } else {
      this.num[i] = 0;
      this.carried[i] = 1;
      this.big.set(i, BigInt(a));
    }
  }

  /** Adds to the amount at `i`, exactly. */
  add(i: number, a: Amount): void {
    if (typeof a === "number") {
      const s = this.num[i] + a;
      if (Number.isSafeInteger(s)) {
        this.num[i] = s;
        return;
      }
    }
    this.big.set(i, (this.carried[i] === 0 ? 0n : this.big.get(i)!) + BigInt(this.num[i]) + BigInt(a));
    this.num[i] = 0;
    this.carried[i] = 1;
  }

  get length(): number {
    return this.num.length;
  }

  /** A copy with room for `length` amounts (a growing list of totals). */
  resized(length: number): AmountColumn {
    const out = new AmountColumn(length);
    out.num.set(this.num.subarray(0, Math.min(length, this.num.length)));
    out.carried.set(this.carried.subarray(0, Math.min(length, this.carried.length)));
    for (const [i, b] of this.big) if (i < length) out.big.set(i, b);
    return out;
  }
}

// Its shape outlives every ledger (see `keepShape`).
keepShape(new AmountColumn(0));
