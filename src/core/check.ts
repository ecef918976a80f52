import { rowBlocks } from "./blocking";
import { compareDiagnostics, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { drawRepeatsIn } from "./repeats";
import { repeatIssues, rowIssues } from "./rowDiagnostics";
import type { TableName } from "./diagnostic";
import { replayProduct } from "./book";
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

/**
 * The diagnostics `check` gives for rows `from` to `to` (exclusive) of one table: what a form
 * shows for the rows it is about to add, without the whole ledger's list being made and sorted.
 * @example checkRows(ledger, "Draws", 250_002, 250_003)
 */
export function checkRows(ledger: Ledger, table: TableName, from: number, to: number): Diagnostic[] {
  const inRange = (d: Diagnostic) => d.table === table && d.row >= from && d.row < to;
  const all = rowIssues(ledger, table, ledger.flagged[table].filter((r) => r.row >= from && r.row < to));
  if (table === "Draws") all.push(...repeatIssues(ledger, drawRepeatsIn(ledger, from, to)));
  for (const product of ledger.productIndex.values()) for (const d of replayProduct(ledger, product).diagnostics) if (inRange(d)) all.push(d);
  if (table === "Draws" && ledger.given.Draws) all.push(...blankPriceWarnings(ledger).filter(inRange));
  if (table === "Products") all.push(...check(ledger).filter(inRange));
  return all.sort(compareDiagnostics);
}
