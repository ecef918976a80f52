import { basicCell, excelError, isBlank, isBlankText, showCell, type Cell, type Grid } from "./cells";
import { isFirstOfMonth, MAX_SERIAL, parseTextDate, serialFromDate, type DateSystem, type Serial } from "./dates";
import type { Diagnostic, Measure, TableName } from "./diagnostic";
import { coded } from "./messages";
import { amountFromNumber, moneyFromNumber, moneyFromText, type Money } from "./money";
import { qtyFromNumber, QTY_ONE, type Qty } from "./quantity";
import { decimalToScaled } from "./_lib/decimalText";
import { cut, growable } from "./_lib/grow";
import { COUNTS, DRAWS, LOTS, mapColumns, normalizeHeader, PRODUCTS, type ColumnMap, type Schema } from "./schema";
import { locationKey, lotKey, productKey } from "./names";
import { addIssue, type CountRow, type DrawKind, type DrawRow, type LotRow, type ProductRow, type RowBase } from "./rows";

/** What parsing one table gives: its rows, or the reason the table as a whole cannot be read. */
export interface ParsedTable<R> {
  readonly rows: R[];
  /** Problems with the table as a whole (no header row, a required column missing). */
  readonly tableErrors: Diagnostic[];
  /** Header texts as the user wrote them, by field, for messages. */
  readonly columnNames: Readonly<Record<string, string>>;
  readonly present: boolean;
  /** True when the table has a Location column (Lots, Draws, Counts). */
  readonly located?: boolean;
}

/** The visits of the Draws table, each with a dense index (the first spelling is shown). */
export interface VisitIndex {
  readonly ids: readonly string[];
  /** By the case-insensitive key (the id in upper case). */
  readonly byKey: ReadonlyMap<string, number>;
  /** Visit draws without a price, and which visits have a priced line (1), for the blank-price warning. */
  readonly unpriced: readonly DrawRow[];
  readonly priced: Uint8Array;
}

/** The parsed Draws table and its visits. */
export interface DrawsTable extends ParsedTable<DrawRow> {
  readonly visits?: VisitIndex;
  /** Each row's visit index, by its place in `rows` (−1 without a visit): a visit's lines found without touching every row. */
  readonly visitOf?: Int32Array;
  /** True when the table has a To column (a Transfer's destination). */
  readonly hasTo?: boolean;
}

export interface ParseOptions {
  readonly dateSystem?: DateSystem;
  /**
   * The worksheet row of the header row, so rows are numbered as the sheet numbers them (a table
   * under a title starts lower down). Default 1: rows counted in the range passed, header = 1.
   */
  readonly firstRow?: number;
}


// ---------------------------------------------------------------------------------------------
// Cell readers. Each returns the value, or `undefined` after recording why the cell is unusable.

/** Text of a column kept only for people (Supplier, PO, By, Note): never a reason to stop. */
function noteText(cell: Cell): string | null {
  if (typeof cell === "string") {
    const t = cell.trim();
    return t === "" || excelError(t) !== null ? null : t;
  }
  if (typeof cell === "number") return cell === 0 ? null : String(cell);
  return null;
}

function errorCell(cell: Cell, row: RowBase, col: string): boolean {
  const code = excelError(cell);
  if (code === null) return false;
  addIssue(row, col, { code: "cell-error", error: code });
  return true;
}

/** Text, trimmed; numbers as typed. `null` when blank. */
function readText(cell: Cell, row: RowBase, col: string): string | null | undefined {
  if (typeof cell === "string") {
    const t = cell.trim();
    if (t === "") return null;
    if (t.charCodeAt(0) === 35 && errorCell(t, row, col)) return undefined;
    return t;
  }
  if (isBlankText(cell)) return null;
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  errorCell(cell, row, col);
  return undefined;
}

const NUMBER_TEXT = /^\(?[-+]?\$?\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?(?:[eE][-+]?\d+)?\)?$/;

/** Number stored as text, cleaned of `$`, thousands separators and accounting parentheses. */
function cleanNumberText(t: string): string | null {
  const s = t.trim();
  if (!NUMBER_TEXT.test(s) || !/\d/.test(s)) return null;
  const negative = s.startsWith("(") && s.endsWith(")");
  if (s.startsWith("(") !== s.endsWith(")")) return null;
  let body = s.replace(/[()$,\s]/g, "");
  if (negative) body = body.startsWith("-") ? body.slice(1) : "-" + body;
  const signs = body.match(/[-+]/g);
  if (signs && signs.length > 1 && !/[eE][-+]/.test(body)) return null;
  return body;
}

function readNumber(cell: Cell, row: RowBase, col: string, what: Measure): number | null | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : (addIssue(row, col, { code: "not-a-number", shown: String(cell), what: "a number" }), undefined);
  if (isBlank(cell)) return null;
  if (typeof cell === "string") {
    if (errorCell(cell, row, col)) return undefined;
    const clean = cleanNumberText(cell);
    if (clean !== null) return Number(clean);
  } else if (errorCell(cell, row, col)) return undefined;
  addIssue(row, col, { code: "not-a-number", shown: showCell(cell), what });
  return undefined;
}

