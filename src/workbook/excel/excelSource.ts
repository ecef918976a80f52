/// <reference types="office-js" />
// The live ledger's source over Office.js. What it relies on, from learn.microsoft.com (reference
// pages under javascript/api/excel/, guides under office/dev/add-ins/):
// - excel.tablecollection: getItem (ExcelApi 1.1) and getItemOrNullObject (1.4), by name or id;
//   onChanged (1.7), onAdded and onDeleted (1.9): events for every table of the workbook.
// - excel.tablechangedeventargs: tableId, changeType, address (1.7); `details` is left alone, as
//   it is only there for a single cell (github.com/OfficeDev/office-js issue 5308: undefined for a
//   paste of several cells).
// - excel.datachangetype: RangeEdited, RowInserted, RowDeleted, ColumnInserted, ColumnDeleted,
//   CellInserted, CellDeleted, Unknown.
// - excel.tableaddedeventargs (tableId) and excel.tabledeletedeventargs (tableId, tableName), 1.9.
// - excel.worksheetcollection onRowSorted and excel.worksheetrowsortedeventargs (worksheetId), 1.10.
// - excel.table: id (kept when the table is renamed), name, showHeaders, showTotals, getRange,
//   getDataBodyRange (1.1); excel.range: rowIndex, rowCount, columnCount, getRow (1.1),
//   getResizedRange (1.2); excel.worksheetcollection getItem by id and excel.worksheet tables
//   (1.1); excel.runoptions delayForCellEdit (its page names no requirement set; the workbook
//   port passes it already).
// - excel/excel-add-ins-events: handlers last until the add-in closes, and removing one needs the
//   RequestContext it was added in.
// - excel/excel-add-ins-ranges-large and concepts/resource-limits-and-performance-optimization:
//   read large ranges in parts; 5 MB a request.
// - javascript/api/requirement-sets/excel/excel-api-requirement-sets: all of the above is in
//   ExcelApi 1.10 or earlier, under the manifest's 1.12: Excel 2021 (1.14), the web and Mac.
// OfficeDev/office-js issue 728: a fill that extends a table sends RowInserted naming the rows it
// copied from, not the new ones; such an event is read whole here, as a row inserted mid-table is.
import type { DateSystem, Grid, TableName } from "../../core";
import type { LedgerSource, TableChange } from "../../live/source";
import { WorkbookError } from "../port";
import { ExcelWorkbook, loadValues, runExcel, type ExcelHost, type ExcelOptions } from "./excelWorkbook";

const LEDGER_TABLES: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];

/** Reads change nothing, so they are no undo step; they wait for a cell edit to end. */
const READ: Excel.RunOptions = { delayForCellEdit: true };

type Listener = (changes: readonly TableChange[]) => void;

/** Where a table's data rows lie now: the sheet row (from 1) of the first, and how many. */
interface Body {
  readonly name: string;
  readonly top: number;
  readonly rows: number;
}

/** The ledger table a workbook table's name stands for (names match without regard to case). */
function ledgerName(name: string | undefined): TableName | null {
  const lower = name?.toLowerCase();
  return LEDGER_TABLES.find((t) => t.toLowerCase() === lower) ?? null;
}

function whole(table: TableName): TableChange {
  return { table, kind: "whole" };
}

/** `whole` for a table name when it is a ledger table; for every ledger table when it is unknown. */
function wholeFor(name: string | undefined): TableChange[] {
  if (name === undefined) return LEDGER_TABLES.map(whole);
  const table = ledgerName(name);
  return table ? [whole(table)] : [];
}

/**
 * The sheet rows, first and last, of each area of an address; null when an area names no rows.
 * @example rowSpans("Draws!C5:D6") // [[5, 6]]
 * @example rowSpans("A2:G2,A9:G9") // [[2, 2], [9, 9]]
 */
export function rowSpans(address: string): [number, number][] | null {
  const spans: [number, number][] = [];
  for (const area of address.split(",")) {
    const m = /^\$?[A-Z]{0,3}\$?(\d+)(?::\$?[A-Z]{0,3}\$?(\d+))?$/i.exec(area.slice(area.lastIndexOf("!") + 1).trim());
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    spans.push([Math.min(a, b), Math.max(a, b)]);
  }
  return spans;
}

