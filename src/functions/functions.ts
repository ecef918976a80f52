/**
 * The LOTBOOK.* custom functions: thin wrappers from Excel values to the engine and back. The
 * JSDoc of each function is its entry in Excel's autocomplete; custom-functions-metadata-plugin
 * reads it to generate functions.json and to register each function under its id.
 *
 * Parameter types are the plain keywords the metadata generator understands: an `unknown[][]`
 * parameter is a range (a single value arrives as a 1×1 array), an `unknown` one a single value,
 * and results are `unknown[][]`: a key given as a range answers in the same shape, and a 1×1
 * answer shows as a plain value.
 * Excel passes `null` for an omitted optional argument.
 */
import * as core from "../core";
import { dateArg, groupArg, measureArg, numberArg, optionalTableArg, tableArg, textArg } from "./_lib/args";
import { excelError } from "./_lib/excelError";
import { guarded } from "./_lib/guarded";
import { mapKeys, resultCell, type OutCell } from "./_lib/keys";
import { ledgerFrom, ledgerOfArgs } from "./_lib/ledgerFrom";
import { spill } from "./_lib/spill";

const dollars = (m: core.Money | number): number => core.moneyToNumber(m);
const units = (q: core.Qty): number => core.qtyToNumber(q);
const dateOrBlank = (serial: number | null): number | string => serial ?? "";
const textOrBlank = (text: string | null): string => text ?? "";

/**
 * The lot to draw next for a product: an opened vial still within its use-by first, then the usable lot that expires first. #N/A when no usable stock is left.
 * @customfunction FEFO_LOT
 * @param product Product name as written in Lots, e.g. "Botox 100U"; a range of products gives one lot per cell.
 * @param as_of Date to decide on; pass TODAY() (or NOW() where opened vials matter).
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @param products Optional: the Products table with its header row; its Vial Size and Use Within Hours put opened vials first.
 * @returns The lot number to draw next.
 */
export function fefoLot(product: unknown[][], as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][], products?: unknown[][]): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts, products);
    return mapKeys(product, (p) => resultCell(core.fefoLot(ledger, p, asOf), (lot) => lot));
  });
}

/**
 * How to draw a quantity of a product by FEFO: spills Lot, Qty, Expires for each lot to use, and a last row SHORT with the quantity stock cannot cover.
 * @customfunction FEFO_PLAN
 * @param product Product name as written in Lots, e.g. "Botox 100U".
 * @param qty Quantity to draw, in the product's unit (U, mL), e.g. 40.
 * @param as_of Date to plan on; pass TODAY() (or NOW() where opened vials matter).
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @param products Optional: the Products table with its header row; its Vial Size and Use Within Hours put opened vials first.
 * @returns A table: Lot, Qty, Expires.
 */
export function fefoPlan(product: unknown, qty: unknown, as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][], products?: unknown[][]): unknown[][] {
  return guarded(() => {
    const name = textArg("product", product, "a product name");
    const wanted = core.qtyFromNumber(numberArg("qty", qty)).qty;
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts, products);
    const plan = core.fefoPlan(ledger, name, wanted, asOf);
    if (!plan.ok) throw excelError(plan.error.kind, plan.error.message);
    const rows: OutCell[][] = [["Lot", "Qty", "Expires"]];
    for (const line of plan.value.lines) rows.push([line.lot, units(line.qty), dateOrBlank(line.expires)]);
    if (plan.value.short > 0) rows.push(["SHORT", units(plan.value.short), ""]);
    return rows;
  });
}

/**
 * Cost of goods of a visit: each of its Visit draws times the unit cost of the lot it came from.
 * @customfunction VISIT_COGS
 * @param visit Visit ID as written in Draws, e.g. "V1"; a range of visits gives one cost per cell.
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param counts Optional: the Counts table with its header row; needed for exact costs when a lot was bought at two prices.
 * @returns The visit's product cost, in dollars.
 */
