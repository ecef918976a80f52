/// <reference types="office-js" />
import type { DateSystem, TableName } from "../../core";
import { sheetStatusIn, writeSheetWith } from "./excelSheet";
import { cellForExcel, columnLetter, gtinColumnFor, renamedHeader, rowsForHeader, WorkbookError, type CellValue, type Entry, type GtinChange, type HeaderRename, type SheetLayout, type SheetStatus, type SheetWritten, type TablePart, type TableRead, type TableSpec, type WorkbookPort } from "../port";

/** What the adapter needs from Office: `Excel.run`, the requirement sets, a timer. */
export interface ExcelHost {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Whether the ExcelApi requirement set `version` (e.g. "1.16") is available. */
  supports(version: string): boolean;
  wait(ms: number): Promise<void>;
}

export interface ExcelOptions {
  /**
   * Cells per request. Excel refuses a request or response over 5 MB; 40,000 cells leave over
   * 100 bytes a cell (long notes included) under it.
   */
  readonly cellsPerRequest?: number;
  /** Waits before retrying while the user is editing a cell (Script Lab does the same). */
  readonly cellEditRetryDelays?: readonly number[];
  /**
   * Waits for the report's formulas to spill before drawing charts over them: custom functions
   * calculate after the request that writes them, so a new formula first shows #BUSY!.
   */
  readonly spillWaits?: readonly number[];
}

const CELL_EDIT = "InvalidOperationInCellEditMode";
/**
 * Thrown by a request inside `mergeUndoGroup` that calls an API without undo support
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities: "If an API within
 * the group doesn't offer undo support, the UndoNotSupported error is thrown"; its table lists,
 * among others, NamedItem.comment as unsupported on the web and Worksheet.delete everywhere).
 */
const UNDO_NOT_SUPPORTED = "UndoNotSupported";
/**
 * Office's error code for a request over its 5 MB payload limit
 * (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization,
 * "Excel add-ins": a payload limit for requests and responses of 5 MB; and the error names of
 * javascript/api/excel/excel.errorcodes: requestPayloadSizeLimitExceeded).
 */
const PAYLOAD_TOO_LARGE = "RequestPayloadSizeLimitExceeded";


