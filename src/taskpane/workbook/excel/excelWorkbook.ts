/// <reference types="office-js" />
import type { DateSystem, TableName } from "../../../core";
import { anchorOf, blockOf, CHART_PREFIX, foreignReportMessage, REPORT_MARK, reportCells, reportFormats, type ReportSpec } from "../../report/reportSpec";
import { cellForExcel, columnLetter, failureMessage, gtinColumnFor, renamedHeader, rowsForHeader, WorkbookError, type CellValue, type Entry, type GtinChange, type HeaderRename, type ReportStatus, type ReportWritten, type TableRead, type TableSpec, type WorkbookPort } from "../port";

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

/**
 * The sheet a named item's formula refers to: `=Report!$A$1` or `='My Report'!$A$1`.
 * @example sheetOfReference("='Q1 Report'!$A$1") // "Q1 Report"
 */
export function sheetOfReference(formula: string): string | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=#]+))!/.exec(formula.trim());
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

function reportStatusOf(mark: Excel.NamedItem, sheet: Excel.Worksheet): ReportStatus {
  if (sheet.isNullObject) return "missing";
  if (mark.isNullObject) return "other";
  return sheetOfReference(mark.formula)?.toLowerCase() === sheet.name.toLowerCase() ? "lotbook" : "other";
}

const CELL_EDIT = "InvalidOperationInCellEditMode";

