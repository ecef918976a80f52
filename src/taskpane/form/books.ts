import { buildLedger, checkRows, serialFromYmd, updateLedger, type DateSystem, type Diagnostic, type Grid, type Ledger, type Serial, type TableName } from "../../core";
import { columnIndex, rowsForHeader, type CellValue, type Entry, type TableRead } from "../../workbook/port";

export const TABLES: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];

/** The ledger as read from the workbook, with the tables it came from. */
export interface Books {
  readonly tables: Readonly<Partial<Record<TableName, TableRead | null>>>;
  readonly dateSystem: DateSystem;
  readonly ledger: Ledger;
}

/** @example books(tables, 1900).ledger.productByName("Botox 100U") */
export function books(tables: Books["tables"], dateSystem: DateSystem): Books {
  const ledger = buildLedger(ledgerInput(tables, dateSystem));
  return { tables, dateSystem, ledger };
}

function ledgerInput(tables: Books["tables"], dateSystem: DateSystem, extra?: { table: TableName; rows: readonly (readonly CellValue[])[] }) {
  const grid = (name: TableName): Grid | null => {
    const values = tables[name]?.values;
    if (!values) return null;
    const rows = extra?.table === name ? [...values, ...extra.rows] : values;
    return rows as Grid;
  };
  return { lots: grid("Lots"), draws: grid("Draws"), counts: grid("Counts"), products: grid("Products"), dateSystem };
}

/**
 * The books with `rows` added at the end of `table`: the current ledger brought up to date with
 * them (only the products they touch are posted again), as the live ledger does after a write.
 */
export function withRows(current: Books, table: TableName, rows: readonly (readonly CellValue[])[]): Books {
  const at = current.tables[table]?.values.length ?? 0;
  const input = ledgerInput(current.tables, current.dateSystem, { table, rows });
  const ledger = updateLedger(current.ledger, input, { [table]: rows.map((_, i) => at + i) });
  return { tables: current.tables, dateSystem: current.dateSystem, ledger };
}

/** A local date and time as an Excel serial (what a person means by "now"). */
export function localSerial(d: Date, system: DateSystem): Serial {
  const day = serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate(), system);
  return (day + (d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()) / 86400) as Serial;
}

/** A `yyyy-mm-dd` date field as a serial, or null when it is not a whole date. */
export function serialFromField(text: string, system: DateSystem): Serial | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]), system) : null;
}

/** A local date as a `yyyy-mm-dd` field value. */
export function fieldFromDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the engine says about entries before they are written. */
export interface Trial {
  /** The ledger with the entries in it. */
  readonly books: Books;
  /** Diagnostics on the new rows; `row` is the entry's index in `entries`. */
  readonly issues: readonly (Diagnostic & { entry: number; field: string | null })[];
}

/**
 * Runs the engine over the ledger with `entries` appended to `table`, so a form says what CHECK
 * would say, in the same words, before anything is written. `field` names the entry's column the
 * diagnostic points at (null for one of the table's other columns).
 * @example trial(books, "Draws", [{ Product: "Botox 100U", Qty: 0 }]).issues[0].message
 */
export function trial(current: Books, table: TableName, entries: readonly Entry[]): Trial {
  const read = current.tables[table];
  const header = (read?.values[0] ?? []) as CellValue[];
  const rows = rowsForHeader(table, header, entries);
  const first = (read?.values.length ?? 0) + 1;
  const next = withRows(current, table, rows);
  const fieldAt = new Map<number, string>();
  for (const name of new Set(entries.flatMap((e) => Object.keys(e)))) {
    const at = columnIndex(table, header, name);
    if (at >= 0) fieldAt.set(at, name);
  }
  const issues = checkRows(next.ledger, table, first, first + rows.length)
    .map((d) => ({ ...d, entry: d.row - first, field: fieldAt.get(columnIndex(table, header, d.column)) ?? null }));
  return { books: next, issues };
}

/** Whether a table read from the workbook has a column, by any of its names. */
export function hasColumn(current: Books, table: TableName, column: string): boolean {
  const header = current.tables[table]?.values[0];
  return header !== undefined && columnIndex(table, header as CellValue[], column) >= 0;
}

/**
 * The locations a workbook names in its Location columns, as first written, in the order they
 * first appear (Lots, then Draws, then Counts); none when it keeps no Location column.
 * @example locationsOf(books) // ["Main Street", "Suite B"]
 */
export function locationsOf(current: Books): string[] {
  const { sites } = current.ledger;
  return sites.tracked ? [...sites.names.values()] : [];
}
