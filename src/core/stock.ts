import { lotFailure, lotNotFound, productFailure } from "./blocking";
import { lotKey } from "./names";
import { asOfInstant, END_OF_TIME } from "./instant";
import type { Ledger } from "./ledger";
import { messageOf } from "./messages";
import type { Lot } from "./resolve";
import type { Money } from "./money";
import { layerPurchase, layerValue, onBooks, receiptCost, replayProduct, type LotState, type ProductState } from "./book";
import { fail, ok, type Result } from "./result";
import { findLot, resolveScope } from "./scope";
import { divRound } from "./_lib/decimalText";
import { addQty, QTY_ONE, type Qty, ZERO_QTY } from "./quantity";
import type { Serial } from "./dates";
import { whereAsked } from "./sites";

/**
 * A lot's states at an as-of date (end of that day unless it has a time): one per location it
 * arrives at, or only the one at `locationKey` (none when it never arrives there).
 */
export function lotStatesAt(ledger: Ledger, lot: Lot, asOf: Serial | null, locationKey: string | null = null): LotState[] {
  const product = ledger.productIndex.get(lot.productKey)!;
  const all = statesByLot(replayProduct(ledger, product, asOf === null ? END_OF_TIME : asOfInstant(asOf))).get(lot) ?? [];
  return locationKey === null ? all : all.filter((s) => s.locationKey === locationKey);
}

const byLot = onBooks<null, Map<Lot, LotState[]>>();

/** A product's lot states grouped by lot (a lot has one per location it reaches), made once per replay. */
function statesByLot(state: ProductState): Map<Lot, LotState[]> {
  return byLot(state, null, () => {
    const m = new Map<Lot, LotState[]>();
    for (const s of state.lots.values()) {
      const list = m.get(s.lot);
      if (list) list.push(s);
      else m.set(s.lot, [s]);
    }
    return m;
  });
}

/** A lot's state at an as-of date, all its locations together: units and value summed. */
export function lotStateAt(ledger: Ledger, lot: Lot, asOf: Serial | null): Pick<LotState, "remaining" | "layers"> {
  const states = lotStatesAt(ledger, lot, asOf);
  if (states.length === 1) return states[0];
  return { remaining: states.reduce((n, s) => addQty(n, s.remaining), ZERO_QTY), layers: states.flatMap((s) => s.layers) };
}

/**
 * Units of a lot left on the books at `asOf`: received − drawn, reset at each count; negative
 * after an overdraw (never clamped).
 * @example lotRemaining(ledger, "C3709C3", 46100) // { ok: true, value: 60_000_000 }
 */
export function lotRemaining(ledger: Ledger, lotNumber: string, asOf: Serial, location?: string | null): Result<Qty> {
  const where = whereAsked(ledger, location);
  if (!where.ok) return where;
  const lot = findLot(ledger, lotNumber);
  if (!lot) return { ok: false, error: lotNotFound(ledger, lotNumber, lotKey(lotNumber.trim())) };
  const blocked = lotFailure(ledger, lot.key);
  if (blocked) return { ok: false, error: blocked };
  return ok(lotStatesAt(ledger, lot, asOf, where.value).reduce((n, s) => addQty(n, s.remaining), ZERO_QTY));
}

/**
 * A lot's unit cost: total paid over units received, weighted over its receipts, in money per unit.
 * Uses the Lots table only.
 * @example lotCost(ledger, "C3709C3") // { ok: true, value: 6_500_000_000_000n } ($6.50)
 */
export function lotCost(ledger: Ledger, lotNumber: string): Result<Money> {
  const lot = findLot(ledger, lotNumber);
  if (!lot) return { ok: false, error: lotNotFound(ledger, lotNumber, lotKey(lotNumber.trim())) };
  const blocked = lotFailureLotsOnly(ledger, lot);
  if (blocked) return blocked;
  let paid = 0n;
  let units = 0;
  for (const row of lot.receipts) {
    paid += receiptCost(row);
    units += row.qty!;
  }
  if (units === 0) return fail("value", `lot ${lot.lot} has no usable receipt in the Lots table`);
  return ok(divRound(paid * BigInt(QTY_ONE), BigInt(units)));
}

