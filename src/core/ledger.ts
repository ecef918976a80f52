import type { Grid } from "./cells";
import { formatSerial, type DateSystem, type Serial } from "./dates";
import type { DiagnosticOf, TableName } from "./diagnostic";
import { unitKey } from "./names";
import type { DrawsTable, ParsedTable } from "./parse";
import { addIssue, type CountRow, type DrawRow, type LotRow, type ProductRow, type RowBase } from "./rows";
import { stockKeyOf, type StockKey } from "./stockKey";
import { growable } from "./_lib/grow";
import type { Sites } from "./sites";

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

/** A lot as resolved from its receipts: one product, one expiry, its FIFO cost layers. */
export interface Lot {
  readonly key: StockKey;
  /** The lot number as first written in Lots. */
  readonly lot: string;
  readonly productKey: string;
  /** `null`: never expires. */
  readonly expires: Serial | null;
  /** Day of the first usable receipt (`Infinity` when none is usable). */
  readonly received: Serial;
  readonly unit: string | null;
  /** Usable receipts in arrival order: the lot's FIFO cost layers. */
  readonly receipts: readonly LotRow[];
  /** Position in its product's `lots`. */
  readonly index: number;
}

/** A product: its display name, its lots and its optional settings from Products. */
export interface Product {
  readonly key: string;
  readonly name: string;
  readonly lots: Lot[];
  /** Position in the ledger's `productIndex`. */
  readonly index: number;
  readonly settings: ProductRow | null;
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


/**
 * What the rows of Draws and Counts refer to, each by its position in its table's rows. A parsed
 * row stays as the user wrote it (a draw may name only its lot); checking it against Lots finds the
 * lot it names and the product it belongs to, kept here in typed columns beside the rows.
 */
export interface Refs {
  /** Draws: the `index` of the product each row belongs to (its lot's, or the one it names without a lot); −1 when neither is known. */
  readonly drawOwner: Int32Array;
  /** Draws: the `index` of the lot each row names among its product's lots; −1 when it names none Lots knows. */
  readonly drawLot: Int32Array;
  /** Counts: the `index` of the product whose lot each row counts; −1 when the lot is not known. */
  readonly countOwner: Int32Array;
}

/** What one Draws row refers to (see `Refs`): the product it belongs to and the lot it names. */
export interface DrawRef {
  readonly owner: Product | null;
  readonly lot: Lot | null;
}

/** The product of the Draws row at position `at`, `null` when not known. */
export function drawOwner(ledger: Pick<Ledger, "refs" | "productList">, at: number): Product | null {
  const p = ledger.refs.drawOwner[at];
  return p >= 0 ? ledger.productList[p] : null;
}

/** What the Draws row at position `at` refers to. */
export function drawRef(ledger: Pick<Ledger, "refs" | "productList">, at: number): DrawRef {
  const owner = drawOwner(ledger, at);
  const lot = ledger.refs.drawLot[at];
  return { owner, lot: owner !== null && lot >= 0 ? owner.lots[lot] : null };
}

/** The product of the Counts row at position `at`, `null` when not known. */
export function countOwner(ledger: Pick<Ledger, "refs" | "productList">, at: number): Product | null {
  const p = ledger.refs.countOwner[at];
  return p >= 0 ? ledger.productList[p] : null;
}

/** Which tables were passed at all (Counts and Products are optional). */
export function givenTables(input: LedgerInput): Record<TableName, boolean> {
  return { Lots: true, Draws: input.draws != null, Counts: input.counts != null, Products: input.products != null };
}

/** Without a readable Lots table every lot would look unknown: its own error says it all. */
export function lotsReadable(lots: ParsedTable<LotRow>): boolean {
  return lots.tableErrors.every((d) => d.severity !== "error");
}

/** A lot whose only rows in Lots are broken is not "missing": draws and counts are pointed at that row. */
export function findBrokenLots(lots: ParsedTable<LotRow>, lotIndex: ReadonlyMap<StockKey, Lot>): Map<string, LotRow> {
  const brokenLots = new Map<string, LotRow>();
  for (const row of lots.rows) {
    if (row.lotKey && !lotIndex.has(stockKeyOf(row.lotKey)) && !brokenLots.has(row.lotKey)) brokenLots.set(row.lotKey, row);
  }
  return brokenLots;
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
  return {
    ...parts,
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

/** Each product's settings row; `mark` notes a second row of a product on that row (once per parse). */
export function indexSettings(products: ParsedTable<ProductRow>, mark = true): Map<string, ProductRow> {
  const settings = new Map<string, ProductRow>();
  for (const row of products.rows) {
    if (!row.productKey) continue;
    const first = settings.get(row.productKey);
    if (first) {
      if (mark) addIssue(row, products.columnNames.product, { code: "repeated-product", productName: row.product!, firstRow: first.row });
    } else if (row.usable) settings.set(row.productKey, row);
  }
  return settings;
}

export function indexLots(lots: ParsedTable<LotRow>, settings: Map<string, ProductRow>, system: DateSystem): { lotIndex: Map<StockKey, Lot>; productIndex: Map<string, Product> } {
  const names = lots.columnNames;
  const lotIndex = new Map<StockKey, Lot>();
  const productIndex = new Map<string, Product>();
  const ordered = [...lots.rows].sort((a, b) => (a.received ?? Infinity) - (b.received ?? Infinity) || a.row - b.row);
  const firstRowOf = new Map<StockKey, LotRow>();
  for (const row of ordered) {
    if (!row.lotKey || !row.productKey) continue;
    const key = stockKeyOf(row.lotKey);
    const first = firstRowOf.get(key);
    if (!first) {
      firstRowOf.set(key, row);
      const setting = settings.get(row.productKey);
      if (setting?.unit && row.unit && unitKey(setting.unit) !== unitKey(row.unit)) {
        addIssue(row, names.unit, { code: "unit-differs-from-product", unit: row.unit, productUnit: setting.unit, productName: row.product! });
      }
      continue;
    }
    if (first.productKey !== row.productKey) {
      addIssue(row, names.lot, { code: "lot-of-two-products", lotNumber: row.lot!, otherProduct: first.product!, otherRow: first.row });
      // The first row is ambiguous too: both products' results wait until it is fixed.
      addIssue(first, names.lot, { code: "lot-of-two-products", lotNumber: first.lot!, otherProduct: row.product!, otherRow: row.row });
      continue;
    }
    if ((first.expires ?? null) !== (row.expires ?? null) && first.usable) {
      const show = (e: Serial | null) => (e === null ? "no expiry" : formatSerial(e, system));
      addIssue(row, names.expires, { code: "lot-expiry-differs", lotNumber: row.lot!, expires: show(row.expires), firstExpires: show(first.expires), firstRow: first.row });
    }
    if (first.unit && row.unit && unitKey(first.unit) !== unitKey(row.unit)) {
      addIssue(row, names.unit, { code: "lot-unit-differs", lotNumber: row.lot!, unit: row.unit, firstUnit: first.unit, firstRow: first.row });
    }
  }
  const receiptsOf = new Map<StockKey, LotRow[]>();
  for (const r of ordered) {
    if (!r.usable || r.lotKey === null) continue;
    const key = stockKeyOf(r.lotKey);
    const list = receiptsOf.get(key);
    if (list) list.push(r);
    else receiptsOf.set(key, [r]);
  }
  // Every product named in Lots is known, even one whose only row is broken: its results then
  // show that row's error rather than "not a product".
  for (const row of ordered) {
    if (row.productKey && !productIndex.has(row.productKey)) {
      productIndex.set(row.productKey, { key: row.productKey, name: row.product!, lots: [], settings: settings.get(row.productKey) ?? null, index: productIndex.size });
    }
  }
  for (const [key, first] of firstRowOf) {
    const receipts = receiptsOf.get(key) ?? [];
    const productKey = first.productKey!;
    const product = productIndex.get(productKey)!;
    const lot: Lot = {
      key,
      lot: first.lot!,
      productKey,
      expires: first.expires,
      received: receipts.length ? receipts[0].received! : (Infinity as Serial),
      unit: first.unit ?? settings.get(productKey)?.unit ?? null,
      receipts,
      index: product.lots.length,
    };
    lotIndex.set(key, lot);
    product.lots.push(lot);
  }
  return { lotIndex, productIndex };
}

function unknownLot(lot: string | null, lotKey: string, broken: ReadonlyMap<string, LotRow>): DiagnosticOf<"unknown-lot"> {
  return { code: "unknown-lot", lotNumber: lot!, brokenRow: broken.get(lotKey)?.row ?? null };
}

/** The columns `drawChecker` writes what a Draws row refers to into (see `Refs`). */
export interface DrawRefColumns {
  readonly owner: Int32Array;
  readonly lot: Int32Array;
}

/**
 * Checks draws against Lots, one row at a time: what the row at position `at` refers to (its lot,
 * the product it belongs to) is written into `refs` at `at`, and any problem with them added to it.
 */
export function drawChecker(names: Readonly<Record<string, string>>, lotIndex: ReadonlyMap<StockKey, Lot>, productIndex: ReadonlyMap<string, Product>, system: DateSystem, broken: ReadonlyMap<string, LotRow>): (row: DrawRow, at: number, refs: DrawRefColumns) => void {
  return checkDraw;

  function checkDraw(row: DrawRow, at: number, refs: DrawRefColumns): void {
    refs.owner[at] = -1;
    refs.lot[at] = -1;
    let lot: Lot | undefined;
    let owner: Product | undefined;
    if (row.lotKey) {
      lot = lotIndex.get(stockKeyOf(row.lotKey));
      if (!lot) {
        addIssue(row, names.lot, unknownLot(row.lot, row.lotKey, broken));
        return;
      }
      owner = productIndex.get(lot.productKey)!;
      if (row.productKey !== null && row.productKey !== lot.productKey) {
        addIssue(row, names.product, { code: "lot-of-other-product", lotNumber: lot.lot, lotProduct: owner.name, productName: row.product! });
        return;
      }
      refs.lot[at] = lot.index;
    } else if (row.productKey !== null) {
      owner = productIndex.get(row.productKey);
      if (!owner) {
        addIssue(row, names.product, { code: "product-without-lots", productName: row.product! });
        return;
      }
    }
    if (owner) refs.owner[at] = owner.index;
    const unit = lot?.unit ?? owner?.settings?.unit ?? null;
    // The same text is the same unit: most draws are spared making two keys.
    if (row.unit && unit && row.unit !== unit && unitKey(row.unit) !== unitKey(unit)) {
      addIssue(row, names.unit, { code: "draw-unit-differs", unit: row.unit, lotNumber: lot ? lot.lot : null, productName: owner?.name ?? row.product!, keptIn: unit });
    }
    if (lot && row.time !== null) {
      if (lot.received !== Infinity && Math.floor(row.time) < lot.received) {
        addIssue(row, names.date, { code: "drawn-before-received", drawn: formatSerial(row.time, system), lotNumber: lot.lot, received: formatSerial(lot.received, system) });
      } else if (lot.expires !== null && Math.floor(row.time) > lot.expires && row.kind !== "Expired" && row.kind !== "Waste" && row.kind !== "Return") {
        addIssue(row, names.lot, { code: "expired-lot", lotNumber: lot.lot, expired: formatSerial(lot.expires, system), drawn: formatSerial(row.time, system) });
      }
    }
  }
}

/**
 * Checks every draw against Lots (see `drawChecker`) and returns what each refers to, by position,
 * in columns with room to grow (a live ledger appends a draw at a time). The loop is a function of
 * its own, apart from the build that calls it once: a loop over a quarter of a million rows runs
 * best where the engine optimises it, as indexed as this one (an unoptimised `for…of` makes an
 * object for each row).
 */
export function checkDraws(draws: ParsedTable<DrawRow>, lotIndex: ReadonlyMap<StockKey, Lot>, productIndex: ReadonlyMap<string, Product>, system: DateSystem, broken: ReadonlyMap<string, LotRow>): DrawRefColumns {
  const check = drawChecker(draws.columnNames, lotIndex, productIndex, system, broken);
  const rows = draws.rows;
  const refs = { owner: growable(Int32Array, rows.length), lot: growable(Int32Array, rows.length) };
  for (let i = 0; i < rows.length; i++) check(rows[i], i, refs);
  return refs;
}

/** Draws refer to nothing until checked against a readable Lots table: every row −1. */
export function noDrawRefs(rows: number): DrawRefColumns {
  return { owner: growable(Int32Array, rows).fill(-1), lot: growable(Int32Array, rows).fill(-1) };
}

/**
 * Checks each count against Lots, and against the other counts of its lot; returns the product
 * each counts a lot of, by position (−1 where the lot is unknown or another product's).
 */
export function checkCounts(counts: ParsedTable<CountRow>, lotIndex: ReadonlyMap<StockKey, Lot>, productIndex: ReadonlyMap<string, Product>, broken: ReadonlyMap<string, LotRow>): Int32Array {
  const names = counts.columnNames;
  const seen = new Map<string, CountRow>();
  const owners = new Int32Array(counts.rows.length).fill(-1);
  counts.rows.forEach((row, at) => {
    const owner = checkCount(row);
    if (owner) owners[at] = owner.index;
  });
  return owners;

  function checkCount(row: CountRow): Product | null {
    if (!row.lotKey) return null;
    const lot = lotIndex.get(stockKeyOf(row.lotKey));
    if (!lot) {
      addIssue(row, names.lot, unknownLot(row.lot, row.lotKey, broken));
      return null;
    }
    const lotProduct = productIndex.get(lot.productKey)!;
    if (row.productKey !== null && row.productKey !== lot.productKey) {
      addIssue(row, names.product, { code: "lot-of-other-product", lotNumber: lot.lot, lotProduct: lotProduct.name, productName: row.product! });
      return null;
    }
    if (row.time === null || row.counted === null) return lotProduct;
    const key = `${lot.key}\u0000${row.time}\u0000${row.locationKey}`;
    const first = seen.get(key);
    if (!first) seen.set(key, row);
    else if (first.counted === row.counted) addIssue(row, names.date, { code: "repeated-count", firstRow: first.row });
    else addIssue(row, names.counted, { code: "conflicting-count", firstRow: first.row });
    return lotProduct;
  }
}
