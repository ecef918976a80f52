import { failureOf, notFound, rowBlocks, tablesFailure } from "./blocking";
import type { Diagnostic } from "./diagnostic";
import { keysOf, type Ledger } from "./ledger";
import type { Money } from "./money";
import { replayProduct } from "./replay";
import { fail, ok, type Result } from "./result";
import type { DrawRow } from "./rows";
import type { StockKey } from "./stockKey";

/** One visit's draws, costed: what the product cost and what was charged. */
export interface VisitCost {
  readonly visit: string;
  readonly cogs: Money;
  readonly revenue: Money;
  /** How many of its lines have a price (margin is `#N/A` when none has). */
  readonly pricedLines: number;
  readonly lines: number;
}

interface VisitTotals {
  readonly byVisit: ReadonlyMap<string, Result<VisitCost>>;
  readonly warnings: readonly Diagnostic[];
}

const cache = new WeakMap<Ledger, VisitTotals>();

/**
 * Costs every visit in one pass over the booked draws: COGS is the sum of each Visit draw's
 * quantity times the cost of the layers it took (specific identification).
 */
export function visitTotals(ledger: Ledger): VisitTotals {
  const hit = cache.get(ledger);
  if (hit) return hit;
  const { blocks } = rowBlocks(ledger);
  const acc = new Map<string, { visit: string; cogs: Money; revenue: Money; priced: number; lines: number; blocking: Diagnostic[]; unpriced: DrawRow[] }>();
  const visitOf = (row: DrawRow) => {
    let a = acc.get(row.visitKey!);
    if (!a) acc.set(row.visitKey!, (a = { visit: row.visit!, cogs: 0n, revenue: 0n, priced: 0, lines: 0, blocking: [], unpriced: [] }));
    return a;
  };
  let firstRows: Map<string, DrawRow> | null = null;
  const firstRowOf = (visitKey: string) => {
    if (!firstRows) {
      firstRows = new Map();
      for (const r of ledger.draws.rows) if (r.visitKey !== null && !firstRows.has(r.visitKey)) firstRows.set(r.visitKey, r);
    }
    return firstRows.get(visitKey)!;
  };
  // Rows with errors block their own visit, whether or not they could be booked.
  for (const [visitKey, ds] of blocks.visit) visitOf(firstRowOf(visitKey)).blocking.push(...ds);
  // Prices, lines and the lots a visit names come from its rows; costs from the booked draws.
  for (const row of ledger.draws.rows) {
    if (row.kind !== "Visit" || row.visitKey === null || !row.usable) continue;
    const a = visitOf(row);
    a.lines++;
    if (row.price !== null) {
      a.revenue += row.price;
      a.priced++;
    } else a.unpriced.push(row);
    const lotBlocks = row.lotKey !== null ? blocks.lot.get(row.lotKey as StockKey) : undefined;
    if (lotBlocks) a.blocking.push(...lotBlocks);
  }
  for (const product of ledger.productIndex.values()) {
    const state = replayProduct(ledger, product);
    for (const d of state.diagnostics) {
      if (d.severity === "error" && d.visit) visitOf(firstRowOf(d.visit)).blocking.push(d);
    }
    const productBlocks = blocks.product.get(product.key);
    for (const b of state.draws) {
      const row = b.row;
      if (row.kind !== "Visit" || row.visitKey === null) continue;
      const a = visitOf(row);
      a.cogs += b.cost;
      if (!b.assumed) continue;
      // FEFO chose the lots: any error of the product could have changed the choice.
      if (productBlocks) a.blocking.push(...productBlocks);
      for (const al of b.allocations) {
        const lotBlocks = blocks.lot.get(al.lot);
        if (lotBlocks) a.blocking.push(...lotBlocks);
      }
    }
  }
  const tables = tablesFailure(ledger, ["Lots", "Draws", "Counts"]);
  const byVisit = new Map<string, Result<VisitCost>>();
  const warnings: Diagnostic[] = [];
  for (const [key, a] of acc) {
    if (tables) byVisit.set(key, { ok: false, error: tables });
    else if (a.blocking.length) byVisit.set(key, { ok: false, error: failureOf(dedupe(a.blocking)) });
    else byVisit.set(key, ok({ visit: a.visit, cogs: a.cogs, revenue: a.revenue, pricedLines: a.priced, lines: a.lines }));
    if (a.priced > 0) {
      for (const row of a.unpriced) {
        warnings.push({
          table: "Draws", row: row.row, column: ledger.draws.columnNames.price, severity: "warning",
          message: `the price is blank while other lines of visit ${a.visit} have one; it counts as 0 in the visit's margin`,
          ...keysOf(ledger, "Draws", row),
        });
      }
    }
  }
  const totals = { byVisit, warnings };
  cache.set(ledger, totals);
  return totals;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  return [...new Set(ds)];
}

function visitResult(ledger: Ledger, visit: string): Result<VisitCost> {
  const key = visit.trim().toLowerCase();
  const r = visitTotals(ledger).byVisit.get(key);
  if (!r) return { ok: false, error: notFound(ledger, ["Lots", "Draws", "Counts"], `no Visit draws recorded for visit ${visit.trim()}`) };
  return r;
}

/**
 * A visit's cost of goods: Σ its Visit draws × the unit cost of the lot layers they took.
 * @example visitCogs(ledger, "V1") // { ok: true, value: 260_000_000_000_000n } ($260.00)
 */
export function visitCogs(ledger: Ledger, visit: string): Result<Money> {
  const r = visitResult(ledger, visit);
  return r.ok ? ok(r.value.cogs) : r;
}

/**
 * A visit's margin: Σ Price − COGS; blank prices count as 0; `#N/A` when no line has a price.
 * @example visitMargin(ledger, "V1")
 */
export function visitMargin(ledger: Ledger, visit: string): Result<Money> {
  const r = visitResult(ledger, visit);
  if (!r.ok) return r;
  if (r.value.pricedLines === 0) return fail("na", `no line of visit ${r.value.visit} has a price, so it has no margin`);
  return ok(r.value.revenue - r.value.cogs);
}
