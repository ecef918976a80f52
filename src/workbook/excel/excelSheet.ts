/// <reference types="office-js" />
import { failureMessage, WorkbookError, type SheetLayout, type SheetStatus, type SheetWritten } from "../port";

/** What writing a sheet needs of the adapter's host: requirement sets, a timer, and a bare `Excel.run` for clean-up. */
export interface SheetHost {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  supports(version: string): boolean;
  wait(ms: number): Promise<void>;
}

/**
 * The adapter's `Excel.run` (cell-edit retries, one undo step where Excel can): `rerun` lets it
 * run the batch again without the undo group after `beforeRerun`, as `runExcel` does.
 */
export type SheetRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  say?: { readonly failed?: string },
  rerun?: "rerun" | "once",
  beforeRerun?: () => Promise<void> | void,
) => Promise<T>;

/**
 * The sheet a named item's formula refers to: `=Report!$A$1` or `='My Report'!$A$1`.
 * @example sheetOfReference("='Q1 Report'!$A$1") // "Q1 Report"
 */
export function sheetOfReference(formula: string): string | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=#]+))!/.exec(formula.trim());
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

function statusOf(mark: Excel.NamedItem, sheet: Excel.Worksheet): SheetStatus {
  if (sheet.isNullObject) return "missing";
  if (mark.isNullObject) return "other";
  return sheetOfReference(mark.formula)?.toLowerCase() === sheet.name.toLowerCase() ? "lotbook" : "other";
}

/** One sync: the sheet and the mark, compared. */
export function sheetStatusIn(run: SheetRun, sheet: string, mark: string): Promise<SheetStatus> {
  return run(async (context) => {
    const named = context.workbook.names.getItemOrNullObject(mark).load("formula");
    const found = context.workbook.worksheets.getItemOrNullObject(sheet).load("name");
    await context.sync();
    return statusOf(named, found);
  });
}

/**
 * Writes a sheet Lotbook owns. One sync to find the sheet and Lotbook's mark (and on a refresh
 * one more for Lotbook's charts), one to write every cell and format and read each formula's
 * spill, up to `spillWaits.length` more while formulas still calculate, and one to add the charts.
 * A new sheet that fails part-way is deleted again; a refresh that fails part-way leaves the sheet
 * cleared or partly written (Excel cannot undo a request for us), and the message says so.
 */
export async function writeSheetWith(host: SheetHost, spillWaits: readonly number[], run: SheetRun, layout: SheetLayout): Promise<SheetWritten> {
  // Spilling formulas and Range.getSpillingToRange came with ExcelApi 1.12.
  if (!host.supports("1.12")) throw new WorkbookError(layout.words.unsupported);
  let made: "created" | "refreshed" | null = null;
  let undo: SheetWritten["undo"] = "one step";
  // Run again without the undo group, from a clean start: a sheet this try created goes first.
  const again = async () => {
    undo = "several steps";
    if (made === "created") await removeSheet(host, layout);
    made = null;
  };
  try {
    const written = await run(async (context) => {
      const mark = context.workbook.names.getItemOrNullObject(layout.mark).load("formula");
      const found = context.workbook.worksheets.getItemOrNullObject(layout.sheet).load("name");
      await context.sync();
      const status = statusOf(mark, found);
      if (status === "other") throw new WorkbookError(layout.words.foreign);

      let sheet: Excel.Worksheet;
      if (status === "lotbook") {
        sheet = found;
        const charts = sheet.charts.load("items/name");
        await context.sync();
        // The user's own charts stay; Lotbook's are drawn again below.
        for (const chart of charts.items) if (chart.name.startsWith(layout.chartPrefix)) chart.delete();
        sheet.getRange().clear();
      } else {
        // A mark left pointing at a renamed old sheet moves to the new one.
        if (!mark.isNullObject) mark.delete();
        sheet = context.workbook.worksheets.add(layout.sheet);
        // No comment on the name: NamedItem.comment has no undo support on the web, and inside one
        // undo group Excel would refuse the whole sheet (excel-add-ins-undo-capabilities).
        context.workbook.names.add(layout.mark, sheet.getRange("A1"));
      }
      made = status === "lotbook" ? "refreshed" : "created";

      for (const cell of layout.cells) {
        const range = sheet.getRange(cell.address);
        range.formulas = [[cell.value]];
        if (cell.bold) range.format.font.bold = true;
      }
      sheet.getRange(layout.titleCell).format.font.size = 16;
      for (const f of layout.numberFormats) sheet.getRange(f.range).numberFormat = [[f.numberFormat]];
      for (const h of layout.headers) {
        const header = sheet.getRange(h.anchor).getResizedRange(0, h.columns - 1);
        header.format.font.bold = true;
        header.format.columnWidth = 80;
      }

      const spillOf = (anchor: string) => sheet.getRange(anchor).getSpillingToRangeOrNullObject().load("rowCount");
      const spills = new Map(layout.charts.map((c) => [c.anchor, spillOf(c.anchor)]));
      await context.sync();
      for (const wait of spillWaits) {
        const waiting = [...new Set(layout.charts.filter((c) => spills.get(c.anchor)?.isNullObject).map((c) => c.anchor))];
        if (waiting.length === 0) break;
        await host.wait(wait);
        for (const anchor of waiting) spills.set(anchor, spillOf(anchor));
        // A bounded number of short waits, only while a formula is still calculating.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }

      const skipped: string[] = [];
      for (const c of layout.charts) {
        const spill = spills.get(c.anchor);
        // A header row and at least one row of figures.
        if (!spill || spill.isNullObject || spill.rowCount < 2) {
          skipped.push(c.title);
          continue;
        }
        const body = (column: number) => sheet.getRange(c.anchor).getOffsetRange(1, column).getResizedRange(spill.rowCount - 2, 0);
        const chart = sheet.charts.add(c.type, body(c.series[0].column), "Columns");
        chart.name = `${layout.chartPrefix}${c.title}`;
        chart.title.text = c.title;
        c.series.forEach((s, i) => {
          const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
          if (i > 0) series.setValues(body(s.column));
          series.name = s.name;
          series.setXAxisValues(body(c.categories));
        });
        chart.setPosition(c.from, c.to);
      }
      sheet.activate();
      await context.sync();
      return { action: made, chartsSkipped: skipped };
    }, {}, "rerun", again);
    return { ...written, undo };
  } catch (e) {
    if (made === null) throw e;
    if (made === "created") {
      await removeSheet(host, layout);
      throw new WorkbookError(`${failureMessage(e)} The unfinished ${layout.sheet} sheet was removed again.`);
    }
    throw new WorkbookError(`${failureMessage(e)} ${layout.words.incomplete}`);
  }
}

/** Deletes a sheet this action created, and its mark, after a failure. */
async function removeSheet(host: SheetHost, layout: SheetLayout): Promise<void> {
  try {
    await host.run({ delayForCellEdit: true }, async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(layout.sheet);
      const mark = context.workbook.names.getItemOrNullObject(layout.mark);
      await context.sync();
      if (!sheet.isNullObject) sheet.delete();
      if (!mark.isNullObject) mark.delete();
      await context.sync();
    });
  } catch {
    // The failure being reported matters more; the sheet is recognisably Lotbook's and a retry refreshes it.
  }
}
