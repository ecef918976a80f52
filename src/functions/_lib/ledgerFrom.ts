import { buildLedger, describe, sameCell, type Cell, type DateSystem, type Grid, type Ledger, type TableName } from "../../core";
import { optionalTableArg, tableArg } from "./args";
import { excelError } from "./excelError";

/** The tables one formula was given (`null` for an optional table left out), and the workbook's date system (1900 unless said). */
export interface Tables {
  readonly lots: Grid | null;
  readonly draws?: Grid | null;
  readonly counts?: Grid | null;
  readonly products?: Grid | null;
  readonly dateSystem?: DateSystem;
}

/**
 * A range's values, kept as our own: the caller may change its arrays after handing them over
 * (append a draw to a what-if array), and a ledger must never answer for values it was not built
 * from. Cells are values or small error objects, never changed in place. They are kept in one flat
 * array with each row's end, not an array per row: a quarter of a million small arrays cost more to
 * make (and to collect) than building the ledger's first stage.
 * @example sameValues(keep([["Lot"], ["C1"]]), [["Lot"], ["C1"]]) // true
 */
interface Kept {
  readonly cells: unknown[];
  /** Where each row ends in `cells`. */
  readonly ends: Int32Array;
}

function keep(grid: Grid | null | undefined): Kept | null {
  if (grid == null) return null;
  let n = 0;
  for (const r of grid) n += r.length;
  const cells = new Array<unknown>(n);
  const ends = new Int32Array(grid.length);
  let at = 0;
  for (let i = 0; i < grid.length; i++) {
    const r = grid[i];
    for (let j = 0; j < r.length; j++) cells[at++] = r[j];
    ends[i] = at;
  }
  return { cells, ends };
}

/** Whether a grid holds exactly the values kept (cell by cell, as `sameCell` compares them). */
function sameValues(kept: Kept | null, grid: Grid | null | undefined): boolean {
  if (kept === null || grid == null) return kept === null && grid == null;
  if (kept.ends.length !== grid.length) return false;
  let at = 0;
  for (let i = 0; i < grid.length; i++) {
    const r = grid[i];
    if (kept.ends[i] - at !== r.length) return false;
    for (let j = 0; j < r.length; j++) if (!sameCell(kept.cells[at++] as Cell, r[j])) return false;
  }
  return true;
}

interface Built {
  /** The values the ledger was built from (see `keep`), and the date system it read them in. */
  readonly tables: { readonly lots: Kept | null; readonly draws: Kept | null; readonly counts: Kept | null; readonly products: Kept | null; readonly dateSystem: DateSystem };
  readonly ledger: Ledger;
}

/**
 * The ledgers last built, newest first. One recalculation runs many LOTBOOK formulas over the same
 * tables (the Report sheet alone has seven): comparing the values they are handed costs about as
 * much as reading each cell once, building the ledger fifteen to twenty times that. Two, because
 * formulas given Products and formulas without it make different ledgers. The values are kept as
 * copies (see `keep`), which costs about one more read of each cell, and only when building.
 */
const recent: Built[] = [];
const REMEMBERED = 2;

/** Forgets the remembered ledgers (the benchmark times building one). */
export function forgetLedgers(): void {
  recent.length = 0;
}

function remembered(tables: Tables, dateSystem: DateSystem): Ledger | null {
  const at = recent.findIndex(
    // Draws first: the table that grows between recalculations, told apart by its length at once.
    (b) => b.tables.dateSystem === dateSystem && sameValues(b.tables.draws, tables.draws) && sameValues(b.tables.counts, tables.counts) && sameValues(b.tables.lots, tables.lots) && sameValues(b.tables.products, tables.products),
  );
  if (at < 0) return null;
  const [hit] = recent.splice(at, 1);
  recent.unshift(hit);
  return hit.ledger;
}

/**
 * The ledger for a formula's tables: built once, and again only when the values it is handed
 * differ from those of a ledger built just before (see `recent`). A table that cannot be read at
 * all (no header row, a required column missing) is refused with the engine's sentence for it:
 * every result of the formula reads that table. Row-level problems are left to the engine, which
 * blocks only the results that depend on them. Dates are read in `tables.dateSystem`, and a ledger
 * read in one date system is never reused for the other.
 * @example ledgerFrom({ lots: Lots, draws: Draws }) // throws #VALUE! "Lots row 1: the first row …"
 * @example ledgerFrom({ lots: Lots, draws: Draws, dateSystem: 1904 }) // a workbook using the 1904 date system
 */
export function ledgerFrom(tables: Tables): Ledger {
  const dateSystem = tables.dateSystem ?? 1900;
  let ledger = remembered(tables, dateSystem);
  if (!ledger) {
    ledger = buildLedger({ lots: tables.lots, draws: tables.draws, counts: tables.counts, products: tables.products, dateSystem });
    const copies = { lots: keep(tables.lots), draws: keep(tables.draws), counts: keep(tables.counts), products: keep(tables.products), dateSystem };
    recent.unshift({ tables: copies, ledger });
    recent.length = Math.min(recent.length, REMEMBERED);
  }
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
 * checked as a table argument by its parameter name; dates read in `dateSystem` (1900 unless said).
 * @example ledgerOfArgs(lots, draws, counts) // for =LOTBOOK.VISIT_COGS("V1", Draws[#All], Lots[#All], Counts[#All])
 */
export function ledgerOfArgs(lots: unknown, draws: unknown, counts?: unknown, products?: unknown, dateSystem?: DateSystem): Ledger {
  return ledgerFrom({
    lots: tableArg("Lots", "lots", lots),
    draws: tableArg("Draws", "draws", draws),
    counts: optionalTableArg("Counts", "counts", counts),
    products: optionalTableArg("Products", "products", products),
    dateSystem,
  });
}
