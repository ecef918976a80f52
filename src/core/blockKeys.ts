import type { TableName } from "./diagnostic";
import type { Ledger } from "./ledger";
import type { DrawRow, RowBase } from "./rows";
import { stockKeyOf } from "./stockKey";
import { keepShape } from "./_lib/shapes";

/** Which results a problem blocks: its product, lot and visit, each where it has one. */
export interface BlockKeys {
  product?: string;
  lot?: string;
  visit?: string;
}

/** Which results a row's problems block: its product, lot and visit. */
export function keysOf(ledger: Ledger, t: TableName, row: RowBase): BlockKeys {
  const r = row as Partial<DrawRow>;
  let lot: string | undefined;
  let product: string | undefined;
  if (r.lotKey) {
    const found = ledger.lotIndex.get(stockKeyOf(r.lotKey));
    if (found) lot = found.key;
    if (found && !r.productKey) product = found.productKey;
  }
  if (r.productKey) product = r.productKey;
  return blockKeys(lot, product, t === "Draws" && r.visitKey ? r.visitKey : undefined);
}

/** The keys given, in one order: lot, product, visit (those left out are not there at all). */
function blockKeys(lot: string | undefined, product: string | undefined, visit: string | undefined): BlockKeys {
  const keys: BlockKeys = {};
  if (lot !== undefined) keys.lot = lot;
  if (product !== undefined) keys.product = product;
  if (visit !== undefined) keys.visit = visit;
  return keys;
}

// One set of keys of each kind kept for the life of the module (see `keepShape`). Diagnostics are
// made by spreading these, and a kind no diagnostic of the ledgers alive has would lose its shape
// at each collection, and with it the optimised code of the posting that spreads it.
for (const lot of [undefined, ""]) for (const product of [undefined, ""]) for (const visit of [undefined, ""]) keepShape(blockKeys(lot, product, visit));
