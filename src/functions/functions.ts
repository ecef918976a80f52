/**
 * The LOTBOOK.* custom functions as Excel registers them. The JSDoc of each function is its entry
 * in Excel's autocomplete; custom-functions-metadata-plugin reads it to generate functions.json
 * and to register each function under its id. What each answers is in `answers.ts`.
 *
 * Every function streams (its last parameter is a `StreamingInvocation`): with its tables left
 * out it answers from the workbook's own tables through the live ledger and is given a new value
 * whenever the tables change its answer; with tables given it answers from exactly those values.
 * Key and settings come first, the optional tables last. Parameter types are the plain keywords
 * the metadata generator understands: an `unknown[][]` parameter is a range (a single value
 * arrives as a 1×1 array), an `unknown` one a single value, and results are `unknown[][]`: a key
 * given as a range answers in the same shape. Excel passes `null` for an omitted argument.
 */
import * as answers from "./answers";
import { serveFormula } from "./_lib/serve";


/**
 * The lot to draw next for a product: an opened vial still within its use-by first, then the usable lot that expires first. #N/A when no usable stock is left.
 * @customfunction FEFO_LOT
 * @param product Product name as written in Lots, e.g. "Botox 100U"; a range of products gives one lot per cell.
 * @param [as_of] Date to decide on; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table. Its Vial Size and Use Within Hours put opened vials first.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns The lot number to draw next.
 * @streaming
 */
export function fefoLot(product: unknown[][], as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.FEFO_LOT, [product, as_of, location], [lots, draws, counts, products], invocation);
}

/**
 * How to draw a quantity of a product by FEFO: spills Lot, Qty, Expires for each lot to use, and a last row SHORT with the quantity stock cannot cover.
 * @customfunction FEFO_PLAN
 * @param product Product name as written in Lots, e.g. "Botox 100U".
 * @param qty Quantity to draw, in the product's unit (U, mL), e.g. 40.
 * @param [as_of] Date to plan on; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table: Lot, Qty, Expires.
 * @streaming
 */
export function fefoPlan(product: unknown, qty: unknown, as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.FEFO_PLAN, [product, qty, as_of, location], [lots, draws, counts, products], invocation);
}

/**
 * Cost of goods of a visit: each of its Visit draws times the unit cost of the lot it came from.
 * @customfunction VISIT_COGS
 * @param visit Visit ID as written in Draws, e.g. "V1"; a range of visits gives one cost per cell.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns The visit's product cost, in dollars.
 * @streaming
 */
export function visitCogs(visit: unknown[][], draws: unknown[][], lots: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.VISIT_COGS, [visit], [draws, lots, counts], invocation);
}

/**
 * Margin of a visit: the sum of its draws' Price minus its cost of goods. #N/A when no line of the visit has a price.
 * @customfunction VISIT_MARGIN
 * @param visit Visit ID as written in Draws, e.g. "V1"; a range of visits gives one margin per cell.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns Revenue minus product cost, in dollars.
 * @streaming
 */
export function visitMargin(visit: unknown[][], draws: unknown[][], lots: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.VISIT_MARGIN, [visit], [draws, lots, counts], invocation);
}

/**
 * Units of a lot left on the books: received minus drawn, reset at each count. Negative after an overdraw.
 * @customfunction LOT_REMAINING
 * @param lot Lot number as written in Lots, e.g. "C3709C3"; a range of lots gives one quantity per cell.
 * @param [as_of] Date to count up to; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns Units left, in the lot's unit.
 * @streaming
 */
export function lotRemaining(lot: unknown[][], as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.LOT_REMAINING, [lot, as_of, location], [lots, draws, counts], invocation);
}

/**
 * Unit cost of a lot: total paid over units received, across all of its receipts in Lots.
 * @customfunction LOT_COST
 * @param lot Lot number as written in Lots, e.g. "C3709C3"; a range of lots gives one cost per cell.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns Dollars per unit.
 * @streaming
 */
export function lotCost(lot: unknown[][], lots: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.LOT_COST, [lot], [lots], invocation);
}

/**
 * Value of stock on hand at cost: the actual cost of the units still held.
 * @customfunction STOCK_VALUE
 * @param scope A product name, else a lot number, or "*" for all stock; a range gives one value per cell.
 * @param [as_of] Date to value on; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns Value at cost, in dollars.
 * @streaming
 */
export function stockValue(scope: unknown[][], as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.STOCK_VALUE, [scope, as_of, location], [lots, draws, counts], invocation);
}

/**
 * Total shrinkage up to the last count: units the counts found missing (positive) or extra (negative), at cost or in units.
 * @customfunction SHRINKAGE
 * @param scope A product name, else a lot number, or "*" for all stock; a range gives one total per cell.
 * @param [measure] "cost" (the default) for dollars at cost, or "units".
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns Shrinkage in dollars, or in units.
 * @streaming
 */
export function shrinkage(scope: unknown[][], measure: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.SHRINKAGE, [scope, measure, location], [lots, draws, counts], invocation);
}

