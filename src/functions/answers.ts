/**
 * What each LOTBOOK formula answers, apart from how Excel calls it. A formula is its key and
 * settings (`as_of`, `location`, `measure`, …) first, then the optional tables; it answers from a
 * ledger. `functions.ts` registers each as a streaming function: with the tables omitted it
 * answers from the live ledger, with tables given from exactly those values. The camelCase
 * exports below are the plain functions over explicit tables, in the same argument order, for
 * tests, the preview and the command line.
 */
import * as core from "../core";
import { dateArg, groupArg, isOmitted, measureArg, numberArg, optionalTableArg, tableArg, textArg } from "./_lib/args";
import { excelError } from "./_lib/excelError";
import { guarded } from "./_lib/guarded";
import { mapKeys, resultCell, type OutCell } from "./_lib/keyCells";
import { ledgerFrom } from "./_lib/ledgerFrom";
import { spill } from "./_lib/spill";

/** What a formula needs to know about the workbook beyond its arguments. */
export interface Context {
  readonly dateSystem: core.DateSystem;
  /** Today as a serial in the workbook's date system: what an omitted `as_of` means. */
  readonly today: core.Serial;
}

/** The four table parameters, in the order every formula lists those it takes. */
export type TableParam = "lots" | "draws" | "counts" | "products";

const TABLE_OF: Readonly<Record<TableParam, core.TableName>> = { lots: "Lots", draws: "Draws", counts: "Counts", products: "Products" };

/** One LOTBOOK formula: its arguments and how it answers from a ledger. */
export interface Formula {
  /** The name users type, e.g. `FEFO_LOT`. */
  readonly name: string;
  /** How many key and settings arguments come before the tables. */
  readonly settings: number;
  /** Its table parameters in order, and which of them it cannot do without when tables are given. */
  readonly tables: readonly TableParam[];
  readonly required: readonly TableParam[];
  /** Which setting is `as_of` (an omitted one means today), or −1. */
  readonly asOfAt: number;
  /** CHECK lists a table that cannot be read as one of its diagnostics, rather than failing whole. */
  readonly listsTableErrors?: true;
  /**
   * What the first argument names, where each of its keys' answers reads only that visit, product
   * or scope (a product, a lot, or `*`): the live ledger then asks again only formulas whose keys a
   * change touched. `counts`: the answer reads only how counts were booked (SHRINKAGE_LOG), so it
   * is asked again only when a change moved a count's booking. Left out, the formula is asked
   * again at every change.
   */
  readonly keyedBy?: "visit" | "product" | "scope" | "counts";
  /** The answer from a ledger built from the formula's tables. */
  readonly answer: (ledger: core.Ledger, args: readonly unknown[], context: Context) => OutCell[][];
}

const dollars = (m: core.Money | number): number => core.moneyToNumber(m);
const units = (q: core.Qty): number => core.qtyToNumber(q);
const dateOrBlank = (serial: number | null): number | string => serial ?? "";
const textOrBlank = (text: string | null): string => text ?? "";

/** An `as_of` argument: today when omitted. */
function asOfArg(v: unknown, context: Context): core.Serial {
  return isOmitted(v) ? context.today : dateArg("as_of", v, context.dateSystem);
}

/**
 * The `location` argument. Blank means all locations together; otherwise a location the tables
 * name in a Location column. A location given to a workbook whose tables have no Location
 * column, or one they never name, cannot be answered, and says so.
 */
function locationArg(ledger: core.Ledger, v: unknown): string | null {
  const cell = Array.isArray(v) && v.length === 1 ? (Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v[0]) : v;
  if (isOmitted(cell) || (typeof cell === "string" && cell.trim() === "")) return null;
  if (typeof cell !== "string" && typeof cell !== "number") throw excelError("value", "location: pass the name of a location, as written in a Location column");
  const where = core.whereAsked(ledger, String(cell));
  if (!where.ok) throw excelError(where.error.kind, where.error.message);
  return String(cell);
}