export function visitCogs(visit: unknown[][], draws: unknown[][], lots: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const ledger = ledgerOfArgs(lots, draws, counts);
    return mapKeys(visit, (v) => resultCell(core.visitCogs(ledger, v), dollars));
  });
}

/**
 * Margin of a visit: the sum of its draws' Price minus its cost of goods. #N/A when no line of the visit has a price.
 * @customfunction VISIT_MARGIN
 * @param visit Visit ID as written in Draws, e.g. "V1"; a range of visits gives one margin per cell.
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param counts Optional: the Counts table with its header row; needed for exact costs when a lot was bought at two prices.
 * @returns Revenue minus product cost, in dollars.
 */
export function visitMargin(visit: unknown[][], draws: unknown[][], lots: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const ledger = ledgerOfArgs(lots, draws, counts);
    return mapKeys(visit, (v) => resultCell(core.visitMargin(ledger, v), dollars));
  });
}

/**
 * Units of a lot left on the books: received minus drawn, reset at each count. Negative after an overdraw.
 * @customfunction LOT_REMAINING
 * @param lot Lot number as written in Lots, e.g. "C3709C3"; a range of lots gives one quantity per cell.
 * @param as_of Date to count up to; pass TODAY().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @returns Units left, in the lot's unit.
 */
export function lotRemaining(lot: unknown[][], as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts);
    return mapKeys(lot, (l) => resultCell(core.lotRemaining(ledger, l, asOf), units));
  });
}

/**
 * Unit cost of a lot: total paid over units received, across all of its receipts in Lots.
 * @customfunction LOT_COST
 * @param lot Lot number as written in Lots, e.g. "C3709C3"; a range of lots gives one cost per cell.
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @returns Dollars per unit.
 */
export function lotCost(lot: unknown[][], lots: unknown[][]): unknown[][] {
  return guarded(() => {
    const ledger = ledgerFrom({ lots: tableArg("Lots", "lots", lots) });
    return mapKeys(lot, (l) => resultCell(core.lotCost(ledger, l), dollars));
  });
}

/**
 * Value of stock on hand at cost: the actual cost of the units still held.
 * @customfunction STOCK_VALUE
 * @param scope A product name, else a lot number, or "*" for all stock; a range gives one value per cell.
 * @param as_of Date to value on; pass TODAY().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @returns Value at cost, in dollars.
 */
export function stockValue(scope: unknown[][], as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts);
    return mapKeys(scope, (s) => resultCell(core.stockValue(ledger, s, asOf), dollars));
  });
}

/**
 * Total shrinkage up to the last count: units the counts found missing (positive) or extra (negative), at cost or in units.
 * @customfunction SHRINKAGE
 * @param scope A product name, else a lot number, or "*" for all stock; a range gives one total per cell.
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts The Counts table with its header row, e.g. Counts[#All].
 * @param measure Optional: "cost" (the default) for dollars at cost, or "units".
 * @returns Shrinkage in dollars, or in units.
 */
export function shrinkage(scope: unknown[][], lots: unknown[][], draws: unknown[][], counts: unknown[][], measure?: unknown): unknown[][] {
  return guarded(() => {
    const how = measureArg(measure);
    const ledger = ledgerFrom({
      lots: tableArg("Lots", "lots", lots),
      draws: tableArg("Draws", "draws", draws),
      counts: tableArg("Counts", "counts", counts),
    });
    return mapKeys(scope, (s) =>
      how === "units" ? resultCell(core.shrinkageTotal(ledger, s, "units"), units) : resultCell(core.shrinkageTotal(ledger, s, "cost"), dollars),
    );
  });
}

/**
 * Every count with how far the books were off: spills Date, Product, Lot, Expected, Counted, Shrinkage, Shrinkage Cost (and Allowed Loss, Unexplained when Products is given).
 * @customfunction SHRINKAGE_LOG
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts The Counts table with its header row, e.g. Counts[#All].
 * @param products Optional: the Products table with its header row; its Loss Allowance splits expected loss from unexplained shrinkage.
 * @returns A table, one row per count.
 */
