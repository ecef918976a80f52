/**
 * What a worksheet cell can hold when it reaches the engine: exactly what Excel hands a custom
 * function or what `range.values` returns, plus `Date` for files read with ExcelJS.
 */
export type Cell =
  | string | number | boolean | Date | null | undefined
  | { readonly code?: string; readonly errorCode?: string; readonly basicValue?: unknown; readonly errorType?: string; readonly type?: string; readonly text?: string };

/** A range as Excel gives it: rows of cells, the header row first. */
export type Grid = ReadonlyArray<ReadonlyArray<Cell>>;

const EXCEL_ERRORS = new Set([
  "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!",
  "#GETTING_DATA", "#FIELD!", "#BUSY!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!",
]);

/**
 * A cell holding an Excel data type, as a custom function receives it when its metadata allows
 * custom data (`allowCustomDataForDataTypeAny`), reduced to the plain value a person sees in it;
 * any other cell is returned as it is. From learn.microsoft.com, javascript/api/excel:
 * - excel.entitycellvalue and excel.linkedentitycellvalue (a cell converted to a data type, such
 *   as a Product typed and then made a Stocks or Organization value): `type` "Entity" or
 *   "LinkedEntity", `text` the text shown in the cell, `basicValue` "#VALUE!" (what Range.values
 *   gives). The shown text is the value: a product converted to a data type is still its name.
 * - excel.formattednumbercellvalue and excel.doublecellvalue: `type` "FormattedNumber" or
 *   "Double", `basicValue` the number (its `numberFormat` only changes how it looks).
 * - excel.stringcellvalue, excel.booleancellvalue, excel.emptycellvalue: their `basicValue`.
 * - excel.errorcellvalue and anything else with no plain value (an in-cell picture,
 *   excel.webimagecellvalue, has `basicValue` "#VALUE!"): left as they are, so they read as errors.
 * @example basicCell({ type: "Entity", text: "Botox 100U", basicType: "Error", basicValue: "#VALUE!" }) // "Botox 100U"
 * @example basicCell({ type: "FormattedNumber", basicValue: 6.5, numberFormat: "$0.00" }) // 6.5
 */
export function basicCell(cell: Cell): Cell {
  if (cell === null || typeof cell !== "object" || cell instanceof Date || typeof cell.type !== "string") return cell;
  const value = cell.basicValue;
  switch (cell.type) {
    case "Entity":
    case "LinkedEntity":
      return typeof cell.text === "string" ? cell.text : cell;
    case "FormattedNumber":
    case "Double":
      return typeof value === "number" ? value : cell;
    case "String":
      return typeof value === "string" ? value : cell;
    case "Boolean":
      return typeof value === "boolean" ? value : cell;
    case "Empty":
      return null;
    default:
      return cell;
  }
}

/**
 * The Excel error code a cell holds (`"#N/A"`, `"#REF!"`, …), or `null` when it holds a value.
 * Errors arrive as text from `range.values` and as objects with a `code` from custom functions.
 * @example excelError("#N/A") // "#N/A"
 */
export function excelError(cell: Cell): string | null {
  if (typeof cell === "string") {
    if (cell.length > 1 && cell.charCodeAt(0) === 35 /* # */) {
      const code = cell.trim().toUpperCase();
      return EXCEL_ERRORS.has(code) ? code : null;
    }
    return null;
  }
  if (cell !== null && typeof cell === "object" && !(cell instanceof Date)) {
    // CustomFunctions.Error carries `code`; an Excel error value as a data type (ErrorCellValue)
    // carries the shown text in `basicValue` ("#N/A") and its kind in `errorType`.
    const shown = cell.basicValue;
    if (typeof shown === "string" && shown.startsWith("#")) return shown.toUpperCase();
    const code = cell.code ?? cell.errorCode ?? cell.errorType;
    if (typeof code === "string") return code.startsWith("#") ? code : `#${code}`;
    return "#VALUE!";
  }
  return null;
}

/**
 * True when a cell is empty as Excel reports it: `null`, `undefined`, or text of only spaces.
 * @example isBlank("  ") // true
 */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") return cell.trim() === "";
  return false;
}

/**
 * True when a cell in a *text* column is empty. Older desktop builds report an empty cell of a
 * text column as the number 0, so 0 counts as blank there (never in a number column).
 * @example isBlankText(0) // true
 */
export function isBlankText(cell: Cell): boolean {
  return isBlank(cell) || cell === 0;
}

/**
 * A cell shown as a user would see it, for messages: text quoted, numbers as typed.
 * @example showCell(" soon ") // "'soon'"
 */
export function showCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "a blank cell";
  if (typeof cell === "string") {
    const t = cell.trim();
    return t === "" ? "a blank cell" : `'${t.length > 40 ? t.slice(0, 37) + "..." : t}'`;
  }
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return excelError(cell) ?? "an error value";
}

/**
 * Whether two cells hold the same value: equal values, or error and entity objects alike field by
 * field (Excel hands each call fresh objects).
 * @example sameCell({ code: "#N/A" }, { code: "#N/A" }) // true
 */
export function sameCell(a: Cell, b: Cell): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether two rows hold the same values, cell for cell; a missing row is never the same.
 * @example sameRow(["C1", 40], ["C1", 40]) // true
 */
export function sameRow(a: ReadonlyArray<Cell> | undefined, b: ReadonlyArray<Cell> | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) if (!sameCell(a[c], b[c])) return false;
  return true;
}

/**
 * Whether two ranges hold the same values; two missing ranges are the same. Compared from the
 * last row: a new entry is appended there, so a changed table is told soonest.
 * @example sameGrid([["Lot"], ["C1"]], [["Lot"], ["C1"]]) // true
 */
export function sameGrid(a: Grid | null | undefined, b: Grid | null | undefined): boolean {
  if (a == null || b == null) return (a == null) === (b == null);
  if (a.length !== b.length) return false;
  for (let r = a.length - 1; r >= 0; r--) if (!sameRow(a[r], b[r])) return false;
  return true;
}