/** The running Office host. */
export function officeHost(): ExcelHost {
  return {
    run: (options, batch) => Excel.run(options, batch),
    supports: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export function codeOf(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

/** What a chunked read needs of a range: its size (loaded, or known beforehand) and its rows. */
export type RowsOf = Pick<Excel.Range, "rowCount" | "columnCount" | "getRow">;

/** The values of each range, in requests of at most `cellsPerRequest` cells (one sync each). */
export async function loadValues(context: Excel.RequestContext, ranges: readonly (RowsOf | null)[], cellsPerRequest: number): Promise<CellValue[][][]> {
  const pieces: { at: number; range: Excel.Range }[] = [];
  const batches: (typeof pieces)[] = [];
  let cells = 0;
  ranges.forEach((range, at) => {
    if (!range) return;
    const rowsPerPiece = Math.max(1, Math.floor(cellsPerRequest / Math.max(1, range.columnCount)));
    for (let start = 0; start < range.rowCount; start += rowsPerPiece) {
      const count = Math.min(rowsPerPiece, range.rowCount - start);
      if (cells + count * range.columnCount > cellsPerRequest && pieces.length > 0) {
        batches.push(pieces.splice(0));
        cells = 0;
      }
      pieces.push({ at, range: range.getRow(start).getResizedRange(count - 1, 0) });
      cells += count * range.columnCount;
    }
  });
  if (pieces.length > 0) batches.push(pieces.splice(0));

  const values: CellValue[][][] = ranges.map(() => []);
  for (const batch of batches) {
    for (const piece of batch) piece.range.load("values");
    // One request per chunk is the point: each stays under the 5 MB limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const piece of batch) values[piece.at].push(...(piece.range.values as CellValue[][]));
  }
  return values;
}

/** What to say when an action fails: where a table is missing, and what became of the workbook. */
export interface Say {
  readonly notFound?: string;
  readonly failed?: string;
}

/**
 * How an action may be run again after Excel refused it as one undo step: `rerun` for one that is
 * safe to run again whatever it wrote before failing (it reads the workbook again and does only
 * what is still missing), `once` for one that is not, which then fails with a message saying so.
 */
export type Rerun = "rerun" | "once";

/** Excel refused a request over its size limit: the caller sends smaller ones. */
export class PayloadTooLarge extends Error {
  override readonly name = "PayloadTooLarge";
}

/**
 * Excel.run with cell-edit retries; any failure leaves as a WorkbookError with a message. A run
 * in one undo group that Excel refuses with UndoNotSupported is run once more without the group
 * when `rerun` allows, and `onSeparateSteps` is told; a request over the size limit leaves as
 * `PayloadTooLarge`, for the caller to send in smaller parts.
 */
export async function runExcel<T>(
  host: ExcelHost,
  options: Excel.RunOptions,
  retryDelays: readonly number[],
  batch: (context: Excel.RequestContext) => Promise<T>,
  say: Say = {},
  rerun: Rerun = "once",
  onSeparateSteps: () => Promise<void> | void = () => undefined,
): Promise<T> {
  let run = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await host.run(run, batch);
    } catch (e) {
      if (e instanceof WorkbookError || e instanceof PayloadTooLarge) throw e;
      const code = codeOf(e);
      if (code === CELL_EDIT) {
        if (attempt < retryDelays.length) {
          await host.wait(retryDelays[attempt]);
          continue;
        }
        throw new WorkbookError(`Excel is busy while a cell is being edited. Press Enter or Esc in the sheet, then try again.${say.failed ? ` ${say.failed}` : ""}`);
      }
      if (code === UNDO_NOT_SUPPORTED && run.mergeUndoGroup) {
        if (rerun === "rerun") {
          run = { ...run, mergeUndoGroup: false };
          await onSeparateSteps();
          continue;
        }
        throw new WorkbookError("Excel could not record this as one undo step, and part of it may have been done. Look at the sheet before trying again.");
      }
      if (code === PAYLOAD_TOO_LARGE) throw new PayloadTooLarge(e instanceof Error ? e.message : PAYLOAD_TOO_LARGE);
      if (code === "ItemNotFound" && say.notFound) throw new WorkbookError(say.notFound);
      const message = e instanceof Error && e.message ? e.message : "unknown error";
      throw new WorkbookError(`Excel could not complete this (${message}).${say.failed ? ` ${say.failed}` : ""}`);
    }
  }
}

/** A defined name a spec needs and what the workbook holds under it. */
interface NameCheck {
  readonly name: { readonly name: string; readonly formula: string };
  readonly item: Excel.NamedItem;
}

/** Dropdowns on the spec's ranges (only `only`'s, when given). */
function addValidations(sheet: Excel.Worksheet, spec: TableSpec, only?: readonly string[]): void {
  for (const v of spec.validations) {
    if (only && !only.includes(v.range)) continue;
    const range = sheet.getRange(v.range);
    range.dataValidation.rule = { list: { inCellDropDown: true, source: "formula" in v.source ? `=${v.source.formula}` : v.source.choices.join(",") } };
    range.dataValidation.errorAlert = { showAlert: true, style: v.style === "stop" ? "Stop" : "Warning", title: "Lotbook", message: v.message };
  }
}

/**
 * The names the workbook lacks (checked at the last sync), before the rules that read them;
 * NamedItemCollection.add(name, reference) takes a formula as the reference (ExcelApi 1.4). No
 * comment: NamedItem.comment has no undo support on the web.
 */
function addNames(context: Excel.RequestContext, names: readonly NameCheck[]): void {
  for (const n of names) if (n.item.isNullObject) context.workbook.names.add(n.name.name, `=${n.name.formula}`);
}

/** The spec's conditional formats from the `from`th on, each at its priority. */
function addHighlighting(sheet: Excel.Worksheet, spec: TableSpec, from: number): void {
  spec.conditionalFormats.forEach((f, i) => {
    if (i < from) return;
    const format = sheet.getRange(f.range).conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${f.formula}`;
    format.custom.format.fill.color = f.fill;
    if (f.fontColor) format.custom.format.font.color = f.fontColor;
    format.stopIfTrue = true;
    // Last: once its priority changes, this object no longer points at the format (Excel needs a fresh copy).
    format.priority = i;
  });
}

/** The same cell for a person: what Lotbook wrote (an apostrophe keeps text) and what Excel reads back. */
function sameWritten(written: CellValue, read: CellValue): boolean {
  const text = (v: CellValue) => (v === null || v === undefined ? "" : String(v).replace(/^'/, "").trim());
  return typeof written === "number" && typeof read === "number" ? written === read : text(written) === text(read);
}

/**
 * The workbook port over Office.js: the only code in Lotbook that calls `Excel.run`.
 * Each action loads in batches and syncs a small, fixed number of times (an append: twice —
 * the header, then one `table.rows.add` carrying every row, so a failure writes no partial row);
 * reads go in chunks under Excel's 5 MB request limit; an action that meets cell-edit mode is
 * retried; where ExcelApi 1.20 is available, all of an action's syncs are one undo step.
 */
export class ExcelWorkbook implements WorkbookPort {
  private readonly cellsPerRequest: number;
  private readonly retryDelays: readonly number[];

  constructor(
    private readonly host: ExcelHost,
    options: ExcelOptions = {},
  ) {
    this.cellsPerRequest = options.cellsPerRequest ?? 40_000;
    this.retryDelays = options.cellEditRetryDelays ?? [250, 500, 1000, 2000];
    this.spillWaits = options.spillWaits ?? [500, 1000, 2000];
  }

  private readonly spillWaits: readonly number[];

  async dateSystem(): Promise<DateSystem> {
    // Workbook.use1904DateSystem is a preview API (in no released ExcelApi set, 1.16 included),
    // so Excel is asked what DATE(1904,1,2) is in this workbook (Workbook.functions, ExcelApi 1.2):
    // day 1 counts from 1904-01-01, day 1463 from 1900-01-01. No cell is touched.
    return this.run(async (context) => {
      const day = context.workbook.functions.date(1904, 1, 2).load("value");
      await context.sync();
      return day.value === 1 ? 1904 : 1900;
    });
  }

  async readTables(names: readonly TableName[]): Promise<Partial<Record<TableName, TableRead | null>>> {
    return this.run(async (context) => {
      const found = names.map((name) => ({ name, table: context.workbook.tables.getItemOrNullObject(name).load("name") }));
      await context.sync();
      const ranges = found.map(({ table }) => (table.isNullObject ? null : table.getRange().load("address,rowCount,columnCount")));
      await context.sync();

      const values = await loadValues(context, ranges, this.cellsPerRequest);
      const result: Partial<Record<TableName, TableRead | null>> = {};
      found.forEach(({ name, table }, at) => {
        const range = ranges[at];
        result[name] = range ? { name: table.name, address: range.address, values: values[at] } : null;
      });
      return result;
    });
  }

  /**
   * Idempotent: the table's row count is read first, and a run that starts again (after a cell
   * edit, a refused undo group, or a request too large) reads it again and checks that the rows
   * already there since are the first of this append, then adds only the rest. A request over
   * Excel's size limit is sent again in halves.
   */
  async appendRows(table: TableName, entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    let rowsPerRequest: number | null = null;
    let before: number | null = null;
    const say = { notFound: `This workbook has no ${table} table. Create it with Set up, then try again. Nothing was written.`, failed: "Nothing was written." };
    for (;;) {
      try {
        await this.run(async (context) => {
          const target = context.workbook.tables.getItem(table);
          const header = target.getHeaderRowRange().load("values");
          const range = target.getRange().load("rowCount");
          // Once a run; the loop around the run only starts again after a request too large.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
          const rows = rowsForHeader(table, header.values[0] as CellValue[], entries).map((row) => row.map(cellForExcel));
          const width = Math.max(1, rows[0].length);
          rowsPerRequest ??= Math.max(1, Math.floor(this.cellsPerRequest / width));
          before ??= range.rowCount;
          const done = await this.rowsAlreadyAdded(context, range, before, rows, table);
          for (let start = done; start < rows.length; start += rowsPerRequest) {
            // Whole rows in one call: Excel adds a row with all its cells or not at all.
            target.rows.add(undefined, rows.slice(start, start + rowsPerRequest) as (string | number | boolean)[][]);
            // A single entry is one request; only bulk appends past 5 MB need more.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
          }
        }, say, "rerun");
        return;
      } catch (e) {
        if (!(e instanceof PayloadTooLarge)) throw e;
        if (rowsPerRequest === null || rowsPerRequest <= 1) {
          throw new WorkbookError(`Excel refused a row as too large to send (over its 5 MB request limit). Shorten the longest cells of the entry, then try again.${before === null ? " Nothing was written." : ""}`);
        }
        rowsPerRequest = Math.ceil(Math.min(rowsPerRequest, entries.length) / 2);
      }
    }
  }

  /**
   * How many of `rows` an earlier try of this append already added below row `before` of the
   * table's range (header included): 0 the first time. The rows there must be the first of these,
   * in order, or nothing more is written.
   */
  private async rowsAlreadyAdded(context: Excel.RequestContext, range: Excel.Range, before: number, rows: readonly CellValue[][], table: TableName): Promise<number> {
    const added = range.rowCount - before;
    if (added === 0) return 0;
    const changed = () => new WorkbookError(`The ${table} table changed while Lotbook was adding rows to it, so Lotbook stopped. Look at its last rows: ${Math.max(0, added)} were added; add the rest again if they are missing.`);
    if (added < 0 || added > rows.length) throw changed();
    const there = range.getRow(before).getResizedRange(added - 1, 0).load("values");
    await context.sync();
    const read = there.values as CellValue[][];
    rows.slice(0, added).forEach((row, r) => {
      if (!row.every((cell, c) => sameWritten(cell, read[r]?.[c] ?? null))) throw changed();
    });
    return added;
  }

  async createTable(spec: TableSpec): Promise<"created" | "exists"> {
    return this.run(async (context) => {
      // Table names are unique in a workbook and matched without regard to case, as sheet names are.
      const table = context.workbook.tables.getItemOrNullObject(spec.name);
      const existing = context.workbook.worksheets.getItemOrNullObject(spec.name);
      const names = this.namesOf(context, spec);
      table.load("name");
      existing.load("name");
      await context.sync();
      if (!table.isNullObject) return "exists";
      if (!existing.isNullObject) {
        const used = existing.getUsedRangeOrNullObject(true);
        used.load("address");
        await context.sync();
        if (!used.isNullObject) {
          throw new WorkbookError(`The sheet ${existing.name} already holds cells but no ${spec.name} table. Rename that sheet or clear it, then run Set up again.`);
        }
      }
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(spec.name) : existing;
      const last = columnLetter(spec.columns.length - 1);
      const headerCells = sheet.getRange(`A1:${last}1`);
      headerCells.values = [spec.columns.map((c) => c.name)];
      // A Range, not an address: TableCollection.add reads an address without a sheet name as one
      // on the active sheet, and the new sheet is not active.
      const created = sheet.tables.add(headerCells, true);
      created.name = spec.name;
      spec.columns.forEach((c, i) => {
        // New rows take the formats of the column they join.
        if (c.numberFormat) created.columns.getItemAt(i).getDataBodyRange().numberFormat = [[c.numberFormat]];
      });
      addValidations(sheet, spec);
      addNames(context, names);
      addHighlighting(sheet, spec, 0);
      sheet.freezePanes.freezeRows(1);
      await context.sync();
      return "created";
    }, {}, "rerun");
  }

  /**
   * Two syncs: the table and its sheet, then what Set up gave it: each dropdown range's validation
   * type (DataValidation.type, ExcelApi 1.8: "None" where there is none), the conditional formats
   * on the table's rows (ConditionalFormatCollection.getCount, 1.6), the defined names its rules
   * read (NamedItemCollection.getItemOrNullObject, 1.4) and the frozen panes
   * (WorksheetFreezePanes.getLocationOrNullObject, 1.7). All within the manifest's ExcelApi 1.12.
   */
  async tableGaps(spec: TableSpec): Promise<readonly TablePart[]> {
    return this.run(async (context) => (await this.gapsIn(context, spec)).parts);
  }

  /**
   * Adds only what `tableGaps` finds missing, in one more sync: no cell is written, a dropdown is
   * set only on a range that has no validation, and highlighting adds the rules after those there
   * (Set up adds them in order, so a table cut short has the first of them).
   */
  async completeTable(spec: TableSpec): Promise<readonly TablePart[]> {
    return this.run(async (context) => {
      const gaps = await this.gapsIn(context, spec);
      if (gaps.parts.length === 0) return [];
      const sheet = gaps.sheet!;
      if (gaps.parts.includes("dropdowns")) addValidations(sheet, spec, gaps.unvalidated);
      if (gaps.parts.includes("expiry highlighting")) {
        addNames(context, gaps.names);
        addHighlighting(sheet, spec, gaps.formats);
      }
      if (gaps.parts.includes("frozen header row")) sheet.freezePanes.freezeRows(1);
      await context.sync();
      return gaps.parts;
    }, { failed: "The table's cells were not changed." }, "rerun");
  }

  private async gapsIn(context: Excel.RequestContext, spec: TableSpec) {
    const table = context.workbook.tables.getItemOrNullObject(spec.name).load("name");
    await context.sync();
    if (table.isNullObject) return { parts: [] as TablePart[], sheet: null, unvalidated: [] as string[], names: [] as NameCheck[], formats: 0 };
    const sheet = table.worksheet;
    const validations = spec.validations.map((v) => ({ range: v.range, validation: sheet.getRange(v.range).dataValidation.load("type") }));
    const rows = spec.conditionalFormats.length > 0 ? sheet.getRange(spec.conditionalFormats[0].range).conditionalFormats.getCount() : null;
    const names = this.namesOf(context, spec);
    const frozen = sheet.freezePanes.getLocationOrNullObject();
    await context.sync();
    const unvalidated = validations.filter((v) => v.validation.type === "None").map((v) => v.range);
    const formats = rows ? rows.value : 0;
    const parts: TablePart[] = [];
    if (unvalidated.length > 0) parts.push("dropdowns");
    if (formats < spec.conditionalFormats.length || names.some((n) => n.item.isNullObject)) parts.push("expiry highlighting");
    if (frozen.isNullObject) parts.push("frozen header row");
    return { parts, sheet, unvalidated, names, formats };
  }

  /** The spec's defined names as they are in the workbook (a null object where missing); loaded at the next sync. */
  private namesOf(context: Excel.RequestContext, spec: TableSpec): NameCheck[] {
    return (spec.names ?? []).map((name) => ({ name, item: context.workbook.names.getItemOrNullObject(name.name) }));
  }

  async readSheet(sheet: string): Promise<TableRead | null> {
    return this.run(async (context) => {
      const found = context.workbook.worksheets.getItemOrNullObject(sheet.trim());
      found.load("name");
      await context.sync();
      if (found.isNullObject) return null;
      const used = found.getUsedRangeOrNullObject(true).load("address,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) return null;
      const [values] = await loadValues(context, [used], this.cellsPerRequest);
      return { name: found.name, address: used.address, values };
    });
  }

  /**
   * Two syncs: the first checks that no table has the name and reads the header row (a rename is
   * refused if its cell changed since the user looked); the second lays the table over the range,
   * then writes the renamed header cells, in one request. The table comes first in that request
   * because it is what Excel may refuse (a range overlapping another table, say): refused, the
   * request stops there and no header cell has been written.
   */
  async adoptRange(address: string, name: TableName, renames: readonly HeaderRename[] = []): Promise<void> {
    await this.run(async (context) => {
      const existing = context.workbook.tables.getItemOrNullObject(name).load("name");
      const bang = address.lastIndexOf("!");
      const sheetName = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
      const header = context.workbook.worksheets.getItem(sheetName).getRange(address.slice(bang + 1)).getRow(0).load("values");
      await context.sync();
      if (!existing.isNullObject) throw new WorkbookError(`This workbook already has a ${name} table. Nothing was changed.`);
      renamedHeader(header.values[0] as CellValue[], renames);
      // A table laid over the range keeps every cell; its first row becomes the header.
      const adopted = context.workbook.tables.add(address, true);
      adopted.name = name;
      const headerRow = adopted.getHeaderRowRange();
      for (const r of renames) headerRow.getCell(0, r.column).values = [[r.to]];
      await context.sync();
    }, { notFound: `The sheet of ${address} is not in this workbook any more. Nothing was changed.`, failed: "Nothing was changed." });
  }

  async selectCell(table: string, row: number, column: number): Promise<void> {
    await this.run(async (context) => {
      const target = context.workbook.tables.getItem(table);
      target.worksheet.activate();
      target.getRange().getCell(Math.max(0, row - 1), Math.max(0, column)).select();
      await context.sync();
    }, { notFound: `This workbook has no ${table} table any more. Run Check again.` });
  }

  async recordGtin(change: GtinChange): Promise<void> {
    await this.run(async (context) => {
      const products = context.workbook.tables.getItem("Products");
      const header = products.getHeaderRowRange().load("values");
      // The row is read again in the request that checks it, so what is written is what the pane showed.
      const row = change.kind === "cell" ? products.getRange().getRow(change.row - 1).load("values") : null;
      await context.sync();
      const names = header.values[0] as CellValue[];
      const at = gtinColumnFor(names, row ? (row.values[0] as CellValue[]) : null, change);
      if (change.kind === "append") {
        products.rows.add(undefined, rowsForHeader("Products", names, [change.entry]).map((r) => r.map(cellForExcel)) as (string | number | boolean)[][]);
      } else {
        products.getRange().getCell(change.row - 1, at).values = [[cellForExcel(change.value) as string]];
      }
      await context.sync();
    }, { notFound: "This workbook has no Products table. Create it with Set up, then try again. Nothing was written.", failed: "Nothing was written." });
  }

  async sheetStatus(sheet: string, mark: string): Promise<SheetStatus> {
    return sheetStatusIn((batch) => this.run(batch), sheet, mark);
  }

  /** See `writeSheetWith` (`excelSheet.ts`): the sheet's cells, then its charts once the spills are there. */
  async writeSheet(layout: SheetLayout): Promise<SheetWritten> {
    return writeSheetWith(this.host, this.spillWaits, (batch, say, rerun, beforeRerun) => this.run(batch, say, rerun, beforeRerun), layout);
  }

  /**
   * Excel.run with cell-edit retries, as one undo step where Excel can (ExcelApi 1.20's
   * RunOptions.mergeUndoGroup). A `rerun` action Excel refuses as one step runs again without the
   * group, after `beforeRerun`.
   */
  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>, say: Say = {}, rerun: Rerun = "once", beforeRerun: () => Promise<void> | void = () => undefined): Promise<T> {
    const options: Excel.RunOptions = { delayForCellEdit: true };
    if (this.host.supports("1.20")) options.mergeUndoGroup = true;
    return runExcel(this.host, options, this.retryDelays, batch, say, rerun, beforeRerun);
  }
}
