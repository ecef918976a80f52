/**
 * The state of the books at a glance, as the Overview lists it: each figure a sentence with the
 * task that acts on it. Pure: books and a moment in, lines out.
 */
import { check, formatMoney, formatSerial, plural, type Serial, type ShrinkageEntry, shrinkageLog, stockByProduct } from "../../core";
import type { Books } from "../form/books";
import { alertGroups } from "./alertGroups";

/** The tasks an Overview line opens. */
export type OverviewTarget = "Draw" | "Receive" | "Count" | "Alerts" | "Check" | "Report" | "Set up";

export interface OverviewLine {
  readonly id: string;
  readonly text: string;
  /** Whether it calls for action (drawn in the alert colour), or is for information. */
  readonly tone: "alert" | "warning" | "ok" | "info";
  readonly target: OverviewTarget;
}

/**
 * Each product's shrinkage at its last count day: the counts of that day summed, at cost.
 * @example lastCounts(shrinkageLog(ledger)) // { cost: 13_000_000_000_000n, products: 1, day: 46340 }
 */
export function lastCounts(log: readonly ShrinkageEntry[]): { cost: bigint; products: number; day: Serial } | null {
  const lastDay = new Map<string, number>();
  for (const e of log) lastDay.set(e.product, Math.max(lastDay.get(e.product) ?? -Infinity, Math.floor(e.date)));
  if (lastDay.size === 0) return null;
  let cost = 0n;
  for (const e of log) if (Math.floor(e.date) === lastDay.get(e.product)) cost += BigInt(e.cost);
  return { cost, products: lastDay.size, day: Math.max(...lastDay.values()) as Serial };
}

/**
 * The Overview's lines for books read from a workbook with a Lots table, at `at`: the alerts,
 * then each product to order now or this week (a way into Alerts, where its Reorder item says
 * why that much and by then), shrinkage, stock value and Check.
 * @example overviewLines(books, at)[0].text // "1 lot expired, $325.00 at cost"
 */
export function overviewLines(books: Books, at: Serial, location = ""): OverviewLine[] {
  const { ledger, dateSystem } = books;
  // At a location, every figure is that location's: its alerts, what it must order, its shrinkage and its stock.
  const where = location.trim() === "" ? null : location;
  const here = where === null ? "" : ` at ${where}`;
  const lines: OverviewLine[] = [];
  const { groups, reorder } = alertGroups(books, at, location);
  const group = (id: string) => groups.find((g) => g.id === id);

  const expired = group("expired");
  lines.push(expired
    ? { id: "expired", text: `${plural(expired.lots, "lot")} expired with stock, ${formatMoney(expired.value)} at cost`, tone: "alert", target: "Alerts" }
    : { id: "expired", text: "No expired lot holds stock", tone: "ok", target: "Alerts" });
  const expiring = ["nearest", "middle", "farthest"].flatMap((id) => group(id) ?? []);
  const soon = expiring.reduce((n, g) => n + g.lots, 0);
  const soonValue = expiring.reduce((n, g) => n + g.value, 0n);
  lines.push(soon > 0
    ? { id: "expiring", text: `${plural(soon, "lot")} expiring within their alert days, ${formatMoney(soonValue)} at cost`, tone: "warning", target: "Alerts" }
    : { id: "expiring", text: "No lot is inside its alert days", tone: "ok", target: "Alerts" });
  const risk = group("atRisk");
  lines.push(risk
    ? { id: "atRisk", text: `${formatMoney(risk.value)} at risk of expiring unused at the recent rate of use`, tone: "warning", target: "Alerts" }
    : { id: "atRisk", text: "No stock is expected to expire unused", tone: "ok", target: "Alerts" });
  const vials = group("vials");
  lines.push(vials
    ? { id: "vials", text: `${plural(vials.lots, "open vial")} past ${vials.lots === 1 ? "its" : "their"} use-by`, tone: "alert", target: "Alerts" }
    : { id: "vials", text: "No open vial is past its use-by", tone: "ok", target: "Alerts" });
  for (const o of reorder.now) lines.push({ id: `order-${o.product}`, text: o.headline, tone: "warning", target: "Alerts" });
  for (const o of reorder.thisWeek) lines.push({ id: `order-${o.product}`, text: o.headline, tone: "info", target: "Alerts" });
  if (reorder.now.length + reorder.thisWeek.length === 0) lines.push({ id: "order", text: "Nothing needs ordering this week", tone: "ok", target: "Alerts" });

  const log = books.tables.Counts ? shrinkageLog(ledger, where).flatMap((r) => (r.ok ? [r.value] : [])) : [];
  const counts = lastCounts(log);
  lines.push(counts === null
    ? { id: "shrinkage", text: "No count recorded yet: count the stock to measure shrinkage", tone: "info", target: "Count" }
    : {
        id: "shrinkage",
        text: `Shrinkage at the last counts${here}: ${formatMoney(counts.cost)} at cost over ${plural(counts.products, "product")} (latest ${formatSerial(counts.day, dateSystem)})`,
        tone: counts.cost > 0n ? "warning" : "ok",
        target: "Count",
      });

  const stock = stockByProduct(ledger, at, where);
  const value = stock.reduce((n, r) => n + (r.ok ? r.value.value : 0n), 0n);
  const blocked = stock.filter((r) => !r.ok).length;
  lines.push({
    id: "stock",
    text: `Stock on hand${here}: ${formatMoney(value)} at cost${blocked ? ` (${plural(blocked, "product")} left out until ${blocked === 1 ? "its" : "their"} errors are fixed)` : ""}`,
    tone: "info",
    target: "Report",
  });

  const diagnostics = check(ledger);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  lines.push(diagnostics.length === 0
    ? { id: "check", text: "Check: every row of the tables reads cleanly", tone: "ok", target: "Check" }
    : { id: "check", text: `Check: ${plural(errors, "error")} and ${plural(warnings, "warning")} in the tables`, tone: errors > 0 ? "alert" : "warning", target: "Check" });
  return lines;
}
