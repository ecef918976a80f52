/**
 * A small, strict evaluator for the formulas the Report sheet writes, so the preview shows what
 * Excel would: a LOTBOOK call whose arguments are text or number literals, `TODAY()` or a table
 * with its header row (`Lots[#All]`), answered by the same function code Excel runs. Any other
 * formula is not evaluated: the preview shows its text and says so, rather than guess.
 */
import { serialFromYmd } from "../core";
import * as functions from "../functions/functions";
import type { CellValue } from "../taskpane/workbook/port";

type LotbookFunction = (...args: unknown[]) => unknown[][];
const fn = (f: unknown) => f as LotbookFunction;

/** The LOTBOOK functions by the names Excel knows them by. */
export const LOTBOOK_FUNCTIONS: Readonly<Record<string, LotbookFunction>> = {
  FEFO_LOT: fn(functions.fefoLot),
  FEFO_PLAN: fn(functions.fefoPlan),
  VISIT_COGS: fn(functions.visitCogs),
  VISIT_MARGIN: fn(functions.visitMargin),
  LOT_REMAINING: fn(functions.lotRemaining),
  LOT_COST: fn(functions.lotCost),
  STOCK_VALUE: fn(functions.stockValue),
  SHRINKAGE: fn(functions.shrinkage),
  SHRINKAGE_LOG: fn(functions.shrinkageLog),
  EXPIRING: fn(functions.expiring),
  AT_RISK: fn(functions.atRisk),
  OPEN_VIALS: fn(functions.openVials),
  RECALL: fn(functions.recall),
  CHECK: fn(functions.check),
  MARGIN_BY: fn(functions.marginBy),
  STOCK_BY_PRODUCT: fn(functions.stockByProduct),
};

/** One argument of a formula the evaluator accepts. */
export type Argument = { readonly kind: "text"; readonly text: string } | { readonly kind: "number"; readonly value: number } | { readonly kind: "today" } | { readonly kind: "table"; readonly name: string };

export interface Call {
  readonly name: string;
  readonly args: readonly Argument[];
}

const ARGUMENT = /^\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TODAY)\(\)|([A-Za-z_][A-Za-z0-9_.]*)\[#All\])\s*(,|\)$)/i;

/**
 * The call a formula makes, or null when it is not exactly `=LOTBOOK.NAME(arguments)` with
 * arguments the evaluator knows.
 * @example parseFormula('=LOTBOOK.MARGIN_BY("service",Draws[#All],Lots[#All])') // { name: "MARGIN_BY", args: [...] }
 */
export function parseFormula(formula: string): Call | null {
  const head = /^=\s*LOTBOOK\.([A-Z_]+)\(/i.exec(formula.trim());
  if (!head) return null;
  let rest = formula.trim().slice(head[0].length);
  const args: Argument[] = [];
  if (rest === ")") return { name: head[1].toUpperCase(), args };
  while (rest.length > 0) {
    const m = ARGUMENT.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) args.push({ kind: "text", text: m[1].replace(/""/g, '"') });
    else if (m[2] !== undefined) args.push({ kind: "number", value: Number(m[2]) });
    else if (m[3] !== undefined) args.push({ kind: "today" });
    else args.push({ kind: "table", name: m[4] });
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

export interface EvaluationContext {
  /** A table's cells with its header row first, as `Table[#All]` passes it; undefined when the workbook lacks it. */
  table(name: string): readonly (readonly CellValue[])[] | undefined;
  /** Today, as TODAY() gives it. */
  today(): Date;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && "code" in v && typeof (v as CellError).code === "string" && "message" in v;
}

/**
 * The result of a report formula, computed by the LOTBOOK function code over the workbook's tables.
 * @example evaluate("=LOTBOOK.STOCK_BY_PRODUCT(TODAY(),Lots[#All],Draws[#All])", context) // { kind: "spill", cells: [["Product", …], …] }
 */
export function evaluate(formula: string, context: EvaluationContext): Evaluated {
  const call = parseFormula(formula);
  if (!call) return { kind: "text", formula, reason: "The preview evaluates only LOTBOOK formulas of the report's own shape." };
  const f = LOTBOOK_FUNCTIONS[call.name];
  if (!f) return { kind: "spill", cells: [[{ code: "#NAME?", message: `There is no function LOTBOOK.${call.name}.` }]] };
  const args: unknown[] = [];
  for (const a of call.args) {
    if (a.kind === "text") args.push(a.text);
    else if (a.kind === "number") args.push(a.value);
    else if (a.kind === "today") {
      const d = context.today();
      args.push(serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()));
    } else {
      const grid = context.table(a.name);
      // Excel shows #REF! for a reference to a table the workbook does not have.
      if (!grid) return { kind: "spill", cells: [[{ code: "#REF!", message: `This workbook has no table called ${a.name}.` }]] };
      args.push(grid.map((r) => [...r]));
    }
  }
  try {
    const result = f(...args);
    return { kind: "spill", cells: result.map((row) => row.map((v) => (isCellError(v) ? { code: v.code, message: v.message } : (v as CellValue)))) };
  } catch (e) {
    // A custom function that throws shows its error, with its message, in the formula's cell.
    if (isCellError(e)) return { kind: "spill", cells: [[{ code: e.code, message: e.message }]] };
    throw e;
  }
}
