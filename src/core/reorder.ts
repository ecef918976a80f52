import { plural, unitsText } from "./wording";
import { DEFAULT_LOOKBACK_DAYS, forecastProduct } from "./atRisk";
import { productFailure } from "./blocking";
import type { Serial } from "./dates";
import { asOfInstant, type Instant } from "./instant";
import type { Ledger } from "./ledger";
import type { Product } from "./resolve";
import { addQty, QTY_ONE, type Qty, ZERO_QTY } from "./quantity";
import type { Result } from "./result";
import { whereAsked } from "./sites";

/** Days from ordering to delivery when Products gives no Lead Days. */
export const DEFAULT_LEAD_DAYS = 7;
/** Days of use an order covers beyond the lead time when Products gives no Cover Days. */
export const DEFAULT_COVER_DAYS = 30;

/**
 * Which limit set the suggestion: no use in the window (no suggestion), usable stock already
 * covers the lead and cover days, the lead and cover days (rounded up to packs), or the
 * typical shelf life (what the product can use before a new lot expires).
 */
export type ReorderLimit = "no-use" | "covered" | "cover" | "shelf-life";

/** What to order of one product, by when and how much. */
export interface ReorderEntry {
  readonly product: string;
  /** Units on hand in lots not expired, less what the at-risk forecast says will expire unused. */
  readonly usable: Qty;
  /** Visit draws per day over the look-back window, in millionths of a unit; `null`: none. */
  readonly dailyUse: number | null;
  /** Usable ÷ daily use; `null` without use. */
  readonly daysOfCover: number | null;
  /** As-of day + days of cover (whole days); `null` without use. */
  readonly stockOut: Serial | null;
  /** Stock-out date − Lead Days; on or before the as-of day means order now. `null` without use. */
  readonly orderBy: Serial | null;
  /** A whole number of packs; `null` without use. */
  readonly suggested: Qty | null;
  readonly limit: ReorderLimit;
  /** A sentence for a manager: which limit applied, with the figures behind it. */
  readonly reason: string;
  readonly leadDays: number;
  readonly coverDays: number;
  readonly packSize: Qty;
  /** Median days from receipt to expiry of the product's lots received by as-of; `null`: none expires. */
  readonly shelfLifeDays: number | null;
}

/**
 * What to order, by when and how much, one entry per product with lots: usable stock from the
 * at-risk forecast (so stock that will expire unused is not counted), daily use over the same
 * look-back window, and a suggestion for Lead Days + Cover Days of use rounded up to whole packs,
 * never more than the product can use within its typical shelf life at that rate. Entries are in
 * order-by order (products without use last), then by name; a product an error blocks gives that
 * error, after the others.
 *
 * With `location`, usable stock and daily use are that location's own (the Products settings are
 * the product's); without, all locations together, each forecast at its own rate.
 * @example reorder(ledger, 46100)[0] // { ok: true, value: { product: "Botox 100U", suggested: 200_000_000, … } }
 */
export function reorder(ledger: Ledger, asOf: Serial, lookbackDays: number = DEFAULT_LOOKBACK_DAYS, location?: string | null): Result<ReorderEntry>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const at = asOfInstant(asOf);
  const out: ReorderEntry[] = [];
  const failed: Result<ReorderEntry>[] = [];
  for (const product of ledger.productIndex.values()) {
    if (product.lots.length === 0) continue;
    const failure = productFailure(ledger, product.key);
    if (failure) failed.push({ ok: false, error: { ...failure, product: product.name } });
    else out.push(reorderProduct(ledger, product, at, lookbackDays, where.value));
  }
  out.sort((a, b) => (a.orderBy ?? Infinity) - (b.orderBy ?? Infinity) || a.product.localeCompare(b.product));
  return [...out.map((value): Result<ReorderEntry> => ({ ok: true, value })), ...failed];
}

/** The products to order now (order-by on or before as-of) and within the next seven days. */
export interface ReorderGroups {
  readonly now: readonly ReorderEntry[];
  readonly thisWeek: readonly ReorderEntry[];
}

/**
 * Splits a reorder list into "order now" and "order this week", for the pane's Overview and
 * Alerts: only products with something to order, soonest order-by first. Blocked products are
 * left out (Check names their errors).
 * @example reorderGroups(reorder(ledger, 46100), 46100).now.map((e) => e.product) // ["Botox 100U"]
 */
export function reorderGroups(entries: readonly Result<ReorderEntry>[], asOf: Serial): ReorderGroups {
  const day = Math.floor(asOf);
  const now: ReorderEntry[] = [];
  const thisWeek: ReorderEntry[] = [];
  for (const e of entries) {
    if (!e.ok || e.value.orderBy === null || !(e.value.suggested! > 0)) continue;
    if (e.value.orderBy <= day) now.push(e.value);
    else if (e.value.orderBy <= day + 7) thisWeek.push(e.value);
  }
  const soonest = (a: ReorderEntry, b: ReorderEntry) => a.orderBy! - b.orderBy! || a.product.localeCompare(b.product);
  return { now: now.sort(soonest), thisWeek: thisWeek.sort(soonest) };
}

