import type { TableName } from "./diagnostic";
import type { Ledger } from "./ledger";
import type { DrawRow, RowBase } from "./rows";
import { stockKeyOf } from "./stockKey";

/** Which results a row's problems block: its product, lot and visit. */
export function keysOf(ledger: Ledger, t: TableName, row: RowBase): { product?: string; lot?: string; visit?: string } {
  const r = row as Partial<DrawRow>;
  const keys: { product?: string; lot?: string; visit?: string } = {};
  if (r.lotKey) {
    const lot = ledger.lotIndex.get(stockKeyOf(r.lotKey));
    if (lot) keys.lot = lot.key;
    if (lot && !r.productKey) keys.product = lot.productKey;
  }
  if (r.productKey) keys.product = r.productKey;
  if (t === "Draws" && r.visitKey) keys.visit = r.visitKey;
  return keys;
}
