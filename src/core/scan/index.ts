/**
 * Scanning: GS1 barcodes (DataMatrix, GS1-128, QR Digital Link, UPC/EAN) read into product,
 * lot and expiry. Pure; the task pane's forms call it and the person confirms what it filled.
 */
export type { ScanFormName, ScannedCode, ScanOptions } from "./parseScan";
export { looksLikeScan, parseScan } from "./parseScan";
export type { GtinIndex, ProductGtins, ScanEntry } from "./mapScan";
export { checkScannedExpiry, gtinIndex, mapScanToEntry } from "./mapScan";
export type { GtinProblem } from "./gtin";
export { gs1CheckDigit, gtin14, hasValidCheckDigit, normalizeGtin } from "./gtin";