/**
 * Every count with how far the books were off: spills Date, Product, Lot, Expected, Counted, Shrinkage, Shrinkage Cost (and Allowed Loss, Unexplained with a Products table).
 * @customfunction SHRINKAGE_LOG
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table. Its Loss Allowance splits expected loss from unexplained shrinkage.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per count.
 * @streaming
 */
export function shrinkageLog(location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.SHRINKAGE_LOG, [location], [lots, draws, counts, products], invocation);
}

/**
 * Lots with stock that expire within a number of days, expired ones included: spills Product, Lot, Expires, Days Left, Remaining, Value, soonest first.
 * @customfunction EXPIRING
 * @param days How many days ahead to look, e.g. 90.
 * @param [as_of] Date to look from; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per lot.
 * @streaming
 */
export function expiring(days: unknown, as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.EXPIRING, [days, as_of, location], [lots, draws, counts], invocation);
}

/**
 * Stock forecast to expire unused, from each product's recent usage: spills Product, Lot, Expires, Remaining, Projected Use, At Risk, At Risk Value.
 * @customfunction AT_RISK
 * @param [as_of] Date to forecast from; leave out for today (pass NOW() where opened vials matter).
 * @param [lookback_days] How many days of Visit draws set the usage rate (default 90).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per lot with stock.
 * @streaming
 */
export function atRisk(as_of: unknown, lookback_days: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.AT_RISK, [as_of, lookback_days, location], [lots, draws, counts], invocation);
}

/**
 * What to order, by when and how much, per product, from recent use and without buying stock that would expire on the shelf: spills Product, Usable, Daily Use, Days Of Cover, Stock Out, Order By, Suggested Qty, Reason.
 * @customfunction REORDER
 * @param [as_of] Date to plan from; leave out for today. Use is counted over the 90 days up to it.
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table. Its Lead Days (default 7), Cover Days (default 30) and Pack Size (default the Vial Size) shape each order.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per product, the one to order soonest first.
 * @streaming
 */
export function reorder(as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.REORDER, [as_of, location], [lots, draws, counts, products], invocation);
}

/**
 * Opened vials that still hold product, in use or past their use-by: spills Product, Lot, Opened, Use By, Left In Vial.
 * @customfunction OPEN_VIALS
 * @param [as_of] Date and time to look at; leave out for today, or pass NOW().
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table. Vial Size and Use Within Hours say when a vial is open and until when.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per open vial.
 * @streaming
 */
export function openVials(as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.OPEN_VIALS, [as_of, location], [lots, draws, products], invocation);
}

/**
 * Every patient draw of a lot, for a recall: spills Date, Visit, Patient, Provider, Product, Qty (and Assumed, with Lots: blank-lot draws FEFO assigns to it).
 * @customfunction RECALL
 * @param lot Lot number being recalled, e.g. "C3709C3".
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table. Adds draws whose lot was left blank and that FEFO assigns to this lot.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per draw, oldest first.
 * @streaming
 */
export function recall(lot: unknown, draws: unknown[][], lots: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.RECALL, [lot], [draws, lots], invocation);
}

/**
 * Every problem Lotbook finds in the ledger, pointed at its cell: spills Table, Row, Column, Severity, Message. Shows OK when there is no error and no warning.
 * @customfunction CHECK
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param [products] The Products table with its header row. Leave out to use the workbook's Products table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns OK, or a table of diagnostics.
 * @streaming
 */
export function check(lots: unknown[][], draws: unknown[][], counts: unknown[][], products: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.CHECK, [], [lots, draws, counts, products], invocation);
}

/**
 * Cost of goods, revenue and margin of Visit draws by visit, service, provider or product: spills the group, Visits (Date for visits), Revenue, COGS, Margin, Margin %.
 * @customfunction MARGIN_BY
 * @param group_by "visit", "service", "provider" or "product".
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per visit, service, provider or product.
 * @streaming
 */
export function marginBy(group_by: unknown, draws: unknown[][], lots: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.MARGIN_BY, [group_by], [draws, lots, counts], invocation);
}

/**
 * Stock on hand by product: spills Product, Unit, Remaining, Value (at cost) and Lots (how many lots still hold some), products by name.
 * @customfunction STOCK_BY_PRODUCT
 * @param [as_of] Date to value on; leave out for today (pass NOW() where opened vials matter).
 * @param [location] A location named in a Location column of Lots, Draws or Counts; leave out for all locations together.
 * @param [lots] The Lots table with its header row, e.g. Lots[#All]. Leave out to use the workbook's Lots table.
 * @param [draws] The Draws table with its header row, e.g. Draws[#All]. Leave out to use the workbook's Draws table.
 * @param [counts] The Counts table with its header row. Leave out to use the workbook's Counts table.
 * @param invocation Where Excel receives the answer, now and whenever it changes.
 * @returns A table, one row per product.
 * @streaming
 */
export function stockByProduct(as_of: unknown, location: unknown, lots: unknown[][], draws: unknown[][], counts: unknown[][], invocation: CustomFunctions.StreamingInvocation<unknown[][]>): void {
  serveFormula(answers.STOCK_BY_PRODUCT, [as_of, location], [lots, draws, counts], invocation);
}
