import { notFound, productFailure } from "./blocking";
import type { Serial } from "./dates";
import { asOfInstant } from "./instant";
import type { Ledger } from "./ledger";
import { addQty, type Qty, ZERO_QTY } from "./quantity";
import { fefoOrder, planFefo, replayProduct } from "./book";
import { fail, ok, type Result } from "./result";
import { whereAsked } from "./sites";

/** The smallest quantity there is: one millionth of a unit. */
const LEAST_QTY = 1 as Qty;

/** One line of a FEFO plan as a user sees it. */
export interface FefoLine {
  readonly lot: string;
  readonly qty: Qty;
  readonly expires: Serial | null;
}

/** A FEFO plan: the lots to draw, and what stock cannot cover. */
export interface FefoPlan {
  readonly lines: readonly FefoLine[];
  readonly short: Qty;
}

/**
 * The lot to draw next for a product at `asOf`: an opened vial still within its use-by first, then
 * the usable lot that expires first (ties: earlier receipt, then lot number; no expiry last).
 * @example fefoLot(ledger, "Botox 100U", 46100) // { ok: true, value: "C3709C3" }
 */
export function fefoLot(ledger: Ledger, product: string, asOf: Serial, location?: string | null): Result<string> {
  const plan = fefoPlan(ledger, product, LEAST_QTY, asOf, true, location);
  if (!plan.ok) return plan;
  if (plan.value.lines.length === 0) return fail("na", `no usable stock of ${ledger.productByName(product)!.name}${location?.trim() ? ` at ${location.trim()}` : ""}`);
  return ok(plan.value.lines[0].lot);
}

/**
 * How to draw `qty` units of a product at `asOf` by FEFO, split across lots when one is not
 * enough; `short` is what usable stock cannot cover. With `location`, only the stock kept there;
 * without, all locations together (a lot held at two is one line).
 * @example fefoPlan(ledger, "Botox 100U", 50_000_000, 46100)
 */
export function fefoPlan(ledger: Ledger, productName: string, qty: Qty, asOf: Serial, anyAmount = false, location?: string | null): Result<FefoPlan> {
  const where = whereAsked(ledger, location);
  if (!where.ok) return where;
  const product = ledger.productByName(productName);
  if (!product) return { ok: false, error: notFound(ledger, ["Lots"], `'${productName.trim()}' is not a product in the Lots table`) };
  if (!(qty > 0)) return fail("value", "the quantity to plan must be more than 0");
  const blocked = productFailure(ledger, product.key);
  if (blocked) return { ok: false, error: blocked };
  const at = asOfInstant(asOf);
  const state = replayProduct(ledger, product, at);
  // For "which lot next", any usable amount qualifies: ask for the smallest quantity.
  const plan = planFefo(fefoOrder(state, where.value), anyAmount ? LEAST_QTY : qty, at.moment, at.day);
  const lines = new Map<string, FefoLine>();
  for (const l of plan.lines) {
    const same = lines.get(l.state.lot.key);
    lines.set(l.state.lot.key, { lot: l.state.lot.lot, qty: addQty(same?.qty ?? ZERO_QTY, l.qty), expires: l.state.lot.expires });
  }
  return ok({ lines: [...lines.values()], short: plan.short });
}

