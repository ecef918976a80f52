import type { Grid } from "./cells";
import type { DateSystem } from "./dates";
import type { TableName } from "./diagnostic";
import type { DrawsTable, ParsedTable } from "./parse";
import type { Lot, Product, Refs } from "./resolve";
import type { CountRow, DrawRow, LotRow, ProductRow, RowBase } from "./rows";
import type { Sites } from "./sites";
import type { StockKey } from "./stockKey";

/** The ledger tables as Excel hands them over: 2-D arrays, header row first. Only Lots is required. */
export interface LedgerInput {
  readonly lots: Grid | null | undefined;
  readonly draws?: Grid | null;
  readonly counts?: Grid | null;
  readonly products?: Grid | null;
  readonly dateSystem?: DateSystem;
  /**
   * The worksheet row of each table's header, when known (the command-line audit reads tables in
   * place): rows are then numbered as the sheet numbers them. Left out, a row is counted in its
   * range, header = 1, as a formula given the table sees it.
   */
  readonly firstRows?: Readonly<Partial<Record<TableName, number>>>;
}

/**
 * The parsed, cross-checked ledger: rows as the user wrote them, lots and products resolved, and
 * every problem found so far. Derived state (stock, costs) comes from `replay`.
 */
export interface Ledger {
  readonly dateSystem: DateSystem;
  /** The worksheet row of each table's header where it was given (see `LedgerInput`). */
  readonly firstRows: Readonly<Partial<Record<TableName, number>>>;
  readonly lots: ParsedTable<LotRow>;
  readonly draws: DrawsTable;
  readonly counts: ParsedTable<CountRow>;
  readonly products: ParsedTable<ProductRow>;
  /** Which tables were passed at all (Counts and Products are optional). */
  readonly given: Readonly<Record<TableName, boolean>>;
  readonly lotIndex: ReadonlyMap<StockKey, Lot>;
  readonly productIndex: ReadonlyMap<string, Product>;
  /** Lookup by how a user may name a product in a formula. */
  readonly productByName: (name: string) => Product | undefined;
  /** Lots rows whose lot could not be indexed (its product is blank, say), by lot key. */
  readonly brokenLots: ReadonlyMap<string, LotRow>;
  /** The workbook's locations and where each lot arrives (see `sites.ts`). */
  readonly sites: Sites;
  /** What the Draws and Counts rows refer to, by position: found by checking them against Lots. */
  readonly refs: Refs;
  /** The products by their `index` (the order of `productIndex`). */
  readonly productList: readonly Product[];
  /** Each table's rows that have any problem, in row order (most rows have none). */
  readonly flagged: Readonly<Record<TableName, readonly RowBase[]>>;
  /**
   * Each table's rows with an error (left out of the replay), in row order: what blocks results is
   * found from these, without passing over the many rows that carry only warnings.
   */
  readonly unusable: Readonly<Record<TableName, readonly RowBase[]>>;
}


/** Which tables were passed at all (Counts and Products are optional). */
export function givenTables(input: LedgerInput): Record<TableName, boolean> {
  return { Lots: true, Draws: input.draws != null, Counts: input.counts != null, Products: input.products != null };
}

/** The parts a ledger is made of, once parsed and cross-checked. */
export type LedgerParts = Omit<Ledger, "productByName" | "flagged" | "unusable" | "productList">;

/**
 * Puts checked tables together: the flagged and unusable rows of each table and the lookup by
 * product name. `draws`, when given, are the Draws rows with issues and with errors, already found.
 */
export function assembleLedger(parts: LedgerParts, draws?: { readonly flagged: readonly DrawRow[]; readonly unusable: readonly DrawRow[] }): Ledger {
  const flagged: Record<TableName, readonly RowBase[]> = {
    Lots: withIssues(parts.lots.rows),
    Draws: draws?.flagged ?? withIssues(parts.draws.rows),
    Counts: withIssues(parts.counts.rows),
    Products: withIssues(parts.products.rows),
  };
  const unusable: Record<TableName, readonly RowBase[]> = {
    Lots: flagged.Lots.filter((r) => !r.usable),
    Draws: draws?.unusable ?? flagged.Draws.filter((r) => !r.usable),
    Counts: flagged.Counts.filter((r) => !r.usable),
    Products: flagged.Products.filter((r) => !r.usable),
  };
  const byName = new Map<string, Product>();
  const productList: Product[] = [];
  for (const p of parts.productIndex.values()) {
    byName.set(p.key, p);
    productList[p.index] = p;
  }
  // Every field named, in one order, not a spread of `parts`: a spread makes the ledger's shape
  // anew once every ledger has died, and the optimised code of everything reading a ledger is
  // thrown away ('wrong map' under --trace-deopt; see docs/contributing.md, "Shapes").
  return {
    dateSystem: parts.dateSystem, firstRows: parts.firstRows,
    lots: parts.lots, draws: parts.draws, counts: parts.counts, products: parts.products, given: parts.given,
    lotIndex: parts.lotIndex, productIndex: parts.productIndex, brokenLots: parts.brokenLots, sites: parts.sites, refs: parts.refs,
    productList,
    flagged,
    unusable,
    productByName: (name) => byName.get(name.trim().replace(/\s+/g, " ").toLowerCase()),
  };
}

/** The rows that have any issue, in row order. */
function withIssues<R extends RowBase>(rows: readonly R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i].issues !== null) out.push(rows[i]);
  return out;
}
