import type { DateSystem, Grid, TableName } from "../core";
import type { LedgerSource, TableChange } from "../live/source";
import { cellForExcel, columnLetter, gtinColumnFor, renamedHeader, rowsForHeader, WorkbookError, type CellValue, type Entry, type FormulaFormat, type GtinChange, type HeaderRename, type ListValidation, type SheetCell, type SheetLayout, type SheetStatus, type SheetWritten, type SpillChart, type TablePart, type TableRead, type TableSpec, type WorkbookPort } from "./port";

/** A table held in memory, laid out as on a sheet from A1. */
export interface MemoryTable {
  readonly name: string;
  readonly sheet: string;
  readonly header: string[];
  /**
   * The data rows. A row is never changed in place: an edit puts a changed copy in its place, so
   * the live ledger's reads share the rows rather than copy a quarter of a million of them.
   */
  readonly rows: (readonly CellValue[])[];
  readonly numberFormats: (string | null)[];
  readonly validations: ListValidation[];
  readonly conditionalFormats: FormulaFormat[];
}

/** The sheet Lotbook owns (the report) as it wrote it: its cells (formulas as written), number formats and charts. */
export interface MemoryReport {
  readonly sheet: string;
  readonly mark: string;
  readonly cells: readonly SheetCell[];
  readonly numberFormats: readonly { range: string; numberFormat: string }[];
  readonly charts: readonly SpillChart[];
}

/** A cell that Excel would have turned into a formula: kept visible, never evaluated. */
export const FORMULA = (text: string): string => `#FORMULA ${text}`;

/**
 * What Excel keeps of a value written as a person would type it: a leading apostrophe makes the
 * rest text; `=`, `+` and `-` would start a formula (recorded as such, so a test sees it).
 */
function asTyped(value: CellValue): CellValue {
  if (typeof value !== "string") return value;
  if (value.startsWith("'")) return value.slice(1);
  if (/^[=+\-@]/.test(value) && value.length > 1) return FORMULA(value);
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}

/**
 * The workbook port in memory, with Excel's behaviour where it matters to the pane: tables found
 * by name case-insensitively, appends all-or-none at the end, values kept as Excel would keep
 * them. Used by the component tests and the browser preview.
 */
export class MemoryWorkbook implements WorkbookPort, LedgerSource {
  readonly tables = new Map<string, MemoryTable>();
  /** Sheets that hold cells: a table's, or plain cells (in `plain`). */
  readonly sheets = new Set<string>();
  /** Cells of sheets that are not (yet) tables, from A1. */
  readonly plain = new Map<string, CellValue[][]>();
  selection: { sheet: string; address: string } | null = null;
  /** The report sheet Lotbook wrote (the mark a real workbook keeps as a named item). */
  report: MemoryReport | null = null;
  /** Workbook-level defined names and their formulas. */
  readonly names = new Map<string, string>();
  /** Sheets whose header row is frozen. */
  readonly frozen = new Set<string>();
  /** Makes the next action fail with this message, as Excel would refuse a request. */
  failNext: string | null = null;

  /** What the live ledger read: whole tables and row ranges, for the tests of what is re-read. */
  readonly reads: { table: TableName; first?: number; count?: number }[] = [];
  /** Makes the next read of the live ledger fail with this message (then read normally again). */
  failNextRead: string | null = null;
  private readonly watchers = new Set<(changes: readonly TableChange[]) => void>();

  constructor(private readonly system: DateSystem = 1900) {}

  /** A table with rows, as a person might have typed them. */
  static with(tables: Partial<Record<TableName, readonly (readonly CellValue[])[]>>, system: DateSystem = 1900): MemoryWorkbook {
    const wb = new MemoryWorkbook(system);
    for (const [name, grid] of Object.entries(tables)) {
      if (!grid) continue;
      const [header, ...rows] = grid;
      wb.sheets.add(name);
      wb.tables.set(name.toLowerCase(), {
        name, sheet: name, header: header.map(String), rows: rows.map((r) => [...r]),
        numberFormats: header.map(() => null), validations: [], conditionalFormats: [],
      });
    }
    return wb;
  }

  table(name: string): MemoryTable | undefined {
    return this.tables.get(name.toLowerCase());
  }

  async dateSystem(): Promise<DateSystem> {
    this.maybeFail();
    return this.system;
  }

  async readTables(names: readonly TableName[]): Promise<Partial<Record<TableName, TableRead | null>>> {
    this.maybeFail();
    const result: Partial<Record<TableName, TableRead | null>> = {};
    for (const name of names) {
      const t = this.table(name);
      result[name] = t
        ? { name: t.name, address: `${t.sheet}!A1:${columnLetter(t.header.length - 1)}${t.rows.length + 1}`, values: [[...t.header], ...t.rows.map((r) => [...r])] }
        : null;
    }
    return result;
  }