/** The Location column of a list, where the workbook keeps locations: its header and cell. */
function located(ledger: core.Ledger): { header: string[]; cell: (e: { location?: string }) => OutCell[] } {
  return ledger.sites.tracked ? { header: ["Location"], cell: (e) => [e.location ?? ""] } : { header: [], cell: () => [] };
}

const formula = (f: Formula): Formula => f;

export const FEFO_LOT = formula({
  name: "FEFO_LOT", settings: 3, tables: ["lots", "draws", "counts", "products"], required: ["lots", "draws"], asOfAt: 1, keyedBy: "product",
  answer: (ledger, [product, as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    return mapKeys(product, (p) => resultCell(core.fefoLot(ledger, p, asOf, at), (lot) => lot));
  },
});

export const FEFO_PLAN = formula({
  name: "FEFO_PLAN", settings: 4, tables: ["lots", "draws", "counts", "products"], required: ["lots", "draws"], asOfAt: 2, keyedBy: "product",
  answer: (ledger, [product, qty, as_of, location], context) => {
    const name = textArg("product", product, "a product name");
    const wanted = core.qtyFromNumber(numberArg("qty", qty)).qty;
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    const plan = core.fefoPlan(ledger, name, wanted, asOf, false, at);
    if (!plan.ok) throw excelError(plan.error.kind, plan.error.message);
    const rows: OutCell[][] = [["Lot", "Qty", "Expires"]];
    for (const line of plan.value.lines) rows.push([line.lot, units(line.qty), dateOrBlank(line.expires)]);
    if (plan.value.short > 0) rows.push(["SHORT", units(plan.value.short), ""]);
    return rows;
  },
});

export const VISIT_COGS = formula({
  name: "VISIT_COGS", settings: 1, tables: ["draws", "lots", "counts"], required: ["draws", "lots"], asOfAt: -1, keyedBy: "visit",
  answer: (ledger, [visit]) => mapKeys(visit, (v) => resultCell(core.visitCogs(ledger, v), dollars)),
});

export const VISIT_MARGIN = formula({
  name: "VISIT_MARGIN", settings: 1, tables: ["draws", "lots", "counts"], required: ["draws", "lots"], asOfAt: -1, keyedBy: "visit",
  answer: (ledger, [visit]) => mapKeys(visit, (v) => resultCell(core.visitMargin(ledger, v), dollars)),
});

export const LOT_REMAINING = formula({
  name: "LOT_REMAINING", settings: 3, tables: ["lots", "draws", "counts"], required: ["lots", "draws"], asOfAt: 1, keyedBy: "scope",
  answer: (ledger, [lot, as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    return mapKeys(lot, (l) => resultCell(core.lotRemaining(ledger, l, asOf, at), units));
  },
});

export const LOT_COST = formula({
  name: "LOT_COST", settings: 1, tables: ["lots"], required: ["lots"], asOfAt: -1, keyedBy: "scope",
  answer: (ledger, [lot]) => mapKeys(lot, (l) => resultCell(core.lotCost(ledger, l), dollars)),
});

export const STOCK_VALUE = formula({
  name: "STOCK_VALUE", settings: 3, tables: ["lots", "draws", "counts"], required: ["lots", "draws"], asOfAt: 1, keyedBy: "scope",
  answer: (ledger, [scope, as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    return mapKeys(scope, (s) => resultCell(core.stockValue(ledger, s, asOf, at), dollars));
  },
});

export const SHRINKAGE = formula({
  name: "SHRINKAGE", settings: 3, tables: ["lots", "draws", "counts"], required: ["lots", "draws", "counts"], asOfAt: -1, keyedBy: "scope",
  answer: (ledger, [scope, measure, location]) => {
    const how = measureArg(measure);
    const at = locationArg(ledger, location);
    return mapKeys(scope, (s) =>
      how === "units" ? resultCell(core.shrinkageTotal(ledger, s, "units", at), units) : resultCell(core.shrinkageTotal(ledger, s, "cost", at), dollars),
    );
  },
});

export const SHRINKAGE_LOG = formula({
  name: "SHRINKAGE_LOG", settings: 1, tables: ["lots", "draws", "counts", "products"], required: ["lots", "draws", "counts"], asOfAt: -1, keyedBy: "counts",
  answer: (ledger, [location]) => {
    const at = locationArg(ledger, location);
    const where = located(ledger);
    const withAllowance = ledger.given.Products;
    const header = ["Date", ...where.header, "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost"];
    if (withAllowance) header.push("Allowed Loss", "Unexplained");
    return spill(header, core.shrinkageLog(ledger, at), (e) => {
      const row: OutCell[] = [e.date, ...where.cell(e), e.product, e.lot, units(e.expected), units(e.counted), units(e.shrinkage), dollars(e.cost)];
      if (withAllowance) row.push(e.allowedLoss === null ? "" : units(e.allowedLoss), e.unexplained === null ? "" : units(e.unexplained));
      return row;
    });
  },
});

export const EXPIRING = formula({
  name: "EXPIRING", settings: 3, tables: ["lots", "draws", "counts"], required: ["lots", "draws"], asOfAt: 1,
  answer: (ledger, [days, as_of, location], context) => {
    const within = numberArg("days", days);
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    const where = located(ledger);
    return spill(["Product", "Lot", ...where.header, "Expires", "Days Left", "Remaining", "Value"], core.expiring(ledger, within, asOf, at), (e) => [
      e.product, e.lot, ...where.cell(e), e.expires, e.daysLeft, units(e.remaining), dollars(e.value),
    ]);
  },
});

export const AT_RISK = formula({
  name: "AT_RISK", settings: 3, tables: ["lots", "draws", "counts"], required: ["lots", "draws"], asOfAt: 0,
  answer: (ledger, [as_of, lookback_days, location], context) => {
    const asOf = asOfArg(as_of, context);
    const lookback = isOmitted(lookback_days) ? core.DEFAULT_LOOKBACK_DAYS : numberArg("lookback_days", lookback_days);
    if (!(lookback > 0)) throw excelError("value", `lookback_days must be more than 0, not ${lookback}`);
    const at = locationArg(ledger, location);
    const where = located(ledger);
    const header = ["Product", "Lot", ...where.header, "Expires", "Remaining", "Projected Use", "At Risk", "At Risk Value"];
    return spill(header, core.atRisk(ledger, asOf, lookback, at), (e) => [
      e.product, e.lot, ...where.cell(e), dateOrBlank(e.expires), units(e.remaining), units(e.projectedUse), units(e.atRisk), dollars(e.atRiskValue),
    ]);
  },
});

export const REORDER = formula({
  name: "REORDER", settings: 2, tables: ["lots", "draws", "counts", "products"], required: ["lots", "draws"], asOfAt: 0,
  answer: (ledger, [as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    const header = ["Product", "Usable", "Daily Use", "Days Of Cover", "Stock Out", "Order By", "Suggested Qty", "Reason"];
    const orBlank = <V>(v: V | null, f: (v: V) => OutCell): OutCell => (v === null ? "" : f(v));
    return spill(header, core.reorder(ledger, asOf, core.DEFAULT_LOOKBACK_DAYS, at), (e) => [
      e.product, units(e.usable), orBlank(e.dailyUse, (d) => units(d as core.Qty)), orBlank(e.daysOfCover, (n) => n), dateOrBlank(e.stockOut), dateOrBlank(e.orderBy),
      orBlank(e.suggested, units), e.reason,
    ]);
  },
});

export const OPEN_VIALS = formula({
  name: "OPEN_VIALS", settings: 2, tables: ["lots", "draws", "products"], required: ["lots", "draws", "products"], asOfAt: 0,
  answer: (ledger, [as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    const where = located(ledger);
    return spill(["Product", "Lot", ...where.header, "Opened", "Use By", "Left In Vial"], core.openVials(ledger, asOf, at), (v) => [
      v.product, v.lot, ...where.cell(v), v.opened, dateOrBlank(v.useBy), units(v.left),
    ]);
  },
});

export const RECALL = formula({
  name: "RECALL", settings: 1, tables: ["draws", "lots"], required: ["draws"], asOfAt: -1,
  answer: (ledger, [lot]) => {
    const number = textArg("lot", lot, "a lot number");
    const withLots = ledger.lots.present;
    const entries = core.recall(ledger, number, withLots);
    if (entries.length === 0 && !(withLots && core.findLot(ledger, number))) {
      throw excelError("na", `no Visit draw of lot ${number} in the Draws table${withLots ? ", and it is not in the Lots table" : ""}`);
    }
    const where = located(ledger);
    const header = ["Date", "Visit", "Patient", "Provider", ...where.header, "Product", "Qty"];
    if (withLots) header.push("Assumed");
    return spill(header, entries, (e) => {
      const row: OutCell[] = [dateOrBlank(e.date), textOrBlank(e.visit), textOrBlank(e.patient), textOrBlank(e.provider), ...where.cell(e), textOrBlank(e.product), e.qty === null ? "" : units(e.qty)];
      if (withLots) row.push(e.assumed);
      return row;
    });
  },
});

export const CHECK = formula({
  name: "CHECK", settings: 0, tables: ["lots", "draws", "counts", "products"], required: ["lots", "draws"], asOfAt: -1, listsTableErrors: true,
  answer: (ledger) => {
    const found = core.check(ledger);
    if (found.length === 0) return [["OK"]];
    const rows: OutCell[][] = [["Table", "Row", "Column", "Severity", "Message"]];
    for (const d of found) rows.push([d.table, d.row === 0 ? "" : d.row, d.column, d.severity === "error" ? "Error" : "Warning", d.message]);
    return rows;
  },
});

export const MARGIN_BY = formula({
  name: "MARGIN_BY", settings: 1, tables: ["draws", "lots", "counts"], required: ["draws", "lots"], asOfAt: -1,
  answer: (ledger, [group_by]) => {
    const by = groupArg(group_by);
    const label = { visit: "Visit", service: "Service", provider: "Provider", product: "Product" }[by];
    const header = [label, by === "visit" ? "Date" : "Visits", "Revenue", "COGS", "Margin", "Margin %"];
    const rows: OutCell[][] = [header];
    for (const r of core.marginBy(ledger, by)) {
      if (!r.ok) {
        const error = excelError(r.error.kind, r.error.message);
        rows.push(header.map((_, i) => (i === 0 && r.error.product !== undefined ? r.error.product : error)));
        continue;
      }
      const m = r.value;
      const share = m.margin === null || m.revenue === null || dollars(m.revenue) === 0 ? "" : dollars(m.margin) / dollars(m.revenue);
      rows.push([
        m.group,
        by === "visit" ? dateOrBlank(m.date) : m.visits,
        m.revenue === null ? "" : dollars(m.revenue),
        dollars(m.cogs),
        m.margin === null ? "" : dollars(m.margin),
        share,
      ]);
    }
    return rows;
  },
});

export const STOCK_BY_PRODUCT = formula({
  name: "STOCK_BY_PRODUCT", settings: 2, tables: ["lots", "draws", "counts"], required: ["lots", "draws"], asOfAt: 0,
  answer: (ledger, [as_of, location], context) => {
    const asOf = asOfArg(as_of, context);
    const at = locationArg(ledger, location);
    return spill(["Product", "Unit", "Remaining", "Value", "Lots"], core.stockByProduct(ledger, asOf, at), (s) => [
      s.product, textOrBlank(s.unit), units(s.remaining), dollars(s.value), s.lotsInStock,
    ]);
  },
});

/** Every formula by the name users type. */
export const FORMULAS: Readonly<Record<string, Formula>> = Object.fromEntries(
  [FEFO_LOT, FEFO_PLAN, VISIT_COGS, VISIT_MARGIN, LOT_REMAINING, LOT_COST, STOCK_VALUE, SHRINKAGE, SHRINKAGE_LOG, EXPIRING, AT_RISK, REORDER, OPEN_VIALS, RECALL, CHECK, MARGIN_BY, STOCK_BY_PRODUCT]
    .map((f) => [f.name, f]),
);

/** True when every table argument was left out: the formula answers from the live ledger. */
export function tablesOmitted(tables: readonly unknown[]): boolean {
  return tables.every(isOmitted);
}

/**
 * The ledger of a formula's explicit tables: each given table read, each required one insisted
 * on, and a table that cannot be read at all refused with the engine's sentence (every result of
 * the formula reads it).
 */
function explicitLedger(f: Formula, tables: readonly unknown[], context: Context): core.Ledger {
  const grid = (param: TableParam): core.Grid | null => {
    const v = tables[f.tables.indexOf(param)];
    return f.required.includes(param) ? tableArg(TABLE_OF[param], param, v) : optionalTableArg(TABLE_OF[param], param, v);
  };
  const has = (param: TableParam) => f.tables.includes(param);
  const input = {
    lots: has("lots") ? grid("lots") : null,
    draws: has("draws") ? grid("draws") : null,
    counts: has("counts") ? grid("counts") : null,
    products: has("products") ? grid("products") : null,
    dateSystem: context.dateSystem,
  };
  return f.listsTableErrors ? core.buildLedger(input) : ledgerFrom(input);
}

/**
 * A formula's answer from exactly the tables it was given. Any failure is an Excel error with
 * its message (see `guarded`).
 * @example answerExplicit(VISIT_COGS, ["V1"], [Draws, Lots, null], context) // [[260]]
 */
export function answerExplicit(f: Formula, settings: readonly unknown[], tables: readonly unknown[], context: Context = defaultContext()): OutCell[][] {
  return guarded(() => f.answer(explicitLedger(f, tables, context), settings, context));
}

/**
 * A formula's answer from a ledger of the workbook's own tables: a table the formula cannot do
 * without must be there and readable.
 * @example answerFromLedger(VISIT_COGS, ["V1"], live.ledger, context) // [[260]]
 */
export function answerFromLedger(f: Formula, settings: readonly unknown[], workbook: WorkbookLedger, context: Context): OutCell[][] {
  return guarded(() => {
    const { ledger } = workbook;
    for (const param of f.tables) {
      const table = TABLE_OF[param];
      if (!workbook.has(table)) {
        if (!f.required.includes(param)) continue;
        throw excelError("value", `this workbook has no ${table} table; create it with Set up in the Lotbook pane, or pass a table, for example ${table}[#All]`);
      }
      if (f.listsTableErrors) continue;
      const parsed = { Lots: ledger.lots, Draws: ledger.draws, Counts: ledger.counts, Products: ledger.products }[table];
      const error = parsed.tableErrors.find((d) => d.severity === "error");
      if (error) throw excelError("value", core.describe(error));
    }
    return f.answer(ledger, settings, context);
  });
}

/** The ledger of the workbook's own tables, and which of the four tables the workbook has. */
export interface WorkbookLedger {
  readonly ledger: core.Ledger;
  has(table: core.TableName): boolean;
}

/** Today in the 1900 date system, by the local clock: the context of a plain call. */
export function defaultContext(now: Date = new Date(), dateSystem: core.DateSystem = 1900): Context {
  return { dateSystem, today: core.serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate(), dateSystem) };
}

type T = unknown;

/** =LOTBOOK.FEFO_LOT over explicit tables. @example fefoLot([["Botox 100U"]], 46300, null, Lots, Draws) // [["C4000A1"]] */
export const fefoLot = (product: T, as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, products?: T, context?: Context) =>
  answerExplicit(FEFO_LOT, [product, as_of, location], [lots, draws, counts, products], context);
/** =LOTBOOK.FEFO_PLAN over explicit tables. @example fefoPlan("Botox 100U", 100, 46300, null, Lots, Draws) */
export const fefoPlan = (product: T, qty: T, as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, products?: T, context?: Context) =>
  answerExplicit(FEFO_PLAN, [product, qty, as_of, location], [lots, draws, counts, products], context);
/** =LOTBOOK.VISIT_COGS over explicit tables. @example visitCogs([["V1"]], Draws, Lots) // [[260]] */
export const visitCogs = (visit: T, draws?: T, lots?: T, counts?: T, context?: Context) => answerExplicit(VISIT_COGS, [visit], [draws, lots, counts], context);
/** =LOTBOOK.VISIT_MARGIN over explicit tables. @example visitMargin([["V1"]], Draws, Lots) */
export const visitMargin = (visit: T, draws?: T, lots?: T, counts?: T, context?: Context) => answerExplicit(VISIT_MARGIN, [visit], [draws, lots, counts], context);
/** =LOTBOOK.LOT_REMAINING over explicit tables. @example lotRemaining([["C1"]], 46300, null, Lots, Draws) */
export const lotRemaining = (lot: T, as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(LOT_REMAINING, [lot, as_of, location], [lots, draws, counts], context);
/** =LOTBOOK.LOT_COST over explicit tables. @example lotCost([["C1"]], Lots) // [[6.5]] */
export const lotCost = (lot: T, lots?: T, context?: Context) => answerExplicit(LOT_COST, [lot], [lots], context);
/** =LOTBOOK.STOCK_VALUE over explicit tables. @example stockValue([["*"]], 46300, null, Lots, Draws) */
export const stockValue = (scope: T, as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(STOCK_VALUE, [scope, as_of, location], [lots, draws, counts], context);
/** =LOTBOOK.SHRINKAGE over explicit tables. @example shrinkage([["*"]], "units", null, Lots, Draws, Counts) */
export const shrinkage = (scope: T, measure?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(SHRINKAGE, [scope, measure, location], [lots, draws, counts], context);
/** =LOTBOOK.SHRINKAGE_LOG over explicit tables. @example shrinkageLog(null, Lots, Draws, Counts) */
export const shrinkageLog = (location?: T, lots?: T, draws?: T, counts?: T, products?: T, context?: Context) =>
  answerExplicit(SHRINKAGE_LOG, [location], [lots, draws, counts, products], context);
/** =LOTBOOK.EXPIRING over explicit tables. @example expiring(90, 46300, null, Lots, Draws) */
export const expiring = (days: T, as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(EXPIRING, [days, as_of, location], [lots, draws, counts], context);
/** =LOTBOOK.AT_RISK over explicit tables. @example atRisk(46300, 90, null, Lots, Draws) */
export const atRisk = (as_of?: T, lookback_days?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(AT_RISK, [as_of, lookback_days, location], [lots, draws, counts], context);
/** =LOTBOOK.REORDER over explicit tables. @example reorder(46300, null, Lots, Draws, Counts, Products) */
export const reorder = (as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, products?: T, context?: Context) =>
  answerExplicit(REORDER, [as_of, location], [lots, draws, counts, products], context);
/** =LOTBOOK.OPEN_VIALS over explicit tables. @example openVials(46300.5, null, Lots, Draws, Products) */
export const openVials = (as_of?: T, location?: T, lots?: T, draws?: T, products?: T, context?: Context) =>
  answerExplicit(OPEN_VIALS, [as_of, location], [lots, draws, products], context);
/** =LOTBOOK.RECALL over explicit tables. @example recall("C1", Draws, Lots) */
export const recall = (lot: T, draws?: T, lots?: T, context?: Context) => answerExplicit(RECALL, [lot], [draws, lots], context);
/** =LOTBOOK.CHECK over explicit tables. @example check(Lots, Draws) // [["OK"]] */
export const check = (lots?: T, draws?: T, counts?: T, products?: T, context?: Context) => answerExplicit(CHECK, [], [lots, draws, counts, products], context);
/** =LOTBOOK.MARGIN_BY over explicit tables. @example marginBy("service", Draws, Lots) */
export const marginBy = (group_by: T, draws?: T, lots?: T, counts?: T, context?: Context) => answerExplicit(MARGIN_BY, [group_by], [draws, lots, counts], context);
/** =LOTBOOK.STOCK_BY_PRODUCT over explicit tables. @example stockByProduct(46300, null, Lots, Draws) */
export const stockByProduct = (as_of?: T, location?: T, lots?: T, draws?: T, counts?: T, context?: Context) =>
  answerExplicit(STOCK_BY_PRODUCT, [as_of, location], [lots, draws, counts], context);
