import { rowBlocks } from "./blocking";
import { compareDiagnostics, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { replayProduct } from "./replay";
import { gtinIndex } from "./scan/mapScan";
import { blankPriceWarnings } from "./visits";

/**
 * Every diagnostic of the ledger — reading, cross-checks and replay — by table and row.
 * An empty list means the ledger is clean (CHECK shows `OK`).
 * @example check(ledger).filter((d) => d.severity === "error")
 */
export function check(ledger: Ledger): Diagnostic[] {
  const all = [...rowBlocks(ledger).rows];
  for (const product of ledger.productIndex.values()) all.push(...replayProduct(ledger, product).diagnostics);
  if (ledger.given.Draws) all.push(...blankPriceWarnings(ledger));
  if (ledger.given.Products) {
    // A GTIN that is not one, or one given for two products: scans of it ask which product it is.
    const column = ledger.products.columnNames.gtin ?? "GTIN";
    const { problems } = gtinIndex(ledger.products.rows.map((r) => ({ row: r.row, product: r.product, gtin: r.gtin })));
    all.push(...problems.map((d) => ({ ...d, column })));
  }
  return all.sort(compareDiagnostics);
}