/**
 * What one table-changed event says of a ledger table, given where its data rows lie now: an
 * edit inside the data rows, or rows added at its end, name their rows; anything else (a header
 * or totals edit, a row inserted mid-table, a deletion, columns, cells shifted, Unknown, an
 * address that cannot be read) is the whole table.
 */
export function changesOf(table: TableName, changeType: string | undefined, address: string | undefined, body: Pick<Body, "top" | "rows">): TableChange[] {
  const spans = address ? rowSpans(address) : null;
  if (!spans) return [whole(table)];
  const last = body.top + body.rows - 1;
  const rows = ([a, b]: [number, number]): TableChange => ({ table, kind: "rows", first: a - body.top, count: b - a + 1 });
  if (changeType === "RangeEdited" && spans.every(([a, b]) => a >= body.top && b <= last)) return spans.map(rows);
  // Rows that end where the table now ends were added at its end; anywhere else they moved rows down.
  if (changeType === "RowInserted" && spans.length === 1 && spans[0][0] >= body.top && spans[0][1] === last) return [rows(spans[0])];
  return [whole(table)];
}

/**
 * The four ledger tables as Excel holds them, read in chunks under Excel's 5 MB request limit,
 * and their changes as Excel's events tell them. Each event is translated against the table's
 * position at that moment (one small request), not a remembered one: rows inserted above a table
 * move it without any table event. Events are translated one at a time, in the order they came.
 * A renamed table sends no event: the rename is noticed at the table's next change (its id stays,
 * its name differs) and both names are read whole; until then the old name's rows stand.
 * @example const source = new ExcelSource(officeHost()); const draws = await source.readTable("Draws");
 */
export class ExcelSource implements LedgerSource {
  private readonly cellsPerRequest: number;
  private readonly retryDelays: readonly number[];
  private readonly workbook: ExcelWorkbook;
  private system: Promise<DateSystem> | null = null;
  private registered: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();
  /** Each table's name as last seen, by id: how a rename shows. */
  private readonly names = new Map<string, string>();
  /** The events being translated, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ExcelHost,
    options: Pick<ExcelOptions, "cellsPerRequest" | "cellEditRetryDelays"> = {},
  ) {
    this.cellsPerRequest = options.cellsPerRequest ?? 40_000;
    this.retryDelays = options.cellEditRetryDelays ?? [250, 500, 1000, 2000];
    this.workbook = new ExcelWorkbook(host, options);
  }

  dateSystem(): Promise<DateSystem> {
    // Asked again only after a failure.
    this.system ??= this.workbook.dateSystem().catch((e: unknown) => {
      this.system = null;
      throw e;
    });
    return this.system;
  }

  /** The header row and the data rows; a totals row is a sum of the rows, not an entry, and is left out. */
  async readTable(table: TableName): Promise<Grid | null> {
    return runExcel(this.host, READ, this.retryDelays, async (context) => {
      const found = context.workbook.tables.getItemOrNullObject(table).load("id,name,showHeaders,showTotals");
      await context.sync();
      if (found.isNullObject) return null;
      if (!found.showHeaders) {
        throw new WorkbookError(`The ${found.name} table's header row is hidden. Show it (Table Design, Header Row) so Lotbook can tell its columns.`);
      }
      this.names.set(found.id, found.name);
      const range = found.getRange().load("rowCount,columnCount");
      await context.sync();
      const rows = { rowCount: range.rowCount - (found.showTotals ? 1 : 0), columnCount: range.columnCount, getRow: (r: number) => range.getRow(r) };
      const [values] = await loadValues(context, [rows], this.cellsPerRequest);
      return values;
    });
  }

  /** Rows past the table's end are not there to read: fewer rows come back (none past it). */
  async readRows(table: TableName, first: number, count: number): Promise<Grid> {
    if (count <= 0 || first < 0) return [];
    return runExcel(this.host, READ, this.retryDelays, async (context) => {
      const body = context.workbook.tables.getItem(table).getDataBodyRange().load("rowCount,columnCount");
      await context.sync();
      const n = Math.min(count, body.rowCount - first);
      if (n <= 0) return [];
      const rows = { rowCount: n, columnCount: body.columnCount, getRow: (r: number) => body.getRow(first + r) };
      const [values] = await loadValues(context, [rows], this.cellsPerRequest);
      return values;
    }, { notFound: `This workbook has no ${table} table any more.` });
  }

