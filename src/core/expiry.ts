import { productFailure } from "./blocking";
import type { Serial } from "./dates";
import { asOfInstant, type Instant } from "./instant";
import type { Ledger } from "./ledger";
import type { Lot, Product } from "./resolve";
import type { Money } from "./money";
import { DEFAULT_ALERT_DAYS } from "./parse";
import type { Qty } from "./quantity";
import { onBooks, replayProduct, type LotState, type ProductState } from "./book";
import type { Result } from "./result";
import { placeOf, whereAsked } from "./sites";
import { lotValue } from "./stock";

/** A lot with stock and an expiry, as the expiry views list it. */
export interface ExpiryEntry {
  readonly product: string;
  readonly lot: string;
  readonly expires: Serial;
  /** Days from the as-of day to the expiry day; negative once expired. */
  readonly daysLeft: number;
  readonly remaining: Qty;
  readonly value: Money;
  /** Where the stock is, only where the workbook keeps locations (`""`: the unnamed one). */
  readonly location?: string;
}

/**
 * An expiry alert: which threshold the lot has crossed (`0` = expired, `-1` = none), and whether it
 * is dust. A residue of a lot without expiry has `expires` and `daysLeft` null.
 */
export interface ExpiryAlert extends Omit<ExpiryEntry, "expires" | "daysLeft"> {
  readonly expires: Serial | null;
  readonly daysLeft: number | null;
  readonly threshold: number;
  /** The lot holds less than 2 % of what it received: use it or write it off. */
  readonly residue: boolean;
}

/**
 * The lots of each product that still hold stock at an instant (each location apart, or only at
 * `locationKey`), with that product's errors.
 */
export function stockedLots(ledger: Ledger, at: Instant, locationKey: string | null = null): { product: Product; failure: ReturnType<typeof productFailure>; lots: readonly LotState[] }[] {
  const out = [];
  for (const product of ledger.productIndex.values()) {
    const failure = productFailure(ledger, product.key);
    out.push({ product, failure, lots: failure ? [] : inStock(replayProduct(ledger, product, at), locationKey) });
  }
  return out;
}

const stocked = onBooks<string | null, readonly LotState[]>();

/** A product's lot states that hold stock (at one location, or all): made once per replay. */
function inStock(state: ProductState, locationKey: string | null): readonly LotState[] {
  return stocked(state, locationKey, () => [...state.lots.values()].filter((s) => s.remaining > 0 && (locationKey === null || s.locationKey === locationKey)));
}

function entry(ledger: Ledger, product: Product, s: LotState, day: number): ExpiryEntry {
  const lot: Lot = s.lot;
  return { product: product.name, lot: lot.lot, ...placeOf(ledger.sites, s.location), expires: lot.expires!, daysLeft: lot.expires! - day, remaining: s.remaining, value: lotValue(s) };
}

type Sorted = Pick<ExpiryAlert, "expires" | "product" | "lot" | "location">;

function byExpiry(a: Sorted, b: Sorted): number {
  return (a.expires ?? Infinity) - (b.expires ?? Infinity) || a.product.localeCompare(b.product) || (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0) ||
    (a.location ?? "").localeCompare(b.location ?? "");
}

/**
 * Lots with stock that expire within `days` of `asOf`, expired ones included, soonest first.
 * A product with an error yields one failed entry in place of its lots.
 * @example expiring(ledger, 90, 46100)
 */
export function expiring(ledger: Ledger, days: number, asOf: Serial, location?: string | null): Result<ExpiryEntry>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const at = asOfInstant(asOf);
  const found: ExpiryEntry[] = [];
  const failed: Result<ExpiryEntry>[] = [];
  for (const { product, failure, lots } of stockedLots(ledger, at, where.value)) {
    if (failure) {
      failed.push({ ok: false, error: { ...failure, product: product.name } });
      continue;
    }
    for (const s of lots) if (s.lot.expires !== null && s.lot.expires - at.day <= days) found.push(entry(ledger, product, s, at.day));
  }
  return [...found.sort(byExpiry).map((value) => ({ ok: true as const, value })), ...failed];
}

/**
 * Expiry alerts at `asOf` by each product's Alert Days (default 90, 60, 30): expired lots with
 * stock (threshold 0), lots inside a threshold (the smallest one they are within), and residues.
 * @example expiryAlerts(ledger, 46100).filter((a) => a.ok && a.value.threshold === 0)
 */
export function expiryAlerts(ledger: Ledger, asOf: Serial, location?: string | null): Result<ExpiryAlert>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const at = asOfInstant(asOf);
  const found: ExpiryAlert[] = [];
  const failed: Result<ExpiryAlert>[] = [];
  for (const { product, failure, lots } of stockedLots(ledger, at, where.value)) {
    if (failure) {
      failed.push({ ok: false, error: { ...failure, product: product.name } });
      continue;
    }
    const thresholds = [...(product.settings?.alertDays ?? DEFAULT_ALERT_DAYS)].sort((a, b) => a - b);
    for (const s of lots) {
      // What arrived at this location: its receipts and what transfers brought.
      const received = s.layers.reduce((n, l) => n + l.qty, 0);
      const residue = s.remaining * 50 < received;
      const e = s.lot.expires === null ? null : entry(ledger, product, s, at.day);
      let threshold = -1;
      if (e) threshold = e.daysLeft < 0 ? 0 : (thresholds.find((t) => e.daysLeft <= t) ?? -1);
      if (threshold < 0 && !residue) continue;
      found.push({
        ...(e ?? { product: product.name, lot: s.lot.lot, ...placeOf(ledger.sites, s.location), expires: null, daysLeft: null, remaining: s.remaining, value: lotValue(s) }),
        threshold,
        residue,
      });
    }
  }
  return [...found.sort(byExpiry).map((value) => ({ ok: true as const, value })), ...failed];
}

/** Set up's expiry colours, nearest first: red, orange, yellow, pale yellow. */
export type HighlightBand = "expired" | "nearest" | "middle" | "farthest";

/**
 * The colour an Expires cell shows under Set up's highlighting, for an expiry `daysLeft` days
 * after today and the product's Alert Days (default 90, 60, 30; repeats count once). Red once
 * expired; orange within the smallest threshold; yellow within the second smallest; pale yellow
 * within the largest; none beyond. `within` is the threshold of the band (0 when expired). So one
 * threshold gives only orange, two give orange and yellow, and any between the second smallest and
 * the largest add no colour of their own (the Alerts tab still lists each).
 * @example highlightBand(45, [90, 60, 30]) // { band: "middle", within: 60 }
 */
export function highlightBand(daysLeft: number, alertDays: readonly number[] = DEFAULT_ALERT_DAYS): { band: HighlightBand; within: number } | null {
  if (daysLeft < 0) return { band: "expired", within: 0 };
  const t = [...new Set(alertDays)].sort((a, b) => a - b);
  if (t.length === 0) return null;
  if (daysLeft <= t[0]) return { band: "nearest", within: t[0] };
  if (t.length > 1 && daysLeft <= t[1]) return { band: "middle", within: t[1] };
  if (daysLeft <= t[t.length - 1]) return { band: "farthest", within: t[t.length - 1] };
  return null;
}
