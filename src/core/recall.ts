import { productFailure } from "./blocking";
import type { Serial } from "./dates";
import type { Ledger } from "./ledger";
import { drawOwner } from "./resolve";
import { lotKey } from "./names";
import type { Qty } from "./quantity";
import { bookings, replayProduct } from "./book";
import type { Result } from "./result";
import { placeOf } from "./sites";
import { stockKeyOf } from "./stockKey";

/** A patient draw of a recalled lot. */
export interface RecallEntry {
  readonly date: Serial | null;
  readonly visit: string | null;
  readonly patient: string | null;
  readonly provider: string | null;
  readonly product: string | null;
  readonly qty: Qty | null;
  readonly drawRow: number;
  /** The lot was blank and FEFO assigned the draw to this lot. */
  readonly assumed: boolean;
  /** Where the patient was treated, only where the workbook keeps locations (`""`: the unnamed one). */
  readonly location?: string;
}

/**
 * Every Visit draw of a lot, oldest first — even rows with other mistakes, since a recall must
 * reach every patient. With the Lots table, blank-lot draws that FEFO assigns to the lot are
 * added and marked as assumed.
 * @example recall(ledger, "C3709C3", true)
 */
export function recall(ledger: Ledger, lotNumber: string, withAssumed: boolean): Result<RecallEntry>[] {
  const key = stockKeyOf(lotKey(lotNumber.trim()));
  const out: { t: number; r: Result<RecallEntry> }[] = [];
  ledger.draws.rows.forEach((row, at) => {
    if (row.kind !== "Visit" || row.lotKey !== key) return;
    // The product its lot belongs to where the row names only the lot.
    const product = drawOwner(ledger, at)?.name ?? row.product;
    out.push({
      t: row.time ?? Infinity,
      r: { ok: true, value: { date: row.time, visit: row.visit, patient: row.patient, provider: row.provider, ...placeOf(ledger.sites, row.location), product, qty: row.qty, drawRow: row.row, assumed: false } },
    });
  });
  const lot = ledger.lotIndex.get(key);
  if (withAssumed && lot) {
    const product = ledger.productIndex.get(lot.productKey)!;
    const failure = productFailure(ledger, product.key);
    if (failure) out.push({ t: Infinity, r: { ok: false, error: failure } });
    else {
      for (const b of bookings(replayProduct(ledger, product))) {
        if (!b.assumed || b.row.kind !== "Visit") continue;
        for (const a of b.allocations) {
          if (a.lot !== key) continue;
          const row = b.row;
          out.push({
            t: row.time!,
            r: { ok: true, value: { date: row.time, visit: row.visit, patient: row.patient, provider: row.provider, ...placeOf(ledger.sites, row.location), product: product.name, qty: a.qty, drawRow: row.row, assumed: true } },
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.t - b.t).map((e) => e.r);
}
