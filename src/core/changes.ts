import { rowBlocks } from "./blocking";
import { touchedBooks, type ProductState } from "./book";
import { diagnosticsPrint, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { lineageOf, LINEAGE_STEPS } from "./update";
import { changedVisits } from "./visits";

/**
 * What changed between two ledgers, one updated from the other (`updateLedger`, once or a few
 * times): the products whose books were posted again, and the visits (by key, in upper case)
 * whose cost, revenue or blocking may differ. A result about anything else reads the same in both.
 */
export interface Changed {
  readonly products: ReadonlySet<string>;
  readonly visits: ReadonlySet<string>;
  /**
   * The products (of `products`) whose counts were booked otherwise: a count's book quantity,
   * shrinkage, cost or the patient draws before it, or what blocks the product. A draw recorded
   * after a product's last count leaves its counts as they were.
   */
  readonly counts: ReadonlySet<string>;
}

/**
 * What changed from `earlier` to `ledger`; `null` when that cannot be told (one was built whole,
 * or they are not in one line of updates), and everything must be asked again.
 * @example changedSince(next, prev)?.products.has("botox 100u")
 */
export function changedSince(ledger: Ledger, earlier: Ledger): Changed | null {
  const products = new Set<string>();
  const visits = new Set<string>();
  const counts = new Set<string>();
  let at = ledger;
  for (let steps = 0; steps <= LINEAGE_STEPS; steps++) {
    if (at === earlier) return { products, visits, counts };
    const lineage = lineageOf(at);
    if (!lineage) return null;
    for (const p of lineage.touched) products.add(p);
    for (const { before, after } of touchedBooks(lineage.prev, at, lineage.touched)) {
      if (!sameCounts(before, after)) counts.add((before ?? after)!.product.key);
    }
    // An error can block a product other than its row's own (a draw naming another product's lot).
    for (const p of reblocked(lineage.prev, at)) {
      products.add(p);
      counts.add(p);
    }
    const changed = changedVisits(at);
    if (changed === null) return null;
    for (const v of changed) visits.add(v);
    at = lineage.prev;
  }
  return null;
}

/**
 * Two books of a product whose counts were booked alike: the same rows, found the same, and the
 * same errors of the replay (one blocks every result of the product, its counts' included).
 */
function sameCounts(a: ProductState | null, b: ProductState | null): boolean {
  if (a === null || b === null || a.product !== b.product || a.counts.length !== b.counts.length) return false;
  for (let i = 0; i < a.counts.length; i++) {
    const x = a.counts[i];
    const y = b.counts[i];
    if (x.row !== y.row || x.lot !== y.lot || x.t !== y.t || x.expected !== y.expected || x.counted !== y.counted ||
      x.cost !== y.cost || x.injected !== y.injected || x.locationKey !== y.locationKey) return false;
  }
  const errors = (s: ProductState) => diagnosticsPrint(s.diagnostics.filter((d) => d.severity === "error"));
  return errors(a) === errors(b);
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
