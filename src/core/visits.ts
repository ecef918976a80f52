import { failureOf, notFound, rowBlocks, tablesFailure } from "./blocking";
import { diagnosticsPrint, type Diagnostic } from "./diagnostic";
import { keysOf } from "./blockKeys";
import { coded } from "./messages";
import { visitKey } from "./names";
import type { Ledger } from "./ledger";
import type { Money } from "./money";
import { KIND_CODE, replayProduct, touchedBooks, type ProductState } from "./book";
import { lineageOf } from "./update";
import { fail, ok, type Failure, type Result } from "./result";
import type { DrawRow } from "./rows";
import type { StockKey } from "./stockKey";
import { AmountColumn, toMoney } from "./_lib/amount";

/** One visit's draws, costed: what the product cost and what was charged. */
export interface VisitCost {
  readonly visit: string;
  readonly cogs: Money;
  readonly revenue: Money;
  /** How many of its lines have a price (margin is `#N/A` when none has). */
  readonly pricedLines: number;
  readonly lines: number;
}

/** Every visit's cost, as arrays indexed by the visit's dense index from the Draws table. */
interface VisitTotals {
  readonly ids: readonly string[];
  readonly cogs: AmountColumn;
  /** Booked Visit draws per visit. */
  readonly lines: Int32Array;
  /** The errors that block a visit, where there are any. */
  readonly blocking: ReadonlyMap<number, Diagnostic[]>;
  /** Why every visit is blocked (a table cannot be read), or null. */
  readonly tables: Failure | null;
}

/** Every visit's revenue: computed only when a margin is asked for. */
interface VisitRevenue {
  readonly revenue: AmountColumn;
  readonly priced: Int32Array;
}

const costCache = new WeakMap<Ledger, VisitTotals>();
const VISIT = KIND_CODE.Visit;
const revenueCache = new WeakMap<Ledger, VisitRevenue>();

const NO_VISITS = { ids: [], byKey: new Map<string, number>(), unpriced: [] as DrawRow[], priced: new Uint8Array(0) };

/**
 * Costs every visit: COGS is the sum of each Visit draw's quantity times the cost of the layers it
 * took (specific identification). Each product's booked draws add to their visits' totals, so a
 * ledger updated from another (`updateLedger`) takes the earlier totals and redoes only the
 * products it posted again.
 */
export function visitTotals(ledger: Ledger): VisitTotals {
  const hit = costCache.get(ledger);
  if (hit) return hit;
  const visits = ledger.draws.visits ?? NO_VISITS;
  const n = visits.ids.length;
  const lineage = lineageOf(ledger);
  const earlier = lineage && costCache.get(lineage.prev);
  let cogs: AmountColumn;
  let lines: Int32Array;
  if (earlier) {
    cogs = earlier.cogs.resized(n);
    lines = new Int32Array(n);
    lines.set(earlier.lines.subarray(0, Math.min(n, earlier.lines.length)));
    // Lines booked alike in both add and take away the same: only those after them move.
    for (const { before, after, from } of touchedBooks(lineage.prev, ledger, lineage.touched)) {
      if (before) addVisitLines(before, cogs, lines, -1, from);
      if (after) addVisitLines(after, cogs, lines, 1, from);
    }
  } else {
    cogs = new AmountColumn(n);
    lines = new Int32Array(n);
    for (const product of ledger.productIndex.values()) addVisitLines(replayProduct(ledger, product), cogs, lines, 1);
  }
  const totals = { ids: visits.ids, cogs, lines, blocking: visitBlocking(ledger), tables: tablesFailure(ledger, ["Lots", "Draws", "Counts"]) };
  costCache.set(ledger, totals);
  return totals;
}

/**
 * The visits (by key) whose answers may differ in a ledger updated from another: those of the
 * Draws rows read again, and those whose cost of goods, lines or blocking moved. `null` without
 * an update, or when what blocks every visit changed.
 */
