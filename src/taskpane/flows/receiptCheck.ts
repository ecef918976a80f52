/**
 * What a Receive line says back before it is saved: the expiry as a written date, the units in
 * all, the unit cost and the line total — and whether that unit cost is far from what the product
 * usually costs, the sign of a per-unit amount typed as the line total (or the other way round).
 */
import { formatMoney, lotCost, moneyFromNumber, moneyToNumber, ymdFromSerial, type DateSystem, type Ledger, type Product, type Serial } from "../../core";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date as people write it on a purchase order, with no doubt about day and month.
 * @example writtenDate(46783, 1900) // "31 Jan 2028"
 */
export function writtenDate(serial: Serial, system: DateSystem): string {
  const { year, month, day } = ymdFromSerial(serial, system);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Dollars as the pane shows a unit cost: cents, or more places where cents would hide it. */
export function unitPrice(dollars: number): string {
  if (dollars !== 0 && Math.abs(dollars) < 0.1) return `$${Number(dollars.toPrecision(2))}`;
  return formatMoney(moneyFromNumber(Math.round(dollars * 100) / 100));
}

/** How far a unit cost may be from the usual one, either way, before the pane asks. */
export const COST_FACTOR = 3;

/**
 * The usual unit cost of a product: the median of its latest (up to five) lots' unit costs, in
 * dollars; null without any.
 * @example usualUnitCost(ledger, product) // 6.8
 */
export function usualUnitCost(ledger: Ledger, product: Product | undefined): number | null {
  if (!product) return null;
  const costs = [...product.lots]
    .sort((a, b) => b.received - a.received)
    .slice(0, 5)
    .flatMap((l) => {
      const c = lotCost(ledger, l.lot);
      return c.ok ? [moneyToNumber(c.value)] : [];
    })
    .sort((a, b) => a - b);
  if (costs.length === 0) return null;
  const mid = Math.floor(costs.length / 2);
  return costs.length % 2 ? costs[mid] : (costs[mid - 1] + costs[mid]) / 2;
}

/**
 * A warning when `unitCost` is more than `COST_FACTOR` times off the product's usual unit cost,
 * with the likely slip; null when it is near or there is nothing to compare with.
 * @example costWarning(0.016, 6.8, "U", "total") // "$0.016 per U is far below the usual $6.80 per U: …"
 */
export function costWarning(unitCost: number, usual: number | null, unit: string, costAs: "unit" | "total"): string | null {
  if (usual === null || !(usual > 0) || !(unitCost > 0)) return null;
  const per = unit ? `per ${unit}` : "per unit";
  const ratio = unitCost / usual;
  if (ratio >= 1 / COST_FACTOR && ratio <= COST_FACTOR) return null;
  const said = `${unitPrice(unitCost)} ${per} is far ${ratio < 1 ? "below" : "above"} this product's usual ${unitPrice(usual)} ${per} (its recent receipts)`;
  if (ratio < 1 && costAs === "total") return `${said}: was the per-unit amount typed as the line total? Choose "${per[0].toUpperCase()}${per.slice(1)}" if so.`;
  if (ratio > 1 && costAs === "unit") return `${said}: was the line total typed as the per-unit amount? Choose "Line total" if so.`;
  return `${said}: check the amount against the purchase order.`;
}
