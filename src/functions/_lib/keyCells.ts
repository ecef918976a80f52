import { basicCell, excelError as cellErrorCode, isBlank, type Result } from "../../core";
import { excelError, type ExcelError } from "./excelError";

/** What one cell of a result holds. */
export type OutCell = string | number | boolean | ExcelError;

/** A result as an Excel cell: the value, or the error with its message. */
export function resultCell<T>(r: Result<T>, toCell: (value: T) => OutCell): OutCell {
  return r.ok ? toCell(r.value) : excelError(r.error.kind, r.error.message);
}

/** A key cell as the text the engine looks up, `null` when blank, or the error it shows. */
function keyOf(given: unknown): string | null | ExcelError {
  // A key cell holding a data type (a product converted to an entity) is the text it shows.
  const cell: unknown = basicCell(given as Parameters<typeof basicCell>[0]);
  // Older desktop builds report an empty cell as 0; no product, lot or visit is named 0.
  if (cell === 0 || isBlank(cell as string | null | undefined)) return null;
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const code = cellErrorCode(cell as Parameters<typeof cellErrorCode>[0]) ?? "#VALUE!";
  return excelError(code === "#N/A" ? "na" : "value", `the key cell shows ${code}`);
}

/**
 * Answers a key argument cell by cell, in the shape it came in: one formula serves a whole column
 * of keys from one ledger. A blank key gives `""`; a key cell's error stays in its own cell.
 * A key repeated in the cell after (a visit on each of its draw lines) is answered once. Keys are
 * not remembered further back: every answer is a lookup in books already made, and a map of a
 * column of 85,000 visit ids cost more than answering them.
 * @example mapKeys([["V1"], ["V2"]], (v) => cogsOf(v)) // [[260], [227.5]]
 */
export function mapKeys(key: unknown, answer: (key: string) => OutCell): OutCell[][] {
  const rows: unknown[][] = Array.isArray(key) ? key.map((r) => (Array.isArray(r) ? r : [r])) : [[key]];
  let lastKey: string | null = null;
  let lastOut: OutCell = "";
  return rows.map((row) =>
    row.map((cell) => {
      const k = keyOf(cell);
      if (k === null) return "";
      if (typeof k !== "string") return k;
      if (k !== lastKey) {
        lastOut = answer(k);
        lastKey = k;
      }
      return lastOut;
    }),
  );
}