function readQty(cell: Cell, row: RowBase, col: string, what: Measure): Qty | null | undefined {
  let qty: Qty;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (addIssue(row, col, { code: "not-a-number", shown: String(cell), what }), undefined);
    const r = qtyFromNumber(cell);
    if (r.rounded) addIssue(row, col, { code: "too-many-decimals", shown: String(cell), countedAs: r.qty });
    qty = r.qty;
  } else {
    if (isBlank(cell)) return null;
    if (errorCell(cell, row, col)) return undefined;
    const clean = typeof cell === "string" ? cleanNumberText(cell) : null;
    const scaled = clean === null ? null : decimalToScaled(clean, 6);
    if (scaled === null) return (addIssue(row, col, { code: "not-a-number", shown: showCell(cell), what }), undefined);
    qty = Number(scaled);
  }
  return qty;
}

function readMoney(cell: Cell, row: RowBase, col: string): Money | null | undefined {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (addIssue(row, col, { code: "not-money", shown: String(cell) }), undefined);
    return moneyFromNumber(cell);
  }
  if (isBlank(cell)) return null;
  if (errorCell(cell, row, col)) return undefined;
  const clean = typeof cell === "string" ? cleanNumberText(cell) : null;
  const m = clean === null ? null : moneyFromText(clean);
  if (m === null) return (addIssue(row, col, { code: "not-money", shown: showCell(cell) }), undefined);
  return m;
}

interface DateRead {
  readonly serial: Serial;
  readonly text: boolean;
  readonly monthOnly: boolean;
}

function readDate(cell: Cell, row: RowBase, col: string, system: DateSystem, allowMonthOnly: boolean): DateRead | null | undefined {
  if (typeof cell === "number") {
    // Older desktop builds pass an empty cell as 0, and no date is serial 0: a date of 0 is blank.
    if (cell === 0) return null;
    if (!Number.isFinite(cell) || cell < 1 || cell > MAX_SERIAL + 1) {
      addIssue(row, col, { code: "date-out-of-range", shown: String(cell) });
      return undefined;
    }
    return { serial: cell, text: false, monthOnly: false };
  }
  if (isBlank(cell)) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return (addIssue(row, col, { code: "invalid-date" }), undefined);
    return { serial: serialFromDate(cell, system), text: false, monthOnly: false };
  }
  if (errorCell(cell, row, col)) return undefined;
  if (typeof cell === "string") {
    const d = parseTextDate(cell, system, allowMonthOnly);
    if (d) return { serial: d.serial, text: true, monthOnly: d.monthOnly };
    if (!allowMonthOnly && parseTextDate(cell, system, true)) {
      addIssue(row, col, { code: "month-only-date", shown: showCell(cell) });
      return undefined;
    }
  }
  addIssue(row, col, { code: "not-a-date", shown: showCell(cell) });
  return undefined;
}

function textDateWarning(row: RowBase, col: string, d: DateRead): void {
  if (d.text) addIssue(row, col, { code: "date-as-text", header: col });
}

/**
 * The keys of names already seen, looked up rather than made again: a practice's draws name a few
 * hundred products, lots and locations a quarter of a million times.
 */
class KeyCache {
  private readonly known = new Map<string, string>();

  constructor(private readonly keyOf: (name: string) => string) {}

  of(name: string): string {
    let key = this.known.get(name);
    if (key === undefined) this.known.set(name, (key = this.keyOf(name)));
    return key;
  }
}

// ---------------------------------------------------------------------------------------------
// Table scaffolding: header row, required columns, blank and totals rows.

interface TableFrame<S extends Schema> {
  readonly cols: ColumnMap<S>;
  readonly names: Record<string, string>;
  readonly tableErrors: Diagnostic[];
  readonly lastRow: number;
  /** The row number of the header row (see `ParseOptions.firstRow`). */
  readonly top: number;
}