function reorderProduct(ledger: Ledger, product: Product, at: Instant, lookbackDays: number, locationKey: string | null): ReorderEntry {
  const settings = product.settings;
  const leadDays = settings?.leadDays ?? DEFAULT_LEAD_DAYS;
  const coverDays = settings?.coverDays ?? DEFAULT_COVER_DAYS;
  const packSize = settings?.packSize ?? settings?.vialSize ?? QTY_ONE;
  const shelfLifeDays = typicalShelfLife(product, at.day);
  const unit = product.lots.find((l) => l.unit)?.unit ?? settings?.unit ?? null;
  // Millionths of a unit, not always a whole Qty: rates and quotients are shown too.
  const show = (q: number) => unitsText(round2(q / QTY_ONE), unit ?? "units");
  const byUnit = packSize === QTY_ONE && settings?.packSize == null && settings?.vialSize == null;
  const inPacks = (n: number) => (byUnit ? show(n * packSize) : `${plural(n, "pack")} of ${show(packSize)}`);

  const forecast = forecastProduct(ledger, product, at, lookbackDays, locationKey);
  let usable = ZERO_QTY;
  let unexpired = ZERO_QTY;
  let onHand = ZERO_QTY;
  for (const lot of forecast.lots) {
    usable = addQty(usable, lot.projectedUse);
    onHand = addQty(onHand, lot.remaining);
    if (lot.expires === null || at.day <= lot.expires) unexpired = addQty(unexpired, lot.remaining);
  }
  const base = { product: product.name, usable, leadDays, coverDays, packSize, shelfLifeDays };
  if (forecast.used === 0) {
    return {
      ...base, dailyUse: null, daysOfCover: null, stockOut: null, orderBy: null, suggested: null, limit: "no-use",
      reason: `no Visit draws in the last ${lookbackDays} days, so no rate of use to order by (${show(onHand)} on hand)`,
    };
  }
  const perDay = forecast.perDay;
  // Whole units × whole days ÷ whole units: exact wherever the answer is a whole number of days.
  const daysOfCover = (usable * lookbackDays) / forecast.used;
  const stockOut = (at.day + Math.floor(daysOfCover)) as Serial;
  const orderBy = Math.floor(stockOut - leadDays) as Serial;
  const entry = { ...base, dailyUse: perDay, daysOfCover, stockOut, orderBy };
  const rate = `${show(perDay)} a day`;
  const notCounted = onHand === unexpired
    ? (unexpired > usable ? `; ${show(unexpired - usable)} on hand is forecast to expire unused and is not counted` : "")
    : unexpired === 0
      ? `; all ${show(onHand)} on hand has expired`
      : `; ${show(onHand - usable)} on hand has expired or is forecast to expire unused and is not counted`;

  // In units × days of the window, so that whole-number settings give exact packs.
  const needed = forecast.used * (leadDays + coverDays) - usable * lookbackDays;
  if (needed <= 0) {
    return {
      ...entry, suggested: ZERO_QTY, limit: "covered",
      reason: `usable stock lasts ${days(daysOfCover)} days at ${rate}, past the ${days(leadDays)} lead + ${days(coverDays)} cover days${notCounted}`,
    };
  }
  const packs = Math.ceil(needed / (packSize * lookbackDays));
  const capPacks = shelfLifeDays === null ? Infinity : Math.floor((forecast.used * shelfLifeDays) / (packSize * lookbackDays));
  const need = `${days(leadDays)} lead + ${days(coverDays)} cover days at ${rate} need ${show(needed / lookbackDays + usable)}, ${show(usable)} of it usable on hand`;
  if (capPacks >= packs) {
    return { ...entry, suggested: (packs * packSize) as Qty, limit: "cover", reason: `${need}: ${inPacks(packs)} for the rest${byUnit ? "" : ", rounded up to whole packs"}${notCounted}` };
  }
  const canUse = `${show((forecast.used * shelfLifeDays!) / lookbackDays)} is what ${rate} uses in the typical shelf life of ${days(shelfLifeDays!)} days`;
  return {
    ...entry, suggested: (capPacks * packSize) as Qty, limit: "shelf-life",
    reason: capPacks === 0
      ? `one pack of ${show(packSize)} would expire before it is used: ${canUse}; ${need}${notCounted}`
      : `capped by shelf life at ${inPacks(capPacks)}: ${canUse}; ${need}${notCounted}`,
  };
}

/** Median days from receipt to expiry of the product's lots received by `day`; `null` when none expires. */
function typicalShelfLife(product: Product, day: Serial): number | null {
  const lives = product.lots
    .filter((l) => l.expires !== null && l.received <= day)
    .map((l) => Math.max(0, l.expires! - l.received))
    .sort((a, b) => a - b);
  if (lives.length === 0) return null;
  const m = lives.length >> 1;
  return lives.length % 2 ? lives[m] : (lives[m - 1] + lives[m]) / 2;
}

/** A number for a sentence, to the hundredth. */
function round2(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Days for a sentence, to a tenth. */
function days(n: number): string {
  return String(Math.round(n * 10) / 10);
}
