/**
 * Lotbook's engine: pure functions from ledger tables (2-D arrays, header row first) to FEFO
 * choices, per-visit COGS, stock, shrinkage, expiry and the audit identity. No Office, DOM or
 * React here: the custom functions and the task pane are thin shells over this module.
 */
export type { Cell, Grid } from "./cells";
export { basicCell, excelError, isBlank, sameCell, sameGrid, sameRow } from "./cells";
export type { DateSystem, Serial } from "./dates";
export { formatSerial, parseTextDate, serialFromDate, serialFromYmd, ymdFromSerial } from "./dates";
export type { Diagnostic, DiagnosticCode, Severity, TableName } from "./diagnostic";
export { describe } from "./diagnostic";
export type { Failure, Result } from "./result";
export { fail, ok } from "./result";
export type { Money } from "./money";
export { formatMoney, MONEY_ONE, moneyFromNumber, moneyToNumber } from "./money";
export type { Qty } from "./quantity";
export { formatQty, QTY_ONE, qtyFromNumber, qtyToNumber } from "./quantity";
export type { Ledger, LedgerInput, Lot, Product } from "./ledger";
export { buildLedger } from "./ledger";
export { updateLedger, type LedgerChange } from "./update";
export { replayCount } from "./replay";
export type { StockKey } from "./stockKey";
export { asOfInstant } from "./instant";
export { columnLetter } from "./address";
export { FEFO, FIFO, isExpiredOn } from "./fefo";
export type { FefoLine, FefoPlan } from "./selectLot";
export { fefoLot, fefoPlan } from "./selectLot";
export type { VisitCost } from "./visits";
export { blankPriceWarnings, visitCogs, visitCost, visitMargin, visitRevenue, visitTotals } from "./visits";
export type { ProductStock } from "./stock";
export { lotCost, lotRemaining, stockByProduct, stockValue } from "./stock";
export type { MarginGroup, MarginLine } from "./margins";
export { MARGIN_GROUPS, marginBy } from "./margins";
export type { ShrinkageEntry } from "./shrinkage";
export { shrinkageLog, shrinkageTotal } from "./shrinkage";
export type { ExpiryAlert, ExpiryEntry, HighlightBand } from "./expiry";
export { expiring, expiryAlerts, highlightBand } from "./expiry";
export type { AtRiskEntry } from "./atRisk";
export { atRisk, DEFAULT_LOOKBACK_DAYS } from "./atRisk";
export type { ReorderEntry, ReorderGroups, ReorderLimit } from "./reorder";
export { DEFAULT_COVER_DAYS, DEFAULT_LEAD_DAYS, reorder, reorderGroups } from "./reorder";
export type { OpenVial } from "./vials";
export { openVials } from "./vials";
export type { RecallEntry } from "./recall";
export { recall } from "./recall";
export { check, checkRows } from "./check";
export type { Conservation } from "./conservation";
export { conservation } from "./conservation";
export { resolveScope, findLot } from "./scope";
export { replayProduct } from "./replay";
export { DEFAULT_ALERT_DAYS, lotKey, productKey, rowIsBlank } from "./parse";
export type { ColumnSpec, Schema } from "./schema";
export { COUNTS, DRAWS, LOTS, mapColumns, normalizeHeader, PRODUCTS, SCHEMAS } from "./schema";
export type { GtinIndex, ProductGtins, ScanEntry, ScanFormName, ScannedCode, ScanOptions } from "./scan";
export { checkScannedExpiry, gtinIndex, looksLikeScan, mapScanToEntry, normalizeGtin, parseScan } from "./scan";
