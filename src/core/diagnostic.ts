/** The four ledger tables, by their default names. */
export type TableName = "Lots" | "Draws" | "Counts" | "Products";

export type Severity = "error" | "warning";

/**
 * Kinds of problem with a stable name: an overdraw, a draw from a lot past its expiry, a draw
 * whose lot FEFO had to assume, a lot that is not in Lots.
 */
export type DiagnosticCode = "overdraw" | "expired-lot" | "assumed-lot" | "unknown-lot" | "totals-row";

/**
 * A problem found in the ledger, pointed at a cell: errors are data, not exceptions.
 * `row` is the row's position in the range passed (header = 1); 0 means the table as a whole.
 * `product`, `lot` and `visit` say which results the problem blocks (an error blocks only the
 * results that depend on it).
 */
export interface Diagnostic {
  readonly table: TableName;
  readonly row: number;
  readonly column: string;
  readonly severity: Severity;
  readonly message: string;
  /** A stable name for the kinds of problem a program reacts to (the message may be reworded). */
  readonly code?: DiagnosticCode;
  readonly product?: string;
  readonly lot?: string;
  readonly visit?: string;
}

/**
 * The diagnostic as one sentence a bookkeeper can act on.
 * @example describe({ table: "Lots", row: 14, column: "Expires", severity: "error", message: "'soon' is not a date" })
 * // "Lots row 14, Expires: 'soon' is not a date"
 */
export function describe(d: Diagnostic): string {
  if (d.row === 0) return `${d.table}${d.column ? `, ${d.column}` : ""}: ${d.message}`;
  return `${d.table} row ${d.row}${d.column ? `, ${d.column}` : ""}: ${d.message}`;
}

const TABLE_ORDER: Record<TableName, number> = { Lots: 0, Draws: 1, Counts: 2, Products: 3 };

/** Orders diagnostics as CHECK lists them: by table, row, then errors before warnings. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    TABLE_ORDER[a.table] - TABLE_ORDER[b.table] ||
    a.row - b.row ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)
  );
}
