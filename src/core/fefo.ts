import type { Lot } from "./resolve";

/**
 * A booking order is one comparison over a sort key, as beancount's FIFO/LIFO/HIFO are one
 * function with different keys. FEFO's key: expiry (none = last), then arrival, then lot number.
 */
export type LotOrder = (a: Lot, b: Lot) => number;

function byKey(...keys: readonly ((l: Lot) => number | string)[]): LotOrder {
  // One function per part of the key, not an array of parts: a sort compares thousands of lots.
  return (a, b) => {
    for (const key of keys) {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -1;
      if (ka > kb) return 1;
    }
    return 0;
  };
}

/** First-expired, first-out: earliest expiry first; ties by earlier receipt, then lot number; no expiry last. */
export const FEFO: LotOrder = byKey((l) => l.expires ?? Infinity, (l) => l.received, (l) => l.key);

/** First-in, first-out across lots, for comparison and reports. */
export const FIFO: LotOrder = byKey((l) => l.received, (l) => l.key);

/**
 * True when the lot may still be used on `day` (a serial day): a lot is usable through its expiry date.
 * @example isExpiredOn({ expires: 46112 } as Lot, 46113) // true
 */
export function isExpiredOn(lot: Lot, day: number): boolean {
  return lot.expires !== null && day > lot.expires;
}
