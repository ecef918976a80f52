import type { DateSystem, Grid, TableName } from "../core";

/**
 * What changed in one ledger table, as a workbook's change events can tell it.
 * - `rows`: the values of data rows `first` … `first + count − 1` changed, or rows were added
 *   there at the end of the table (`first` at or past the rows known so far). Rows count from 0,
 *   the first row below the header.
 * - `whole`: which rows changed cannot be told (a sort, a deletion, a row inserted mid-table, a
 *   header edit, the table added, deleted or renamed, a change type the source does not know):
 *   the table is read again whole.
 */
export type TableChange =
  | { readonly table: TableName; readonly kind: "rows"; readonly first: number; readonly count: number }
  | { readonly table: TableName; readonly kind: "whole" };

/**
 * Where the live ledger reads the workbook's four tables from, and hears that they changed.
 * Two implementations: Excel (`workbook/excel/excelSource.ts`, the only one that calls
 * Office) and the in-memory workbook (tests, the preview). The list a read returns is the
 * caller's from then on, and no one changes its rows: a source never changes a row it has
 * returned (the in-memory workbook hands out its own rows and replaces a row it edits), and the
 * live ledger never changes a row it was given.
 */
export interface LedgerSource {
  /** The workbook's date system, read once. */
  dateSystem(): Promise<DateSystem>;
  /** A whole table by name, header row first; `null` when the workbook has no table of that name. */
  readTable(table: TableName): Promise<Grid | null>;
  /** Data rows `first` … `first + count − 1` of a table (0 = the first row below the header). */
  readRows(table: TableName, first: number, count: number): Promise<Grid>;
  /**
   * Calls `listener` with the changes of each event, until the returned function is called.
   * Registers its handlers once however often the ledger asks.
   */
  watch(listener: (changes: readonly TableChange[]) => void): Promise<() => void>;
}
