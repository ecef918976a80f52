import { mapColumns, normalizeHeader, productKey, SCHEMAS, type DateSystem, type TableName } from "../core";

/** A value as a worksheet cell holds it: text, number, boolean or empty. */
export type CellValue = string | number | boolean | null;

/** One new ledger row, by the column names Set up writes (`Product`, `Lot`, `Qty`, …). */
export type Entry = Readonly<Record<string, CellValue | undefined>>;

/** A ledger table as read: its values with the header row first, and where it sits. */
export interface TableRead {
  readonly name: string;
  /** The sheet and range of the whole table, header included, e.g. `Lots!A1:J40`. */
  readonly address: string;
  readonly values: readonly (readonly CellValue[])[];
}

/** A conditional format with a formula, relative to the first cell of `range`. */
export interface FormulaFormat {
  /** Range on the table's sheet, e.g. `C2:C10000`. */
  readonly range: string;
  /** An Excel formula without the leading `=`, e.g. `AND(ISNUMBER($C2),$C2<TODAY())`. */
  readonly formula: string;
  readonly fill: string;
  readonly fontColor?: string;
}

/** A dropdown on a range: a list formula (`INDIRECT("Products[Product]")`) or fixed choices. */
export interface ListValidation {
  readonly range: string;
  readonly source: { readonly formula: string } | { readonly choices: readonly string[] };
  /** `stop` refuses other values; `warning` lets the user keep one (a new product, say). */
  readonly style: "stop" | "warning";
  readonly message: string;
}

/** A workbook-level defined name: a formula (without the leading `=`) its rules refer to. */
export interface DefinedName {
  readonly name: string;
  readonly formula: string;
}

/** What Set up creates: a table named like its sheet, header in row 1 from column A. */
export interface TableSpec {
  readonly name: TableName;
  readonly columns: readonly { readonly name: string; readonly numberFormat?: string }[];
  readonly validations: readonly ListValidation[];
  readonly conditionalFormats: readonly FormulaFormat[];
  /** Defined names the conditional formats read, made before them where the workbook lacks them. */
  readonly names?: readonly DefinedName[];
}

/** A part of a table Set up makes besides its cells, which a half-made table may lack. */
export type TablePart = "dropdowns" | "expiry highlighting" | "frozen header row";

/**
 * Everything the task pane does to a workbook. Two implementations keep the same behaviour:
 * `excel/` (Office.js, the only code that calls `Excel.run`) and `memory.ts` (tests, preview).
 * Failures are thrown as `WorkbookError`, whose message is written for the person at the pane.
 * Nothing here modifies or deletes an existing row.
 */
export interface WorkbookPort {
  /** The workbook's date system: serial numbers mean different days in 1900 and 1904 workbooks. */
  dateSystem(): Promise<DateSystem>;
  /** The named tables with their values; a table the workbook lacks is `null`. */
  readTables(names: readonly TableName[]): Promise<Readonly<Partial<Record<TableName, TableRead | null>>>>;
  /** Appends the entries as new rows at the end of the table, all or none. */
  appendRows(table: TableName, entries: readonly Entry[]): Promise<void>;
  /** Creates the table on a sheet of its name; `exists` (and nothing changed) when it is there. */
  createTable(spec: TableSpec): Promise<"created" | "exists">;
  /**
   * What a table that is there lacks of what Set up gives it (a Set up that failed part-way:
   * Excel keeps what came before the failing operation); none when complete or not there.
   */
  tableGaps(spec: TableSpec): Promise<readonly TablePart[]>;
  /** Adds what `tableGaps` finds missing, and returns it; no cell of the table is written. */
  completeTable(spec: TableSpec): Promise<readonly TablePart[]>;
  /** The used cells of a sheet, header first, to adopt as a ledger; null when the sheet is missing or empty. */
  readSheet(sheet: string): Promise<TableRead | null>;
  /**
   * Makes a plain range (an address from `readSheet`) into a table named `name`, keeping every
   * cell, after renaming the header cells in `renames` (the only cells it writes): all or nothing.
   */
  adoptRange(address: string, name: TableName, renames?: readonly HeaderRename[]): Promise<void>;
  /** Selects one cell of a table: `row` counts the header as 1, `column` from 0. */
  selectCell(table: string, row: number, column: number): Promise<void>;
  /** Whether the sheet is missing, is the one Lotbook wrote (`mark` points at it), or is someone else's. */
  sheetStatus(sheet: string, mark: string): Promise<SheetStatus>;
  /**
   * Writes a sheet Lotbook owns (the report) on a new sheet, or clears and rewrites the one its
   * mark points at (its cells and Lotbook's charts); a sheet of that name Lotbook did not make is
   * refused untouched.
   */
  writeSheet(layout: SheetLayout): Promise<SheetWritten>;
  /**
   * Records a barcode's GTIN in the Products table: the one change Lotbook makes to a row it did
   * not just add, and only to its GTIN cell. The row is read again in the same request and the
   * cell written only if it still holds what the pane showed (compare-and-set); otherwise, or
   * when Products has no GTIN column, nothing is written.
   */
  recordGtin(change: GtinChange): Promise<void>;
}