  async appendRows(table: TableName, entries: readonly Entry[]): Promise<void> {
    // As in Excel: no entries, no request (and no change to tell of).
    if (entries.length === 0) return;
    this.maybeFail("Nothing was written.");
    const t = this.table(table);
    if (!t) throw new WorkbookError(`This workbook has no ${table} table. Create it with Set up, then try again. Nothing was written.`);
    const rows = rowsForHeader(table, t.header, entries).map((row) => row.map((v) => asTyped(cellForExcel(v))));
    const first = t.rows.length;
    t.rows.push(...rows);
    this.emit([{ table: t.name as TableName, kind: "rows", first, count: rows.length }]);
  }

  // -------------------------------------------------------------------------------------------
  // The live ledger's source: the tables read by name, and a change event after each change.

  async readTable(table: TableName): Promise<Grid | null> {
    this.maybeFailRead();
    const t = this.table(table);
    this.reads.push({ table });
    // The rows themselves: none is ever changed in place (see `MemoryTable.rows`).
    return t ? [[...t.header], ...t.rows] : null;
  }

  async readRows(table: TableName, first: number, count: number): Promise<Grid> {
    this.maybeFailRead();
    const t = this.table(table);
    this.reads.push({ table, first, count });
    if (!t) throw new WorkbookError(`This workbook has no ${table} table any more.`);
    return t.rows.slice(first, first + count);
  }

