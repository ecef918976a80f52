import { productFailure } from "./blocking";
import type { Serial } from "./dates";
import { isExpiredOn } from "./fefo";
import { asOfInstant, type Instant } from "./instant";
import type { Ledger } from "./ledger";
import type { Product } from "./resolve";
import type { Money } from "./money";
import { addQty, maxQty, minQty, type Qty, subQty, ZERO_QTY } from "./quantity";
import { fefoOrder, layerCost, onBooks, replayProduct, usableRemaining, type LotState, type ProductState } from "./book";
import type { Result } from "./result";
import { placeOf, whereAsked } from "./sites";
import { lotValue } from "./stock";

/** A lot's forecast: what it holds, what the practice will use of it before it expires, the rest. */
export interface AtRiskEntry {
  readonly product: string;
  readonly lot: string;
  readonly expires: Serial | null;
  readonly remaining: Qty;
  readonly projectedUse: Qty;
  readonly atRisk: Qty;
  readonly atRiskValue: Money;
  /** Where the lot is, only where the workbook keeps locations (`""`: the unnamed one). */
  readonly location?: string;
}

/** Default look-back window for the usage rate, in days. */
export const DEFAULT_LOOKBACK_DAYS = 90;

/**
 * Forecast of stock that will expire unused. Each product's usage rate is its Visit draws in the
 * look-back window ending at `asOf`, per day; FEFO consumption at that rate is simulated from
 * `asOf`, and what each lot still holds at the end of its expiry day is at risk. Expired lots are
 * wholly at risk; lots without expiry never are. Where the workbook keeps locations, each
 * location is forecast at its own rate of use (only `location`'s, when given).
 * @example atRisk(ledger, 46100, 90)
 */
export function atRisk(ledger: Ledger, asOf: Serial, lookbackDays: number = DEFAULT_LOOKBACK_DAYS, location?: string | null): Result<AtRiskEntry>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const at = asOfInstant(asOf);
  const out: Result<AtRiskEntry>[] = [];
  const failed: Result<AtRiskEntry>[] = [];
  for (const product of ledger.productIndex.values()) {
    const failure = productFailure(ledger, product.key);
    if (failure) {
      failed.push({ ok: false, error: { ...failure, product: product.name } });
      continue;
    }
    for (const entry of forecastProduct(ledger, product, at, lookbackDays, where.value).lots) out.push({ ok: true, value: entry });
  }
  return [...out, ...failed];
}

/** One product's forecast: its usage rate over the look-back window and each lot's projection. */
export interface ProductForecast {
  /** Visit draws in the window ending at the instant. */
  readonly used: Qty;
  /** `used` per day of the window, in millionths of a unit (not a whole number in general). */
  readonly perDay: number;
  /** Lots that hold stock, in FEFO order. */
  readonly lots: readonly AtRiskEntry[];
}

/**
 * The at-risk forecast of one product that no error blocks (see `atRisk`); REORDER reads the
 * same forecast, so its usable stock is exactly what AT_RISK does not count as at risk. At one
 * location (`locationKey`) it uses that location's own use; where the workbook keeps locations and
 * none is given, each location is forecast apart and the forecasts put together.
 * @example forecastProduct(ledger, ledger.productByName("Botox 100U")!, asOfInstant(46100), 90).perDay
 */
export function forecastProduct(ledger: Ledger, product: Product, at: Instant, lookbackDays: number, locationKey: string | null = null): ProductForecast {
  if (locationKey === null && ledger.sites.tracked) {
    const state = replayProduct(ledger, product, at);
    const keys = [...new Set([...state.lots.values()].map((s) => s.locationKey))].sort();
    const each = keys.map((k) => forecastAt(ledger, product, at, lookbackDays, k));
    const used = each.reduce((n, f) => addQty(n, f.used), ZERO_QTY);
    return { used, perDay: used / lookbackDays, lots: each.flatMap((f) => f.lots) };
  }
  return forecastAt(ledger, product, at, lookbackDays, locationKey);
}

/**
 * Forecasts, memoised on the product's books: a ledger updated from another keeps the books of
 * the products a change did not touch, and with them their forecasts.
 */
const forecasts = onBooks<string, ProductForecast>();

function forecastAt(ledger: Ledger, product: Product, at: Instant, lookbackDays: number, locationKey: string | null): ProductForecast {
  const state = replayProduct(ledger, product, at);
  const key = `${at.moment}|${at.day}|${lookbackDays}|${locationKey}`;
  return forecasts(state, key, () => forecastFrom(state, product, ledger, at, lookbackDays, locationKey));
}

/**
 * Visit draws in the look-back window ending at `at`, by location key, and all together under
 * `null`: one walk back through the books serves every location's forecast.
 */
const usage = onBooks<string, ReadonlyMap<string | null, Qty>>();

function usedIn(state: ProductState, at: Instant, lookbackDays: number): ReadonlyMap<string | null, Qty> {
  return usage(state, `${at.moment}|${lookbackDays}`, () => {
    const from = at.moment - lookbackDays;
    const used = new Map<string | null, Qty>();
    let all = ZERO_QTY;
    // Draws are booked in time order: walk back from the newest to the window's start.
    for (let i = state.booked.length - 1; i >= 0 && state.booked[i].time! >= from; i--) {
      const row = state.booked[i];
      if (row.kind !== "Visit") continue;
      all = addQty(all, row.qty!);
      used.set(row.locationKey, addQty(used.get(row.locationKey) ?? ZERO_QTY, row.qty!));
    }
    used.set(null, all);
    return used;
  });
}

function forecastFrom(state: ProductState, product: Product, ledger: Ledger, at: Instant, lookbackDays: number, locationKey: string | null): ProductForecast {
  const used = usedIn(state, at, lookbackDays).get(locationKey) ?? ZERO_QTY;
  const perDay = used / lookbackDays;
  const lots: AtRiskEntry[] = [];
  let cursor = at.moment;
  for (const s of fefoOrder(state, locationKey)) {
    if (s.remaining <= 0) continue;
    const usable = isExpiredOn(s.lot, at.day) ? ZERO_QTY : maxQty(usableRemaining(s, at.moment), ZERO_QTY);
    let use: Qty;
    if (s.lot.expires === null) use = usable;
    else {
      const days = Math.max(0, s.lot.expires + 1 - cursor);
      use = minQty(usable, Math.round(perDay * days) as Qty);
      if (use < usable) cursor = Math.max(cursor, s.lot.expires + 1);
      else if (perDay > 0) cursor += use / perDay;
    }
    lots.push({
      product: product.name, lot: s.lot.lot, ...placeOf(ledger.sites, s.location), expires: s.lot.expires, remaining: s.remaining,
      projectedUse: use, atRisk: subQty(s.remaining, use), atRiskValue: lotValue(s) - costOfFirst(s, use),
    });
  }
  return { used, perDay, lots };
}

/** What the next `q` units of a lot would cost, oldest layer first, without taking them. */
function costOfFirst(s: LotState, q: Qty): Money {
  let rest: number = q;
  let cost = 0n;
  for (const l of s.layers) {
    if (rest <= 0) break;
    const avail = l.qty - l.taken;
    if (avail <= 0) continue;
    const x = Math.min(avail, rest);
    cost += layerCost(l, (l.taken + x) as Qty) - layerCost(l, l.taken);
    rest -= x;
  }
  return cost;
}
