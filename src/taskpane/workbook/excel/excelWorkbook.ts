/// <reference types="office-js" />
import type { DateSystem, TableName } from "../../../core";
import { cellForExcel, columnLetter, renamedHeader, rowsForHeader, WorkbookError, type CellValue, type Entry, type HeaderRename, type TableRead, type TableSpec, type WorkbookPort } from "../port";

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
  }

  async dateSystem(): Promise<DateSystem> {
    // Workbook.use1904DateSystem arrived in ExcelApi 1.16; before it, Excel offers no way to
    // ask, and 1900 is the default of every platform since Excel 2016 for Mac.
    if (!this.host.supports("1.16")) return 1900;
    return this.run(async (context) => {
      const workbook = context.workbook as Excel.Workbook & { use1904DateSystem: boolean };
      workbook.load("use1904DateSystem");
      await context.sync();
      return workbook.use1904DateSystem ? 1904 : 1900;
    });
  }

  async readTables(names: readonly TableName[]): Promise<Partial<Record<TableName, TableRead | null>>> {
    return this.run(async (context) => {
      const found = names.map((name) => ({ name, table: context.workbook.tables.getItemOrNullObject(name).load("name") }));
      await context.sync();
      const ranges = found.map(({ table }) => (table.isNullObject ? null : table.getRange().load("address,rowCount,columnCount")));
      await context.sync();

      const values = await this.loadValues(context, ranges);
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
      sheet.getRange(`A1:${last}1`).values = [spec.columns.map((c) => c.name)];
      const created = sheet.tables.add(`A1:${last}1`, true);
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
        format.priority = i;
        format.stopIfTrue = true;
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
      const [values] = await this.loadValues(context, [used]);
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

  /** The values of each range, in requests of at most `cellsPerRequest` cells (one sync each). */
  private async loadValues(context: Excel.RequestContext, ranges: readonly (Excel.Range | null)[]): Promise<CellValue[][][]> {
    const pieces: { at: number; range: Excel.Range }[] = [];
    const batches: (typeof pieces)[] = [];
    let cells = 0;
    ranges.forEach((range, at) => {
      if (!range) return;
      const rowsPerPiece = Math.max(1, Math.floor(this.cellsPerRequest / Math.max(1, range.columnCount)));
      for (let start = 0; start < range.rowCount; start += rowsPerPiece) {
        const count = Math.min(rowsPerPiece, range.rowCount - start);
        if (cells + count * range.columnCount > this.cellsPerRequest && pieces.length > 0) {
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
  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>, say: { notFound?: string; failed?: string } = {}): Promise<T> {
    const options: Excel.RunOptions = { delayForCellEdit: true };
    if (this.host.supports("1.20")) options.mergeUndoGroup = true;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.host.run(options, batch);
      } catch (e) {
        if (e instanceof WorkbookError) throw e;
        if (codeOf(e) === CELL_EDIT) {
          if (attempt < this.retryDelays.length) {
            await this.host.wait(this.retryDelays[attempt]);
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
}