  async watch(listener: (changes: readonly TableChange[]) => void): Promise<() => void> {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** A person edits one cell of a table's data row (0 = the first row below the header). */
  editCell(table: TableName, row: number, column: string, value: CellValue): void {
    const t = this.table(table);
    const at = t?.header.findIndex((h) => h.toLowerCase() === column.toLowerCase()) ?? -1;
    if (!t || at < 0 || row < 0 || row >= t.rows.length) throw new Error(`no cell ${table}[${column}] in data row ${row}`);
    t.rows[row] = withCell(t.rows[row], at, value);
    this.emit([{ table: t.name as TableName, kind: "rows", first: row, count: 1 }]);
  }

  /** A person sorts a table's rows: which rows changed cannot be told. */
  sortRows(table: TableName, compare: (a: readonly CellValue[], b: readonly CellValue[]) => number): void {
    const t = this.table(table);
    if (!t) throw new Error(`no table ${table}`);
    t.rows.sort(compare);
    this.emit([{ table: t.name as TableName, kind: "whole" }]);
  }

  /** A person deletes a table's data row. */
  deleteRow(table: TableName, row: number): void {
    const t = this.table(table);
    if (!t) throw new Error(`no table ${table}`);
    t.rows.splice(row, 1);
    this.emit([{ table: t.name as TableName, kind: "whole" }]);
  }

  protected emit(changes: readonly TableChange[]): void {
    for (const w of this.watchers) w(changes);
  }

  private maybeFailRead(): void {
    if (this.failNextRead === null) return;
    const message = this.failNextRead;
    this.failNextRead = null;
    throw new Error(message);
  }

  async createTable(spec: TableSpec): Promise<"created" | "exists"> {
    this.maybeFail();
    if (this.table(spec.name)) return "exists";
    const existing = [...this.sheets].find((s) => s.toLowerCase() === spec.name.toLowerCase());
    // As in Excel, an empty sheet of that name is built on; one holding cells (plain, a table's, the report) is refused.
    if (existing !== undefined && this.plain.get(existing)?.length !== 0) {
      throw new WorkbookError(`The sheet ${existing} already holds cells but no ${spec.name} table. Rename that sheet or clear it, then run Set up again.`);
    }
    const sheet = existing ?? spec.name;
    this.plain.delete(sheet);
    this.sheets.add(sheet);
    this.tables.set(spec.name.toLowerCase(), {
      name: spec.name,
      sheet,
      header: spec.columns.map((c) => c.name),
      rows: [],
      numberFormats: spec.columns.map((c) => c.numberFormat ?? null),
      validations: [...spec.validations],
      conditionalFormats: [...spec.conditionalFormats],
    });
    for (const n of spec.names ?? []) if (!this.names.has(n.name)) this.names.set(n.name, n.formula);
    this.frozen.add(sheet);
    this.emit([{ table: spec.name, kind: "whole" }]);
    return "created";
  }

  async tableGaps(spec: TableSpec): Promise<readonly TablePart[]> {
    this.maybeFail();
    const t = this.table(spec.name);
    if (!t) return [];
    const gaps: TablePart[] = [];
    if (t.validations.length < spec.validations.length) gaps.push("dropdowns");
    const named = (spec.names ?? []).every((n) => this.names.has(n.name));
    if (t.conditionalFormats.length < spec.conditionalFormats.length || !named) gaps.push("expiry highlighting");
    if (!this.frozen.has(t.sheet)) gaps.push("frozen header row");
    return gaps;
  }

  async completeTable(spec: TableSpec): Promise<readonly TablePart[]> {
    const gaps = await this.tableGaps(spec);
    const t = this.table(spec.name);
    if (!t) return [];
    // As in Excel: what a table has is kept, and only what it lacks is added after it.
    if (gaps.includes("dropdowns")) t.validations.push(...spec.validations.slice(t.validations.length));
    if (gaps.includes("expiry highlighting")) {
      for (const n of spec.names ?? []) if (!this.names.has(n.name)) this.names.set(n.name, n.formula);
      t.conditionalFormats.push(...spec.conditionalFormats.slice(t.conditionalFormats.length));
    }
    this.frozen.add(t.sheet);
    return gaps;
  }

  /** A sheet of plain cells from A1, as a person might have kept a ledger before Lotbook. */
  withSheet(name: string, grid: readonly (readonly CellValue[])[]): this {
    this.sheets.add(name);
    this.plain.set(name, grid.map((r) => [...r]));
    return this;
  }

  async readSheet(sheet: string): Promise<TableRead | null> {
    this.maybeFail();
    const name = [...this.plain.keys()].find((s) => s.toLowerCase() === sheet.trim().toLowerCase());
    const grid = name === undefined ? undefined : this.plain.get(name);
    if (name === undefined || !grid || grid.length === 0) return null;
    const width = Math.max(...grid.map((r) => r.length));
    return { name, address: `${name}!A1:${columnLetter(width - 1)}${grid.length}`, values: grid.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]) };
  }

  async adoptRange(address: string, name: TableName, renames: readonly HeaderRename[] = []): Promise<void> {
    this.maybeFail("Nothing was changed.");
    if (this.table(name)) throw new WorkbookError(`This workbook already has a ${name} table. Nothing was changed.`);
    const sheet = address.slice(0, address.lastIndexOf("!"));
    const grid = this.plain.get(sheet);
    if (!grid) throw new WorkbookError(`There is no sheet ${sheet} with cells to adopt. Nothing was changed.`);
    const [first, ...rows] = grid;
    const width = Math.max(...grid.map((r) => r.length));
    const header = renamedHeader([...first, ...Array<CellValue>(width - first.length).fill(null)], renames);
    this.plain.delete(sheet);
    this.tables.set(name.toLowerCase(), {
      name, sheet, header: header.map((h) => (h === null ? "" : String(h))), rows,
      numberFormats: header.map(() => null), validations: [], conditionalFormats: [],
    });
    this.emit([{ table: name, kind: "whole" }]);
  }

  async selectCell(table: string, row: number, column: number): Promise<void> {
    this.maybeFail();
    const t = this.table(table);
    if (!t) throw new WorkbookError(`This workbook has no ${table} table any more. Run Check again.`);
    this.selection = { sheet: t.sheet, address: `${columnLetter(Math.max(0, column))}${Math.max(1, row)}` };
  }

  async recordGtin(change: GtinChange): Promise<void> {
    this.maybeFail("Nothing was written.");
    const t = this.table("Products");
    if (!t) throw new WorkbookError("This workbook has no Products table. Create it with Set up, then try again. Nothing was written.");
    if (change.kind === "append") {
      gtinColumnFor(t.header, null, change);
      const first = t.rows.length;
      t.rows.push(...rowsForHeader("Products", t.header, [change.entry]).map((row) => row.map((v) => asTyped(cellForExcel(v)))));
      this.emit([{ table: "Products", kind: "rows", first, count: 1 }]);
      return;
    }
    const row = t.rows[change.row - 2] ?? null;
    const at = gtinColumnFor(t.header, row, change);
    t.rows[change.row - 2] = withCell(row!, at, asTyped(cellForExcel(change.value)));
    this.emit([{ table: "Products", kind: "rows", first: change.row - 2, count: 1 }]);
  }

  async sheetStatus(sheet: string, mark: string): Promise<SheetStatus> {
    this.maybeFail();
    return this.statusOf(sheet, mark);
  }

  async writeSheet(layout: SheetLayout): Promise<SheetWritten> {
    this.maybeFail("Nothing was changed.");
    const status = this.statusOf(layout.sheet, layout.mark);
    if (status === "other") throw new WorkbookError(layout.words.foreign);
    if (status === "missing") this.sheets.add(layout.sheet);
    // A refresh replaces everything: a refreshed sheet equals a fresh one.
    const sheet = this.report && status === "lotbook" ? this.report.sheet : layout.sheet;
    this.report = { sheet, mark: layout.mark, cells: [...layout.cells], numberFormats: [...layout.numberFormats], charts: [...layout.charts] };
    return { action: status === "missing" ? "created" : "refreshed", chartsSkipped: [] };
  }

  private statusOf(sheet: string, mark: string): SheetStatus {
    const existing = [...this.sheets].find((s) => s.toLowerCase() === sheet.toLowerCase());
    if (existing === undefined) return "missing";
    return this.report?.mark === mark && this.report.sheet.toLowerCase() === existing.toLowerCase() ? "lotbook" : "other";
  }

  private maybeFail(after?: string): void {
    if (this.failNext === null) return;
    const message = this.failNext;
    this.failNext = null;
    throw new WorkbookError(`Excel could not complete this (${message}).${after ? ` ${after}` : ""}`);
  }
}

/** A copy of a row with one cell changed (rows are never changed in place: see `MemoryTable.rows`). */
function withCell(row: readonly CellValue[], at: number, value: CellValue): CellValue[] {
  const next = row.slice();
  next[at] = value;
  return next;
}