export function changedVisits(ledger: Ledger): Set<string> | null {
  const lineage = lineageOf(ledger);
  if (!lineage) return null;
  const was = visitTotals(lineage.prev);
  const now = visitTotals(ledger);
  if ((was.tables === null) !== (now.tables === null) || was.tables?.message !== now.tables?.message) return null;
  const out = new Set<string>();
  for (const { before, after } of lineage.redrawn) {
    if (before?.visitKey) out.add(before.visitKey);
    if (after.visitKey) out.add(after.visitKey);
  }
  const differs = (v: number) =>
    // AmountColumn.get gives each value in one form, so equal amounts are ===.
    v >= was.ids.length || was.lines[v] !== now.lines[v] || was.cogs.get(v) !== now.cogs.get(v);
  const look = (state: ProductState, from: number) => {
    for (let i = from; i < state.booked.length; i++) {
      const v = state.bookedVisit[i];
      if (v >= 0 && differs(v)) out.add(visitKey(now.ids[v]));
    }
  };
  for (const { before, after, from } of touchedBooks(lineage.prev, ledger, lineage.touched)) {
    if (before) look(before, from);
    if (after) look(after, from);
  }
  for (const v of new Set([...was.blocking.keys(), ...now.blocking.keys()])) {
    if (diagnosticsPrint(was.blocking.get(v)) !== diagnosticsPrint(now.blocking.get(v))) out.add(visitKey(now.ids[v]));
  }
  return out;
}


/** Adds (`sign` 1) or takes away (−1) a product's booked Visit draws to their visits' totals. */
function addVisitLines(state: ProductState, cogs: AmountColumn, lines: Int32Array, sign: 1 | -1, from = 0): void {
  const { booked, bookedKind, bookedVisit, costs } = state;
  for (let i = from; i < booked.length; i++) {
    const v = bookedVisit[i];
    if (v < 0 || bookedKind[i] !== VISIT) continue;
    lines[v] += sign;
    const c = costs.get(i);
    cogs.add(v, sign === 1 ? c : -c);
  }
}

/** The errors that block each visit: its own rows', its lots', and (where FEFO chose the lot) its product's. */
function visitBlocking(ledger: Ledger): Map<number, Diagnostic[]> {
  const { blocks } = rowBlocks(ledger);
  const visits = ledger.draws.visits ?? NO_VISITS;
  const blocking = new Map<number, Diagnostic[]>();
  const block = (index: number, ds: readonly Diagnostic[]) => {
    const list = blocking.get(index);
    if (list) list.push(...ds);
    else blocking.set(index, [...ds]);
  };
  // Rows with errors block their own visit, whether or not they could be booked.
  for (const [key, ds] of blocks.visit) block(visits.byKey.get(key)!, ds);
  // So do errors of the lots a visit names, booked or not.
  if (blocks.lot.size > 0) {
    for (const row of ledger.draws.rows) {
      if (row.visitIndex < 0 || row.kind !== "Visit" || row.lotKey === null) continue;
      const lotBlocks = blocks.lot.get(row.lotKey as StockKey);
      if (lotBlocks) block(row.visitIndex, lotBlocks);
    }
  }
  for (const product of ledger.productIndex.values()) {
    const state = replayProduct(ledger, product);
    for (const d of state.diagnostics) if (d.severity === "error" && d.visit) block(visits.byKey.get(d.visit)!, [d]);
    if (state.splits.size === 0) continue;
    const productBlocks = blocks.product.get(product.key);
    for (const [i, split] of state.splits) {
      const v = state.bookedVisit[i];
      if (v < 0 || state.bookedKind[i] !== VISIT) continue;
      // FEFO chose the lots: any error of the product could have changed the choice.
      if (productBlocks) block(v, productBlocks);
      for (const al of split) {
        const lotBlocks = blocks.lot.get(al.lot);
        if (lotBlocks) block(v, lotBlocks);
      }
    }
  }
  return blocking;
}

/** Every visit's revenue and priced lines: read only when a margin is asked for. */
export function visitRevenue(ledger: Ledger): VisitRevenue {
  const hit = revenueCache.get(ledger);
  if (hit) return hit;
  const visits = ledger.draws.visits ?? NO_VISITS;
  const n = visits.ids.length;
  const lineage = lineageOf(ledger);
  const earlier = lineage && revenueCache.get(lineage.prev);
  let result: VisitRevenue;
  if (earlier) {
    // Only the rows read again can have changed what a visit was charged.
    const revenue = earlier.revenue.resized(n);
    const priced = new Int32Array(n);
    priced.set(earlier.priced.subarray(0, Math.min(n, earlier.priced.length)));
    for (const { before, after } of lineage.redrawn) {
      if (before && chargedLine(before)) {
        revenue.add(before.visitIndex, -before.price!);
        priced[before.visitIndex]--;
      }
      if (chargedLine(after)) {
        revenue.add(after.visitIndex, after.price!);
        priced[after.visitIndex]++;
      }
    }
    result = { revenue, priced };
  } else {
    const revenue = new AmountColumn(n);
    const priced = new Int32Array(n);
    for (const row of ledger.draws.rows) {
      if (!chargedLine(row)) continue;
      revenue.add(row.visitIndex, row.price!);
      priced[row.visitIndex]++;
    }
    result = { revenue, priced };
  }
  revenueCache.set(ledger, result);
  return result;
}

