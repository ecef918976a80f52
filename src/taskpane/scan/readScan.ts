/**
 * A scan as the task pane meets it: found in whatever a field holds, read into product, lot and
 * expiry through the Products GTIN column, and said back to the person in one sentence.
 */
import { checkScannedExpiry, findLot, formatSerial, gtinIndex, looksLikeScan, mapScanToEntry, parseScan, productKey, type GtinIndex, type Ledger, type Lot, type ScanOptions, type Serial } from "../../core";

const indexes = new WeakMap<Ledger, GtinIndex>();

/**
 * The Products table's GTINs of a ledger, indexed once per ledger (a new ledger is read after
 * every write, so a GTIN just recorded is found by the next scan).
 * @example gtinsOf(books.ledger).byGtin.get("00361234567890") // "Botox 100U"
 */
export function gtinsOf(ledger: Ledger): GtinIndex {
  let index = indexes.get(ledger);
  if (index === undefined) {
    index = gtinIndex(ledger.products.rows.map((r) => ({ row: r.row, product: r.product, gtin: r.gtin })));
    indexes.set(ledger, index);
  }
  return index;
}

// eslint-disable-next-line no-control-regex -- ASCII 29 is the group separator itself
const SEPARATOR = /\u001d|<GS>|\{GS\}|\[GS\]|\^\]|\u241d/i;

// Where a scan can begin inside text typed before it: a symbology identifier, the printed
// `(01)` form, a web address, or an element string starting with an SSCC or GTIN.
const SCAN_START = /^(?:\][A-Za-z][0-9A-Za-z]|\(\d{2,4}\)|https?:\/\/|0[012]\d{14})/;

/**
 * A scan at the end of what a field holds, and the field's text before it (what the person had
 * typed there, to be put back); `null` when the field holds no scan. Where the text could split
 * in several places, the first that reads as a whole scan wins. A scan that does not read is
 * still found when it is unmistakably one (a symbology identifier, a group separator, a web
 * address), with `problem` saying what is wrong with it.
 * @example findScan("V20]d20100361234567890172706301" + "0C3709C3") // { before: "V20", scan: "]d2…" }
 */
export function findScan(value: string, options: ScanOptions = {}): { before: string; scan: string; problem?: string } | null {
  const starts = [0];
  for (let i = 1; i < value.length; i++) if (SCAN_START.test(value.slice(i))) starts.push(i);
  let unreadable: { before: string; scan: string; problem: string } | null = null;
  for (const i of starts) {
    const scan = value.slice(i);
    if (!looksLikeScan(scan)) continue;
    const read = parseScan(scan, options);
    if (read.ok) return { before: value.slice(0, i), scan };
    // Text such as "(01) 555-1234" looks like the printed form but may be what a person typed.
    if (unreadable === null && (/^\]|^https?:\/\//i.test(scan) || SEPARATOR.test(scan))) unreadable = { before: value.slice(0, i), scan, problem: read.error.message };
  }
  return unreadable;
}

/** What a scan fills, once its product is known (or known to be absent). */
export interface ScanFill {
  /** The product by GTIN, or the one the person chose for an unknown GTIN; null when the code has no GTIN. */
  readonly product: string | null;
  readonly lot: string | null;
  readonly expires: Serial | null;
  /** The expiry as `yyyy-mm-dd`, for a date field. */
  readonly expiresText: string | null;
  /** What the scan itself asks the person to check (a lot that may run on, an expiry past). */
  readonly warnings: readonly string[];
}

export type ScanReading =
  | { readonly ok: true; readonly fill: ScanFill; readonly unknownGtin: string | null; readonly separated: boolean }
  | { readonly ok: false; readonly message: string };


/**
 * Reads a scan into the fields it fills. `unknownGtin`: the code's GTIN when no product in
 * Products has it, so the pane asks which product it is.
 * @example readScan("]d2010036123456789017270630" + "10C3709C3", ledger, { today }) // { ok: true, fill: { product: "Botox 100U", lot: "C3709C3", … } }
 */
export function readScan(text: string, ledger: Ledger, options: ScanOptions = {}): ScanReading {
  const read = parseScan(text, options);
  if (!read.ok) return { ok: false, message: read.error.message };
  const entry = mapScanToEntry(read.value, gtinsOf(ledger).byGtin);
  return {
    ok: true,
    fill: {
      product: entry.product ?? null,
      lot: entry.lot ?? null,
      expires: entry.expires ?? null,
      expiresText: entry.expiresText ?? null,
      warnings: entry.warnings,
    },
    unknownGtin: entry.needsProductFor ?? null,
    separated: read.value.form === "elementString" && SEPARATOR.test(text),
  };
}

/**
 * What a scan filled, in one sentence for the person at the pane.
 * @example scanSummary({ product: "Botox 100U", lot: "C3709C3", expires: 46568 }, 1900) // "Scanned Botox 100U, lot C3709C3, expires 6/30/2027."
 */
export function scanSummary(filled: { product?: string | null; lot?: string | null; expires?: Serial | null }, dateSystem: Ledger["dateSystem"]): string {
  const parts = [
    filled.product ?? null,
    filled.lot ? `lot ${filled.lot}` : null,
    filled.expires !== null && filled.expires !== undefined ? `expires ${formatSerial(filled.expires, dateSystem)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `Scanned ${parts.join(", ")}.` : "Scanned a code with no product, lot or expiry in it.";
}

/** A scanned lot as Lots knows it, with the name of its product. */
export interface KnownLot {
  readonly lot: Lot;
  readonly product: string;
}

/** The scanned lot as Lots knows it; null when Lots does not have it. */
export function scannedLot(ledger: Ledger, lot: string | null): KnownLot | null {
  const found = lot === null ? undefined : findLot(ledger, lot);
  if (found === undefined) return null;
  return { lot: found, product: ledger.productIndex.get(found.productKey)?.name ?? found.productKey };
}

/**
 * Why a scan's lot and product do not go together: Lots has the lot under another product.
 * @example lotClash(known, "Juvederm Ultra XC") // "Lot C3709C3 is in the Lots table under Botox 100U, but the barcode is Juvederm Ultra XC's; check the label."
 */
export function lotClash(known: KnownLot | null, product: string | null): string | null {
  if (known === null || product === null || productKey(known.product) === productKey(product)) return null;
  return `Lot ${known.lot.lot} is in the Lots table under ${known.product}, but the barcode is ${product}'s; check the label.`;
}

/** What to say of a scanned lot the Lots table does not have, where one is to be drawn or counted. */
export function notInLots(lot: string, product: string): string {
  return `Lot ${lot} of ${product} is not in the Lots table: check the lot number against the label, or receive the lot first.`;
}

/** The engine's warning when the scanned expiry differs from the lot's in Lots; null when they agree. */
export function expiryNote(ledger: Ledger, fill: ScanFill, known: KnownLot | null): string | null {
  if (known === null) return null;
  return checkScannedExpiry(fill.expires ?? undefined, known.lot.expires, { lot: known.lot.lot, dateSystem: ledger.dateSystem });
}

/** Every product name the workbook knows, from Lots and Products, sorted. */
export function knownProducts(ledger: Ledger): string[] {
  const names = new Map<string, string>();
  for (const p of ledger.productIndex.values()) names.set(p.key, p.name);
  for (const r of ledger.products.rows) if (r.productKey && r.product && !names.has(r.productKey)) names.set(r.productKey, r.product);
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}
