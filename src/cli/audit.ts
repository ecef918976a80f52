import {
  atRisk,
  buildLedger,
  check,
  conservation,
  DEFAULT_LOOKBACK_DAYS,
  expiryAlerts,
  locationKey,
  reachOf,
  reorder,
  shrinkageLog,
  stockValue,
  type AtRiskEntry,
  type Conservation,
  type DateSystem,
  type Diagnostic,
  type ExpiryAlert,
  type Ledger,
  type LedgerInput,
  type Money,
  type Qty,
  type ReorderEntry,
  type Serial,
  type ShrinkageEntry,
} from "../core";
import { productBlockers } from "../core/blocking";
import { lotStateAt, lotStatesAt, lotValue } from "../core/stock";

/** A product whose results errors block, with every error that blocks them (the first decides). */
export interface Blocked {
  readonly product: string;
  readonly problems: readonly Diagnostic[];
  /** The engine's own sentence, for a block no diagnostic names. */
  readonly reason?: string;
}

/** A lot with fewer units on the books than nothing: more was drawn than was received. */
export interface BelowZero {
  readonly product: string;
  readonly lot: string;
  readonly expires: Serial | null;
  readonly remaining: Qty;
  readonly value: Money;
}

/** Stock at one location: its value at cost and how many expiry alerts are there. */
export interface LocationFigures {
  /** The location as first written; `""` for the unnamed one (rows with a blank Location). */
  readonly location: string;
  /** Value on hand at cost of the products no error blocks. */
  readonly value: Money;
  readonly alerts: number;
}

/** The figures that need every table read: absent when a table cannot be read at all. */
export interface Figures {
  /** Expired lots with stock, lots inside an alert window, and residues, soonest first. */
  readonly alerts: readonly ExpiryAlert[];
  readonly belowZero: readonly BelowZero[];
  /** Lots forecast to expire with units left, from the usage rate over `lookbackDays`. */
  readonly atRisk: readonly AtRiskEntry[];
  readonly atRiskValue: Money;
  /** What to order, by when and how much, per product that no error blocks, soonest order-by first. */
  readonly reorder: readonly ReorderEntry[];
  /** Counts up to the as-of day, in time order. */
  readonly shrinkage: readonly ShrinkageEntry[];
  /** Value on hand at cost per product, by name; `null` where an error blocks it. */
  readonly stockValue: readonly { readonly product: string; readonly value: Money | null }[];
  /** Sum of the products that could be valued. */
  readonly stockTotal: Money;
  /** Stock and alerts per location, in the order the tables first name them; null without a Location column. */
  readonly locations: readonly LocationFigures[] | null;
  readonly conservation: Conservation;
}

/** Everything a month-end audit looks at, as of one day. Amounts stay exact until printed. */
export interface Audit {
  readonly asOf: Serial;
  readonly dateSystem: DateSystem;
  readonly lookbackDays: number;
  /**
   * The ledger's figures, or `null` when a table cannot be read (a required column missing, no
   * header row): nothing is computed then, rather than shown as zero. `unreadable` says why.
   */
  readonly figures: Figures | null;
  readonly unreadable: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
  readonly blocked: readonly Blocked[];
}

/**
 * Runs the engine over a workbook's ledger tables as of a day.
 * @example audit({ lots, draws, counts }, serialFromYmd(2026, 3, 1))
 */
