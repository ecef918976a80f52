import { formatSerial, type Serial } from "../core";
import type { CellValue } from "../taskpane/workbook/port";
import type { MemoryTable } from "../taskpane/workbook/memory";

/** A cell as its number format shows it: dates `yyyy-mm-dd`, money with `$`, percentages. */
export function displayCell(value: CellValue, format: string | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "yyyy-mm-dd") {
    const [m, d, y] = formatSerial(Math.floor(value)).split("/");
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

export type ExpiryBand = "expired" | "within30" | "within60" | "within90" | null;

/**
 * The band of Set up's expiry highlighting an Expires value falls in on `today`: past, then within
 * 30, 60 and 90 days (the first that holds), as the conditional formats on TODAY() colour it.
 * @example expiryBand(46100, 46096) // "within30"
 */
export function expiryBand(expires: CellValue, today: Serial): ExpiryBand {
  if (typeof expires !== "number") return null;
  const days = expires - today;
  if (days < 0) return "expired";
  if (days <= 30) return "within30";
  if (days <= 60) return "within60";
  if (days <= 90) return "within90";
  return null;
}

/** Fills of Set up's conditional formats, by band. */
export const BAND_FILL: Record<Exclude<ExpiryBand, null>, string> = { expired: "#F8696B", within30: "#FFB26B", within60: "#FFEB84", within90: "#FFF7C8" };
export const BAND_TEXT: Record<Exclude<ExpiryBand, null>, string> = { expired: "expired", within30: "expires within 30 days", within60: "expires within 60 days", within90: "expires within 90 days" };

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
