import { columnLetter, formatMoney, formatQty, formatSerial, moneyToNumber, qtyToNumber, reorderGroups, ymdFromSerial, type DateSystem, type Diagnostic, type Money, type Qty, type Serial, type TableName } from "../core";
import { exitCodeOf, findings, type Audit, type Blocked, type Figures } from "./audit";
import { textTable } from "./textTable";
import type { TableLayout, TableSource } from "./workbook";

/** What the report says about where it read from, and where each table sits on its sheet. */
export interface ReportContext {
  readonly file: string;
  readonly sources: Readonly<Partial<Record<TableName, TableSource>>>;
  readonly layout?: Readonly<Partial<Record<TableName, TableLayout>>>;
}

/**
 * The address of the cell a diagnostic points at, as Excel writes it (`Lots!C5`), or `null` when
 * it is about a table as a whole or a column the table does not have.
 * @example cellOf({ table: "Lots", row: 5, column: "Expires", … }, ctx) // "Lots!C5"
 */
export function cellOf(d: Pick<Diagnostic, "table" | "row" | "column">, ctx: ReportContext): string | null {
  const at = ctx.layout?.[d.table];
  if (!at || d.row <= 0 || d.column === "") return null;
  const i = at.header.indexOf(d.column);
  return i < 0 ? null : `${sheetRef(at.sheet)}!${columnLetter(at.left - 1 + i)}${d.row}`;
}

/** A diagnostic as one sentence: where (table, worksheet row, column and cell), then what. */
function where(d: Diagnostic, ctx: ReportContext): string {
  const cell = cellOf(d, ctx);
  return `${d.table} row ${d.row}${d.column ? `, ${d.column}` : ""}${cell ? ` (${cell})` : ""}: ${d.message}`;
}

/** Why a product is not computed: its first problem, and how many more the audit lists. */
function blockedMessage(b: Blocked, ctx: ReportContext): string {
  if (b.problems.length === 0) return b.reason ?? "not computed";
  const more = b.problems.length - 1;
  return where(b.problems[0], ctx) + (more > 0 ? ` (and ${plural(more, "more problem")}, listed under Diagnostics)` : "");
}

/** What a figure that was not computed says instead of a number. */
function notComputed(a: Audit): string {
  const tables = [...new Set(a.unreadable.map((d) => d.table))];
  return `not computed: the ${tables.join(" and ")} table${tables.length > 1 ? "s" : ""} cannot be read (see Diagnostics)`;
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
  const x = a.figures;
  return {
    file: ctx.file,
    asOf: isoDate(a.asOf, a.dateSystem),
    tables: ctx.sources,
    exitCode: exitCodeOf(a),
    counts: findings(a),
    ...(x ? figuresJson(a, x) : {
      notComputed: notComputed(a),
      alerts: null,
      atRisk: null,
      reorder: null,
      shrinkage: null,
      stockValue: { total: null, complete: false, byProduct: [] },
    }),
    diagnostics: a.diagnostics.map((d) => ({ table: d.table, row: d.row, cell: cellOf(d, ctx), column: d.column, severity: d.severity, message: d.message })),
    blocked: a.blocked.map((b) => ({ product: b.product, message: blockedMessage(b, ctx) })),
    conservation: x ? conservationJson(x) : null,
  };
}

