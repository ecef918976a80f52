/**
 * The alerts of the books, grouped by how urgent they are — expired, open vials past use-by, the
 * expiry bands of the sheet's highlighting, stock at risk of expiring unused, residues — each group
 * with its total at cost. Alerts and the Overview both read these.
 */
import { atRisk, DEFAULT_LOOKBACK_DAYS, expiryAlerts, type Failure, formatMoney, formatQty, formatSerial, highlightBand, type HighlightBand, isExpiredOn, type Money, openVials, plural, type Qty, qtyToNumber, type Result, type Serial, unitsText } from "../../core";
import { hasColumn, type Books } from "../form/books";
import type { Entry } from "../../workbook/port";
import { reorderAdvice, type ReorderAdvice } from "./reorderAdvice";

export interface Alert {
  readonly key: string;
  readonly text: string;
  /** The draw that settles it, with the button's words; none when only time will tell. */
  readonly record?: { readonly label: string; readonly entry: Entry };
  /** A second sentence: why (a reorder's quantity and date). */
  readonly detail?: string;
}

export type GroupId = "expired" | "vials" | "nearest" | "middle" | "farthest" | "reorder" | "atRisk" | "residue";

export interface AlertGroup {
  readonly id: GroupId;
  readonly title: string;
  /** The sheet's highlighting colour the group shares, where it has one. */
  readonly band: HighlightBand | null;
  readonly items: readonly Alert[];
  /** "3 lots, $4,120.00 at cost". */
  readonly total: string;
  readonly lots: number;
  readonly value: Money;
}

export interface Alerts {
  readonly groups: readonly AlertGroup[];
  readonly problems: readonly Failure[];
  /** What to order now and this week, with why (the Reorder group's items, for the Overview too). */
  readonly reorder: { readonly now: readonly ReorderAdvice[]; readonly thisWeek: readonly ReorderAdvice[] };
}

/**
 * How the at-risk figures are made, said once; at a location, by that location's own use.
 * @example atRiskMethod("Suite B") // "Estimated at each product's rate of use at Suite B over the last 90 days, …"
 */
export function atRiskMethod(location = ""): string {
  const here = location.trim() === "" ? "" : ` at ${location.trim()}`;
  return `Estimated at each product's rate of use${here} over the last 90 days, the lots used up in FEFO order (soonest expiry first): what a lot would still hold when it expires is at risk.`;
}

function failures<T>(results: readonly Result<T>[]): Failure[] {
  return results.flatMap((r) => (r.ok ? [] : [r.error]));
}

const sum = (values: readonly Money[]): Money => values.reduce<bigint>((a, v) => a + BigInt(v), 0n);

/**
 * The alerts at `at`, most urgent group first; empty groups are left out. With `location` (the
 * picker's), every group is that location's: its lots, its open vials, its own rate of use for
 * the at-risk forecast and for reordering; blank, the whole practice.
 * @example alertGroups(books, at, "Suite B").groups[0].total // "1 lot, $325.00 at cost"
 */