export type SheetStatus = "missing" | "lotbook" | "other";

/** What the pane says when Excel could not keep an action as one undo step. */
export const SEVERAL_UNDO_STEPS = "Excel could not record this as one step, so Undo (Ctrl+Z) takes it back a part at a time.";

export interface SheetWritten {
  readonly action: "created" | "refreshed";
  /** Titles of charts not drawn because their spill had no figures to draw yet (still calculating, or an error). */
  readonly chartsSkipped: readonly string[];
  /**
   * Whether Undo takes the sheet back in one step; "several steps" where Excel refused it as one
   * undo group (UndoNotSupported) and it was written again without one. Absent where not known.
   */
  readonly undo?: "one step" | "several steps";
}

/** A cell of a sheet Lotbook writes: text, or a formula starting with `=`. */
export interface SheetCell {
  readonly address: string;
  readonly value: string;
  readonly bold?: boolean;
}

/** A native chart over the spill of one formula: its header row names the series, the rows below are the figures. */
export interface SpillChart {
  readonly title: string;
  readonly type: "ColumnClustered" | "BarClustered";
  /** The cell holding the spilling formula, e.g. `A24`. */
  readonly anchor: string;
  /** The spill's column (from 0) holding the categories. */
  readonly categories: number;
  /** The spill's columns (from 0) drawn as series, each with its heading. */
  readonly series: readonly { readonly column: number; readonly name: string }[];
  /** Top-left and bottom-right cells the chart covers, e.g. `A4` and `H21`. */
  readonly from: string;
  readonly to: string;
}

/**
 * A sheet Lotbook writes whole and keeps as its own: the report feature lays it out
 * (`taskpane/report/writeReport.ts`), the workbook writes it. `mark`, a workbook-level name
 * pointing at its first cell, says the sheet is Lotbook's and follows it when renamed.
 */
export interface SheetLayout {
  readonly sheet: string;
  readonly mark: string;
  /** Lotbook's charts are named with this prefix, so a rewrite removes only those. */
  readonly chartPrefix: string;
  /** Cells to write, the title in the first. */
  readonly cells: readonly SheetCell[];
  /** The cell written large (the title). */
  readonly titleCell: string;
  readonly numberFormats: readonly { readonly range: string; readonly numberFormat: string }[];
  /** The spills' header rows, made bold and wide: the anchor cell and how many columns. */
  readonly headers: readonly { readonly anchor: string; readonly columns: number }[];
  readonly charts: readonly SpillChart[];
  /** What to tell the user, in the words of the feature that owns the sheet. */
  readonly words: {
    /** A sheet of that name is someone else's. */
    readonly foreign: string;
    /** This Excel cannot spill formulas. */
    readonly unsupported: string;
    /** A rewrite failed part-way and the sheet may be incomplete. */
    readonly incomplete: string;
  };
}

/** Where a GTIN goes in the Products table (see `WorkbookPort.recordGtin`). */
export type GtinChange =
  /** `value` into the GTIN cell of Products row `row` (header = 1), which must still name `product` and hold `expected`. */
  | { readonly kind: "cell"; readonly row: number; readonly product: string; readonly expected: CellValue; readonly value: string }
  /** A new Products row: Product and GTIN, and Unit where known. */
  | { readonly kind: "append"; readonly entry: Entry };

/** A header cell of a range to adopt, to be renamed to a Lotbook column before it becomes a table. */
export interface HeaderRename {
  /** The cell's column within the range, from 0. */
  readonly column: number;
  /** What the cell says now (the rename is refused if that changed since it was read). */
  readonly from: string;
  readonly to: string;
}

/** The top-left cell of a range's address: `'Lot log'!B3:F9` starts at column 1, row 3. */
export function rangeStart(address: string): { column: number; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)/i.exec(address.slice(address.lastIndexOf("!") + 1));
  if (!m) return { column: 0, row: 1 };
  const column = [...m[1].toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return { column, row: Number(m[2]) };
}

/** A header cell's text as the user sees it: blank for empty. */
export function headerText(cell: CellValue | undefined): string {
  return cell === null || cell === undefined ? "" : String(cell).trim();
}

/**
 * The header row after `renames`, checked so that nothing unexpected is overwritten: each cell
 * still says what it said when read, each is renamed once, to a name no other header has.
 * @example renamedHeader(["Item", "Batch No."], [{ column: 1, from: "Batch No.", to: "Lot" }]) // ["Item", "Lot"]
 */
export function renamedHeader(header: readonly CellValue[], renames: readonly HeaderRename[]): CellValue[] {
  const out = [...header];
  const seen = new Set<number>();
  for (const r of renames) {
    if (!Number.isInteger(r.column) || r.column < 0 || r.column >= header.length || seen.has(r.column) || r.to.trim() === "") {
      throw new Error(`a header rename does not fit the range (column ${r.column})`);
    }
    seen.add(r.column);
    if (headerText(header[r.column]) !== r.from.trim()) {
      throw new WorkbookError(`The header "${r.from}" now reads "${headerText(header[r.column])}": the sheet changed since Lotbook looked at it. Look at the sheet again. Nothing was changed.`);
    }
    out[r.column] = r.to;
  }
  const names = out.map((h) => headerText(h).toLowerCase());
  const twice = names.find((n, i) => n !== "" && names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new WorkbookError(`Two header cells would both read "${headerText(out[names.indexOf(twice)])}"; a table needs different headers. Choose again. Nothing was changed.`);
  }
  return out;
}

