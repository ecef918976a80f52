import { basicCell, excelError as cellErrorCode, MARGIN_GROUPS, parseTextDate, type DateSystem, type Grid, type MarginGroup, type Serial, type TableName } from "../../core";
import { excelError } from "./excelError";

/**
 * Readers for the arguments Excel hands a custom function. Each returns the value the engine
 * needs, or throws an Excel error whose message names the argument and says what to pass.
 * Omitted optional arguments arrive as `null` (`undefined` is treated the same).
 */

const HOW_TO_PASS: Record<TableName, string> = {
  Lots: "Lots[#All]",
  Draws: "Draws[#All]",
  Counts: "Counts[#All]",
  Products: "Products[#All]",
};

/** True when an optional argument was left out. */
export function isOmitted(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function isGrid(v: unknown): v is Grid {
  if (!Array.isArray(v)) return false;
  // A loop rather than `every` with a callback: 0.9 ms against 2.4 for a Draws table of a quarter
  // of a million rows, checked by every formula given it.
  for (let i = 0; i < v.length; i++) if (!Array.isArray(v[i])) return false;
  return true;
}

/** An error cell passed as an argument travels on: `#N/A` stays `#N/A`, anything else is `#VALUE!`. */
function rejectErrorCell(name: string, v: unknown): void {
  if (v === null || v === undefined || Array.isArray(v)) return;
  const code = cellErrorCode(v as Parameters<typeof cellErrorCode>[0]);
  if (code !== null) throw excelError(code === "#N/A" ? "na" : "value", `${name}: the cell shows ${code}; fix the value or formula there`);
}

/**
 * A ledger table argument: a range with its header row, e.g. `Lots[#All]`.
 * @example tableArg("Lots", "lots", [["Product", "Lot"], ["Botox 100U", "C1"]])
 */
export function tableArg(table: TableName, name: string, v: unknown): Grid {
  if (isOmitted(v)) throw excelError("value", `${name} is missing: pass the ${table} table with its header row, for example ${HOW_TO_PASS[table]}`);
  if (!isGrid(v)) {
    rejectErrorCell(name, v);
    throw excelError("value", `${name} must be the ${table} table with its header row, for example ${HOW_TO_PASS[table]}, not a single value`);
  }
  return v;
}

/** An optional ledger table argument: `null` when omitted. */
export function optionalTableArg(table: TableName, name: string, v: unknown): Grid | null {
  return isOmitted(v) ? null : tableArg(table, name, v);
}

function single(name: string, v: unknown, what: string): unknown {
  if (Array.isArray(v)) throw excelError("value", `${name} must be a single ${what}, not a range`);
  const plain = basicCell(v as Parameters<typeof basicCell>[0]);
  rejectErrorCell(name, plain);
  return plain;
}

/** The last serial Excel can show (9999-12-31 in the 1900 date system), plus its day. */
const LAST_SERIAL = 2_958_466;

/**
 * A date argument: a serial number (as a date cell or `TODAY()` gives), or date text such as
 * `2026-03-15` or `3/15/2026`. Text is read in the workbook's date system (1900, Excel's default,
 * unless said): the same day is 1,462 less in a 1904 workbook. A serial number is taken as is.
 * @example dateArg("as_of", 46096) // 46096
 * @example dateArg("as_of", "2026-03-15", 1904) // 44634 (46096 in the 1900 system)
 */
export function dateArg(name: string, v: unknown, system: DateSystem = 1900): Serial {
  const x = single(name, v, "date");
  const hint = "pass a date, for example TODAY()";
  if (typeof x === "number") {
    if (Number.isFinite(x) && x >= 1 && x < LAST_SERIAL) return x as Serial;
    throw excelError("value", `${name}: ${x} is not a date; ${hint}`);
  }
  if (typeof x === "string" && x.trim() !== "") {
    const parsed = parseTextDate(x, system, false);
    if (parsed) return parsed.serial;
    throw excelError("value", `${name}: '${x.trim()}' is not a date; ${hint}`);
  }
  if (typeof x === "boolean") throw excelError("value", `${name}: ${x ? "TRUE" : "FALSE"} is not a date; ${hint}`);
  throw excelError("value", `${name} is blank; ${hint}`);
}

/**
 * A number argument, also when typed as text (`"40"`).
 * @example numberArg("qty", "40") // 40
 */
export function numberArg(name: string, v: unknown): number {
  const x = single(name, v, "number");
  if (typeof x === "number" && Number.isFinite(x)) return x;
  if (typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x.trim()))) return Number(x.trim());
  if (isOmitted(x) || (typeof x === "string" && x.trim() === "")) throw excelError("value", `${name} is blank; pass a number`);
  throw excelError("value", `${name}: ${typeof x === "string" ? `'${x.trim()}'` : String(x).toUpperCase()} is not a number`);
}

/**
 * A name argument (a product, a lot number): text, or a number as Excel shows it.
 * @example textArg("lot", 12345, "a lot number") // "12345"
 */
export function textArg(name: string, v: unknown, what: string): string {
  const x = single(name, v, "value");
  if (typeof x === "string" && x.trim() !== "") return x.trim();
  if (typeof x === "number" && Number.isFinite(x)) return String(x);
  if (typeof x === "boolean") return x ? "TRUE" : "FALSE";
  throw excelError("value", `${name} is blank; pass ${what}`);
}

/**
 * The optional `measure` of SHRINKAGE: `cost` (the default) or `units`.
 * @example measureArg(null) // "cost"
 */
export function measureArg(v: unknown): "cost" | "units" {
  if (isOmitted(v) || (typeof v === "string" && v.trim() === "")) return "cost";
  const x = single("measure", v, "word");
  const word = typeof x === "string" ? x.trim().toLowerCase() : "";
  if (word === "cost" || word === "units") return word;
  throw excelError("value", `measure must be "cost" or "units", not ${typeof x === "string" ? `'${x.trim()}'` : String(x)}`);
}

/**
 * How a margin report groups Visit draws: "visit", "service", "provider" or "product" (any case).
 * @example groupArg("Service") // "service"
 */
export function groupArg(v: unknown): MarginGroup {
  const x = single("group_by", v, "word");
  const word = typeof x === "string" ? x.trim().toLowerCase() : "";
  if ((MARGIN_GROUPS as readonly string[]).includes(word)) return word as MarginGroup;
  const given = typeof x === "string" ? `'${x.trim()}'` : isOmitted(x) ? "nothing" : String(x);
  throw excelError("value", `group_by must be "visit", "service", "provider" or "product", not ${given}`);
}
