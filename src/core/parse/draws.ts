import { isBlank, type Cell, type Grid } from "../cells";
import { MAX_SERIAL, type DateSystem, type Serial } from "../dates";
import type { Diagnostic } from "../diagnostic";
import { coded } from "../messages";
import { amountFromNumber, type Amount } from "../_lib/amount";
import { QTY_ONE, qtyFromNumber, type Qty } from "../quantity";
import { AppendList, cut, growable } from "../_lib/grow";
import { DRAWS, mapColumns, type ColumnMap } from "../schema";
import { locationKey, lotKey, productKey, visitKey } from "../names";
import { addIssue, DRAW_KINDS, type DrawKind, type DrawRow, type RowBase } from "../rows";
import { eachRow, frame, subtotalRow, type TableFrame, type TableReader, type TotalsLabel } from "./frame";
import { NameIndex } from "./nameIndex";
import { KeyTable } from "./keyTable";
import { keepShape } from "../_lib/shapes";
import { get, lotNumberWarning, plainText, readDate, readMoney, readQty, textAt, textDateWarning } from "./readers";
import type { DrawsTable, ParseOptions } from "./types";

/** The kinds by their lower-case spelling: a Kind cell matches in any case. */
const KINDS = new Map<string, DrawKind>(DRAW_KINDS.map((k) => [k.toLowerCase(), k]));

/**
 * The kind a Kind cell names, in any case; `undefined` for any other word. The kinds as written
 * are compared first: a Map would hash every cell's text, a quarter of a million times.
 */
function kindOf(text: string): DrawKind | undefined {
  return exactKind(text) ?? KINDS.get(text.toLowerCase());
}

/** The kind a Kind cell names as written (`Visit`, not `visit`); `undefined` for any other text. */
function exactKind(text: string): DrawKind | undefined {
  switch (text) {
    case "Visit":
    case "Waste":
    case "Expired":
    case "Sample":
    case "Return":
    case "Transfer":
      return text;
  }
  return undefined;
}

/**
 * Parses the Draws table (header row first). Built for speed: a practice's draws run to the
 * hundreds of thousands, so names already seen are looked up rather than normalised again, and a
 * row whose cells all read at once (`DrawsReader.plain`: a number for a date, text with nothing to
 * trim, a quantity and a price as numbers, a kind as written) is read without the checks only other
 * cells need. Every other row is read in full; both make the same row of the same cells.
 */
