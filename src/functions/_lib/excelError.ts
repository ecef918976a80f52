/// <reference types="custom-functions-runtime" />

/** The two errors Lotbook returns, both of which carry a message Excel shows on the cell. */
export type ErrorKind = "value" | "na";

/** What Excel receives for an error: `#VALUE!` or `#N/A`, and the sentence that explains it. */
export interface ExcelError {
  readonly code: "#VALUE!" | "#N/A";
  readonly message: string;
}

const CODES: Record<ErrorKind, ExcelError["code"]> = { value: "#VALUE!", na: "#N/A" };

/**
 * An Excel error with a message, to throw for the whole cell or to place in one cell of an array.
 * Inside Excel it is a `CustomFunctions.Error`; where that global does not exist (tests, Node)
 * it is a plain object with the same `code` and `message`.
 * @example excelError("na", "no usable stock of Botox 100U") // #N/A, with that message
 */
export function excelError(kind: ErrorKind, message: string): ExcelError {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (runtime) {
    const code = kind === "value" ? runtime.ErrorCode.invalidValue : runtime.ErrorCode.notAvailable;
    return new runtime.Error(code, message) as ExcelError;
  }
  return { code: CODES[kind], message };
}

/**
 * True for an error made by `excelError`, so a function can rethrow it as it is.
 * @example isExcelError(excelError("value", "bad")) // true
 */
export function isExcelError(x: unknown): x is ExcelError {
  if (x === null || typeof x !== "object") return false;
  const { code, message } = x as Partial<ExcelError>;
  return (code === "#VALUE!" || code === "#N/A") && typeof message === "string";
}
