import type { Result } from "../../core";
import { excelError } from "./excelError";
import type { OutCell } from "./keyCells";

/**
 * A spilled table: the header row, then one row per entry. An entry that failed fills its own row
 * with its error, so the row shows why and any total over that column shows the error too
 * (never a silently smaller sum); its Product cell names the product it stands for, when known.
 * @example spill(["Lot", "Qty"], [ok({ lot: "C1", qty: 40 })], (e) => [e.lot, e.qty])
 */
export function spill<T>(header: readonly string[], entries: readonly Result<T>[], toRow: (entry: T) => OutCell[]): OutCell[][] {
  const out: OutCell[][] = [[...header]];
  for (const e of entries) {
    if (e.ok) {
      out.push(toRow(e.value));
      continue;
    }
    const error = excelError(e.error.kind, e.error.message);
    const product = e.error.product;
    out.push(header.map((h) => (h === "Product" && product !== undefined ? product : error)));
  }
  return out;
}
