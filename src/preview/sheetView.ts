import { buildLedger, DEFAULT_ALERT_DAYS, formatSerial, highlightBand, productKey, type Grid, type Serial } from "../core";
import { BAND_FILL } from "../taskpane/setup/expiryHighlighting";
import type { CellValue } from "../workbook/port";
import type { MemoryTable } from "../workbook/memory";

/** A cell as its number format shows it: dates `m/d/yyyy` or `yyyy-mm-dd`, money with `$`, percentages. */
export function displayCell(value: CellValue, format: string | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "m/d/yyyy") return formatSerial(Math.floor(value) as Serial);
  if (format === "yyyy-mm-dd") {
    const [m, d, y] = formatSerial(Math.floor(value) as Serial).split("/");
    return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  }
  if (format?.startsWith("$")) {
    const decimals = format === "$#,##0.00##" ? Math.min(4, Math.max(2, (String(value).split(".")[1] ?? "").length)) : 2;
    const text = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return value < 0 ? `-$${text}` : `$${text}`;
  }
  if (format === "0%") return `${Math.round(value * 100)}%`;
  if (format === "0.0%") return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

/** How Set up's highlighting shows an Expires cell: `expired` or `within<days>`, its fill and a tooltip. */
export interface ExpiryLook {
  readonly band: string;
  readonly fill: string;
  readonly text: string;
}

/**
 * How Set up's conditional formats colour an Expires value on `today` under the product's Alert
 * Days (the rule is `highlightBand` in the core): null for no colour.
 * @example expiryLook(46100, 46096, [90, 60, 30]) // { band: "within30", fill: "#FFB26B", … }
 */
export function expiryLook(expires: CellValue, today: Serial, alertDays: readonly number[] = DEFAULT_ALERT_DAYS): ExpiryLook | null {
  if (typeof expires !== "number") return null;
  const found = highlightBand(expires - today, alertDays);
  if (!found) return null;
  if (found.band === "expired") return { band: "expired", fill: BAND_FILL.expired, text: "expired" };
  return { band: `within${found.within}`, fill: BAND_FILL[found.band], text: `expires within ${found.within} days` };
}

/**
 * The band of an Expires value on `today`: `expired`, `within30`, … as `expiryLook` names it.
 * @example expiryBand(46100, 46096) // "within30"
 */
export function expiryBand(expires: CellValue, today: Serial, alertDays?: readonly number[]): string | null {
  return expiryLook(expires, today, alertDays)?.band ?? null;
}

/**
 * Each product's Alert Days as the highlighting reads them from Products: the engine's reading of
 * its row, none (only expired shows) where the cell is not a list of days, the default where the
 * product is not listed. Matched as the engine matches product names.
 */
export function alertDaysByProduct(products: MemoryTable | undefined): (product: CellValue) => readonly number[] {
  const found = new Map<string, readonly number[]>();
  if (products) {
    const read = buildLedger({ lots: [["Product"]], products: [products.header, ...products.rows] as Grid }).products;
    const column = read.columnNames.alertDays;
    for (const r of read.rows) {
      if (r.productKey === null || found.has(r.productKey)) continue;
      found.set(r.productKey, r.issues?.some((i) => i.column === column) ? [] : r.alertDays);
    }
  }
  return (product) => (typeof product === "string" ? found.get(productKey(product.trim())) : undefined) ?? DEFAULT_ALERT_DAYS;
}

/**
 * Lots whose receipts are all drawn (the greyed rule: Qty received minus Qty drawn by lot, counts
 * not considered), as Set up's first conditional format on Lots finds them.
 */
export function drawnOutLots(lots: MemoryTable | undefined, draws: MemoryTable | undefined): Set<string> {
  const out = new Set<string>();
  if (!lots) return out;
  const sum = (t: MemoryTable | undefined) => {
    const m = new Map<string, number>();
    if (!t) return m;
    const lot = t.header.indexOf("Lot");
    const qty = t.header.indexOf("Qty");
    if (lot < 0 || qty < 0) return m;
    for (const r of t.rows) {
      const key = r[lot];
      if (key === null || key === "") continue;
      m.set(String(key), (m.get(String(key)) ?? 0) + (typeof r[qty] === "number" ? (r[qty] as number) : 0));
    }
    return m;
  };
  const received = sum(lots);
  const drawn = sum(draws);
  for (const [lot, qty] of received) if (qty - (drawn.get(lot) ?? 0) <= 0) out.add(lot);
  return out;
}