  /**
   * Excel's handlers are added once and stay while the pane is open: removing one needs the
   * request context it was added in, and a listener gone only stops being called.
   */
  async watch(listener: (changes: readonly TableChange[]) => void): Promise<() => void> {
    // A function of its own, so that stopping this watch leaves another of the same listener.
    const own: Listener = (changes) => listener(changes);
    this.listeners.add(own);
    try {
      await (this.registered ??= this.register());
    } catch (e) {
      this.listeners.delete(own);
      this.registered = null;
      throw e;
    }
    return () => {
      this.listeners.delete(own);
    };
  }

  private async register(): Promise<void> {
    await runExcel(this.host, READ, this.retryDelays, async (context) => {
      const tables = context.workbook.tables;
      tables.onChanged.add((e) => this.heard(() => this.tableChanged(e), () => wholeFor(this.names.get(e.tableId))));
      tables.onAdded.add((e) => this.heard(() => this.tableAdded(e), () => wholeFor(this.names.get(e.tableId))));
      tables.onDeleted.add((e) => this.heard(async () => this.tableDeleted(e), () => wholeFor(e.tableName || undefined)));
      context.workbook.worksheets.onRowSorted.add((e) => this.heard(() => this.rowsSorted(e), () => wholeFor(undefined)));
      await context.sync();
    }, { failed: "Lotbook will not see the tables change until the pane is opened again." });
  }

  /**
   * Translates one event after those before it and hands its changes to the listeners; when the
   * translation fails, `fallback` says which tables to read whole, so no event is lost.
   */
  private heard(translate: () => Promise<TableChange[]>, fallback: () => TableChange[]): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.listeners.size === 0) return;
      let changes: TableChange[];
      try {
        changes = await translate();
      } catch {
        changes = fallback();
      }
      if (changes.length === 0) return;
      for (const listener of [...this.listeners]) listener(changes);
    });
    // A listener that throws fails its own event only.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async tableChanged(e: Excel.TableChangedEventArgs): Promise<TableChange[]> {
    if (!e.tableId) return wholeFor(undefined);
    const before = this.names.get(e.tableId);
    const body = await this.bodyOf(e.tableId);
    if (!body) {
      this.names.delete(e.tableId);
      return before === undefined ? [] : wholeFor(before);
    }
    this.names.set(e.tableId, body.name);
    if (before !== undefined && before.toLowerCase() !== body.name.toLowerCase()) return [...wholeFor(before), ...wholeFor(body.name)];
    const table = ledgerName(body.name);
    return table ? changesOf(table, e.changeType, e.address, body) : [];
  }

  private async tableAdded(e: Excel.TableAddedEventArgs): Promise<TableChange[]> {
    if (!e.tableId) return wholeFor(undefined);
    const name = await runExcel(this.host, READ, this.retryDelays, async (context) => {
      const added = context.workbook.tables.getItemOrNullObject(e.tableId).load("name");
      await context.sync();
      return added.isNullObject ? null : added.name;
    });
    if (name === null) return [];
    this.names.set(e.tableId, name);
    return wholeFor(name);
  }

  /** The event names the table: nothing to ask Excel. */
  private tableDeleted(e: Excel.TableDeletedEventArgs): TableChange[] {
    const name = e.tableName || (e.tableId ? this.names.get(e.tableId) : undefined);
    if (e.tableId) this.names.delete(e.tableId);
    return wholeFor(name);
  }

  /** Every ledger table on the sorted sheet is read whole (the event's address names only rows that moved). */
  private async rowsSorted(e: Excel.WorksheetRowSortedEventArgs): Promise<TableChange[]> {
    if (!e.worksheetId) return wholeFor(undefined);
    const names = await runExcel(this.host, READ, this.retryDelays, async (context) => {
      const tables = context.workbook.worksheets.getItem(e.worksheetId).tables.load("items/name");
      await context.sync();
      return tables.items.map((t) => t.name);
    });
    return names.flatMap((n) => wholeFor(n));
  }

  /** A table's name and where its data rows lie now, by id; null when it is gone. */
  private async bodyOf(id: string): Promise<Body | null> {
    return runExcel(this.host, READ, this.retryDelays, async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(id).load("name");
      await context.sync();
      if (table.isNullObject) return null;
      const body = table.getDataBodyRange().load("rowIndex,rowCount");
      await context.sync();
      return { name: table.name, top: body.rowIndex + 1, rows: body.rowCount };
    });
  }
}