function frame<S extends Schema>(table: TableName, grid: Grid | null | undefined, schema: S, top: number, extraRequired?: (cols: ColumnMap<S>) => Diagnostic | null): TableFrame<S> | ParsedTable<never> {
  const names: Record<string, string> = {};
  for (const [k, spec] of Object.entries(schema)) names[k] = spec.name;
  if (!grid || grid.length === 0 || !Array.isArray(grid[0])) {
    return { rows: [], tableErrors: [headerError(table, schema, top)], columnNames: names, present: false };
  }
  const cols = mapColumns(grid[0], schema);
  const hasRequired = Object.entries(schema).every(([k, spec]) => !spec.required || (cols as Record<string, number>)[k] >= 0);
  // A header row is text; a first row holding numbers or dates is data passed without its header,
  // unless every required column is named in it: then a number there is an extra column's heading.
  const odd = grid[0].flatMap((c, at) => (typeof c === "number" || typeof c === "boolean" || c instanceof Date ? [at] : []));
  if (cols.recognised === 0 || (odd.length > 0 && !hasRequired)) {
    return { rows: [], tableErrors: [headerError(table, schema, top)], columnNames: names, present: false };
  }
  const tableErrors: Diagnostic[] = [];
  for (const [k, spec] of Object.entries(schema)) {
    const at = (cols as Record<string, number>)[k];
    if (at >= 0) names[k] = cols.headerText[at] || spec.name;
    else if (spec.required) {
      tableErrors.push({
        table, row: top, column: spec.name,
        ...coded({ code: "missing-column", name: spec.name, aliases: spec.aliases.length > 1 ? aliasList(spec.name) : null }),
      });
    }
  }
  const extra = extraRequired?.(cols);
  if (extra) tableErrors.push({ ...extra, row: top });
  // Without a required column no row can be read: one error on the header, not one on every row.
  if (tableErrors.length > 0) return { rows: [], tableErrors, columnNames: names, present: true };
  for (const at of odd) {
    const shown = showCell(grid[0][at]);
    tableErrors.push({ table, row: top, column: shown, ...coded({ code: "header-not-a-name", shown, position: at + 1 }) });
  }
  for (const d of cols.duplicates) {
    tableErrors.push({ table, row: top, column: d, ...coded({ code: "duplicate-column", header: d }) });
  }
  return { cols, names, tableErrors, lastRow: lastDataRow(grid), top };
}

function aliasList(name: string): string {
  const all: Record<string, string> = {
    Product: "Item, SKU", Lot: "Lot #, Lot Number, Batch", Expires: "Expiry, Expiration, Exp, Use By",
    Received: "Date Received, Received Date", Qty: "Quantity", Date: "Visit Date or Count Date", Counted: "Count, On Hand",
  };
  return all[name] ?? "";
}

function headerError(table: TableName, schema: Schema, top: number): Diagnostic {
  const required = Object.values(schema).filter((c) => c.required).map((c) => c.name).join(", ");
  return { table, row: top, column: "", ...coded({ code: "no-header-row", of: table, required }) };
}

const TOTAL_WORDS = new Set(["total", "totals", "grandtotal", "sum"]);

/** Index of the last row that holds data: trailing blank rows are not data. */
function lastDataRow(grid: Grid): number {
  let last = grid.length - 1;
  while (last > 0 && rowIsBlank(grid[last])) last--;
  return last;
}

/** A row that adds up others rather than recording one: a label in some cell, and no lot. */
interface TotalsLabel {
  readonly kind: "total" | "subtotal";
  readonly text: string;
  readonly at: number;
}

/**
 * A totals row (`Total`, `Totals`, `Grand Total`, `Sum`) or a subtotal row (`Subtotal …`) of a table
 * with a Lot column: the label in any cell, the lot blank. `null` for every other row.
 */
function totalsLabel(r: ReadonlyArray<Cell>, lotAt: number): TotalsLabel | null {
  if (lotAt < 0 || !isBlankText(r[lotAt])) return null;
  for (let at = 0; at < r.length; at++) {
    const c = r[at];
    if (typeof c !== "string" || c.length > 40) continue;
    const word = normalizeHeader(c);
    if (TOTAL_WORDS.has(word)) return { kind: "total", text: c.trim(), at };
    if (word.startsWith("subtotal")) return { kind: "subtotal", text: c.trim(), at };
  }
  return null;
}

/** A subtotal row is kept as one row with one error, as it cannot be told apart from the rows it adds up. */
function subtotalRow(label: TotalsLabel, table: "Lots" | "Draws" | "Counts", header: readonly string[], row: RowBase): void {
  row.issues = null;
  addIssue(row, header[label.at] || `column ${label.at + 1}`, { code: "subtotal-row", label: label.text, of: table });
}

/** A row with nothing in it. A row of zeros counts too: older builds report empty cells as 0. */
export function rowIsBlank(r: ReadonlyArray<Cell> | undefined): boolean {
  if (!r) return true;
  for (let j = 0; j < r.length; j++) if (!isBlankText(r[j])) return false;
  return true;
}

type ScratchRow = { -readonly [K in keyof RowBase]: RowBase[K] };

/** Reads one data row: `row` numbers it and collects its problems; `subtotal` labels a subtotal row. */
type RowReader = (r: ReadonlyArray<Cell>, row: RowBase, subtotal: TotalsLabel | null) => void;

/**
 * The row loop of every table: each data row in order, blank rows skipped, and a totals row
 * (in a table with a Lot column, `lotAt`) skipped with one warning naming it, in `tableErrors`.
 * Each row's problems are collected on one scratch record, which `read` copies into the row it makes.
 * The loop body is a function of its own: it is what runs a quarter of a million times, and so what
 * the engine optimises, whatever runs once before and after it.
 */
