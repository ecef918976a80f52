import { describe, type Diagnostic, type DiagnosticKind, type TableName } from "./diagnostic";
import { severityOf } from "./messages";
import type { Ledger } from "./ledger";
import { rowDiagnostics, rowIssues } from "./rowDiagnostics";
import { replayProduct } from "./book";
import type { Failure } from "./result";
import type { StockKey } from "./stockKey";

/**
 * Which results each error blocks. An error blocks only what depends on it: a product-level
 * result waits for the rows of that product; a visit for its own rows and the lots it drew from;
 * a table-level error (no header, a required column missing) for everything that reads the table.
 */
export interface Blocks {
  readonly table: ReadonlyMap<TableName, Diagnostic[]>;
  readonly product: ReadonlyMap<string, Diagnostic[]>;
  readonly lot: ReadonlyMap<StockKey, Diagnostic[]>;
  readonly visit: ReadonlyMap<string, Diagnostic[]>;
}

/** What a problem keeps from being computed: a whole table, its own row's results, or nothing. */
export type Reach = "table" | "row" | "nothing";

/**
 * What a kind of problem blocks. A table that cannot be read (no header row, a required column
 * missing) blocks every result that reads it; any other error blocks the results that depend on
 * its row; a warning blocks nothing.
 * @example reachOf({ code: "missing-column", name: "Qty", aliases: "Quantity" }) // "table"
 */
export function reachOf(d: DiagnosticKind): Reach {
  switch (d.code) {
    case "no-header-row":
    case "missing-column":
    case "no-cost-column":
    case "no-visit-column":
      return "table";
    default:
      return severityOf(d.code) === "error" ? "row" : "nothing";
  }
}

function push<K>(m: Map<K, Diagnostic[]>, k: K, d: Diagnostic): void {
  const list = m.get(k);
  if (list) list.push(d);
  else m.set(k, [d]);
}

/** Indexes errors by what they block. */
export function indexBlocks(ledger: Ledger, diagnostics: readonly Diagnostic[]): Blocks {
  const table = new Map<TableName, Diagnostic[]>();
  const product = new Map<string, Diagnostic[]>();
  const lot = new Map<StockKey, Diagnostic[]>();
  const visit = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const reach = reachOf(d);
    if (reach === "nothing") continue;
    if (reach === "table") {
      push(table, d.table, d);
      continue;
    }
    if (d.product) push(product, d.product, d);
    if (d.lot) {
      push(lot, d.lot as StockKey, d);
      const owner = ledger.lotIndex.get(d.lot as StockKey)?.productKey;
      if (owner && owner !== d.product) push(product, owner, d);
    }
    if (d.visit) push(visit, d.visit, d);
  }
  return { table, product, lot, visit };
}

const errorCache = new WeakMap<Ledger, Blocks>();
const allCache = new WeakMap<Ledger, Diagnostic[]>();

/**
 * Row-level diagnostics and what their errors block, each computed once per ledger. The blocks
 * are read from the errors alone (a large practice has far more warnings than errors, and every
 * result asks what blocks it); the full list only when it is shown.
 */
export function rowBlocks(ledger: Ledger): { readonly rows: Diagnostic[]; readonly blocks: Blocks } {
  let blocks = errorCache.get(ledger);
  if (!blocks) errorCache.set(ledger, (blocks = indexBlocks(ledger, rowDiagnostics(ledger, "error"))));
  return {
    blocks,
    get rows() {
      let rows = allCache.get(ledger);
      if (!rows) allCache.set(ledger, (rows = rowDiagnostics(ledger)));
      return rows;
    },
  };
}

/**
 * The failure to report for a result blocked by these diagnostics: the first one's sentence, and
 * how many more there are.
 * @example failureOf([d]) // { kind: "value", message: "Lots row 14, Expires: 'soon' is not a date" }
 */