export function audit(input: LedgerInput, asOf: Serial, lookbackDays: number = DEFAULT_LOOKBACK_DAYS): Audit {
  const ledger = buildLedger(input);
  const diagnostics = check(ledger);
  const tables = [ledger.lots, ledger.draws, ledger.counts, ledger.products];
  const unreadable = tables.flatMap((t) => t.tableErrors).filter((d) => reachOf(d) === "table");
  if (unreadable.length) {
    return { asOf, dateSystem: ledger.dateSystem, lookbackDays, figures: null, unreadable, diagnostics, blocked: blockedByTables(ledger, unreadable) };
  }

  const products = [...ledger.productIndex.values()].sort((a, b) => a.name.localeCompare(b.name));
  const blocked: Blocked[] = [];
  const values: { product: string; value: Money | null }[] = [];
  const belowZero: BelowZero[] = [];
  let stockTotal = 0n;
  const byLocation = new Map<string, Money>();
  for (const p of products) {
    // A product whose only Lots rows are broken has no lots to value: blocked, never worth $0.00.
    const problems = productBlockers(ledger, p.key);
    const v = problems.length ? null : stockValue(ledger, p.name, asOf);
    if (!v || !v.ok) {
      blocked.push({ product: p.name, problems, ...(v && !v.ok ? { reason: v.error.message } : {}) });
      values.push({ product: p.name, value: null });
      continue;
    }
    stockTotal += v.value;
    values.push({ product: p.name, value: v.value });
    for (const lot of p.lots) {
      for (const at of lotStatesAt(ledger, lot, asOf)) byLocation.set(at.locationKey, (byLocation.get(at.locationKey) ?? 0n) + lotValue(at));
      const s = lotStateAt(ledger, lot, asOf);
      if (s.remaining < 0) belowZero.push({ product: p.name, lot: lot.lot, expires: lot.expires, remaining: s.remaining, value: lotValue(s) });
    }
  }

  // Blocked products appear in the lists below as failed entries; `blocked` already names them.
  const alerts = expiryAlerts(ledger, asOf).flatMap((r) => (r.ok ? [r.value] : []));
  const risky = atRisk(ledger, asOf, lookbackDays).flatMap((r) => (r.ok && r.value.atRisk > 0 ? [r.value] : []));
  const shrinkage = shrinkageLog(ledger).flatMap((r) => (r.ok && r.value.date < Math.floor(asOf) + 1 ? [r.value] : []));

  return {
    asOf,
    dateSystem: ledger.dateSystem,
    lookbackDays,
    figures: {
      alerts,
      belowZero,
      atRisk: risky,
      atRiskValue: risky.reduce((s, e) => s + e.atRiskValue, 0n),
      reorder: reorder(ledger, asOf, lookbackDays).flatMap((r) => (r.ok ? [r.value] : [])),
      shrinkage,
      stockValue: values,
      stockTotal,
      locations: ledger.sites.tracked ? locationFigures(ledger, byLocation, alerts) : null,
      conservation: conservation(ledger, asOf),
    },
    unreadable: [],
    diagnostics,
    blocked,
  };
}

/** Every named location, then the unnamed one where stock is held there, with its value and alerts. */
function locationFigures(ledger: Ledger, values: ReadonlyMap<string, Money>, alerts: readonly ExpiryAlert[]): LocationFigures[] {
  const keys = [...ledger.sites.names.keys(), ...(values.has("") ? [""] : [])];
  return keys.map((key) => ({
    location: ledger.sites.names.get(key) ?? "",
    value: values.get(key) ?? 0n,
    alerts: alerts.filter((e) => locationKey(e.location) === key).length,
  }));
}

/**
 * With a table unreadable, every product the workbook names is blocked by it: those of Lots when
 * Lots could be read, else those its draws and counts name, so none looks like a product worth $0.
 */
function blockedByTables(ledger: Ledger, unreadable: readonly Diagnostic[]): Blocked[] {
  const names = new Map<string, string>();
  for (const p of ledger.productIndex.values()) names.set(p.key, p.name);
  for (const r of [...ledger.draws.rows, ...ledger.counts.rows]) if (r.productKey && r.product && !names.has(r.productKey)) names.set(r.productKey, r.product);
  return [...names.values()].sort((a, b) => a.localeCompare(b)).map((product) => ({ product, problems: unreadable }));
}

/** Counts that decide the exit code: a scheduled job mails the owner when any is non-zero. */
export function findings(a: Audit): { alerts: number; errors: number; warnings: number; blocked: number } {
  const f = a.figures;
  const lots = new Set(f ? f.alerts.map((e) => e.lot) : []);
  return {
    alerts: f ? f.alerts.length + f.belowZero.filter((b) => !lots.has(b.lot)).length : 0,
    // By kind: a problem that keeps anything from being computed fails the audit, a warning does not.
    errors: a.diagnostics.filter((d) => reachOf(d) !== "nothing").length,
    warnings: a.diagnostics.filter((d) => reachOf(d) === "nothing").length,
    blocked: a.blocked.length,
  };
}

/**
 * 0 when clean, 1 when a lot needs attention (expiring, expired, or below zero on the books) or the
 * ledger has an error. Warnings alone are clean.
 */
export function exitCodeOf(a: Audit): 0 | 1 {
  const f = findings(a);
  return f.alerts + f.errors + f.blocked > 0 ? 1 : 0;
}
