/**
 * Resolve, first part: the lots and products that Lots names, each lot with its receipts as cost
 * layers, and each product with its settings from Products.
 */
import { formatSerial, type DateSystem, type Serial } from "../dates";
import { unitKey } from "../names";
import type { ParsedTable } from "../parse";
import { addIssue, type LotRow, type ProductRow } from "../rows";
import { stockKeyOf, type StockKey } from "../stockKey";

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