function figuresJson(a: Audit, x: Figures) {
  const date = (s: Serial) => isoDate(s, a.dateSystem);
  const below = new Set(x.belowZero.map((b) => b.lot));
  const listed = new Set(x.alerts.map((e) => e.lot));
  return {
    alerts: [...x.alerts.map((e) => ({
      product: e.product,
      lot: e.lot,
      ...(x.locations ? { location: e.location ?? "" } : {}),
      expires: e.expires === null ? null : date(e.expires),
      daysLeft: e.daysLeft,
      remaining: qtyToNumber(e.remaining),
      value: num(e.value),
      expired: e.threshold === 0,
      withinDays: e.threshold > 0 ? e.threshold : null,
      residue: e.residue,
      belowZero: below.has(e.lot),
    })), ...x.belowZero.filter((b) => !listed.has(b.lot)).map((b) => ({
      product: b.product,
      lot: b.lot,
      expires: b.expires === null ? null : date(b.expires),
      daysLeft: b.expires === null ? null : b.expires - Math.floor(a.asOf),
      remaining: qtyToNumber(b.remaining),
      value: num(b.value),
      expired: false,
      withinDays: null,
      residue: false,
      belowZero: true,
    }))],
    atRisk: {
      lookbackDays: a.lookbackDays,
      value: num(x.atRiskValue),
      lots: x.atRisk.map((e) => ({
        product: e.product,
        lot: e.lot,
        expires: e.expires === null ? null : date(e.expires),
        remaining: qtyToNumber(e.remaining),
        projectedUse: qtyToNumber(e.projectedUse),
        atRisk: qtyToNumber(e.atRisk),
        atRiskValue: num(e.atRiskValue),
      })),
    },
    reorder: x.reorder.map((e) => ({
      product: e.product,
      usable: qtyToNumber(e.usable),
      dailyUse: e.dailyUse === null ? null : qtyToNumber(Math.round(e.dailyUse) as Qty),
      daysOfCover: e.daysOfCover === null ? null : Math.round(e.daysOfCover * 100) / 100,
      stockOut: e.stockOut === null ? null : date(e.stockOut),
      orderBy: e.orderBy === null ? null : date(e.orderBy),
      suggestedQty: e.suggested === null ? null : qtyToNumber(e.suggested),
      limit: e.limit,
      reason: e.reason,
    })),
    shrinkage: x.shrinkage.map((e) => ({
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
      total: num(x.stockTotal),
      complete: a.blocked.length === 0,
      byProduct: x.stockValue.map((p) => ({ product: p.product, value: p.value === null ? null : num(p.value) })),
      ...(x.locations ? { byLocation: x.locations.map((l) => ({ location: l.location, value: num(l.value), alerts: l.alerts })) } : {}),
    },
  };
}

function conservationJson(x: Figures) {
  const c = x.conservation;
  return {
      purchases: num(c.purchases),
      cogs: num(c.cogs),
      waste: num(c.otherDraws.Waste),
      expired: num(c.otherDraws.Expired),
      sample: num(c.otherDraws.Sample),
      return: num(c.otherDraws.Return),
      shrinkage: num(c.shrinkage),
      onHand: num(c.onHand),
      residue: num(c.residue),
  };
}

/** A sheet name as Excel writes it in a reference: quoted when it holds more than letters and digits. */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function alertLabel(threshold: number, residue: boolean, belowZero: boolean): string {
  const parts: string[] = [];
  if (belowZero) parts.push("books below zero: more drawn than received");
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

  const x = a.figures;
  if (x) figuresText(a, x, out);
  else {
    out.push("", `Expiry alerts: ${notComputed(a)}`);
    out.push("", `At risk of expiring unused: ${notComputed(a)}`);
    out.push("", `Reorder: ${notComputed(a)}`);
    out.push("", `Shrinkage log: ${notComputed(a)}`);
    out.push("", `Stock value at cost: ${notComputed(a)}`);
  }

  const f = findings(a);
  out.push("", `Diagnostics: ${plural(f.errors, "error")}, ${plural(f.warnings, "warning")}`);
  if (a.diagnostics.length) {
    out.push(textTable(
      [{ header: "Table" }, { header: "Row", right: true }, { header: "Cell" }, { header: "Column" }, { header: "Severity" }, { header: "Message" }],
      a.diagnostics.map((d) => [d.table, d.row === 0 ? "" : String(d.row), cellOf(d, ctx) ?? "", d.column, d.severity, d.message]),
    ));
  }
  if (a.blocked.length) {
    out.push("", "Not computed until fixed:");
    out.push(textTable([{ header: "Product" }, { header: "First problem" }], a.blocked.map((b) => [b.product, blockedMessage(b, ctx)])));
  }

  if (x) {
    const c = x.conservation;
    out.push(
      "",
      `Conservation: purchases ${formatMoney(c.purchases)} = COGS ${formatMoney(c.cogs)} + waste ${formatMoney(c.otherDraws.Waste)}` +
        ` + expired ${formatMoney(c.otherDraws.Expired)} + samples ${formatMoney(c.otherDraws.Sample)} + returns ${formatMoney(c.otherDraws.Return)}` +
        ` + shrinkage ${formatMoney(c.shrinkage)} + on hand ${formatMoney(c.onHand)}` +
        (c.residue === 0n ? " (exact)" : ` (residue ${moneyToNumber(c.residue)})`),
    );
  } else out.push("", `Conservation: ${notComputed(a)}`);

  const issues: string[] = [];
  if (f.alerts) issues.push(plural(f.alerts, "expiry alert"));
  if (f.errors) issues.push(plural(f.errors, "error"));
  out.push("", issues.length ? `Needs attention: ${issues.join(", ")}.` : "Clean: no expiry alerts and no errors.");
  return out.join("\n") + "\n";
}

function figuresText(a: Audit, x: Figures, out: string[]): void {
  const date = (s: Serial) => formatSerial(s, a.dateSystem);
  const listed = new Set(x.alerts.map((e) => e.lot));
  const below = new Set(x.belowZero.map((b) => b.lot));
  // Where each alert's stock is, where the workbook keeps locations (a lot below zero is judged over all of them).
  const place = (location: string | undefined) => (x.locations ? [location === undefined ? "all" : placeName(location)] : []);
  const rows = [
    ...x.alerts.map((e) => [
      e.product, e.lot, ...place(e.location),
      e.expires === null ? "never" : date(e.expires),
      e.daysLeft === null ? "" : String(e.daysLeft),
      formatQty(e.remaining), formatMoney(e.value), alertLabel(e.threshold, e.residue, below.has(e.lot)),
    ]),
    ...x.belowZero.filter((b) => !listed.has(b.lot)).map((b) => [
      b.product, b.lot, ...place(undefined),
      b.expires === null ? "never" : date(b.expires),
      b.expires === null ? "" : String(b.expires - Math.floor(a.asOf)),
      formatQty(b.remaining), formatMoney(b.value), alertLabel(-1, false, true),
    ]),
  ];
  out.push("", rows.length ? `Expiry alerts: ${rows.length}` : "Expiry alerts: none");
  if (rows.length) {
    out.push(textTable(
      [
        { header: "Product" }, { header: "Lot" }, ...(x.locations ? [{ header: "Location" }] : []), { header: "Expires" },
        { header: "Days left", right: true }, { header: "Remaining", right: true }, { header: "Value", right: true }, { header: "Alert" },
      ],
      rows,
    ));
  }

  out.push("", `At risk of expiring unused: ${formatMoney(x.atRiskValue)} (forecast from the last ${a.lookbackDays} days of visits)`);
  if (x.atRisk.length) {
    out.push(textTable(
      [{ header: "Product" }, { header: "Lot" }, { header: "Expires" }, { header: "Remaining", right: true }, { header: "Projected use", right: true }, { header: "At risk", right: true }, { header: "At-risk value", right: true }],
      x.atRisk.map((e) => [
        e.product, e.lot, e.expires === null ? "never" : date(e.expires),
        formatQty(e.remaining), formatQty(e.projectedUse), formatQty(e.atRisk), formatMoney(e.atRiskValue),
      ]),
    ));
  }

  const groups = reorderGroups(x.reorder.map((value) => ({ ok: true, value })), a.asOf);
  out.push("", x.reorder.length
    ? `Reorder: ${groups.now.length} to order now, ${groups.thisWeek.length} within 7 days (from the last ${a.lookbackDays} days of visits)`
    : "Reorder: no products");
  if (x.reorder.length) {
    const days = (n: number | null) => (n === null ? "" : String(Math.round(n * 10) / 10));
    out.push(textTable(
      [
        { header: "Product" }, { header: "Usable", right: true }, { header: "Daily use", right: true }, { header: "Cover days", right: true },
        { header: "Stock out" }, { header: "Order by" }, { header: "Suggested", right: true }, { header: "Reason" },
      ],
      x.reorder.map((e) => [
        e.product, formatQty(e.usable), e.dailyUse === null ? "" : formatQty(Math.round(e.dailyUse) as Qty), days(e.daysOfCover),
        e.stockOut === null ? "" : date(e.stockOut), e.orderBy === null ? "" : date(e.orderBy),
        e.suggested === null ? "" : formatQty(e.suggested), e.reason,
      ]),
    ));
  }

  const withAllowance = x.shrinkage.some((e) => e.allowedLoss !== null);
  out.push("", x.shrinkage.length ? `Shrinkage log: ${plural(x.shrinkage.length, "count")}` : "Shrinkage log: no counts");
  if (x.shrinkage.length) {
    out.push(textTable(
      [
        { header: "Date" }, { header: "Product" }, { header: "Lot" }, { header: "Row", right: true },
        { header: "Expected", right: true }, { header: "Counted", right: true }, { header: "Shrinkage", right: true }, { header: "Cost", right: true },
        ...(withAllowance ? [{ header: "Allowed loss", right: true }, { header: "Unexplained", right: true }] : []),
      ],
      x.shrinkage.map((e) => [
        date(e.date), e.product, e.lot, String(e.countRow),
        formatQty(e.expected), formatQty(e.counted), formatQty(e.shrinkage), formatMoney(e.cost),
        ...(withAllowance ? [e.allowedLoss === null ? "" : formatQty(e.allowedLoss), e.unexplained === null ? "" : formatQty(e.unexplained)] : []),
      ]),
    ));
  }

  out.push("", `Stock value at cost: ${formatMoney(x.stockTotal)}${a.blocked.length ? ` (without ${plural(a.blocked.length, "product")} that an error blocks)` : ""}`);
  if (x.stockValue.length) {
    out.push(textTable(
      [{ header: "Product" }, { header: "Value", right: true }],
      x.stockValue.map((p) => [p.product, p.value === null ? "blocked" : formatMoney(p.value)]),
    ));
  }
  if (x.locations) {
    out.push("", `By location: ${plural(x.locations.length, "location")}`);
    out.push(textTable(
      [{ header: "Location" }, { header: "Value", right: true }, { header: "Expiry alerts", right: true }],
      x.locations.map((l) => [placeName(l.location), formatMoney(l.value), String(l.alerts)]),
    ));
  }
}

/** A location as the report names it: the blank one is "(no location)". */
function placeName(location: string): string {
  return location === "" ? "(no location)" : location;
}
