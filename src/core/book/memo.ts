import type { ProductState } from "./state";

/**
 * A memo of results made from a product's books, by key. A ledger updated from another keeps
 * the books of the products a change did not touch, and with them everything memoised on them.
 * @example const orders = onBooks<string | null, LotState[]>(); orders(state, null, () => sorted())
 */
export function onBooks<K, T>(): (state: ProductState, key: K, make: () => T) => T {
  const memo = new WeakMap<ProductState, Map<K, T>>();
  return (state, key, make) => {
    let byKey = memo.get(state);
    if (!byKey) memo.set(state, (byKey = new Map()));
    let hit = byKey.get(key);
    if (hit === undefined) byKey.set(key, (hit = make()));
    return hit;
  };
}
