/**
 * REORDER as the pane says it: what to order now and this week, each with the quantity, the
 * order-by date and, in words a manager follows, why that much — the rate of use, what is usable,
 * the lead and cover days, the packs and the shelf-life cap. Pure: books and a moment in.
 */
import { type DateSystem, DEFAULT_LOOKBACK_DAYS, type Failure, formatSerial, type Ledger, plural, QTY_ONE, reorder, type ReorderEntry, reorderGroups, type Serial, stockByProduct, unitsText } from "../../core";

export interface ReorderAdvice {
  readonly product: string;
  readonly when: "now" | "thisWeek";
  /** "100 U", "8 syringes". */
  readonly quantity: string;
  readonly orderBy: Serial;
  /** The Overview's line: "Order now: 100 U of Botox 100U (order by 3/12/2026)". */
  readonly headline: string;
  /** Alerts' item: "Botox 100U: order 100 U now, by 3/12/2026; it runs out on 3/26/2026." */
  readonly summary: string;
  /** Why that quantity, and why by then. */
  readonly reason: string;
}

export interface ReorderAdvices {
  readonly now: readonly ReorderAdvice[];
  readonly thisWeek: readonly ReorderAdvice[];
  /** Products an error blocks (Check names the rows to fix). */
  readonly problems: readonly Failure[];
}

/** A number for a sentence, to the hundredth, thousands grouped as the pane's money is. */
const round2 = (n: number) => (Math.round(n * 100) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
/** Days for a sentence, to the tenth. */
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The products to order now (order-by on or before today) and within the next seven days, soonest
 * first; with `location`, what that location holds and uses (null: the whole practice).
 * @example reorderAdvice(ledger, 1900, at).now[0].headline // "Order now: 100 U of Botox 100U (order by 3/12/2026)"
 */
export function reorderAdvice(ledger: Ledger, dateSystem: DateSystem, at: Serial, location: string | null = null): ReorderAdvices {
  const entries = reorder(ledger, at, DEFAULT_LOOKBACK_DAYS, location);
  const groups = reorderGroups(entries, at);
  const onHand = new Map(stockByProduct(ledger, at, location).flatMap((r) => (r.ok ? [[r.value.product, r.value.remaining] as const] : [])));
  const day = Math.floor(at);
  const date = (s: Serial) => formatSerial(s, dateSystem);
  const advise = (e: ReorderEntry, when: ReorderAdvice["when"]): ReorderAdvice => {
    const p = ledger.productByName(e.product);
    const unit = p?.settings?.unit ?? p?.lots.find((l) => l.unit)?.unit ?? "";
    const units = (q: number) => unitsText(round2(q / QTY_ONE), unit);
    const quantity = units(e.suggested!);
    const due = e.orderBy! < day ? `was due by ${date(e.orderBy!)}` : e.orderBy === day ? "order by today" : `order by ${date(e.orderBy!)}`;
    const headline = when === "now" ? `Order now: ${quantity} of ${e.product} (${due})` : `Order this week: ${quantity} of ${e.product} (${due})`;
    const summary = `${e.product}: order ${quantity} ${when === "now" ? "now" : "this week"}, ${e.orderBy! < day ? `it was due by ${date(e.orderBy!)}` : `by ${date(e.orderBy!)}`}; at the recent rate it runs out on ${date(e.stockOut!)}.`;

    const rate = `${units(e.dailyUse!)} a day`;
    const held = onHand.get(e.product) ?? e.usable;
    const usable =
      held > e.usable
        ? `${units(held)} on hand, of which ${units(e.usable)} usable (the rest is expired or forecast to expire unused)`
        : `${units(e.usable)} usable on hand`;
    const lasts = `At ${rate} (Visit draws of the last 90 days), ${usable} lasts ${plural(round1(e.daysOfCover!), "day")}; delivery takes ${plural(e.leadDays, "day")} (Lead Days).`;
    const span = e.leadDays + e.coverDays;
    const needed = (e.dailyUse! * span) / QTY_ONE;
    const byUnit = e.packSize === QTY_ONE;
    const packs = Math.round(e.suggested! / e.packSize);
    const inPacks = byUnit ? quantity : `${plural(packs, "pack")} of ${units(e.packSize)}`;
    const need = `Lead Days + Cover Days (${e.leadDays} + ${e.coverDays}) at that rate need ${unitsText(round2(needed), unit)}, ${unitsText(round2(needed - e.usable / QTY_ONE), unit)} more than is usable`;
    const reason =
      e.limit === "shelf-life"
        ? `${lasts} ${need}, but a lot keeps about ${plural(round1(e.shelfLifeDays!), "day")} from delivery to expiry, in which ${rate} uses only ${unitsText(round2((e.dailyUse! * e.shelfLifeDays!) / QTY_ONE), unit)}: capped at ${inPacks}, so that nothing expires on the shelf.`
        : `${lasts} ${need}: ${byUnit ? quantity : `${inPacks}, rounded up to whole packs`}.`;
    return { product: e.product, when, quantity, orderBy: e.orderBy!, headline, summary, reason };
  };
  return {
    now: groups.now.map((e) => advise(e, "now")),
    thisWeek: groups.thisWeek.map((e) => advise(e, "thisWeek")),
    problems: entries.flatMap((r) => (r.ok ? [] : [r.error])),
  };
}
