import type { Serial } from "./dates";
import { asOfInstant, END_OF_TIME } from "./instant";
import type { Ledger } from "./ledger";
import type { Money } from "./money";
import type { DrawKind } from "./rows";
import { replayProduct } from "./book";
import { lotPurchases, lotValue } from "./stock";
import { addAmount, toMoney, type Amount } from "./_lib/amount";

/** Where every dollar of purchases went, at an as-of date. */
export interface Conservation {
  readonly purchases: Money;
  readonly cogs: Money;
  /** Cost of draws no patient was charged for, by kind (a transfer moves cost, it takes none). */
  readonly otherDraws: Readonly<Record<Exclude<DrawKind, "Visit" | "Transfer">, Money>>;
  readonly shrinkage: Money;
  readonly onHand: Money;
  /** purchases − (cogs + other draws + shrinkage + on hand): zero, exactly. */
  readonly residue: Money;
}

/**
 * The audit identity: purchases = visit COGS + cost of other draws + shrinkage + value on hand.
 * Every booked amount is the actual cost of the layers it took, so the residue is exactly zero; a
 * transfer moves its layers' cost to another location, where it is on hand again.
 * @example conservation(ledger, 46100).residue // 0n
 */
export function conservation(ledger: Ledger, asOf: Serial | null = null): Conservation {
  const at = asOf === null ? END_OF_TIME : asOfInstant(asOf);
  let purchases = 0n;
  let cogs = 0n;
  let shrinkage = 0n;
  let onHand = 0n;
  const other = { Waste: 0n, Expired: 0n, Sample: 0n, Return: 0n };
  for (const product of ledger.productIndex.values()) {
    const state = replayProduct(ledger, product, at);
    for (const s of state.lots.values()) {
      purchases += lotPurchases(s);
      onHand += lotValue(s);
    }
    let visits: Amount = 0;
    const others: Record<keyof typeof other, Amount> = { Waste: 0, Expired: 0, Sample: 0, Return: 0 };
    state.booked.forEach((row, i) => {
      if (row.kind === "Visit") visits = addAmount(visits, state.costs.get(i));
      else if (row.kind !== "Transfer") others[row.kind] = addAmount(others[row.kind], state.costs.get(i));
    });
    cogs += toMoney(visits);
    for (const k of ["Waste", "Expired", "Sample", "Return"] as const) other[k] += toMoney(others[k]);
    for (const c of state.counts) shrinkage += c.cost;
  }
  const residue = purchases - (cogs + other.Waste + other.Expired + other.Sample + other.Return + shrinkage + onHand);
  return { purchases, cogs, otherDraws: other, shrinkage, onHand, residue };
}
