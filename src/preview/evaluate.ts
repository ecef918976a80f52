/**
 * A small, strict reader of the formulas the Report sheet writes, so the preview shows what Excel
 * would. It takes `=LOTBOOK.NAME(arguments)` in the contract's order — key and settings first,
 * then the optional tables — whose arguments are text or number literals, `TODAY()`, left out
 * (nothing between two commas) or, in a table's place only, a table with its header row
 * (`Lots[#All]`).
 * - A table-free formula (every formula Lotbook writes) answers from the workbook's own tables
 *   through the live ledger: the preview keeps a streaming invocation open for it
 *   (`liveFormulas.ts`) and shows the value last pushed to it.
 * - A formula that passes tables answers from exactly those values, by the plain function of
 *   `functions/answers.ts`.
 * Any other formula is not evaluated: the preview shows its text and says so, rather than guess.
 */
import { serialFromYmd, type Serial } from "../core";
import { answerExplicit, FORMULAS, type Context, type Formula } from "../functions/answers";
import type { CellValue } from "../workbook/port";

/** One argument of a formula the reader accepts. */
export type Argument =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "today" }
  | { readonly kind: "table"; readonly name: string }
  | { readonly kind: "omitted" };

export interface Call {
  readonly name: string;
  readonly args: readonly Argument[];
}

const ARGUMENT = /^\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TODAY)\(\)|([A-Za-z_][A-Za-z0-9_.]*)\[#All\]|)\s*(,|\)$)/i;

/**
 * The call a formula makes, or null when it is not exactly `=LOTBOOK.NAME(arguments)` with
 * arguments the reader knows.
 * @example parseFormula('=LOTBOOK.MARGIN_BY("service")') // { name: "MARGIN_BY", args: [{ kind: "text", text: "service" }] }
 */
export function parseFormula(formula: string): Call | null {
  const head = /^=\s*LOTBOOK\.([A-Z_]+)\(/i.exec(formula.trim());
  if (!head) return null;
  let rest = formula.trim().slice(head[0].length);
  const args: Argument[] = [];
  if (/^\s*\)$/.test(rest)) return { name: head[1].toUpperCase(), args };
  while (rest.length > 0) {
    const m = ARGUMENT.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) args.push({ kind: "text", text: m[1].replace(/""/g, '"') });
    else if (m[2] !== undefined) args.push({ kind: "number", value: Number(m[2]) });
    else if (m[3] !== undefined) args.push({ kind: "today" });
    else if (m[4] !== undefined) args.push({ kind: "table", name: m[4] });
    else args.push({ kind: "omitted" });
    rest = rest.slice(m[0].length);
    if (m[5] === ")") return rest.length === 0 ? { name: head[1].toUpperCase(), args } : null;
  }
  return null;
}

/** An error a cell shows, with the message Excel shows beside it. */
export interface CellError {
  readonly code: string;
  readonly message: string;
}

/** What a formula shows: its spill (an error cell where Excel would show one), or its text when not evaluated. */
export type Evaluated = { readonly kind: "spill"; readonly cells: readonly (readonly (CellValue | CellError)[])[] } | { readonly kind: "text"; readonly formula: string; readonly reason: string };

/** What a streaming formula shows before its first value, as Excel shows it. */
export const BUSY: Evaluated = { kind: "spill", cells: [[{ code: "#BUSY!", message: "Lotbook is reading the workbook's tables." }]] };

/**
 * What a formula asks for: the live ledger's answer to a table-free call (its settings read, an
 * omitted one `null` as Excel passes it), the answer from the tables it passes, or already what
 * it shows (an unknown function, a formula the preview does not evaluate).
 */
export type Reading =
  | { readonly kind: "live"; readonly formula: Formula; readonly settings: readonly unknown[] }
  | { readonly kind: "tables"; readonly formula: Formula; readonly settings: readonly unknown[]; readonly tables: readonly Argument[] }
  | Evaluated;

export interface EvaluationContext {
  /** A table's cells with its header row first, as `Table[#All]` passes it; undefined when the workbook lacks it. */
  table(name: string): readonly (readonly CellValue[])[] | undefined;
  /** Today, as TODAY() and an omitted as_of give it. */
  today(): Date;
  /** What a table-free formula shows: the value the live ledger last pushed to it, `BUSY` before the first. */
  live(formula: Formula, settings: readonly unknown[]): Evaluated;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && "code" in v && typeof (v as CellError).code === "string" && "message" in v;
}

