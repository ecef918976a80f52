import { isBlankText, showCell, type Cell, type Grid } from "../cells";
import type { Diagnostic, TableName } from "../diagnostic";
import { coded } from "../messages";
import { mapColumns, normalizeHeader, type ColumnMap, type Schema } from "../schema";
import { addIssue, type RowBase } from "../rows";
import type { ParsedTable } from "./types";

// Table scaffolding: header row, required columns, blank and totals rows, and the row loop.

/** A table whose header row could be read: its columns, and where its rows end. */
export interface TableFrame<S extends Schema> {
  readonly cols: ColumnMap<S>;
  readonly names: Record<string, string>;
  readonly tableErrors: Diagnostic[];
  readonly lastRow: number;
  /** The row number of the header row (see `ParseOptions.firstRow`). */
  readonly top: number;
}

/**
 * Finds the header row and the columns of `schema` in it, or gives the table as parsed when no row
 * can be read (no header row, a required column missing).
 */
export function frame<S extends Schema>(table: TableName, grid: Grid | null | undefined, schema: S, top: number, extraRequired?: (cols: ColumnMap<S>) => Diagnostic | null): TableFrame<S> | ParsedTable<never> {
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
        ...coded({ code: "missing-column", name: spec.name, aliases: spec.suggested.length > 0 ? spec.suggested.join(", ") : null }),
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
export interface TotalsLabel {
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
export function subtotalRow(label: TotalsLabel, table: "Lots" | "Draws" | "Counts", header: readonly string[], row: RowBase): void {
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

/**
 * How `eachRow` reads a table's rows. A table of many rows reads them with the methods of a class
 * (see `DrawsReader`): V8 keeps their optimised code from one build to the next.
 */
export interface TableReader {
  /** Reads one data row: `row` numbers it and collects its problems; `subtotal` labels a subtotal row. */
  read(r: ReadonlyArray<Cell>, row: RowBase, subtotal: TotalsLabel | null): void;
  /** Reads and keeps a row whose cells all read at once, numbered `row`; false (nothing read) for any other. */
  plain?(r: ReadonlyArray<Cell>, row: number): boolean;
}

/**
 * The row loop of every table: each data row in order, blank rows skipped, and a totals row
 * (in a table with a Lot column, `lotAt`) skipped with one warning naming it, in `tableErrors`.
 * Each row's problems are collected on one scratch record, which `read` copies into the row it makes.
 * `plain`, when the reader has it, is offered each row first with its row number: a row it reads
 * and keeps (true) is neither blank nor a totals row, and `read` never sees it.
 * The loop body is a function of its own: it is what runs a quarter of a million times, and so what
 * the engine optimises, whatever runs once before and after it.
 */
export function eachRow<S extends Schema>(table: TableName, f: TableFrame<S>, grid: Grid, lotAt: number, reader: TableReader): void {
  const scratch: ScratchRow = { row: 0, issues: null, usable: true };
  const plain = reader.plain !== undefined;
  for (let i = 1; i <= f.lastRow; i++) {
    const r = grid[i];
    if (plain && r !== undefined && reader.plain!(r, i + f.top)) continue;
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
    reader.read(r, scratch, label);
  }
}
