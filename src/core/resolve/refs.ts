/**
 * Resolve, second part: what each Draws and Counts row refers to (its lot, the product it belongs
 * to), checked against the lots of Lots and kept beside the rows, which stay as the user wrote them.
 */
import { formatSerial, type DateSystem } from "../dates";
import type { DiagnosticOf } from "../diagnostic";
import { unitKey } from "../names";
import type { DrawsTable, ParsedTable } from "../parse";
import { addIssue, type CountRow, type DrawRow, type LotRow } from "../rows";
import { stockKeyOf, type StockKey } from "../stockKey";
import { growable } from "../_lib/grow";
import { keepShape } from "../_lib/shapes";
import type { Lot, Product } from "./lots";

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

/** A ledger's `Refs` and its products by index: what the accessors below read. */
export interface Resolved {
  readonly refs: Refs;
  readonly productList: readonly Product[];
}

/** What one Draws row refers to (see `Refs`): the product it belongs to and the lot it names. */
export interface DrawRef {
  readonly owner: Product | null;
  readonly lot: Lot | null;
}

/** The product of the Draws row at position `at`, `null` when not known. */
export function drawOwner(ledger: Resolved, at: number): Product | null {
  const p = ledger.refs.drawOwner[at];
  return p >= 0 ? ledger.productList[p] : null;
}

/** What the Draws row at position `at` refers to. */
export function drawRef(ledger: Resolved, at: number): DrawRef {
  return refOf(ledger.productList, ledger.refs.drawOwner[at], ledger.refs.drawLot[at]);
}

/** What a row that refers to nothing refers to. */
export const NO_REF: DrawRef = { owner: null, lot: null };

/** A draw's `DrawRef` from its columns' indices (see `Refs`): `products` by index, −1 for none. */
export function refOf(products: readonly Product[], owner: number, lot: number): DrawRef {
  if (owner < 0) return NO_REF;
  const product = products[owner];
  return { owner: product, lot: lot >= 0 ? product.lots[lot] : null };
}

/** The product of the Counts row at position `at`, `null` when not known. */
export function countOwner(ledger: Resolved, at: number): Product | null {
  const p = ledger.refs.countOwner[at];
  return p >= 0 ? ledger.productList[p] : null;
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
  const checker = new DrawChecker(names, lotIndex, productIndex, system, broken);
  return (row, at, refs) => checker.check(row, at, refs);
}

/**
 * `drawChecker`'s check as the method of a class, not a closure made for each ledger: V8 keeps a
 * method's optimised code from one build to the next (see `DrawsReader`).
 */
class DrawChecker {
  constructor(
    private readonly names: Readonly<Record<string, string>>,
    private readonly lotIndex: ReadonlyMap<StockKey, Lot>,
    private readonly productIndex: ReadonlyMap<string, Product>,
    private readonly system: DateSystem,
    private readonly broken: ReadonlyMap<string, LotRow>,
  ) {}

  /** `known`: the row's lot and its product, already found (`null`: Lots has no such lot); else looked up. */
  check(row: DrawRow, at: number, refs: DrawRefColumns, known?: LotRef | null): void {
    refs.owner[at] = -1;
    refs.lot[at] = -1;
    let lot: Lot | undefined;
    let owner: Product | undefined;
    if (row.lotKey) {
      const ref = known !== undefined ? known : this.lotRef(row.lotKey);
      if (!ref) {
        addIssue(row, this.names.lot, unknownLot(row.lot, row.lotKey, this.broken));
        return;
      }
      ({ lot, owner } = ref);
      if (row.productKey !== null && row.productKey !== lot.productKey) {
        addIssue(row, this.names.product, { code: "lot-of-other-product", lotNumber: lot.lot, lotProduct: owner.name, productName: row.product! });
        return;
      }
      refs.lot[at] = lot.index;
    } else if (row.productKey !== null) {
      owner = this.productIndex.get(row.productKey);
      if (!owner) {
        addIssue(row, this.names.product, { code: "product-without-lots", productName: row.product! });
        return;
      }
    }
    if (owner) refs.owner[at] = owner.index;
    const unit = lot?.unit ?? owner?.settings?.unit ?? null;
    // The same text is the same unit: most draws are spared making two keys.
    if (row.unit && unit && row.unit !== unit && unitKey(row.unit) !== unitKey(unit)) {
      addIssue(row, this.names.unit, { code: "draw-unit-differs", unit: row.unit, lotNumber: lot ? lot.lot : null, productName: owner?.name ?? row.product!, keptIn: unit });
    }
    if (lot && row.time !== null) {
      if (lot.received !== Infinity && Math.floor(row.time) < lot.received) {
        addIssue(row, this.names.date, { code: "drawn-before-received", drawn: formatSerial(row.time, this.system), lotNumber: lot.lot, received: formatSerial(lot.received, this.system) });
      } else if (lot.expires !== null && Math.floor(row.time) > lot.expires && row.kind !== "Expired" && row.kind !== "Waste" && row.kind !== "Return") {
        addIssue(row, this.names.lot, { code: "expired-lot", lotNumber: lot.lot, expired: formatSerial(lot.expires, this.system), drawn: formatSerial(row.time, this.system) });
      }
    }
  }

  /** The lot of Lots with this lot key and its product; `null` when Lots has none. */
  lotRef(lotKey: string): LotRef | null {
    const lot = this.lotIndex.get(stockKeyOf(lotKey));
    return lot ? { lot, owner: this.productIndex.get(lot.productKey)! } : null;
  }
}

// Its shape outlives every build (see `keepShape`).
keepShape(new DrawChecker({}, new Map(), new Map(), 1900, new Map()));

/**
 * Checks every draw against Lots (see `drawChecker`) and returns what each refers to, by position,
 * in columns with room to grow (a live ledger appends a draw at a time). The loop is a function of
 * its own, apart from the build that calls it once: a loop over a quarter of a million rows runs
 * best where the engine optimises it, as indexed as this one (an unoptimised `for…of` makes an
 * object for each row).
 */
export function checkDraws(draws: DrawsTable, lotIndex: ReadonlyMap<StockKey, Lot>, productIndex: ReadonlyMap<string, Product>, system: DateSystem, broken: ReadonlyMap<string, LotRow>): DrawRefColumns {
  const checker = new DrawChecker(draws.columnNames, lotIndex, productIndex, system, broken);
  const rows = draws.rows;
  const refs = { owner: growable(Int32Array, rows.length), lot: growable(Int32Array, rows.length) };
  const lotted = draws.lotted;
  if (lotted && lotted.lotOf.length === rows.length) {
    // Each lot the rows name is found once, not once a row.
    const found = lotted.keys.map((key) => checker.lotRef(key));
    const lotOf = lotted.lotOf;
    for (let i = 0; i < rows.length; i++) {
      const k = lotOf[i];
      checker.check(rows[i], i, refs, k < 0 ? undefined : found[k]);
    }
  } else for (let i = 0; i < rows.length; i++) checker.check(rows[i], i, refs);
  return refs;
}

/** A lot of Lots and the product it belongs to. */
interface LotRef {
  readonly lot: Lot;
  readonly owner: Product;
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
