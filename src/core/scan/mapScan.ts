/**
 * From a scan to the fields of a Receive, Visit draw or Count entry: the product through the
 * Products table's GTIN column, the lot and the expiry. Nothing is written: the task pane fills
 * its form with this and the person confirms.
 */
import { formatSerial, ymdFromSerial, type DateSystem, type Serial } from "../dates";
import type { Diagnostic, DiagnosticOf } from "../diagnostic";
import { coded } from "../messages";
import { gtin14, normalizeGtin } from "./gtin";
import type { ScannedCode } from "./parseScan";

/** A Products row as far as GTINs go (a `ProductRow` from the Products table fits). */
export interface ProductGtins {
  /** Row in the Products range (header = 1), for diagnostics. */
  readonly row?: number;
  readonly product: string | null;
  /** One GTIN, or several separated by commas, semicolons or line breaks (a vial's and a carton's). */
  readonly gtin: string | null;
}

/** Products by GTIN (14 digits), and what is wrong with the GTIN column. */
export interface GtinIndex {
  readonly byGtin: ReadonlyMap<string, string>;
  readonly problems: readonly Diagnostic[];
}

const sameProduct = (a: string, b: string) => a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Indexes the Products table's GTIN column. GTIN-8/12/13 are padded to 14 digits and a number
 * Excel stripped of its leading zeros is restored. A GTIN that is not one, or one given for two
 * products, is reported (as a warning: it blocks nothing else) and left out, so that a scan of it
 * asks which product it is.
 * @example gtinIndex([{ row: 2, product: "Botox 100U", gtin: "312345678906" }]).byGtin.get("00312345678906") // "Botox 100U"
 */
export function gtinIndex(products: Iterable<ProductGtins>): GtinIndex {
  const first = new Map<string, { product: string; row?: number }>();
  const conflicted = new Set<string>();
  const problems: Diagnostic[] = [];
  const warn = (row: number | undefined, kind: DiagnosticOf<"gtin-check-digit" | "not-a-gtin" | "gtin-of-two-products">) =>
    problems.push({ table: "Products", row: row ?? 0, column: "GTIN", ...coded(kind) });
  for (const { row, product, gtin } of products) {
    if (product === null || gtin === null) continue;
    for (const text of gtin.split(/[,;\r\n]+/).map((t) => t.trim()).filter((t) => t !== "")) {
      const g = gtin14(text);
      if ("problem" in g) {
        warn(row, g.problem === "checkDigit"
          ? { code: "gtin-check-digit", gtin: text, expected: g.expected! }
          : { code: "not-a-gtin", text, productName: product });
        continue;
      }
      const owner = first.get(g.gtin);
      if (owner === undefined) first.set(g.gtin, { product, row });
      else if (!sameProduct(owner.product, product)) {
        warn(row, { code: "gtin-of-two-products", gtin: g.gtin, otherProduct: owner.product, otherRow: owner.row ?? null });
        conflicted.add(g.gtin);
      }
    }
  }
  const byGtin = new Map<string, string>();
  for (const [gtin, { product }] of first) if (!conflicted.has(gtin)) byGtin.set(gtin, product);
  return { byGtin, problems };
}

/** The entry fields a scan fills. */
export interface ScanEntry {
  readonly product?: string;
  /** The scanned GTIN when no product has it: ask once which product it is, and record it there. */
  readonly needsProductFor?: string;
  readonly lot?: string;
  readonly expires?: Serial;
  readonly expiresText?: string;
  readonly warnings: readonly string[];
}

/**
 * Maps a scan to Lotbook's fields through the Products GTIN index (see `gtinIndex`); GTINs are
 * compared as 14 digits.
 * @example mapScanToEntry(scan, gtinIndex(products).byGtin) // { product: "Botox 100U", lot: "C6163C3", expires: 46203, … }
 */
export function mapScanToEntry(scan: ScannedCode, productsByGtin: ReadonlyMap<string, string>): ScanEntry {
  const out: { -readonly [K in keyof ScanEntry]: ScanEntry[K] } = { warnings: scan.warnings };
  if (scan.gtin !== undefined) {
    const gtin = normalizeGtin(scan.gtin) ?? scan.gtin;
    const product = productsByGtin.get(gtin);
    if (product !== undefined) out.product = product;
    else out.needsProductFor = gtin;
  }
  if (scan.lot !== undefined) out.lot = scan.lot;
  if (scan.expires !== undefined) out.expires = scan.expires;
  if (scan.expiresText !== undefined) out.expiresText = scan.expiresText;
  return out;
}

/**
 * In Receive: a warning when the scanned lot is already in Lots with another expiry (whole days
 * compared), or with none; `null` when they agree or there is nothing to compare.
 * `knownLotExpires`: `undefined` when the lot is not in Lots yet, `null` when its Expires is blank.
 * @example checkScannedExpiry(46203, 46173, { lot: "C6163C3" })
 * // "Lot C6163C3 is already in Lots with expiry 5/31/2026, but the scanned code says 6/30/2026; …"
 */
export function checkScannedExpiry(
  scanExpires: Serial | undefined,
  knownLotExpires: Serial | null | undefined,
  options: { readonly lot?: string; readonly dateSystem?: DateSystem } = {},
): string | null {
  if (scanExpires === undefined || knownLotExpires === undefined) return null;
  const system = options.dateSystem ?? 1900;
  const lot = options.lot === undefined ? "This lot" : `Lot ${options.lot}`;
  const scanned = formatSerial(scanExpires, system);
  if (knownLotExpires === null) {
    return `${lot} is already in Lots without an expiry, but the scanned code says ${scanned}; check the label and fill in Expires in Lots`;
  }
  if (Math.floor(knownLotExpires) === Math.floor(scanExpires)) return null;
  const known = ymdFromSerial(knownLotExpires, system);
  const seen = ymdFromSerial(scanExpires, system);
  const firstOfSameMonth = known.day === 1 && known.year === seen.year && known.month === seen.month;
  const hint = firstOfSameMonth ? " (Excel makes a typed month such as 06/2026 the 1st; labels mean the last day)" : "";
  return `${lot} is already in Lots with expiry ${formatSerial(knownLotExpires, system)}${hint}, but the scanned code says ${scanned}; check the label before saving, as one of them is wrong`;
}
