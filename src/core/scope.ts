import { lotNotFound } from "./blocking";
import type { Ledger } from "./ledger";
import type { Lot } from "./resolve";
import { lotKey } from "./names";
import { fail, ok, type Result } from "./result";
import { stockKeyOf } from "./stockKey";

/** What a scope argument names: a product, one lot, or everything (`*`). */
export type Scope =
  | { readonly kind: "all"; readonly lots: readonly Lot[] }
  | { readonly kind: "product"; readonly productKey: string; readonly lots: readonly Lot[] }
  | { readonly kind: "lot"; readonly lot: Lot; readonly lots: readonly Lot[] };

/**
 * Resolves a scope: a product name, else a lot number, or `*` for the whole ledger.
 * @example resolveScope(ledger, "Botox 100U")
 */
export function resolveScope(ledger: Ledger, scope: string): Result<Scope> {
  const s = scope.trim();
  if (s === "*") return ok({ kind: "all", lots: [...ledger.lotIndex.values()] });
  const product = ledger.productByName(s);
  if (product) return ok({ kind: "product", productKey: product.key, lots: product.lots });
  const lot = findLot(ledger, s);
  if (lot) return ok({ kind: "lot", lot, lots: [lot] });
  const missing = lotNotFound(ledger, s, lotKey(s));
  if (missing.kind === "value") return { ok: false, error: missing };
  return fail("na", `'${s}' is neither a product nor a lot number in the Lots table (use * for all stock)`);
}

/**
 * The lot with this number, matched trimmed and case-insensitively.
 * @example findLot(ledger, " c3709c3 ")?.lot // "C3709C3"
 */
export function findLot(ledger: Ledger, lot: string): Lot | undefined {
  return ledger.lotIndex.get(stockKeyOf(lotKey(lot.trim())));
}