export function parseDraws(grid: Grid | null | undefined, options: ParseOptions = {}): DrawsTable {
  const f = frame("Draws", grid, DRAWS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const reader = new DrawsReader(f.cols, f.names, options.dateSystem ?? 1900, f.lastRow);
  eachRow("Draws", f, grid!, f.cols.lot, reader);
  return reader.table(f);
}

/**
 * The state of one parse of Draws, and its readers of a row. They are methods, not closures made
 * for each parse: V8 keeps a method's optimised code from one parse to the next, where each new
 * closure of a row reader was compiled again, and ran unoptimised until it was, in every build.
 */
class DrawsReader implements TableReader {
  private visitDraws = 0;
  private readonly rows: DrawRow[] = [];
  private readonly products = new NameIndex(productKey);
  private readonly lots = new NameIndex(lotKey);
  private readonly places = new NameIndex(locationKey);
  // Destinations apart: `places` names only the locations of Location cells (see `PlacedDraws`).
  private readonly destinations = new NameIndex(locationKey);
  private readonly transfers: number[] = [];
  // Visits get dense indices here, so per-visit totals are arrays, not maps, later on. A visit
  // has one line or more: room for half as many visits as rows before the table grows.
  private readonly visitByKey: KeyTable;
  private readonly visitKeys: readonly string[];
  private readonly visitIds: string[] = [];
  // A visit's lines are usually entered together: the row before is the cheapest lookup.
  private lastVisit = "";
  private lastVisitIndex = -1;
  // Most rows name one of a few locations, often the row before's: compared first, as visits are.
  private lastPlace = "";
  private lastSite = -1;
  private readonly unpriced: DrawRow[] = [];
  // Which visits have a priced line: a visit per row at most, and cut to the visits found.
  private readonly priced: Uint8Array;
  // By each row's place in `rows` (room for every row of the grid, trimmed at the end): its visit,
  // its location by its index in `places` (−1: blank), and its lot by its index in `lots` (−1: none).
  private readonly visitOf: Int32Array;
  private readonly siteOf: Int32Array;
  private readonly lotOf: Int32Array;

  /** `size`: the rows of the grid, at most. */
  constructor(
    private readonly cols: ColumnMap<typeof DRAWS>,
    private readonly names: Record<string, string>,
    private readonly system: DateSystem,
    size: number,
  ) {
    this.visitByKey = new KeyTable(size >> 1);
    this.visitKeys = this.visitByKey.keyList();
    this.priced = growable(Uint8Array, size);
    this.visitOf = growable(Int32Array, size);
    this.siteOf = growable(Int32Array, size);
    this.lotOf = growable(Int32Array, size);
  }

  /**
   * Reads a row whose cells all read at once, as `read` would read it, and keeps it: a date as
   * a serial number, texts with nothing to trim (see `plainText`), a positive quantity and a price
   * as numbers (or the price blank), a kind as written, a lot, no transfer; a Visit draw with its
   * visit and patient. Such a row has no issue of its own to find. False (nothing read) for any
   * other row, which `read` reads in full.
   */
  plain(r: ReadonlyArray<Cell>, rowNumber: number): boolean {
    const cols = this.cols;
    const time = plainSerial(r[cols.date]);
    if (time === null) return false;
    const lot = plainText(r, cols.lot);
    const visit = plainText(r, cols.visit);
    const patient = plainText(r, cols.patient);
    const provider = plainText(r, cols.provider);
    const service = plainText(r, cols.service);
    const product = plainText(r, cols.product);
    const unit = plainText(r, cols.unit);
    const kindText = plainText(r, cols.kind);
    const location = plainText(r, cols.location);
    if (!lot || visit === undefined || patient === undefined || provider === undefined || service === undefined || product === undefined) return false;
    if (unit === undefined || kindText === undefined || location === undefined || plainText(r, cols.to) !== null) return false;
    const kind = kindText === null ? "Visit" : exactKind(kindText);
    if (kind === undefined || kind === "Transfer" || (kind === "Visit" && (!visit || patient === null))) return false;
    const qty = plainQty(r[cols.qty]);
    const price = plainPrice(cols.price < 0 ? null : r[cols.price]);
    if (qty === null || price === undefined) return false;
    const visitIndex = visit ? this.visitAt(visit) : -1;
    const site = location ? this.siteAt(location) : -1;
    const lotAt = this.lots.indexOf(lot);
    if (kind === "Visit") this.visitDraws++;
    // The fields of `read`'s row, in its order (one shape for every DrawRow).
    this.keep({
      row: rowNumber, issues: null, usable: true,
      time, visit, visitKey: visitIndex < 0 ? null : this.visitKeys[visitIndex], visitIndex, patient, provider, service,
      product, productKey: product ? this.products.key(product) : null,
      lot, lotKey: this.lots.keys[lotAt],
      qty, unit, kind, price,
      location, locationKey: site < 0 ? "" : this.places.keys[site], to: null, toKey: null,
    }, true, site, lotAt);
    return true;
  }

  /** Reads any row, each cell in full, its problems noted on `row`, and keeps it. */
  read(r: ReadonlyArray<Cell>, row: RowBase, subtotal: TotalsLabel | null): void {
    const { cols, names } = this;
    const dateCell = get(r, cols.date);
    let time = plainSerial(dateCell);
    if (time === null) {
      const d = readDate(dateCell, row, names.date, this.system, false);
      if (d === null) addIssue(row, names.date, { code: "blank-date", of: "Draws" });
      else if (d) {
        time = d.serial;
        textDateWarning(row, names.date, d);
      }
    }
    const visit = textAt(r, cols.visit, row, names.visit);
    const patient = textAt(r, cols.patient, row, names.patient);
    const provider = textAt(r, cols.provider, row, names.provider);
    const service = textAt(r, cols.service, row, names.service);
    const product = textAt(r, cols.product, row, names.product);
    const lot = textAt(r, cols.lot, row, names.lot);
    lotNumberWarning(row, names.lot, get(r, cols.lot));
    const qtyCell = get(r, cols.qty);
    const qty = plainQty(qtyCell) ?? readQty(qtyCell, row, names.qty, "a quantity");
    if (qty === null) addIssue(row, names.qty, { code: "blank-qty", of: "Draws" });
    else if (qty !== undefined && qty <= 0) addIssue(row, names.qty, { code: "qty-not-positive", of: "Draws", qty });
    const unit = textAt(r, cols.unit, row, names.unit);
    const kindText = textAt(r, cols.kind, row, names.kind);
    let kind: DrawKind = "Visit";
    // An unknown kind is one error: the row is not also checked as the Visit draw it may not be.
    let knownKind = true;
    if (kindText) {
      const k = kindOf(kindText);
      if (k) kind = k;
      else {
        knownKind = false;
        addIssue(row, names.kind, { code: "unknown-kind", kind: kindText });
      }
    }
    const location = textAt(r, cols.location, row, names.location);
    const site = location ? this.siteAt(location) : -1;
    const placeKey = site < 0 ? "" : this.places.keys[site];
    const to = textAt(r, cols.to, row, names.to);
    const toKey = to ? this.destinations.key(to) : null;
    if (kind === "Transfer") {
      if (to === null) addIssue(row, names.to, { code: "transfer-without-to", hasToColumn: cols.to >= 0 });
      else if (to && toKey === placeKey) addIssue(row, names.to, { code: "transfer-to-same-location", from: location ?? null });
      if (lot === null) addIssue(row, names.lot, { code: "transfer-without-lot" });
    } else if (to && knownKind) {
      addIssue(row, names.to, { code: "to-without-transfer", to, kind });
    }
    const priceCell = get(r, cols.price);
    const plain = plainPrice(priceCell);
    const price = plain !== undefined ? plain : isBlank(priceCell) ? null : readMoney(priceCell, row, names.price);
    const visitIndex = visit ? this.visitAt(visit) : -1;
    if (kind === "Visit" && kindText !== undefined && knownKind) {
      this.visitDraws++;
      if (!visit && visit !== undefined && cols.visit >= 0) addIssue(row, names.visit, { code: "visit-without-id" });
      if (patient === null) addIssue(row, names.patient, { code: "blank-patient" });
    }
    if (product === null && lot === null) addIssue(row, names.product, { code: "blank-product-and-lot" });
    // A subtotal row names no draw: it is not checked against Lots as one.
    if (subtotal) subtotalRow(subtotal, "Draws", cols.headerText, row);
    if (kind === "Transfer") this.transfers.push(this.rows.length);
    const lotAt = subtotal || !lot ? -1 : this.lots.indexOf(lot);
    this.keep({
      row: row.row, issues: row.issues, usable: row.usable,
      time, visit: visit ?? null, visitKey: visitIndex < 0 ? null : this.visitKeys[visitIndex], visitIndex, patient: patient ?? null, provider: provider ?? null, service: service ?? null,
      product: subtotal ? null : product ?? null, productKey: subtotal || !product ? null : this.products.key(product),
      lot: subtotal ? null : lot ?? null, lotKey: lotAt < 0 ? null : this.lots.keys[lotAt],
      qty: qty ?? null, unit: unit ?? null, kind, price: price ?? null,
      location: location ?? null, locationKey: placeKey, to: to ?? null, toKey,
    }, knownKind, site, lotAt);
  }

  /** The table read, once every row is. */
  table(f: TableFrame<typeof DRAWS>): DrawsTable {
    const { cols, names, rows, visitIds, places } = this;
    if (cols.visit < 0 && this.visitDraws > 0) {
      const tableErrors: Diagnostic[] = [...f.tableErrors, { table: "Draws", row: f.top, column: DRAWS.visit.name, ...coded({ code: "no-visit-column", visitDraws: this.visitDraws }) }];
      return { rows: [], tableErrors, columnNames: names, present: true };
    }
    return drawsTable(AppendList.owning(rows), {
      tableErrors: f.tableErrors, columnNames: names, present: true,
      visits: { ids: visitIds, byKey: this.visitByKey, unpriced: this.unpriced, priced: cut(this.priced, visitIds.length) },
      visitOf: cut(this.visitOf, rows.length), located: cols.location >= 0, hasTo: cols.to >= 0,
      placed: { names: places.firstNames(), transfers: this.transfers, siteOf: cut(this.siteOf, rows.length) },
      lotted: { keys: this.lots.keys, lotOf: cut(this.lotOf, rows.length) },
    });
  }

  /** The index of the visit with this id (as written), a new one the first time it is seen. */
  private visitAt(visit: string): number {
    if (visit !== this.lastVisit) {
      const key = visitKey(visit);
      let index = this.visitByKey.indexOf(key);
      if (index < 0) {
        index = this.visitByKey.add(key);
        this.visitIds.push(visit);
      }
      this.lastVisit = visit;
      this.lastVisitIndex = index;
    }
    return this.lastVisitIndex;
  }

  /** The index of a location (as written, not blank) among `places`. */
  private siteAt(location: string): number {
    if (location !== this.lastPlace) {
      this.lastPlace = location;
      this.lastSite = this.places.indexOf(location);
    }
    return this.lastSite;
  }

  /**
   * Keeps a row read, in order: its visit, location and lot, and its visit's pricing. `known`: its
   * kind is one of the six. (Draws that repeat another are found when asked for: see `findRepeats`.)
   */
  private keep(draw: DrawRow, known: boolean, site: number, lotAt: number): void {
    const at = this.rows.length;
    this.rows.push(draw);
    this.visitOf[at] = draw.visitIndex;
    this.siteOf[at] = site;
    this.lotOf[at] = lotAt;
    if (draw.kind === "Visit" && draw.visitIndex >= 0 && known) {
      if (draw.price === null) this.unpriced.push(draw);
      else this.priced[draw.visitIndex] = 1;
    }
  }
}

// The cells the two readers read alike: each as `plainRow` takes it (`null` or `undefined`: read it
// in full, as `readRow` goes on to).

/** A Date cell that reads at once: a serial number within Excel's calendar; `null` for any other cell. */
function plainSerial(cell: Cell): Serial | null {
  return typeof cell === "number" && cell >= 1 && cell <= MAX_SERIAL + 1 ? (cell as Serial) : null;
}

/**
 * A Qty cell that reads at once: a positive number in millionths of a unit, exactly (a quarter
 * unit at once, any other number when it needs no rounding); `null` for any other cell.
 */
function plainQty(cell: Cell): Qty | null {
  if (typeof cell !== "number" || !(cell > 0) || !Number.isFinite(cell)) return null;
  if (Number.isInteger(cell * 4)) return (cell * QTY_ONE) as Qty;
  const q = qtyFromNumber(cell);
  return q.rounded ? null : q.qty;
}

/**
 * The amounts of prices read lately, by the low bits of the Price cell. A practice's price list
 * has a few hundred prices: a row priced like an earlier one is given that row's amount, one
 * number shared, where `amountFromNumber` would make a number of its own for each of a quarter
 * of a million rows (and each number a row keeps is copied by every collection it lives through).
 * The amounts are kept in an array of any values (nulls first), so one read back is the number
 * kept and not a copy.
 */
const priceCells = new Float64Array(256).fill(NaN);
const priceAmounts: (Amount | null)[] = new Array<Amount | null>(256).fill(null);

/** A Price cell that reads at once: a finite number as an exact amount, `null` when empty; `undefined` for any other cell. */
function plainPrice(cell: Cell): Amount | null | undefined {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return undefined;
    const k = cell & 255;
    if (priceCells[k] === cell) return priceAmounts[k]!;
    priceCells[k] = cell;
    return (priceAmounts[k] = amountFromNumber(cell));
  }
  return cell === null || cell === undefined || cell === "" ? null : undefined;
}