export function shrinkageLog(lots: unknown[][], draws: unknown[][], counts: unknown[][], products?: unknown[][]): unknown[][] {
  return guarded(() => {
    const ledger = ledgerFrom({
      lots: tableArg("Lots", "lots", lots),
      draws: tableArg("Draws", "draws", draws),
      counts: tableArg("Counts", "counts", counts),
      products: optionalTableArg("Products", "products", products),
    });
    const withAllowance = ledger.given.Products;
    const header = ["Date", "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost"];
    if (withAllowance) header.push("Allowed Loss", "Unexplained");
    return spill(header, core.shrinkageLog(ledger), (e) => {
      const row: OutCell[] = [e.date, e.product, e.lot, units(e.expected), units(e.counted), units(e.shrinkage), dollars(e.cost)];
      if (withAllowance) row.push(e.allowedLoss === null ? "" : units(e.allowedLoss), e.unexplained === null ? "" : units(e.unexplained));
      return row;
    });
  });
}

/**
 * Lots with stock that expire within a number of days, expired ones included: spills Product, Lot, Expires, Days Left, Remaining, Value, soonest first.
 * @customfunction EXPIRING
 * @param days How many days ahead to look, e.g. 90.
 * @param as_of Date to look from; pass TODAY().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @returns A table, one row per lot.
 */
export function expiring(days: unknown, as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const within = numberArg("days", days);
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts);
    return spill(["Product", "Lot", "Expires", "Days Left", "Remaining", "Value"], core.expiring(ledger, within, asOf), (e) => [
      e.product, e.lot, e.expires, e.daysLeft, units(e.remaining), dollars(e.value),
    ]);
  });
}

/**
 * Stock forecast to expire unused, from each product's recent usage: spills Product, Lot, Expires, Remaining, Projected Use, At Risk, At Risk Value.
 * @customfunction AT_RISK
 * @param as_of Date to forecast from; pass TODAY().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @param lookback_days Optional: how many days of Visit draws set the usage rate (default 90).
 * @returns A table, one row per lot with stock.
 */
export function atRisk(as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][], lookback_days?: unknown): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const lookback = lookback_days === null || lookback_days === undefined ? core.DEFAULT_LOOKBACK_DAYS : numberArg("lookback_days", lookback_days);
    if (!(lookback > 0)) throw excelError("value", `lookback_days must be more than 0, not ${lookback}`);
    const ledger = ledgerOfArgs(lots, draws, counts);
    const header = ["Product", "Lot", "Expires", "Remaining", "Projected Use", "At Risk", "At Risk Value"];
    return spill(header, core.atRisk(ledger, asOf, lookback), (e) => [
      e.product, e.lot, dateOrBlank(e.expires), units(e.remaining), units(e.projectedUse), units(e.atRisk), dollars(e.atRiskValue),
    ]);
  });
}

/**
 * Opened vials that still hold product, in use or past their use-by: spills Product, Lot, Opened, Use By, Left In Vial.
 * @customfunction OPEN_VIALS
 * @param as_of Date and time to look at; pass NOW().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param products The Products table with its header row: Vial Size and Use Within Hours say when a vial is open and until when.
 * @returns A table, one row per open vial.
 */
export function openVials(as_of: unknown, lots: unknown[][], draws: unknown[][], products: unknown[][]): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerFrom({
      lots: tableArg("Lots", "lots", lots),
      draws: tableArg("Draws", "draws", draws),
      products: tableArg("Products", "products", products),
    });
    return spill(["Product", "Lot", "Opened", "Use By", "Left In Vial"], core.openVials(ledger, asOf), (v) => [
      v.product, v.lot, v.opened, dateOrBlank(v.useBy), units(v.left),
    ]);
  });
}

/**
 * Every patient draw of a lot, for a recall: spills Date, Visit, Patient, Provider, Product, Qty (and Assumed, with Lots: blank-lot draws FEFO assigns to it).
 * @customfunction RECALL
 * @param lot Lot number being recalled, e.g. "C3709C3".
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param lots Optional: the Lots table with its header row; adds draws whose lot was left blank and that FEFO assigns to this lot.
 * @returns A table, one row per draw, oldest first.
 */