export function alertGroups(books: Books, at: Serial, location = ""): Alerts {
  const { ledger, dateSystem } = books;
  const where = location.trim() === "" ? null : location;
  const day = Math.floor(at);
  const unitOf = (product: string) => {
    const p = ledger.productByName(product);
    return p?.settings?.unit ?? p?.lots[0]?.unit ?? "";
  };
  const amount = (product: string, q: Qty) => unitsText(formatQty(q), unitOf(product));
  // A forecast is an estimate: tenths of a unit, said as such, rather than six false decimals.
  const forecast = (product: string, q: Qty) => {
    const tenths = Math.round(qtyToNumber(q) * 10) / 10;
    return tenths === qtyToNumber(q) ? amount(product, q) : `about ${unitsText(tenths, unitOf(product))}`;
  };
  const lotUnit = (product: string, lot: string) =>
    hasColumn(books, "Draws", "Unit") ? (ledger.productByName(product)?.lots.find((l) => l.lot === lot)?.unit ?? null) : null;
  // The write-off is taken where the stock is, or the engine would look for the lot at the blank location.
  const placed = hasColumn(books, "Draws", "Location");
  const draw = (product: string, lot: string, qty: Qty, kind: "Expired" | "Waste", place: string | undefined): Entry => ({
    Date: at, Product: product, Lot: lot, Qty: qtyToNumber(qty), Unit: lotUnit(product, lot), Kind: kind,
    ...(placed ? { Location: place || null } : {}),
  });
  // A lot held at two locations is two alerts when the whole practice is shown.
  const keyOf = (prefix: string, lot: string, place: string | undefined) => (place ? `${prefix}${lot}@${place}` : `${prefix}${lot}`);

  const expiry = expiryAlerts(ledger, at, where);
  const vials = openVials(ledger, at, where);
  const risk = atRisk(ledger, at, DEFAULT_LOOKBACK_DAYS, where);

  const buckets = new Map<GroupId, { items: Alert[]; values: Money[]; within: Set<number> }>();
  const put = (id: GroupId, alert: Alert, value: Money, within?: number) => {
    const b = buckets.get(id) ?? { items: [], values: [], within: new Set<number>() };
    b.items.push(alert);
    b.values.push(value);
    if (within !== undefined) b.within.add(within);
    buckets.set(id, b);
  };

  for (const r of expiry) {
    if (!r.ok) continue;
    const a = r.value;
    const what = `${a.product} lot ${a.lot}: ${amount(a.product, a.remaining)} (${formatMoney(a.value)} at cost)`;
    if (a.threshold === 0 && a.expires !== null) {
      put("expired", { key: keyOf("x", a.lot, a.location), text: `${what} expired on ${formatSerial(a.expires, dateSystem)}.`, record: { label: `Record ${amount(a.product, a.remaining)} of ${a.lot} as Expired`, entry: draw(a.product, a.lot, a.remaining, "Expired", a.location) } }, a.value);
      continue;
    }
    if (a.residue) {
      put("residue", { key: keyOf("r", a.lot, a.location), text: `${what} is a residue: use it or write it off.`, record: { label: `Write off ${amount(a.product, a.remaining)} of ${a.lot} as Waste`, entry: draw(a.product, a.lot, a.remaining, "Waste", a.location) } }, a.value);
      continue;
    }
    if (a.expires !== null && a.daysLeft !== null && a.threshold > 0) {
      const alertDays = ledger.productByName(a.product)?.settings?.alertDays ?? undefined;
      const band = highlightBand(a.daysLeft, alertDays);
      const id: GroupId = band && band.band !== "expired" ? band.band : "farthest";
      put(id, { key: keyOf("e", a.lot, a.location), text: `${what} expires ${formatSerial(a.expires, dateSystem)}, in ${plural(a.daysLeft, "day")}.` }, a.value, band?.within ?? a.threshold);
    }
  }
  for (const r of vials) {
    if (!r.ok || !r.value.pastUseBy) continue;
    const v = r.value;
    put("vials", {
      key: keyOf(`v${v.opened}:`, v.lot, v.location),
      text: `${v.product} lot ${v.lot}: ${amount(v.product, v.left)} left in a vial past its use-by${v.useBy !== null ? ` (${formatSerial(Math.floor(v.useBy) as Serial, dateSystem)})` : ""}.`,
      record: { label: `Record ${amount(v.product, v.left)} left in the open vial of ${v.lot} as Waste`, entry: draw(v.product, v.lot, v.left, "Waste", v.location) },
    }, 0n);
  }
  for (const r of risk) {
    if (!r.ok || !(r.value.atRisk > 0)) continue;
    const k = r.value;
    // An expired lot is no forecast: it is under Expired.
    const lot = ledger.productByName(k.product)?.lots.find((l) => l.lot === k.lot);
    if (lot && isExpiredOn(lot, day)) continue;
    put("atRisk", { key: keyOf("k", k.lot, k.location), text: `${k.product} lot ${k.lot}: ${forecast(k.product, k.atRisk)} (${formatMoney(k.atRiskValue)}) expected to be left when it expires ${k.expires !== null ? formatSerial(k.expires, dateSystem) : ""}.`.replace(" .", ".") }, k.atRiskValue);
  }

  const orders = reorderAdvice(ledger, dateSystem, at, where);
  for (const o of [...orders.now, ...orders.thisWeek]) put("reorder", { key: `o${o.product}`, text: o.summary, detail: o.reason }, 0n);

  const days = (within: Set<number>) => [...within].sort((a, b) => a - b).join(" or ");
  const titles: Record<GroupId, (within: Set<number>) => string> = {
    expired: () => "Expired",
    vials: () => "Open vials past use-by",
    nearest: (w) => `Expiring within ${days(w)} days`,
    middle: (w) => `Expiring within ${days(w)} days`,
    farthest: (w) => `Expiring within ${days(w)} days`,
    reorder: () => "Reorder",
    atRisk: () => "At risk of expiring unused",
    residue: () => "Residues",
  };
  const bands: Partial<Record<GroupId, HighlightBand>> = { expired: "expired", nearest: "nearest", middle: "middle", farthest: "farthest" };
  // Most urgent first: what is lost already, then what is about to be, then what to buy.
  const order: GroupId[] = ["expired", "vials", "nearest", "middle", "farthest", "reorder", "atRisk", "residue"];
  const groups = order.flatMap((id): AlertGroup[] => {
    const b = buckets.get(id);
    if (!b) return [];
    const value = sum(b.values);
    const total =
      id === "vials"
        ? plural(b.items.length, "vial")
        : id === "reorder"
          ? `${plural(b.items.length, "product")} to order: ${orders.now.length} now, ${orders.thisWeek.length} this week`
          : `${plural(b.items.length, "lot")}, ${formatMoney(value)} at cost`;
    return [{ id, title: titles[id](b.within), band: bands[id] ?? null, items: b.items, total, lots: b.items.length, value }];
  });
  const problems = [...new Map([...failures(expiry), ...failures(vials), ...failures(risk), ...orders.problems].map((f) => [f.message, f])).values()];
  return { groups, problems, reorder: { now: orders.now, thisWeek: orders.thisWeek } };
}
