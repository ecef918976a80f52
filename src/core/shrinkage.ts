import { lotFailure, productFailure, tablesFailure } from "./blocking";
import type { Serial } from "./dates";
import type { Ledger } from "./ledger";
import type { Money } from "./money";
import { addQty, maxQty, minQty, type Qty, subQty, ZERO_QTY } from "./quantity";
import { onBooks, replayProduct, type ProductState } from "./book";
import { fail, ok, type Failure, type Result } from "./result";
import { resolveScope } from "./scope";
import { placeOf, whereAsked } from "./sites";

/** One count in the shrinkage log: a timestamped assertion and how far the books were off. */
export interface ShrinkageEntry {
  readonly date: Serial;
  readonly product: string;
  readonly lot: string;
  readonly countRow: number;
  readonly expected: Qty;
  readonly counted: Qty;
  /** Expected − counted: positive means units missing. */
  readonly shrinkage: Qty;
  /** The actual cost of the layers the missing units took. */
  readonly cost: Money;
  /** The part of the shrinkage the product's Loss Allowance explains (null without one). */
  readonly allowedLoss: Qty | null;
  readonly unexplained: Qty | null;
  /** Where the count was, only where the workbook keeps locations (`""`: the unnamed one). */
  readonly location?: string;
}

/**
 * Every count of the ledger in time order, with its shrinkage; a count whose product has an error
 * is an entry that carries the error (the others still show).
 * @example shrinkageLog(ledger)[0] // { ok: true, value: { expected: 60, counted: 58, shrinkage: 2, … } }
 */
export function shrinkageLog(ledger: Ledger, location?: string | null): Result<ShrinkageEntry>[] {
  if (!ledger.given.Counts) return [fail("value", "pass the Counts table: shrinkage is measured at counts")];
  const where = whereAsked(ledger, location);
  if (!where.ok) return [where];
  const tables = tablesFailure(ledger, ["Lots", "Draws", "Counts"]);
  if (tables) return [{ ok: false, error: tables }];
  const entries: LogEntry[] = [];
  for (const product of ledger.productIndex.values()) {
    const blocked = productFailure(ledger, product.key);
    const state = replayProduct(ledger, product);
    if (!blocked) {
      for (const e of productLog(ledger, state, where.value)) entries.push(e);
      continue;
    }
    for (const c of state.counts) {
      if (where.value === null || c.locationKey === where.value) entries.push({ t: c.t, row: c.row.row, result: { ok: false, error: { ...blocked, product: product.name } } });
    }
  }
  return entries.sort((a, b) => a.t - b.t || a.row - b.row).map((e) => e.result);
}

interface LogEntry {
  readonly t: number;
  readonly row: number;
  readonly result: Result<ShrinkageEntry>;
}

const logOf = onBooks<string | null, LogEntry[]>();

/** A product's counts in its books as log entries, at one location or all: made once per replay. */
function productLog(ledger: Ledger, state: ProductState, locationKey: string | null): LogEntry[] {
  return logOf(state, locationKey, () => {
    const product = state.product;
    const ppm = product.settings?.lossAllowancePpm ?? null;
    const out: LogEntry[] = [];
    for (const c of state.counts) {
      if (locationKey !== null && c.locationKey !== locationKey) continue;
      const lot = ledger.lotIndex.get(c.lot)!;
      let allowedLoss: Qty | null = null;
      let unexplained: Qty | null = null;
      if (ppm !== null) {
        const expectedLoss = Math.round((c.injected * ppm) / 1_000_000) as Qty;
        allowedLoss = minQty(expectedLoss, maxQty(c.shrinkage, ZERO_QTY));
        unexplained = subQty(c.shrinkage, allowedLoss);
      }
      const result = ok({
        date: c.row.time!, ...placeOf(ledger.sites, c.location), product: product.name, lot: lot.lot, countRow: c.row.row,
        expected: c.expected, counted: c.counted, shrinkage: c.shrinkage, cost: c.cost, allowedLoss, unexplained,
      });
      out.push({ t: c.t, row: c.row.row, result });
    }
    return out;
  });
}

/**
 * Total shrinkage up to the last count, for a product, a lot or `*`: in dollars at cost
 * (`measure` "cost") or in units ("units").
 * @example shrinkageTotal(ledger, "Botox 100U", "units")
 */
export function shrinkageTotal(ledger: Ledger, scope: string, measure?: "cost", location?: string | null): Result<Money>;
export function shrinkageTotal(ledger: Ledger, scope: string, measure: "units", location?: string | null): Result<Qty>;
export function shrinkageTotal(ledger: Ledger, scope: string, measure: "cost" | "units", location?: string | null): Result<Money> | Result<Qty>;
export function shrinkageTotal(ledger: Ledger, scope: string, measure: "cost" | "units" = "cost", location?: string | null): Result<Money> | Result<Qty> {
  if (!ledger.given.Counts) return fail<Money>("value", "pass the Counts table: shrinkage is measured at counts");
  const where = whereAsked(ledger, location);
  if (!where.ok) return where;
  const resolved = resolveScope(ledger, scope);
  if (!resolved.ok) return resolved;
  const inScope = new Set(resolved.value.lots.map((l) => l.key));
  const products = new Set(resolved.value.lots.map((l) => l.productKey));
  let units = ZERO_QTY;
  let cost = 0n;
  for (const key of products) {
    const blocked: Failure | null = resolved.value.kind === "lot" ? lotFailure(ledger, resolved.value.lot.key) : productFailure(ledger, key);
    if (blocked) return { ok: false, error: blocked };
    for (const c of replayProduct(ledger, ledger.productIndex.get(key)!).counts) {
      if (!inScope.has(c.lot) || (where.value !== null && c.locationKey !== where.value)) continue;
      units = addQty(units, c.shrinkage);
      cost += c.cost;
    }
  }
  return measure === "units" ? ok(units) : ok(cost);
}