export function failureOf(blocking: readonly Diagnostic[]): Failure {
  const first = blocking[0];
  const more = blocking.length - 1;
  return {
    kind: "value",
    message: describe(first) + (more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""}: see LOTBOOK.CHECK)` : ""),
  };
}

/** The tables a result reads: Lots always; Draws and Counts when passed. */
export function tablesFailure(ledger: Ledger, tables: readonly TableName[]): Failure | null {
  const { blocks } = rowBlocks(ledger);
  const found: Diagnostic[] = [];
  for (const t of tables) if (ledger.given[t]) found.push(...(blocks.table.get(t) ?? []));
  return found.length ? failureOf(found) : null;
}

/**
 * Why a product-level result (FEFO, remaining, value, alerts, shrinkage) cannot be given, or `null`.
 * Includes errors only the replay finds (a blank-lot draw that no stock covers).
 */
export function productFailure(ledger: Ledger, productKey: string): Failure | null {
  return memo(ledger, `p\u0000${productKey}`, () => computeProductFailure(ledger, productKey));
}

const failures = new WeakMap<Ledger, Map<string, Failure | null>>();

function memo(ledger: Ledger, key: string, compute: () => Failure | null): Failure | null {
  let m = failures.get(ledger);
  if (!m) failures.set(ledger, (m = new Map()));
  if (m.has(key)) return m.get(key)!;
  const f = compute();
  m.set(key, f);
  return f;
}

function computeProductFailure(ledger: Ledger, productKey: string): Failure | null {
  const found = productBlockers(ledger, productKey);
  return found.length ? failureOf(found) : null;
}

/**
 * The errors that keep a product's results from being given, in the order `productFailure` names
 * them: a table that cannot be read, else the product's own rows, else what only the replay finds.
 * Empty when nothing blocks it. The audit lists them itself rather than pointing at CHECK.
 * @example productBlockers(ledger, "botox 100u")[0] // { table: "Lots", row: 5, column: "Expires", … }
 */
export function productBlockers(ledger: Ledger, productKey: string): Diagnostic[] {
  const { blocks } = rowBlocks(ledger);
  const tables: Diagnostic[] = [];
  for (const t of ["Lots", "Draws", "Counts", "Products"] as const) if (ledger.given[t]) tables.push(...(blocks.table.get(t) ?? []));
  if (tables.length) return tables;
  const found = [...(blocks.product.get(productKey) ?? [])];
  const product = ledger.productIndex.get(productKey);
  if (product) for (const d of replayProduct(ledger, product).diagnostics) if (d.severity === "error") found.push(d);
  return found;
}

/** Why a result about one lot cannot be given, or `null`. */
export function lotFailure(ledger: Ledger, lotKey: StockKey): Failure | null {
  return memo(ledger, `l\u0000${lotKey}`, () => computeLotFailure(ledger, lotKey));
}

function computeLotFailure(ledger: Ledger, lotKey: StockKey): Failure | null {
  const tables = tablesFailure(ledger, ["Lots", "Draws", "Counts", "Products"]);
  if (tables) return tables;
  const { blocks } = rowBlocks(ledger);
  const found = [...(blocks.lot.get(lotKey) ?? [])];
  const lot = ledger.lotIndex.get(lotKey);
  const product = lot && ledger.productIndex.get(lot.productKey);
  // A blank-lot draw of the product may have been costed to this lot: its errors count too.
  if (product) {
    for (const d of replayProduct(ledger, product).diagnostics) if (d.severity === "error") found.push(d);
    for (const d of blocks.product.get(product.key) ?? []) if (d.table === "Draws" && !d.lot) found.push(d);
  }
  return found.length ? failureOf(found) : null;
}

/**
 * "Not found" is only the answer when the tables could be read: a table that cannot be read (or a
 * broken Lots row that holds the lot) is the real reason, and `#VALUE!` says so.
 * @example notFound(ledger, ["Lots"], "'Xeomin' is not a product in the Lots table")
 */
export function notFound(ledger: Ledger, tables: readonly TableName[], message: string): Failure {
  return tablesFailure(ledger, tables) ?? { kind: "na", message };
}

/** Why a lot number cannot be found: an unreadable table, a broken Lots row, or not there at all. */
export function lotNotFound(ledger: Ledger, lotNumber: string, lotKey: string): Failure {
  const tables = tablesFailure(ledger, ["Lots"]);
  if (tables) return tables;
  const broken = ledger.brokenLots.get(lotKey);
  if (broken) {
    const ds = rowIssues(ledger, "Lots", [broken], "error");
    if (ds.length) return failureOf(ds);
  }
  return { kind: "na", message: `lot ${lotNumber.trim()} is not in the Lots table` };
}