const NOT_OURS = "The preview evaluates only LOTBOOK formulas of the report's own shape.";
const notEvaluated = (formula: string, reason: string): Evaluated => ({ kind: "text", formula, reason });

function serialOf(d: Date): Serial {
  return serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** An argument's value as Excel hands it to the function (a table is resolved by the caller). */
function valueOf(a: Exclude<Argument, { kind: "table" }>, today: () => Date): unknown {
  if (a.kind === "text") return a.text;
  if (a.kind === "number") return a.value;
  if (a.kind === "today") return serialOf(today());
  return null;
}

/**
 * Reads a formula: which LOTBOOK formula it calls, with which settings, and whether it passes
 * tables. A table goes only in a table's place; more arguments than the function takes, or a
 * table in a setting's place, and the formula is not evaluated.
 * @example readFormula("=LOTBOOK.EXPIRING(365)", () => new Date()) // { kind: "live", formula: EXPIRING, settings: [365, null, null] }
 */
export function readFormula(formula: string, today: () => Date): Reading {
  const call = parseFormula(formula);
  if (!call) return notEvaluated(formula, NOT_OURS);
  const f = FORMULAS[call.name];
  if (!f) return { kind: "spill", cells: [[{ code: "#NAME?", message: `There is no function LOTBOOK.${call.name}.` }]] };
  if (call.args.length > f.settings + f.tables.length) return notEvaluated(formula, `${NOT_OURS} LOTBOOK.${f.name} takes at most ${f.settings + f.tables.length} arguments.`);
  const settings: unknown[] = [];
  for (let i = 0; i < f.settings; i++) {
    const a = call.args[i] ?? { kind: "omitted" };
    if (a.kind === "table") return notEvaluated(formula, `${NOT_OURS} A table goes only in a table's place.`);
    settings.push(valueOf(a, today));
  }
  const tables = f.tables.map((_, i): Argument => call.args[f.settings + i] ?? { kind: "omitted" });
  if (tables.every((a) => a.kind === "omitted")) return { kind: "live", formula: f, settings };
  return { kind: "tables", formula: f, settings, tables };
}

/**
 * A formula's value as its cells show it: a result's rows, or the error it threw (with its
 * message) in its one cell. Excel shows #CALC! for an empty result.
 */
export function shownValue(value: unknown): Evaluated {
  const cell = (v: unknown): CellValue | CellError => {
    if (isCellError(v)) return { code: v.code, message: v.message };
    if (v instanceof Error) return { code: "#VALUE!", message: v.message };
    return v === undefined ? null : (v as CellValue);
  };
  if (!Array.isArray(value)) return { kind: "spill", cells: [[cell(value)]] };
  if (value.length === 0) return { kind: "spill", cells: [[{ code: "#CALC!", message: "The formula's result is empty." }]] };
  return { kind: "spill", cells: value.map((row: unknown) => (Array.isArray(row) ? row : [row]).map(cell)) };
}

/**
 * What a report formula shows: a table-free one the live ledger's answer (`context.live`), one
 * that passes tables the plain function's answer over them, anything else its text.
 * @example evaluate("=LOTBOOK.STOCK_BY_PRODUCT()", context) // { kind: "spill", cells: [["Product", …], …] }
 */
export function evaluate(formula: string, context: EvaluationContext): Evaluated {
  const read = readFormula(formula, context.today);
  if (read.kind === "live") return context.live(read.formula, read.settings);
  if (read.kind !== "tables") return read;
  const tables: unknown[] = [];
  for (const a of read.tables) {
    if (a.kind !== "table") {
      tables.push(valueOf(a, context.today));
      continue;
    }
    const grid = context.table(a.name);
    // Excel shows #REF! for a reference to a table the workbook does not have.
    if (!grid) return { kind: "spill", cells: [[{ code: "#REF!", message: `This workbook has no table called ${a.name}.` }]] };
    // Fresh arrays, as Excel hands them.
    tables.push(grid.map((r) => [...r]));
  }
  const answerContext: Context = { dateSystem: 1900, today: serialOf(context.today()) };
  try {
    return shownValue(answerExplicit(read.formula, read.settings, tables, answerContext));
  } catch (e) {
    // A custom function that throws shows its error, with its message, in the formula's cell.
    if (isCellError(e)) return shownValue(e);
    throw e;
  }
}
