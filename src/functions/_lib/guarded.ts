import { excelError, isExcelError } from "./excelError";

/**
 * Runs a custom function's body so that every failure reaches the cell as an Excel error with a
 * message: errors made for Excel pass through; anything unexpected becomes `#VALUE!` saying so,
 * never a bare `#VALUE!` and never a number computed from half the ledger.
 * @example guarded(() => { throw new RangeError("boom"); }) // throws #VALUE! "Lotbook could not …"
 */
export function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (isExcelError(e)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw excelError("value", `Lotbook could not compute this formula (${why}); please report it with the shape of your tables`);
  }
}
