import { basicCell, excelError, isBlank, isBlankText, showCell, type Cell } from "../cells";
import { MAX_SERIAL, parseTextDate, serialFromDate, type DateSystem, type Serial } from "../dates";
import type { Measure } from "../diagnostic";
import { moneyFromNumber, moneyFromText, type Money } from "../money";
import { qtyFromNumber, type Qty } from "../quantity";
import { decimalToScaled } from "../_lib/decimalText";
import { addIssue, type RowBase } from "../rows";

// Cell readers. Each returns the value, or `undefined` after recording why the cell is unusable.

/** Text of a column kept only for people (Supplier, PO, By, Note): never a reason to stop. */
export function noteText(cell: Cell): string | null {
  if (typeof cell === "string") {
    const t = cell.trim();
    return t === "" || excelError(t) !== null ? null : t;
  }
  if (typeof cell === "number") return cell === 0 ? null : String(cell);
  return null;
}

export function errorCell(cell: Cell, row: RowBase, col: string): boolean {
  const code = excelError(cell);
  if (code === null) return false;
  addIssue(row, col, { code: "cell-error", error: code });
  return true;
}

/** Text, trimmed; numbers as typed. `null` when blank. */
function readText(cell: Cell, row: RowBase, col: string): string | null | undefined {
  if (typeof cell === "string") {
    const t = cell.trim();
    if (t === "") return null;
    if (t.charCodeAt(0) === 35 && errorCell(t, row, col)) return undefined;
    return t;
  }
  if (isBlankText(cell)) return null;
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  errorCell(cell, row, col);
  return undefined;
}

const NUMBER_TEXT = /^\(?[-+]?\$?\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?(?:[eE][-+]?\d+)?\)?$/;

/** Number stored as text, cleaned of `$`, thousands separators and accounting parentheses. */
function cleanNumberText(t: string): string | null {
  const s = t.trim();
  if (!NUMBER_TEXT.test(s) || !/\d/.test(s)) return null;
  const negative = s.startsWith("(") && s.endsWith(")");
  if (s.startsWith("(") !== s.endsWith(")")) return null;
  let body = s.replace(/[()$,\s]/g, "");
  if (negative) body = body.startsWith("-") ? body.slice(1) : "-" + body;
  const signs = body.match(/[-+]/g);
  if (signs && signs.length > 1 && !/[eE][-+]/.test(body)) return null;
  return body;
}

export function readNumber(cell: Cell, row: RowBase, col: string, what: Measure): number | null | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : (addIssue(row, col, { code: "not-a-number", shown: String(cell), what: "a number" }), undefined);
  if (isBlank(cell)) return null;
  if (typeof cell === "string") {
    if (errorCell(cell, row, col)) return undefined;
    const clean = cleanNumberText(cell);
    if (clean !== null) return Number(clean);
  } else if (errorCell(cell, row, col)) return undefined;
  addIssue(row, col, { code: "not-a-number", shown: showCell(cell), what });
  return undefined;
}

export function readQty(cell: Cell, row: RowBase, col: string, what: Measure): Qty | null | undefined {
  let qty: Qty;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (addIssue(row, col, { code: "not-a-number", shown: String(cell), what }), undefined);
    const r = qtyFromNumber(cell);
    if (r.rounded) addIssue(row, col, { code: "too-many-decimals", shown: String(cell), countedAs: r.qty });
    qty = r.qty;
  } else {
    if (isBlank(cell)) return null;
    if (errorCell(cell, row, col)) return undefined;
    const clean = typeof cell === "string" ? cleanNumberText(cell) : null;
    const scaled = clean === null ? null : decimalToScaled(clean, 6);
    if (scaled === null) return (addIssue(row, col, { code: "not-a-number", shown: showCell(cell), what }), undefined);
    qty = Number(scaled) as Qty;
  }
  return qty;
}

export function readMoney(cell: Cell, row: RowBase, col: string): Money | null | undefined {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (addIssue(row, col, { code: "not-money", shown: String(cell) }), undefined);
    return moneyFromNumber(cell);
  }
  if (isBlank(cell)) return null;
  if (errorCell(cell, row, col)) return undefined;
  const clean = typeof cell === "string" ? cleanNumberText(cell) : null;
  const m = clean === null ? null : moneyFromText(clean);
  if (m === null) return (addIssue(row, col, { code: "not-money", shown: showCell(cell) }), undefined);
  return m;
}

export interface DateRead {
  readonly serial: Serial;
  readonly text: boolean;
  readonly monthOnly: boolean;
}

export function readDate(cell: Cell, row: RowBase, col: string, system: DateSystem, allowMonthOnly: boolean): DateRead | null | undefined {
  if (typeof cell === "number") {
    // Older desktop builds pass an empty cell as 0, and no date is serial 0: a date of 0 is blank.
    if (cell === 0) return null;
    if (!Number.isFinite(cell) || cell < 1 || cell > MAX_SERIAL + 1) {
      addIssue(row, col, { code: "date-out-of-range", shown: String(cell) });
      return undefined;
    }
    return { serial: cell as Serial, text: false, monthOnly: false };
  }
  if (isBlank(cell)) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return (addIssue(row, col, { code: "invalid-date" }), undefined);
    return { serial: serialFromDate(cell, system), text: false, monthOnly: false };
  }
  if (errorCell(cell, row, col)) return undefined;
  if (typeof cell === "string") {
    const d = parseTextDate(cell, system, allowMonthOnly);
    if (d) return { serial: d.serial, text: true, monthOnly: d.monthOnly };
    if (!allowMonthOnly && parseTextDate(cell, system, true)) {
      addIssue(row, col, { code: "month-only-date", shown: showCell(cell) });
      return undefined;
    }
  }
  addIssue(row, col, { code: "not-a-date", shown: showCell(cell) });
  return undefined;
}

export function textDateWarning(row: RowBase, col: string, d: DateRead): void {
  if (d.text) addIssue(row, col, { code: "date-as-text", header: col });
}

/**
 * The text of the cell at `at` (`null` without the column), as `readText` reads it. A blank cell,
 * or text with nothing to trim and no error in it (most cells of a big table), is read at once:
 * this stays small enough for the engine to build it into each table's row reader.
 */
export function textAt(r: ReadonlyArray<Cell>, at: number, row: RowBase, col: string): string | null | undefined {
  const plain = plainText(r, at);
  return plain !== undefined ? plain : readText(basicCell(r[at]), row, col);
}

/**
 * The text of the cell at `at` when it reads at once: `null` when blank or without the column,
 * the text itself when it has nothing to trim and no error code in it (printable ASCII at both
 * ends, no `#` first); `undefined` for any other cell, which `textAt` reads in full.
 */
export function plainText(r: ReadonlyArray<Cell>, at: number): string | null | undefined {
  if (at < 0) return null;
  const cell = r[at];
  if (typeof cell === "string") {
    if (cell.length === 0) return null;
    const first = cell.charCodeAt(0);
    const last = cell.charCodeAt(cell.length - 1);
    return first > 32 && first < 127 && first !== 35 && last > 32 && last < 127 ? cell : undefined;
  }
  return cell === null || cell === undefined ? null : undefined;
}

export function get(r: ReadonlyArray<Cell>, at: number): Cell {
  // A cell holding a data type (an entity, a formatted number) is read as the value it shows.
  return at >= 0 ? basicCell(r[at]) : null;
}

export function lotNumberWarning(row: RowBase, column: string, cell: Cell): void {
  if (typeof cell === "number" && cell !== 0) {
    addIssue(row, column, { code: "lot-number-as-number", shown: String(cell), header: column });
  }
}