function lotFailureLotsOnly(ledger: Ledger, lot: Lot): Result<never> | null {
  const errs = ledger.lots.tableErrors.filter((d) => d.severity === "error");
  if (errs.length) return fail("value", `Lots, ${errs[0].column}: ${errs[0].message}`);
  const bad = ledger.lots.rows.find((r) => r.lotKey === lot.key && !r.usable);
  if (bad) {
    const issue = bad.issues!.find((i) => i.severity === "error")!;
    return fail("value", `Lots row ${bad.row}, ${issue.column}: ${messageOf(issue.kind)}`);
  }
  return null;
}

/** Value at cost of what a lot state still holds: the actual cost of its remaining layers. */
export function lotValue(s: Pick<LotState, "layers">): Money {
  let v = 0n;
  for (const l of s.layers) v += layerValue(l);
  return v;
}

/** What a lot state's receipts cost (units transferred in were bought at their source). */
export function lotPurchases(s: LotState): Money {
  let v = 0n;
  for (const l of s.layers) if (!l.moved) v += layerPurchase(l);
  return v;
}

/**
 * Value of stock on hand at cost at `asOf`, for a product, a lot, or `*` (everything).
 * @example stockValue(ledger, "*", 46100)
 */
export function stockValue(ledger: Ledger, scope: string, asOf: Serial, location?: string | null): Result<Money> {
  const where = whereAsked(ledger, location);
  if (!where.ok) return where;
  const resolved = resolveScope(ledger, scope);
  if (!resolved.ok) return resolved;
  let total = 0n;
  if (resolved.value.kind === "lot") {
    const lot = resolved.value.lot;
    const blocked = lotFailure(ledger, lot.key);
    if (blocked) return { ok: false, error: blocked };
    for (const s of lotStatesAt(ledger, lot, asOf, where.value)) total += lotValue(s);
    return ok(total);
  }
  // A product's or every product's: each product's figure, made once per replay, in the order its lots come.
  const at = asOfInstant(asOf);
  const seen = new Set<string>();
  for (const lot of resolved.value.lots) {
    if (seen.has(lot.productKey)) continue;
    seen.add(lot.productKey);
    const blocked = productFailure(ledger, lot.productKey);
    if (blocked) return { ok: false, error: blocked };
    total += productStock(replayProduct(ledger, ledger.productIndex.get(lot.productKey)!, at), where.value).value;
  }
  return ok(total);
}

/** A product's stock at an as-of date, summed over its lots. */
export interface ProductStock {
  readonly product: string;
  /** The unit its lots are received in (U, mL), as written on its first lot. */
  readonly unit: string | null;
  /** Units left over all its lots (negative after an overdraw, never clamped). */
  readonly remaining: Qty;
  /** Value at cost of what its lots still hold. */
  readonly value: Money;
  /** Lots still holding more than nothing. */
  readonly lotsInStock: number;
}

/**
 * Stock on hand by product at `asOf`, products in name order: units, value at cost and how many
 * lots hold it, at one location or all together. A product that an error blocks gives that error,
 * in its own entry.
 * @example stockByProduct(ledger, 46100)[0] // { ok: true, value: { product: "Botox 100U", remaining: 180_000_000, … } }
 */
export function stockByProduct(ledger: Ledger, asOf: Serial, location?: string | null): Result<ProductStock>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const products = [...ledger.productIndex.values()].filter((p) => p.lots.length > 0).sort((a, b) => a.name.localeCompare(b.name));
  const at = asOfInstant(asOf);
  return products.map((p): Result<ProductStock> => {
    const blocked = productFailure(ledger, p.key);
    if (blocked) return { ok: false, error: { ...blocked, product: p.name } };
    return ok(productStock(replayProduct(ledger, p, at), where.value));
  });
}

const stockOf = onBooks<string | null, ProductStock>();

/** A product's stock in its books at one location or all together: made once per replay. */
function productStock(state: ProductState, locationKey: string | null): ProductStock {
  return stockOf(state, locationKey, () => {
    let remaining = ZERO_QTY;
    let value = 0n;
    let lotsInStock = 0;
    const held = new Map<Lot, Qty>();
    for (const s of state.lots.values()) {
      if (locationKey !== null && s.locationKey !== locationKey) continue;
      remaining = addQty(remaining, s.remaining);
      value += lotValue(s);
      held.set(s.lot, addQty(held.get(s.lot) ?? ZERO_QTY, s.remaining));
    }
    for (const q of held.values()) if (q > 0) lotsInStock++;
    const p = state.product;
    return { product: p.name, unit: p.lots.find((l) => l.unit)?.unit ?? null, remaining, value, lotsInStock };
  });
}
