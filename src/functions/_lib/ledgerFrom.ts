import { buildLedger, describe, type Grid, type Ledger, type TableName } from "../../core";
import { optionalTableArg, tableArg } from "./args";
import { excelError } from "./excelError";

/** The tables one formula was given: `null` for an optional table left out. */
export interface Tables {
  readonly lots: Grid | null;
  readonly draws?: Grid | null;
  readonly counts?: Grid | null;
  readonly products?: Grid | null;
}

/**
 * Builds the ledger once for a formula, and refuses a table that cannot be read at all (no
 * header row, a required column missing) with the engine's sentence for it: every result of the
 * formula reads that table. Row-level problems are left to the engine, which blocks only the
 * results that depend on them.
 * @example ledgerFrom({ lots: Lots, draws: Draws }) // throws #VALUE! "Lots row 1: the first row …"
 */
export function ledgerFrom(tables: Tables): Ledger {
  const ledger = buildLedger({ lots: tables.lots, draws: tables.draws, counts: tables.counts, products: tables.products });
  const passed: [TableName, Grid | null | undefined][] = [
    ["Lots", tables.lots], ["Draws", tables.draws], ["Counts", tables.counts], ["Products", tables.products],
  ];
  for (const [name, grid] of passed) {
    if (grid == null) continue;
    const parsed = { Lots: ledger.lots, Draws: ledger.draws, Counts: ledger.counts, Products: ledger.products }[name];
    const error = parsed.tableErrors.find((d) => d.severity === "error");
    if (error) throw excelError("value", describe(error));
  }
  return ledger;
}

/**
 * The ledger most formulas read: Lots and Draws required, Counts and Products optional, each
 * checked as a table argument by its parameter name.
 * @example ledgerOfArgs(lots, draws, counts) // for =LOTBOOK.VISIT_COGS("V1", Draws[#All], Lots[#All], Counts[#All])
 */
export function ledgerOfArgs(lots: unknown, draws: unknown, counts?: unknown, products?: unknown): Ledger {
  return ledgerFrom({
    lots: tableArg("Lots", "lots", lots),
    draws: tableArg("Draws", "draws", draws),
    counts: optionalTableArg("Counts", "counts", counts),
    products: optionalTableArg("Products", "products", products),
  });
}
