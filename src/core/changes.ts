import { rowBlocks } from "./blocking";
import { diagnosticsPrint, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { lineageOf } from "./update";
import { changedVisits } from "./visits";

/**
 * What changed between two ledgers, one updated from the other (`updateLedger`, once or a few
 * times): the products whose books were posted again, and the visits (by key, in upper case)
 * whose cost, revenue or blocking may differ. A result about anything else reads the same in both.
 */
export interface Changed {
  readonly products: ReadonlySet<string>;
  readonly visits: ReadonlySet<string>;
}

/**
 * What changed from `earlier` to `ledger`; `null` when that cannot be told (one was built whole,
 * or they are not in one line of updates), and everything must be asked again.
 * @example changedSince(next, prev)?.products.has("botox 100u")
 */
export function changedSince(ledger: Ledger, earlier: Ledger): Changed | null {
  const products = new Set<string>();
  const visits = new Set<string>();
  let at = ledger;
  for (let steps = 0; steps < 16; steps++) {
    if (at === earlier) return { products, visits };
    const lineage = lineageOf(at);
    if (!lineage) return null;
    for (const p of lineage.touched) products.add(p);
    // An error can block a product other than its row's own (a draw naming another product's lot).
    for (const p of reblocked(lineage.prev, at)) products.add(p);
    const changed = changedVisits(at);
    if (changed === null) return null;
    for (const v of changed) visits.add(v);
    at = lineage.prev;
  }
  return null;
}

/** Products whose blocking errors (their own rows', their lots') differ between two ledgers. */
function reblocked(before: Ledger, after: Ledger): Set<string> {
  const out = new Set<string>();
  const prints = (ledger: Ledger) => {
    const { blocks } = rowBlocks(ledger);
    const byProduct = new Map<string, string>();
    const add = (key: string, ds: readonly Diagnostic[]) => byProduct.set(key, (byProduct.get(key) ?? "") + diagnosticsPrint(ds));
    for (const [key, ds] of blocks.product) add(key, ds);
    for (const [lot, ds] of blocks.lot) {
      const owner = ledger.lotIndex.get(lot)?.productKey;
      if (owner) add(owner, ds);
    }
    return byProduct;
  };
  const was = prints(before);
  const now = prints(after);
  for (const key of new Set([...was.keys(), ...now.keys()])) if (was.get(key) !== now.get(key)) out.add(key);
  return out;
}
