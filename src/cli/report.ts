import { formatMoney, formatQty, formatSerial, moneyToNumber, qtyToNumber, ymdFromSerial, type DateSystem, type Money, type Serial, type TableName } from "../core";
import { exitCodeOf, findings, type Audit } from "./audit";
import { textTable } from "./textTable";
import type { TableSource } from "./workbook";

/** What the report says about where it read from. */
export interface ReportContext {
  readonly file: string;
  readonly sources: Readonly<Partial<Record<TableName, TableSource>>>;
}

function isoDate(serial: Serial, system: DateSystem): string {
  const { year, month, day } = ymdFromSerial(serial, system);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const num = (m: Money): number => moneyToNumber(m);

/**
 * The audit as one JSON-ready object: dates as `YYYY-MM-DD`, amounts and quantities as numbers.
 * @example JSON.stringify(auditJson(a, { file: "clinic.xlsx", sources }))
 */
export function auditJson(a: Audit, ctx: ReportContext) {
  const date = (s: Serial) => isoDate(s, a.dateSystem);
  const c = a.conservation;
  const f = findings(a);
  return {
    file: ctx.file,
    asOf: date(a.asOf),
    tables: ctx.sources,
    exitCode: exitCodeOf(a),
    counts: f,
    alerts: a.alerts.map((e) => ({
      product: e.product,
      lot: e.lot,
      expires: e.expires === null ? null : date(e.expires),
      daysLeft: e.daysLeft,
      remaining: qtyToNumber(e.remaining),
      value: num(e.value),
      expired: e.threshold === 0,
      withinDays: e.threshold > 0 ? e.threshold : null,
      residue: e.residue,
    })),
    atRisk: {
      lookbackDays: a.lookbackDays,
      value: num(a.atRiskValue),
      lots: a.atRisk.map((e) => ({
        product: e.product,
        lot: e.lot,
        expires: e.expires === null ? null : date(e.expires),
        remaining: qtyToNumber(e.remaining),
        projectedUse: qtyToNumber(e.projectedUse),
        atRisk: qtyToNumber(e.atRisk),
        atRiskValue: num(e.atRiskValue),
      })),
    },
    shrinkage: a.shrinkage.map((e) => ({
      date: date(e.date),
      product: e.product,
      lot: e.lot,
      countRow: e.countRow,
      expected: qtyToNumber(e.expected),
      counted: qtyToNumber(e.counted),
      shrinkage: qtyToNumber(e.shrinkage),
      cost: num(e.cost),
      allowedLoss: e.allowedLoss === null ? null : qtyToNumber(e.allowedLoss),
      unexplained: e.unexplained === null ? null : qtyToNumber(e.unexplained),
    })),
    stockValue: {
      total: num(a.stockTotal),
      complete: a.blocked.length === 0,
      byProduct: a.stockValue.map((p) => ({ product: p.product, value: p.value === null ? null : num(p.value) })),
    },
    diagnostics: a.diagnostics.map((d) => ({ table: d.table, row: d.row, column: d.column, severity: d.severity, message: d.message })),
    blocked: a.blocked,
    conservation: {
      purchases: num(c.purchases),
      cogs: num(c.cogs),
      waste: num(c.otherDraws.Waste),
      expired: num(c.otherDraws.Expired),
      sample: num(c.otherDraws.Sample),
      return: num(c.otherDraws.Return),
      shrinkage: num(c.shrinkage),
      onHand: num(c.onHand),
      residue: num(c.residue),
    },
  };
}

/** A sheet name as Excel writes it in a reference: quoted when it holds more than letters and digits. */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function alertLabel(threshold: number, residue: boolean): string {
  const parts: string[] = [];
  if (threshold === 0) parts.push("EXPIRED");
  else if (threshold > 0) parts.push(`within ${threshold} days`);
  if (residue) parts.push("residue: use or write off");
  return parts.join("; ");
}

/**
 * The audit as the readable report a bookkeeper reads at month end: aligned tables, money as
 * $1,234.50 and dates as m/d/yyyy.
 */
export function auditText(a: Audit, ctx: ReportContext): string {
  const date = (s: Serial) => formatSerial(s, a.dateSystem);
  const out: string[] = [];
  out.push(`Lotbook audit of ${ctx.file} as of ${date(a.asOf)}`);
  const read = (["Lots", "Draws", "Counts", "Products"] as const).map((t) => {
    const s = ctx.sources[t];
    return s ? `${t} (${s.from} ${sheetRef(s.sheet)}!${s.range})` : `${t} (not found)`;
  });
  out.push(`Read: ${read.join(", ")}`);

  out.push("", a.alerts.length ? `Expiry alerts: ${a.alerts.length}` : "Expiry alerts: none");
  if (a.alerts.length) {
    out.push(textTable(
      [{ header: "Product" }, { header: "Lot" }, { header: "Expires" }, { header: "Days left", right: true }, { header: "Remaining", right: true }, { header: "Value", right: true }, { header: "Alert" }],
      a.alerts.map((e) => [
        e.product, e.lot,
        e.expires === null ? "never" : date(e.expires),
        e.daysLeft === null ? "" : String(e.daysLeft),
        formatQty(e.remaining), formatMoney(e.value), alertLabel(e.threshold, e.residue),
      ]),
    ));
  }

  out.push("", `At risk of expiring unused: ${formatMoney(a.atRiskValue)} (forecast from the last ${a.lookbackDays} days of visits)`);
  if (a.atRisk.length) {
    out.push(textTable(
      [{ header: "Product" }, { header: "Lot" }, { header: "Expires" }, { header: "Remaining", right: true }, { header: "Projected use", right: true }, { header: "At risk", right: true }, { header: "At-risk value", right: true }],
      a.atRisk.map((e) => [
        e.product, e.lot, e.expires === null ? "never" : date(e.expires),
        formatQty(e.remaining), formatQty(e.projectedUse), formatQty(e.atRisk), formatMoney(e.atRiskValue),
      ]),
    ));
  }

  const withAllowance = a.shrinkage.some((e) => e.allowedLoss !== null);
  out.push("", a.shrinkage.length ? `Shrinkage log: ${plural(a.shrinkage.length, "count")}` : "Shrinkage log: no counts");
  if (a.shrinkage.length) {
    out.push(textTable(
      [
        { header: "Date" }, { header: "Product" }, { header: "Lot" }, { header: "Row", right: true },
        { header: "Expected", right: true }, { header: "Counted", right: true }, { header: "Shrinkage", right: true }, { header: "Cost", right: true },
        ...(withAllowance ? [{ header: "Allowed loss", right: true }, { header: "Unexplained", right: true }] : []),
      ],
      a.shrinkage.map((e) => [
        date(e.date), e.product, e.lot, String(e.countRow),
        formatQty(e.expected), formatQty(e.counted), formatQty(e.shrinkage), formatMoney(e.cost),
        ...(withAllowance ? [e.allowedLoss === null ? "" : formatQty(e.allowedLoss), e.unexplained === null ? "" : formatQty(e.unexplained)] : []),
      ]),
    ));
  }

  out.push("", `Stock value at cost: ${formatMoney(a.stockTotal)}${a.blocked.length ? ` (without ${plural(a.blocked.length, "product")} that an error blocks)` : ""}`);
  if (a.stockValue.length) {
    out.push(textTable(
      [{ header: "Product" }, { header: "Value", right: true }],
      a.stockValue.map((p) => [p.product, p.value === null ? "blocked" : formatMoney(p.value)]),
    ));
  }

  const f = findings(a);
  out.push("", `Diagnostics: ${plural(f.errors, "error")}, ${plural(f.warnings, "warning")}`);
  if (a.diagnostics.length) {
    out.push(textTable(
      [{ header: "Table" }, { header: "Row", right: true }, { header: "Column" }, { header: "Severity" }, { header: "Message" }],
      a.diagnostics.map((d) => [d.table, d.row === 0 ? "" : String(d.row), d.column, d.severity, d.message]),
    ));
  }
  if (a.blocked.length) {
    out.push("", "Not computed until fixed:");
    out.push(textTable([{ header: "Product" }, { header: "First problem" }], a.blocked.map((b) => [b.product, b.message])));
  }

  const c = a.conservation;
  out.push(
    "",
    `Conservation: purchases ${formatMoney(c.purchases)} = COGS ${formatMoney(c.cogs)} + waste ${formatMoney(c.otherDraws.Waste)}` +
      ` + expired ${formatMoney(c.otherDraws.Expired)} + samples ${formatMoney(c.otherDraws.Sample)} + returns ${formatMoney(c.otherDraws.Return)}` +
      ` + shrinkage ${formatMoney(c.shrinkage)} + on hand ${formatMoney(c.onHand)}` +
      (c.residue === 0n ? " (exact)" : ` (residue ${moneyToNumber(c.residue)})`),
  );

  const issues: string[] = [];
  if (f.alerts) issues.push(plural(f.alerts, "expiry alert"));
  if (f.errors) issues.push(plural(f.errors, "error"));
  out.push("", issues.length ? `Needs attention: ${issues.join(", ")}.` : "Clean: no expiry alerts and no errors.");
  return out.join("\n") + "\n";
}