/** A Visit line whose price counts in its visit's revenue. */
function chargedLine(row: DrawRow): boolean {
  return row.visitIndex >= 0 && row.kind === "Visit" && row.usable && row.price !== null;
}

/**
 * A warning for each Visit draw without a price in a visit whose other lines have one: it counts
 * as 0 in the margin. (A visit with no price at all simply has no margin.)
 */
export function blankPriceWarnings(ledger: Ledger): Diagnostic[] {
  const visits = ledger.draws.visits ?? NO_VISITS;
  return visits.unpriced
    .filter((row) => row.usable && visits.priced[row.visitIndex] === 1)
    .map((row) => ({
      table: "Draws" as const, row: row.row, column: ledger.draws.columnNames.price,
      ...coded({ code: "blank-price", visitId: visits.ids[row.visitIndex] }),
      ...keysOf(ledger, "Draws", row),
    }));
}

const byShownId = new WeakMap<Ledger, Map<string, number>>();

/** Visits by the id as first written: most lookups pass it exactly so, with no case folding. */
function shownIds(ledger: Ledger): Map<string, number> {
  let m = byShownId.get(ledger);
  if (!m) {
    m = new Map();
    (ledger.draws.visits?.ids ?? []).forEach((id, i) => m!.set(id, i));
    byShownId.set(ledger, m);
  }
  return m;
}

/** The visit's index in the totals, or why it has no result. */
function visitIndex(ledger: Ledger, visit: string, totals: VisitTotals): number | Failure {
  const byKey = ledger.draws.visits?.byKey;
  // Ids such as "V1024" are their own key; others as first written, then folded.
  const index = byKey?.get(visit) ?? shownIds(ledger).get(visit) ?? byKey?.get(visitKey(visit.trim()));
  if (index === undefined || (totals.lines[index] === 0 && !totals.blocking.has(index))) {
    return notFound(ledger, ["Lots", "Draws", "Counts"], `no Visit draws recorded for visit ${visit.trim()}`);
  }
  if (totals.tables) return totals.tables;
  const blocked = totals.blocking.get(index);
  if (blocked) return failureOf([...new Set(blocked)]);
  return index;
}

/**
 * A visit's totals: its cost of goods, revenue and how many of its lines are priced.
 * @example visitCost(ledger, "V1")
 */
export function visitCost(ledger: Ledger, visit: string): Result<VisitCost> {
  const totals = visitTotals(ledger);
  const i = visitIndex(ledger, visit, totals);
  if (typeof i !== "number") return { ok: false, error: i };
  const { revenue, priced } = visitRevenue(ledger);
  return ok({ visit: totals.ids[i], cogs: toMoney(totals.cogs.get(i)), revenue: toMoney(revenue.get(i)), pricedLines: priced[i], lines: totals.lines[i] });
}

/**
 * A visit's cost of goods: Σ its Visit draws × the unit cost of the lot layers they took.
 * @example visitCogs(ledger, "V1") // { ok: true, value: 260_000_000_000_000n } ($260.00)
 */
export function visitCogs(ledger: Ledger, visit: string): Result<Money> {
  const totals = visitTotals(ledger);
  const i = visitIndex(ledger, visit, totals);
  return typeof i === "number" ? ok(toMoney(totals.cogs.get(i))) : { ok: false, error: i };
}

/**
 * A visit's margin: Σ Price − COGS; blank prices count as 0; `#N/A` when no line has a price.
 * @example visitMargin(ledger, "V1")
 */
export function visitMargin(ledger: Ledger, visit: string): Result<Money> {
  const r = visitCost(ledger, visit);
  if (!r.ok) return r;
  if (r.value.pricedLines === 0) return fail("na", `no line of visit ${r.value.visit} has a price, so it has no margin`);
  return ok(r.value.revenue - r.value.cogs);
}
