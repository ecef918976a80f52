import { rowBlocks } from "./blocking";
import { compareDiagnostics, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { replayProduct } from "./replay";
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
  return all.sort(compareDiagnostics);
}