function eachRow<S extends Schema>(table: TableName, f: TableFrame<S>, grid: Grid, lotAt: number, read: RowReader): void {
  const scratch: ScratchRow = { row: 0, issues: null, usable: true };
  for (let i = 1; i <= f.lastRow; i++) {
    const r = grid[i];
    if (rowIsBlank(r)) continue;
    const label = totalsLabel(r, lotAt);
    if (label?.kind === "total") {
      const rowNumber = i + f.top;
      const column = f.cols.headerText[label.at] || `column ${label.at + 1}`;
      f.tableErrors.push({ table, row: rowNumber, column, ...coded({ code: "totals-row", rowNumber, label: label.text }) });
      continue;
    }
    scratch.row = i + f.top;
    scratch.issues = null;
    scratch.usable = true;
    read(r, scratch, label);
  }
}

/**
 * The text of the cell at `at` (`null` without the column), as `readText` reads it. A blank cell,
 * or text with nothing to trim and no error in it (most cells of a big table), is read at once:
 * this stays small enough for the engine to build it into each table's row reader.
 */
function textAt(r: ReadonlyArray<Cell>, at: number, row: RowBase, col: string): string | null | undefined {
  if (at < 0) return null;
  const cell = r[at];
  if (typeof cell === "string") {
    if (cell.length === 0) return null;
    const first = cell.charCodeAt(0);
    const last = cell.charCodeAt(cell.length - 1);
    // Printable ASCII at both ends: no space to trim, and no "#" of an error code.
    if (first > 32 && first < 127 && first !== 35 && last > 32 && last < 127) return cell;
  } else if (cell === null || cell === undefined) return null;
  return readText(basicCell(cell), row, col);
}

function get(r: ReadonlyArray<Cell>, at: number): Cell {
  // A cell holding a data type (an entity, a formatted number) is read as the value it shows.
  return at >= 0 ? basicCell(r[at]) : null;
}

function lotNumberWarning(row: RowBase, column: string, cell: Cell): void {
  if (typeof cell === "number" && cell !== 0) {
    addIssue(row, column, { code: "lot-number-as-number", shown: String(cell), header: column });
  }
}

// ---------------------------------------------------------------------------------------------
// The four tables.

/**
 * Parses the Lots table (header row first). A 0 that cannot be meant is blank, as older desktop
 * builds pass empty cells: an Expires or Received of 0, a Total Cost of 0 beside a Unit Cost.
 * @example parseLots([["Product","Lot","Expires","Received","Qty","Unit Cost"],["Botox 100U","C1",46112,46000,100,6.5]])
 */