/** A failure to show the user as is. */
export class WorkbookError extends Error {
  override readonly name = "WorkbookError";
}

/** The message to show for anything thrown by a workbook action. */
export function failureMessage(e: unknown): string {
  if (e instanceof WorkbookError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `Something went wrong: ${message || "unknown error"}.`;
}

/**
 * Text that Excel would not keep as typed — a formula (`=`, `+`, `-`, `@`), a number (`012345`
 * loses its zero), a date or TRUE/FALSE — gets the leading apostrophe a person would type:
 * Excel stores the rest as text and shows no apostrophe.
 * @example cellForExcel("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 */
export function cellForExcel(value: CellValue): CellValue {
  if (typeof value !== "string") return value;
  if (/^[=+\-@']/.test(value) || /^\s*[\d.$(]/.test(value) || /^\s*(true|false)\s*$/i.test(value)) return `'${value}`;
  return value;
}

/**
 * The entries as rows in the order of the table's header, found by header name as the engine
 * finds them (any order, aliases). A value for a column the table lacks is refused, never dropped.
 * @example rowsForHeader("Counts", ["Lot", "Counted", "Date"], [{ Date: 46000, Lot: "A1", Counted: 3 }]) // [["A1", 3, 46000]]
 */
export function rowsForHeader(table: TableName, header: readonly CellValue[], entries: readonly Entry[]): CellValue[][] {
  const schema = SCHEMAS[table];
  const columns = mapColumns(header, schema) as unknown as Record<string, number>;
  const positionOf = new Map<string, number>();
  for (const [key, spec] of Object.entries(schema)) positionOf.set(spec.name, columns[key]);
  return entries.map((entry) => {
    const row: CellValue[] = header.map(() => null);
    for (const [name, value] of Object.entries(entry)) {
      if (value === undefined || value === null || value === "") continue;
      const at = positionOf.get(name);
      if (at === undefined) throw new Error(`${table} has no column called ${name} in Lotbook's schema`);
      if (at < 0) throw new WorkbookError(`The ${table} table has no ${name} column. Add a column headed ${name}, then try again.`);
      row[at] = value;
    }
    return row;
  });
}

/**
 * Where a diagnostic's column sits in a header: the header as written, else the column the
 * engine reads under that name (an alias such as `Lot #`); −1 when absent.
 * @example columnIndex("Lots", ["Item", "Lot #"], "Lot") // 1
 */
export function columnIndex(table: TableName, header: readonly CellValue[], column: string): number {
  const wanted = normalizeHeader(column);
  const exact = header.findIndex((h) => typeof h === "string" && normalizeHeader(h) === wanted);
  if (exact >= 0 || !wanted) return exact;
  const schema = SCHEMAS[table];
  const key = Object.keys(schema).find((k) => normalizeHeader(schema[k].name) === wanted || schema[k].aliases.includes(wanted));
  if (key === undefined) return -1;
  return (mapColumns(header, schema) as unknown as Record<string, number>)[key];
}

/** The same cell content for a person: blanks alike, stray spaces ignored. */
function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : String(v).trim());
  return text(a) === text(b);
}

/**
 * Where the GTIN goes in a Products header, once the change is known to be safe: for a `cell`
 * change, `row` (that row's cells as just read) must still name the product and hold the
 * expected GTIN cell. Throws a `WorkbookError` saying what changed otherwise.
 * @example gtinColumnFor(["Product", "GTIN"], ["Botox 100U", null], { kind: "cell", row: 2, product: "Botox 100U", expected: null, value: "00312345678906" }) // 1
 */
export function gtinColumnFor(header: readonly CellValue[], row: readonly CellValue[] | null, change: GtinChange): number {
  const at = columnIndex("Products", header, "GTIN");
  if (at < 0) throw new WorkbookError("The Products table has no GTIN column. Add a column headed GTIN to the Products table, then scan again. Nothing was written.");
  if (change.kind === "append") return at;
  const productAt = columnIndex("Products", header, "Product");
  const named = productAt >= 0 ? row?.[productAt] : null;
  if (typeof named !== "string" || productKey(named) !== productKey(change.product)) {
    throw new WorkbookError(`Products row ${change.row} no longer lists ${change.product}: the table changed since Lotbook read it. Nothing was written; scan again.`);
  }
  if (!sameCell(row?.[at], change.expected)) {
    throw new WorkbookError(`The GTIN cell of Products row ${change.row} (${change.product}) changed since Lotbook read it. Nothing was written; scan again.`);
  }
  return at;
}

export { columnLetter } from "../core/address";