export function recall(lot: unknown, draws: unknown[][], lots?: unknown[][]): unknown[][] {
  return guarded(() => {
    const number = textArg("lot", lot, "a lot number");
    const lotsGrid = optionalTableArg("Lots", "lots", lots);
    const ledger = ledgerFrom({ lots: lotsGrid, draws: tableArg("Draws", "draws", draws) });
    const withLots = lotsGrid !== null;
    const entries = core.recall(ledger, number, withLots);
    if (entries.length === 0 && !(withLots && core.findLot(ledger, number))) {
      throw excelError("na", `no Visit draw of lot ${number} in the Draws table${withLots ? ", and it is not in the Lots table" : ""}`);
    }
    const header = ["Date", "Visit", "Patient", "Provider", "Product", "Qty"];
    if (withLots) header.push("Assumed");
    return spill(header, entries, (e) => {
      const row: OutCell[] = [dateOrBlank(e.date), textOrBlank(e.visit), textOrBlank(e.patient), textOrBlank(e.provider), textOrBlank(e.product), e.qty === null ? "" : units(e.qty)];
      if (withLots) row.push(e.assumed);
      return row;
    });
  });
}

/**
 * Every problem Lotbook finds in the ledger, pointed at its cell: spills Table, Row, Column, Severity, Message. Shows OK when there is no error and no warning.
 * @customfunction CHECK
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @param products Optional: the Products table with its header row, e.g. Products[#All].
 * @returns OK, or a table of diagnostics.
 */
export function check(lots: unknown[][], draws: unknown[][], counts?: unknown[][], products?: unknown[][]): unknown[][] {
  return guarded(() => {
    const ledger = core.buildLedger({
      lots: tableArg("Lots", "lots", lots),
      draws: tableArg("Draws", "draws", draws),
      counts: optionalTableArg("Counts", "counts", counts),
      products: optionalTableArg("Products", "products", products),
    });
    const found = core.check(ledger);
    if (found.length === 0) return [["OK"]];
    const rows: OutCell[][] = [["Table", "Row", "Column", "Severity", "Message"]];
    for (const d of found) rows.push([d.table, d.row === 0 ? "" : d.row, d.column, d.severity === "error" ? "Error" : "Warning", d.message]);
    return rows;
  });
}

/**
 * Cost of goods, revenue and margin of Visit draws by visit, service, provider or product: spills the group, Visits (Date for visits), Revenue, COGS, Margin, Margin %.
 * @customfunction MARGIN_BY
 * @param group_by "visit", "service", "provider" or "product".
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param counts Optional: the Counts table with its header row; needed for exact costs when a lot was bought at two prices.
 * @returns A table, one row per visit, service, provider or product.
 */
export function marginBy(group_by: unknown, draws: unknown[][], lots: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const by = groupArg(group_by);
    const ledger = ledgerOfArgs(lots, draws, counts);
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
  });
}

/**
 * Stock on hand by product: spills Product, Unit, Remaining, Value (at cost) and Lots (how many lots still hold some), products by name.
 * @customfunction STOCK_BY_PRODUCT
 * @param as_of Date to value on; pass TODAY().
 * @param lots The Lots table with its header row, e.g. Lots[#All].
 * @param draws The Draws table with its header row, e.g. Draws[#All].
 * @param counts Optional: the Counts table with its header row, e.g. Counts[#All].
 * @returns A table, one row per product.
 */
export function stockByProduct(as_of: unknown, lots: unknown[][], draws: unknown[][], counts?: unknown[][]): unknown[][] {
  return guarded(() => {
    const asOf = dateArg("as_of", as_of);
    const ledger = ledgerOfArgs(lots, draws, counts);
    return spill(["Product", "Unit", "Remaining", "Value", "Lots"], core.stockByProduct(ledger, asOf), (s) => [
      s.product, textOrBlank(s.unit), units(s.remaining), dollars(s.value), s.lotsInStock,
    ]);
  });
}