export function parseLots(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<LotRow> {
  const system = options.dateSystem ?? 1900;
  const f = frame("Lots", grid, LOTS, options.firstRow ?? 1, (cols) =>
    cols.unitCost < 0 && cols.totalCost < 0
      ? { table: "Lots", row: 1, column: "Unit Cost", ...coded({ code: "no-cost-column" }) }
      : null);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: LotRow[] = [];
  const products = new KeyCache(productKey);
  // Receipts entered twice: the same product, lot, quantity, cost, PO and date. By lot first (a
  // lot has few receipts), then field by field: no key text is made for each receipt.
  const receiptsOf = new Map<string, LotRow[]>();
  eachRow("Lots", f, grid!, cols.lot, (r, row, subtotal) => {
    const product = textAt(r, cols.product, row, names.product);
    const lot = textAt(r, cols.lot, row, names.lot);
    lotNumberWarning(row, names.lot, get(r, cols.lot));
    const expires = readDate(get(r, cols.expires), row, names.expires, system, true);
    const received = readDate(get(r, cols.received), row, names.received, system, false);
    const qty = readQty(get(r, cols.qty), row, names.qty, "a quantity");
    const unit = textAt(r, cols.unit, row, names.unit);
    const unitCost = readMoney(get(r, cols.unitCost), row, names.unitCost);
    const totalCell = get(r, cols.totalCost);
    // A lot is not free at a price: a Total Cost of 0 beside a Unit Cost is an empty cell as older
    // desktop builds pass it to a formula given the table, so the Unit Cost prices the lot.
    const totalCost = totalCell === 0 && unitCost ? null : readMoney(totalCell, row, names.totalCost);
    const supplier = noteText(get(r, cols.supplier));
    const po = noteText(get(r, cols.po));
    const location = textAt(r, cols.location, row, names.location);

    if (product === null) addIssue(row, names.product, { code: "blank-product", of: "Lots" });
    if (lot === null) addIssue(row, names.lot, { code: "blank-lot", of: "Lots" });
    if (received === null) addIssue(row, names.received, { code: "blank-received" });
    if (qty === null) addIssue(row, names.qty, { code: "blank-qty", of: "Lots" });
    else if (qty !== undefined && qty <= 0) addIssue(row, names.qty, { code: "qty-not-positive", of: "Lots", qty });
    if (expires) {
      textDateWarning(row, names.expires, expires);
      if (!expires.monthOnly && isFirstOfMonth(expires.serial, system)) {
        addIssue(row, names.expires, { code: "expiry-first-of-month" });
      }
    }
    if (received) {
      textDateWarning(row, names.received, received);
      if (expires && Math.floor(expires.serial) < Math.floor(received.serial)) {
        addIssue(row, names.expires, { code: "expires-before-received" });
      }
    }
    if (unitCost === null && totalCost === null) {
      addIssue(row, cols.totalCost >= 0 ? names.totalCost : names.unitCost, { code: "blank-cost" });
    }
    if ((unitCost ?? 0n) < 0n) addIssue(row, names.unitCost, { code: "negative-cost", which: "unit" });
    if ((totalCost ?? 0n) < 0n) addIssue(row, names.totalCost, { code: "negative-cost", which: "total" });
    if (unitCost != null && totalCost != null && qty != null && qty > 0) {
      const implied = (unitCost * BigInt(qty)) / BigInt(QTY_ONE);
      const diff = implied - totalCost;
      if (diff > 5n * 10n ** 9n || diff < -(5n * 10n ** 9n)) {
        addIssue(row, names.totalCost, { code: "cost-mismatch" });
      }
    }
    if (subtotal) subtotalRow(subtotal, "Lots", cols.headerText, row);
    const receipt: LotRow = {
      row: row.row, issues: row.issues, usable: row.usable,
      product: product ?? null,
      productKey: product ? products.of(product) : null,
      lot: lot ?? null,
      lotKey: lot ? lotKey(lot) : null,
      expires: expires ? Math.floor(expires.serial) : null,
      received: received ? Math.floor(received.serial) : null,
      qty: qty ?? null,
      unit: unit ?? null,
      unitCost: unitCost ?? null,
      totalCost: totalCost ?? null,
      supplier: supplier ?? null,
      po: po ?? null,
      location: location ?? null,
      locationKey: locationKey(location),
    };
    rows.push(receipt);
    if (receipt.productKey && receipt.lotKey && receipt.qty !== null && receipt.received !== null) {
      const same = receiptsOf.get(receipt.lotKey);
      const first = same?.find((e) => sameReceipt(e, receipt));
      if (first) addIssue(receipt, names.lot, { code: "repeated-receipt", firstRow: first.row });
      else if (same) same.push(receipt);
      else receiptsOf.set(receipt.lotKey, [receipt]);
    }
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true, located: cols.location >= 0 };
}

/** Whether two receipts of a lot record the same thing (and so one was entered twice). */
function sameReceipt(a: LotRow, b: LotRow): boolean {
  return a.productKey === b.productKey && a.qty === b.qty && a.unitCost === b.unitCost && a.totalCost === b.totalCost &&
    a.po === b.po && a.received === b.received && a.locationKey === b.locationKey;
}

/**
 * Draws that repeat another: the same date, visit, lot, quantity and kind (entered twice), and one
 * visit id used for two patients or on two days (their costs would merge). Each is one warning on
 * the later row, naming the earlier one. A visit's lines are few, so each draw is compared with the
 * earlier lines of its own visit only. Draws are named by their position in the table's rows, and
 * the lines of a visit (or the loose draws of a time) chain back through typed arrays: a quarter of
 * a million draws make no per-draw lists or map entries.
 */
class DrawRepeats {
  /** By position: the line of the same visit (or loose draw of the same time) checked before it, −1 for none. */
  private readonly prev: Int32Array;
  /** By visit index: the positions of its first and latest lines (−1 before any). */
  private readonly firstOf: Int32Array;
  private readonly lastOf: Int32Array;
  /** By visit index: 1 once the visit is warned of (another patient or day). */
  private readonly warned: Uint8Array;
  /** Draws without a visit (waste, samples), by time: the latest one that repeats no other. */
  private readonly loose = new Map<number, number>();

  /** `rows`: the parsed draws, to be checked in order as they are added; `size`: room for that many. */
  constructor(private readonly rows: readonly DrawRow[], size: number, private readonly names: Readonly<Record<string, string>>) {
    this.prev = new Int32Array(size);
    this.firstOf = new Int32Array(size).fill(-1);
    this.lastOf = new Int32Array(size);
    this.warned = new Uint8Array(size);
  }

  /** Checks the draw at position `at` of the rows against those before it. */
  check(d: DrawRow, at: number): void {
    if (d.time === null || d.qty === null) return;
    const rows = this.rows;
    if (d.visitIndex < 0) {
      // By time first (a number, no key text to build), then field by field: tens of thousands of waste rows.
      // Only draws that repeat no other are chained, so at most one of them can match.
      const latest = this.loose.get(d.time);
      for (let p = latest ?? -1; p >= 0; p = this.prev[p]) {
        if (sameDraw(rows[p], d)) return this.repeated(d, rows[p]);
      }
      this.prev[at] = latest ?? -1;
      this.loose.set(d.time, at);
      return;
    }
    const v = d.visitIndex;
    if (this.firstOf[v] < 0) {
      this.firstOf[v] = this.lastOf[v] = at;
      this.prev[at] = -1;
      return;
    }
    const first = rows[this.firstOf[v]];
    this.prev[at] = this.lastOf[v];
    this.lastOf[v] = at;
    // Only the first time a visit is seen to disagree: one warning per visit says it all.
    if (this.warned[v] === 0) {
      const shown = this.names.visit;
      if (first.patient !== null && d.patient !== null && first.patient !== d.patient && first.patient.toUpperCase() !== d.patient.toUpperCase()) {
        this.warned[v] = 1;
        addIssue(d, shown, { code: "visit-other-patient", visitId: d.visit!, firstRow: first.row, firstPatient: first.patient, patient: d.patient });
      } else if (first.time !== null && Math.floor(first.time) !== Math.floor(d.time)) {
        this.warned[v] = 1;
        addIssue(d, shown, { code: "visit-other-day", visitId: d.visit!, firstRow: first.row });
      }
    }
    for (let p = this.prev[at], steps = 0; p >= 0 && steps < 64; p = this.prev[p], steps++) {
      if (rows[p].time === d.time && sameDraw(rows[p], d)) return this.repeated(d, rows[p]);
    }
  }

  private repeated(d: DrawRow, first: DrawRow): void {
    addIssue(d, this.names.lot, { code: "repeated-draw", firstRow: first.row });
  }
}

/** Whether two draws record the same thing, their time and visit aside. */
function sameDraw(e: DrawRow, d: DrawRow): boolean {
  return e.lotKey === d.lotKey && e.productKey === d.productKey && e.qty === d.qty && e.kind === d.kind && e.locationKey === d.locationKey && e.toKey === d.toKey;
}

const KINDS: Record<string, DrawKind> = { visit: "Visit", waste: "Waste", expired: "Expired", sample: "Sample", return: "Return", transfer: "Transfer" };
const KIND_EXACT = new Map<string, DrawKind>(Object.values(KINDS).map((k) => [k, k]));

/**
 * Parses the Draws table (header row first). Built for speed: a practice's draws run to the
 * hundreds of thousands, so names already seen are looked up rather than normalised again.
 */
export function parseDraws(grid: Grid | null | undefined, options: ParseOptions = {}): DrawsTable {
  const system = options.dateSystem ?? 1900;
  const f = frame("Draws", grid, DRAWS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  let visitDraws = 0;
  const rows: DrawRow[] = [];
  const products = new KeyCache(productKey);
  const lots = new KeyCache(lotKey);
  const places = new KeyCache(locationKey);
  // Visits get dense indices here, so per-visit totals are arrays, not maps, later on.
  const visitByKey = new Map<string, number>();
  // A visit's lines are usually entered together: the row before is the cheapest lookup.
  let lastVisit = "";
  let lastVisitIndex = -1;
  const unpriced: DrawRow[] = [];
  // Which visits have a priced line: a visit per row at most, and cut to the visits found.
  const priced = growable(Uint8Array, f.lastRow);
  const visitIds: string[] = [];
  const visitKeys: string[] = [];
  // Each row's visit, by its place in `rows`: room for every row of the grid, trimmed at the end.
  const visitOf = growable(Int32Array, f.lastRow);
  const repeats = new DrawRepeats(rows, f.lastRow, names);
  eachRow("Draws", f, grid!, cols.lot, (r, row, subtotal) => {
    const dateCell = get(r, cols.date);
    let time: Serial | null = null;
    if (typeof dateCell === "number" && dateCell >= 1 && dateCell <= MAX_SERIAL + 1) time = dateCell;
    else {
      const d = readDate(dateCell, row, names.date, system, false);
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
    const qty = typeof qtyCell === "number" && qtyCell > 0 && Number.isInteger(qtyCell * 4)
      ? qtyCell * QTY_ONE
      : readQty(qtyCell, row, names.qty, "a quantity");
    if (qty === null) addIssue(row, names.qty, { code: "blank-qty", of: "Draws" });
    else if (qty !== undefined && qty <= 0) addIssue(row, names.qty, { code: "qty-not-positive", of: "Draws", qty });
    const unit = textAt(r, cols.unit, row, names.unit);
    const kindText = textAt(r, cols.kind, row, names.kind);
    let kind: DrawKind = "Visit";
    // An unknown kind is one error: the row is not also checked as the Visit draw it may not be.
    let knownKind = true;
    if (kindText) {
      const k = KIND_EXACT.get(kindText) ?? KINDS[kindText.toLowerCase()];
      if (k) kind = k;
      else {
        knownKind = false;
        addIssue(row, names.kind, { code: "unknown-kind", kind: kindText });
      }
    }
    const location = textAt(r, cols.location, row, names.location);
    const placeKey = location ? places.of(location) : "";
    const to = textAt(r, cols.to, row, names.to);
    const toKey = to ? places.of(to) : null;
    if (kind === "Transfer") {
      if (to === null) addIssue(row, names.to, { code: "transfer-without-to", hasToColumn: cols.to >= 0 });
      else if (to && toKey === placeKey) addIssue(row, names.to, { code: "transfer-to-same-location", from: location ?? null });
      if (lot === null) addIssue(row, names.lot, { code: "transfer-without-lot" });
    } else if (to && knownKind) {
      addIssue(row, names.to, { code: "to-without-transfer", to, kind });
    }
    const priceCell = get(r, cols.price);
    const price = typeof priceCell === "number" && Number.isFinite(priceCell)
      ? amountFromNumber(priceCell)
      : isBlank(priceCell) ? null : readMoney(priceCell, row, names.price);
    let visitIndex = -1;
    if (visit) {
      if (visit === lastVisit) visitIndex = lastVisitIndex;
      else {
        // Upper case, like lot numbers: ids such as "V1024" are their own key, with no copy made.
        const key = visit.toUpperCase();
        visitIndex = visitByKey.get(key) ?? -1;
        if (visitIndex < 0) {
          visitIndex = visitIds.length;
          visitIds.push(visit);
          visitKeys.push(key);
          visitByKey.set(key, visitIndex);
        }
        lastVisit = visit;
        lastVisitIndex = visitIndex;
      }
    }
    if (kind === "Visit" && kindText !== undefined && knownKind) {
      visitDraws++;
      if (!visit && visit !== undefined && cols.visit >= 0) addIssue(row, names.visit, { code: "visit-without-id" });
      if (patient === null) addIssue(row, names.patient, { code: "blank-patient" });
    }
    if (product === null && lot === null) addIssue(row, names.product, { code: "blank-product-and-lot" });
    // A subtotal row names no draw: it is not checked against Lots as one.
    if (subtotal) subtotalRow(subtotal, "Draws", cols.headerText, row);
    const draw: DrawRow = {
      row: row.row, issues: row.issues, usable: row.usable,
      time, visit: visit ?? null, visitKey: visitIndex < 0 ? null : visitKeys[visitIndex], visitIndex, patient: patient ?? null, provider: provider ?? null, service: service ?? null,
      product: subtotal ? null : product ?? null, productKey: subtotal || !product ? null : products.of(product),
      lot: subtotal ? null : lot ?? null, lotKey: subtotal || !lot ? null : lots.of(lot),
      qty: qty ?? null, unit: unit ?? null, kind, price: price ?? null,
      location: location ?? null, locationKey: placeKey, to: to ?? null, toKey,
    };
    const at = rows.length;
    rows.push(draw);
    visitOf[at] = visitIndex;
    if (knownKind && !subtotal) repeats.check(draw, at);
    if (kind === "Visit" && visitIndex >= 0 && knownKind) {
      if (price === null) unpriced.push(draw);
      else priced[visitIndex] = 1;
    }
  });
  if (cols.visit < 0 && visitDraws > 0) {
    const tableErrors: Diagnostic[] = [...f.tableErrors, { table: "Draws", row: f.top, column: "Visit", ...coded({ code: "no-visit-column", visitDraws }) }];
    return { rows: [], tableErrors, columnNames: names, present: true };
  }
  return {
    rows, tableErrors: f.tableErrors, columnNames: names, present: true, visits: { ids: visitIds, byKey: visitByKey, unpriced, priced: cut(priced, visitIds.length) },
    visitOf: cut(visitOf, rows.length), located: cols.location >= 0, hasTo: cols.to >= 0,
  };
}

/** Parses the Counts table (header row first). */
export function parseCounts(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<CountRow> {
  const system = options.dateSystem ?? 1900;
  const f = frame("Counts", grid, COUNTS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: CountRow[] = [];
  const products = new KeyCache(productKey);
  eachRow("Counts", f, grid!, cols.lot, (r, row, subtotal) => {
    const d = readDate(get(r, cols.date), row, names.date, system, false);
    if (d === null) addIssue(row, names.date, { code: "blank-date", of: "Counts" });
    else if (d) textDateWarning(row, names.date, d);
    const product = textAt(r, cols.product, row, names.product);
    const lot = textAt(r, cols.lot, row, names.lot);
    lotNumberWarning(row, names.lot, get(r, cols.lot));
    if (lot === null) addIssue(row, names.lot, { code: "blank-lot", of: "Counts" });
    const counted = readQty(get(r, cols.counted), row, names.counted, "a number of units");
    if (counted === null) addIssue(row, names.counted, { code: "blank-counted" });
    else if (counted !== undefined && counted < 0) addIssue(row, names.counted, { code: "negative-count", counted });
    const timed = !!d && d.serial !== Math.floor(d.serial);
    const location = textAt(r, cols.location, row, names.location);
    if (subtotal) subtotalRow(subtotal, "Counts", cols.headerText, row);
    rows.push({
      row: row.row, issues: row.issues, usable: row.usable,
      time: d ? d.serial : null, timed,
      product: product ?? null, productKey: product ? products.of(product) : null,
      lot: lot ?? null, lotKey: lot ? lotKey(lot) : null,
      counted: counted ?? null,
      by: noteText(get(r, cols.by)),
      note: noteText(get(r, cols.note)),
      location: location ?? null,
      locationKey: locationKey(location),
    });
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true, located: cols.location >= 0 };
}

/** Parses the optional Products settings table (header row first). */
export function parseProducts(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<ProductRow> {
  const f = frame("Products", grid, PRODUCTS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: ProductRow[] = [];
  // Products has no Lot column, and so no totals rows.
  eachRow("Products", f, grid!, -1, (r, row) => {
    const product = textAt(r, cols.product, row, names.product);
    if (product === null) addIssue(row, names.product, { code: "blank-product", of: "Products" });
    const unit = textAt(r, cols.unit, row, names.unit);
    const vial = readQty(get(r, cols.vialSize), row, names.vialSize, "a number of units per vial");
    if (vial != null && vial <= 0) addIssue(row, names.vialSize, { code: "vial-size-not-positive" });
    const hours = readNumber(get(r, cols.useWithinHours), row, names.useWithinHours, "a number of hours");
    if (hours != null && hours <= 0) addIssue(row, names.useWithinHours, { code: "hours-not-positive" });
    const alertDays = readAlertDays(get(r, cols.alertDays), row, names.alertDays);
    const allowance = readAllowance(get(r, cols.lossAllowance), row, names.lossAllowance);
    const price = readMoney(get(r, cols.pricePerUnit), row, names.pricePerUnit);
    const gtin = textAt(r, cols.gtin, row, names.gtin);
    const leadDays = readDays(get(r, cols.leadDays), row, names.leadDays);
    const coverDays = readDays(get(r, cols.coverDays), row, names.coverDays);
    let pack = readQty(get(r, cols.packSize), row, names.packSize, "a number of units per pack");
    // No pack holds nothing: a 0 is an empty cell as older desktop builds pass it.
    if (pack === 0) pack = null;
    else if (pack != null && pack < 0) addIssue(row, names.packSize, { code: "negative-pack-size", pack });
    rows.push({
      row: row.row, issues: row.issues, usable: row.usable,
      product: product ?? null, productKey: product ? productKey(product) : null,
      unit: unit ?? null, vialSize: vial ?? null, useWithinHours: hours ?? null,
      alertDays: alertDays ?? DEFAULT_ALERT_DAYS, lossAllowancePpm: allowance ?? null,
      pricePerUnit: price ?? null, gtin: gtin ?? null,
      leadDays: leadDays ?? null, coverDays: coverDays ?? null, packSize: pack ?? null,
    });
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true };
}

/** A number of days (Lead Days, Cover Days): 0 or more. */
function readDays(cell: Cell, row: RowBase, col: string): number | null | undefined {
  const days = readNumber(cell, row, col, "a number of days");
  if (days != null && days < 0) {
    addIssue(row, col, { code: "negative-days", header: col, days });
    return undefined;
  }
  return days;
}

/** Alert thresholds when Products gives none: 90, 60 and 30 days before expiry. */
export const DEFAULT_ALERT_DAYS: readonly number[] = [90, 60, 30];

function readAlertDays(cell: Cell, row: RowBase, col: string): readonly number[] | null | undefined {
  if (isBlank(cell)) return null;
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell > 0) return [cell];
  } else if (typeof cell === "string" && !errorCell(cell, row, col)) {
    const parts = cell.split(/[,;\s]+/).filter((p) => p !== "");
    const days = parts.map((p) => Number(p));
    if (days.length > 0 && days.every((d) => Number.isInteger(d) && d > 0)) return [...new Set(days)].sort((a, b) => b - a);
  } else return undefined;
  addIssue(row, col, { code: "not-alert-days", shown: showCell(cell) });
  return undefined;
}

function readAllowance(cell: Cell, row: RowBase, col: string): number | null | undefined {
  if (isBlank(cell)) return null;
  let value: number | null | undefined;
  let percent = false;
  if (typeof cell === "string" && cell.trim().endsWith("%")) {
    percent = true;
    value = readNumber(cell.trim().slice(0, -1), row, col, "a percentage");
  } else value = readNumber(cell, row, col, "a percentage");
  if (value == null) return value;
  if (value < 0 || (value >= 100 && (percent || value >= 1))) {
    addIssue(row, col, { code: "loss-allowance-out-of-range", shown: showCell(cell) });
    return undefined;
  }
  // "5" and "5%" both mean 5 %; a value below 1 is already a fraction (Excel stores 5% as 0.05).
  const fraction = percent || value >= 1 ? value / 100 : value;
  return Math.round(fraction * 1_000_000);
}