/**
 * A Draws row kept for the life of the module (see `keepShape`), its date, quantity and price
 * blank. The blanks matter too: V8 holds a field that only ever held fractional numbers as a
 * double, with a number of its own in every row. Once a field has held `null`, a row's quantity
 * (a whole number of millionths) is stored in the row as a small integer, and its date and price
 * as the number read or kept: two allocations fewer per row. Measured on the bench's three-site
 * whole recompute, with the shared prices above: scavenges 41.6 -> 36.2 ms (medians of 10).
 */
keepShape({
  row: 0, issues: null, usable: false,
  time: null, visit: null, visitKey: null, visitIndex: -1, patient: null, provider: null, service: null,
  product: null, productKey: null, lot: null, lotKey: null,
  qty: null, unit: null, kind: "Visit", price: null,
  location: null, locationKey: "", to: null, toKey: null,
} satisfies DrawRow);

// The reader's shape outlives every parse (see `keepShape`): `eachRow` calls its methods.
keepShape(new DrawsReader(mapColumns([], DRAWS), {}, 1900, 0));

const rowLists = new WeakMap<DrawsTable, AppendList<DrawRow>>();

/**
 * A Draws table whose rows are `list`'s: the table of a ledger updated with a draw appended shares
 * the array of the rows before it (see `AppendList`) rather than copying a quarter of a million.
 */
export function drawsTable(list: AppendList<DrawRow>, parts: Omit<DrawsTable, "rows">): DrawsTable {
  const table: DrawsTable = {
    get rows() {
      return list.items;
    },
    tableErrors: parts.tableErrors, columnNames: parts.columnNames, present: parts.present, located: parts.located,
    visits: parts.visits, visitOf: parts.visitOf, hasTo: parts.hasTo, placed: parts.placed, lotted: parts.lotted,
  };
  rowLists.set(table, list);
  return table;
}

/** The rows of a Draws table as a list to extend: its own where `drawsTable` made it, else a copy. */
export function rowList(table: DrawsTable): AppendList<DrawRow> {
  return rowLists.get(table) ?? AppendList.owning(table.rows.slice());
}
