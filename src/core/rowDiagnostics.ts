import { keysOf } from "./blockKeys";
import { compareDiagnostics, type Diagnostic, type Severity, type TableName } from "./diagnostic";
import type { Ledger } from "./ledger";
import { messageOf } from "./messages";
import type { ParsedTable } from "./parse";
import type { Repeat } from "./parse/drawRepeats";
import { drawRepeats } from "./repeats";
import type { Issue, RowBase } from "./rows";

/**
 * The table/row/column diagnostics found while reading: one per issue, keyed for blocking. With
 * every severity, the draws that repeat another too (warnings all, found only when asked for).
 */
export function rowDiagnostics(ledger: Ledger, only?: Severity): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of ["Lots", "Draws", "Counts", "Products"] as const) {
    const parsed = tableOf(ledger, t);
    if (ledger.given[t]) out.push(...parsed.tableErrors);
    out.push(...rowIssues(ledger, t, only === "error" ? ledger.unusable[t] : ledger.flagged[t], only));
    if (t === "Draws" && only === undefined) out.push(...repeatIssues(ledger, drawRepeats(ledger)));
  }
  return out.sort(compareDiagnostics);
}

/** Repeated draws (see `drawRepeats`) as diagnostics. */
export function repeatIssues(ledger: Ledger, repeats: readonly Repeat[]): Diagnostic[] {
  const rows = ledger.draws.rows;
  return repeats.map(({ at, issue }) => diagnosticOf(ledger, "Draws", rows[at], issue, keysOf(ledger, "Draws", rows[at])));
}

/** The issues of some rows of a table as diagnostics (only those of one severity, if given). */
export function rowIssues(ledger: Ledger, t: TableName, rows: readonly RowBase[], only?: Severity): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const row of rows) {
    // Only an error makes a row unusable: a practice's many warnings are passed over at once.
    if (!row.issues || (only === "error" && row.usable)) continue;
    let keys: ReturnType<typeof keysOf> | null = null;
    for (const i of row.issues) {
      if (only === undefined || i.severity === only) out.push(diagnosticOf(ledger, t, row, i, (keys ??= keysOf(ledger, t, row))));
    }
  }
  return out;
}

function diagnosticOf(ledger: Ledger, t: TableName, row: RowBase, i: Issue, keys: ReturnType<typeof keysOf>): Diagnostic {
  // Object.assign, not spreads: as `coded` makes diagnostics (see there). The sentence is made here.
  return Object.assign({ table: t, row: row.row, column: i.column }, i.kind, { severity: i.severity, message: messageOf(i.kind) }, keys);
}

/** The parsed table of a ledger by its name. */
export function tableOf(ledger: Ledger, t: TableName): ParsedTable<RowBase> {
  switch (t) {
    case "Lots": return ledger.lots;
    case "Draws": return ledger.draws;
    case "Counts": return ledger.counts;
    case "Products": return ledger.products;
  }
}