/** The running Office host. */
export function officeHost(): ExcelHost {
  return {
    run: (options, batch) => Excel.run(options, batch),
    supports: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

function codeOf(e: unknown): string | undefined {
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

/** Excel.run with cell-edit retries; any failure leaves as a WorkbookError with a message. */
export async function runExcel<T>(
  host: ExcelHost,
  options: Excel.RunOptions,
  retryDelays: readonly number[],
  batch: (context: Excel.RequestContext) => Promise<T>,
  say: { notFound?: string; failed?: string } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await host.run(options, batch);
    } catch (e) {
      if (e instanceof WorkbookError) throw e;
      if (codeOf(e) === CELL_EDIT) {
        if (attempt < retryDelays.length) {
          await host.wait(retryDelays[attempt]);
          continue;
        }
        throw new WorkbookError(`Excel is busy while a cell is being edited. Press Enter or Esc in the sheet, then try again.${say.failed ? ` ${say.failed}` : ""}`);
      }
      if (codeOf(e) === "ItemNotFound" && say.notFound) throw new WorkbookError(say.notFound);
      const message = e instanceof Error && e.message ? e.message : "unknown error";
      throw new WorkbookError(`Excel could not complete this (${message}).${say.failed ? ` ${say.failed}` : ""}`);
    }
  }
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

  async appendRows(table: TableName, entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.run(async (context) => {
      const target = context.workbook.tables.getItem(table);
      const header = target.getHeaderRowRange().load("values");
      await context.sync();
      const rows = rowsForHeader(table, header.values[0] as CellValue[], entries).map((row) => row.map(cellForExcel));
      const width = Math.max(1, rows[0].length);
      const rowsPerRequest = Math.max(1, Math.floor(this.cellsPerRequest / width));
      for (let start = 0; start < rows.length; start += rowsPerRequest) {
        // Whole rows in one call: Excel adds a row with all its cells or not at all.
        target.rows.add(undefined, rows.slice(start, start + rowsPerRequest) as (string | number | boolean)[][]);
        // A single entry is one request; only bulk appends past 5 MB need more.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
    }, { notFound: `This workbook has no ${table} table. Create it with Set up, then try again. Nothing was written.`, failed: "Nothing was written." });
  }

  async createTable(spec: TableSpec): Promise<"created" | "exists"> {
    return this.run(async (context) => {
      // Table names are unique in a workbook and matched without regard to case, as sheet names are.
      const table = context.workbook.tables.getItemOrNullObject(spec.name);
      const existing = context.workbook.worksheets.getItemOrNullObject(spec.name);
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
      for (const v of spec.validations) {
        const range = sheet.getRange(v.range);
        range.dataValidation.rule = { list: { inCellDropDown: true, source: "formula" in v.source ? `=${v.source.formula}` : v.source.choices.join(",") } };
        range.dataValidation.errorAlert = { showAlert: true, style: v.style === "stop" ? "Stop" : "Warning", title: "Lotbook", message: v.message };
      }
      spec.conditionalFormats.forEach((f, i) => {
        const format = sheet.getRange(f.range).conditionalFormats.add("Custom");
        format.custom.rule.formula = `=${f.formula}`;
        format.custom.format.fill.color = f.fill;
        if (f.fontColor) format.custom.format.font.color = f.fontColor;
        format.stopIfTrue = true;
        // Last: once its priority changes, this object no longer points at the format (Excel needs a fresh copy).
        format.priority = i;
      });
      sheet.freezePanes.freezeRows(1);
      await context.sync();
      return "created";
    });
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

  async reportStatus(sheet: string): Promise<ReportStatus> {
    return this.run(async (context) => {
      const mark = context.workbook.names.getItemOrNullObject(REPORT_MARK).load("formula");
      const found = context.workbook.worksheets.getItemOrNullObject(sheet).load("name");
      await context.sync();
      return reportStatusOf(mark, found);
    });
  }

  /**
   * One sync to find the sheet and Lotbook's mark (and on a refresh one more for Lotbook's
   * charts), one to write every cell and format and read each formula's spill, up to
   * `spillWaits.length` more while formulas still calculate, and one to add the charts. A new
   * sheet that fails part-way is deleted again; a refresh that fails part-way leaves the sheet
   * cleared or partly written (Excel cannot undo a request for us), and the message says so.
   */
  async writeReport(report: ReportSpec): Promise<ReportWritten> {
    // Spilling formulas and Range.getSpillingToRange came with ExcelApi 1.12.
    if (!this.host.supports("1.12")) {
      throw new WorkbookError("This version of Excel cannot hold the report: it needs formulas that spill (Excel for Microsoft 365, or Excel 2021 or later). Nothing was changed.");
    }
    let made: "created" | "refreshed" | null = null;
    try {
      return await this.run(async (context) => {
        const mark = context.workbook.names.getItemOrNullObject(REPORT_MARK).load("formula");
        const found = context.workbook.worksheets.getItemOrNullObject(report.sheet).load("name");
        await context.sync();
        const status = reportStatusOf(mark, found);
        if (status === "other") throw new WorkbookError(foreignReportMessage(report.sheet));

        let sheet: Excel.Worksheet;
        if (status === "lotbook") {
          sheet = found;
          const charts = sheet.charts.load("items/name");
          await context.sync();
          // The user's own charts stay; Lotbook's are drawn again below.
          for (const chart of charts.items) if (chart.name.startsWith(CHART_PREFIX)) chart.delete();
          sheet.getRange().clear();
        } else {
          // A mark left pointing at a renamed old report moves to the new sheet.
          if (!mark.isNullObject) mark.delete();
          sheet = context.workbook.worksheets.add(report.sheet);
          context.workbook.names.add(REPORT_MARK, sheet.getRange("A1"), "The Report sheet Lotbook writes and refreshes from its pane.");
        }
        made = status === "lotbook" ? "refreshed" : "created";

        for (const cell of reportCells(report)) {
          const range = sheet.getRange(cell.address);
          range.formulas = [[cell.value]];
          if (cell.bold) range.format.font.bold = true;
        }
        sheet.getRange("A1").format.font.size = 16;
        for (const f of reportFormats(report)) sheet.getRange(f.range).numberFormat = [[f.numberFormat]];
        for (const b of report.blocks) {
          const header = sheet.getRange(anchorOf(b)).getResizedRange(0, b.columns.length - 1);
          header.format.font.bold = true;
          header.format.columnWidth = 80;
        }

        const spills = new Map(report.blocks.map((b) => [b.id, sheet.getRange(anchorOf(b)).getSpillingToRangeOrNullObject().load("rowCount")]));
        await context.sync();
        for (const wait of this.spillWaits) {
          const waiting = report.charts.filter((c) => spills.get(c.block)?.isNullObject);
          if (waiting.length === 0) break;
          await this.host.wait(wait);
          for (const c of waiting) spills.set(c.block, sheet.getRange(anchorOf(blockOf(report, c))).getSpillingToRangeOrNullObject().load("rowCount"));
          // A bounded number of short waits, only while a formula is still calculating.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        }

        const skipped: string[] = [];
        for (const c of report.charts) {
          const spill = spills.get(c.block);
          // A header row and at least one row of figures.
          if (!spill || spill.isNullObject || spill.rowCount < 2) {
            skipped.push(c.title);
            continue;
          }
          const block = blockOf(report, c);
          const body = (column: number) => sheet.getRange(anchorOf(block)).getOffsetRange(1, column).getResizedRange(spill.rowCount - 2, 0);
          const chart = sheet.charts.add(c.type, body(c.values[0]), "Columns");
          chart.name = `${CHART_PREFIX}${c.title}`;
          chart.title.text = c.title;
          c.values.forEach((v, i) => {
            const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(block.columns[v].name);
            if (i > 0) series.setValues(body(v));
            series.name = block.columns[v].name;
            series.setXAxisValues(body(c.categories));
          });
          chart.setPosition(c.from, c.to);
        }
        sheet.activate();
        await context.sync();
        return { action: made, chartsSkipped: skipped };
      });
    } catch (e) {
      if (made === null) throw e;
      if (made === "created") {
        await this.removeReport(report.sheet);
        throw new WorkbookError(`${failureMessage(e)} The unfinished Report sheet was removed again.`);
      }
      throw new WorkbookError(`${failureMessage(e)} The Report sheet may be incomplete: choose Refresh report again.`);
    }
  }

  /** Deletes a report sheet this action created, and its mark, after a failure. */
  private async removeReport(name: string): Promise<void> {
    try {
      await this.host.run({ delayForCellEdit: true }, async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(name);
        const mark = context.workbook.names.getItemOrNullObject(REPORT_MARK);
        await context.sync();
        if (!sheet.isNullObject) sheet.delete();
        if (!mark.isNullObject) mark.delete();
        await context.sync();
      });
    } catch {
      // The failure being reported matters more; the sheet is recognisably Lotbook's and a retry refreshes it.
    }
  }

  /** Excel.run with cell-edit retries, as one undo step where Excel can. */
  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>, say: { notFound?: string; failed?: string } = {}): Promise<T> {
    const options: Excel.RunOptions = { delayForCellEdit: true };
    if (this.host.supports("1.20")) options.mergeUndoGroup = true;
    return runExcel(this.host, options, this.retryDelays, batch, say);
  }
}
