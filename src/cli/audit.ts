import {
  atRisk,
  buildLedger,
  check,
  conservation,
  DEFAULT_LOOKBACK_DAYS,
  expiryAlerts,
  shrinkageLog,
  stockValue,
  type AtRiskEntry,
  type Conservation,
  type DateSystem,
  type Diagnostic,
  type ExpiryAlert,
  type LedgerInput,
  type Money,
  type Serial,
  type ShrinkageEntry,
} from "../core";

/** A product whose results an error blocks, with the first blocking problem. */
export interface Blocked {
  readonly product: string;
  readonly message: string;
}

/** Everything a month-end audit looks at, as of one day. Amounts stay exact until printed. */
export interface Audit {
  readonly asOf: Serial;
  readonly dateSystem: DateSystem;
  /** Expired lots with stock, lots inside an alert window, and residues, soonest first. */
  readonly alerts: readonly ExpiryAlert[];
  readonly lookbackDays: number;
  /** Lots forecast to expire with units left, from the usage rate over `lookbackDays`. */
  readonly atRisk: readonly AtRiskEntry[];
  readonly atRiskValue: Money;
  /** Counts up to the as-of day, in time order. */
  readonly shrinkage: readonly ShrinkageEntry[];
  /** Value on hand at cost per product, by name; `null` where an error blocks it. */
  readonly stockValue: readonly { readonly product: string; readonly value: Money | null }[];
  /** Sum of the products that could be valued. */
  readonly stockTotal: Money;
  readonly diagnostics: readonly Diagnostic[];
  readonly blocked: readonly Blocked[];
  readonly conservation: Conservation;
}

/**
 * Runs the engine over a workbook's ledger tables as of a day.
 * @example audit({ lots, draws, counts }, serialFromYmd(2026, 3, 1))
 */
export function audit(input: LedgerInput, asOf: Serial, lookbackDays: number = DEFAULT_LOOKBACK_DAYS): Audit {
  const ledger = buildLedger(input);
  const products = [...ledger.productIndex.values()].sort((a, b) => a.name.localeCompare(b.name));

  const blocked: Blocked[] = [];
  const values: { product: string; value: Money | null }[] = [];
  let stockTotal = 0n;
  for (const p of products) {
    const v = stockValue(ledger, p.name, asOf);
    if (v.ok) stockTotal += v.value;
    else blocked.push({ product: p.name, message: v.error.message });
    values.push({ product: p.name, value: v.ok ? v.value : null });
  }

  // Blocked products appear in the lists below as failed entries; `blocked` already names them.
  const alerts = expiryAlerts(ledger, asOf).flatMap((r) => (r.ok ? [r.value] : []));
  const risky = atRisk(ledger, asOf, lookbackDays).flatMap((r) => (r.ok && r.value.atRisk > 0 ? [r.value] : []));
  const shrinkage = shrinkageLog(ledger).flatMap((r) => (r.ok && r.value.date < Math.floor(asOf) + 1 ? [r.value] : []));

  return {
    asOf,
    dateSystem: ledger.dateSystem,
    alerts,
    lookbackDays,
    atRisk: risky,
    atRiskValue: risky.reduce((s, e) => s + e.atRiskValue, 0n),
    shrinkage,
    stockValue: values,
    stockTotal,
    diagnostics: check(ledger),
    blocked,
    conservation: conservation(ledger, asOf),
  };
}

/** Counts that decide the exit code: a scheduled job mails the owner when any is non-zero. */
export function findings(a: Audit): { alerts: number; errors: number; warnings: number; blocked: number } {
  return {
    alerts: a.alerts.length,
    errors: a.diagnostics.filter((d) => d.severity === "error").length,
    warnings: a.diagnostics.filter((d) => d.severity === "warning").length,
    blocked: a.blocked.length,
  };
}

/** 0 when clean, 1 when a lot needs attention or the ledger has an error. Warnings alone are clean. */
export function exitCodeOf(a: Audit): 0 | 1 {
  const f = findings(a);
  return f.alerts + f.errors + f.blocked > 0 ? 1 : 0;
}
