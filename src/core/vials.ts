import { productFailure } from "./blocking";
import type { Serial } from "./dates";
import { asOfInstant } from "./instant";
import type { Ledger } from "./ledger";
import type { Qty } from "./quantity";
import { replayProduct } from "./book";
import type { Result } from "./result";
import { placeOf, whereAsked } from "./sites";

/** An opened vial with product left in it. */
export interface OpenVial {
  readonly product: string;
  readonly lot: string;
  readonly opened: number;
  /** `null` when the product has no Use Within Hours. */
  readonly useBy: number | null;
  readonly left: Qty;
  /** Past its use-by: what is left should be recorded as waste (never written off silently). */
  readonly pastUseBy: boolean;
  /** Where the vial is, only where the workbook keeps locations (`""`: the unnamed one). */
  readonly location?: string;
}

/**
 * Opened vials at `asOf` for products whose Vial Size is known in Products — the ones still in use
 * and the ones past their use-by that still hold product.
 * @example openVials(ledger, 46100.75)
 */
export function openVials(ledger: Ledger, asOf: Serial, location?: string | null): Result<OpenVial>[] {
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const at = asOfInstant(asOf);
  const out: Result<OpenVial>[] = [];
  for (const product of ledger.productIndex.values()) {
    if (product.settings?.vialSize == null) continue;
    const failure = productFailure(ledger, product.key);
    if (failure) {
      out.push({ ok: false, error: { ...failure, product: product.name } });
      continue;
    }
    for (const s of replayProduct(ledger, product, at).lots.values()) {
      if (where.value !== null && s.locationKey !== where.value) continue;
      const vials = [...s.stale, ...(s.open ? [s.open] : [])];
      for (const v of vials) {
        if (v.left <= 0) continue;
        const pastUseBy = v.useBy !== null && at.moment > v.useBy;
        out.push({ ok: true, value: { product: product.name, lot: s.lot.lot, ...placeOf(ledger.sites, s.location), opened: v.opened, useBy: v.useBy, left: v.left, pastUseBy } });
      }
    }
  }
  return out;
}
