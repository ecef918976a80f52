import type { Qty } from "./quantity";

/** The four ledger tables, by their default names. */
export type TableName = "Lots" | "Draws" | "Counts" | "Products";

export type Severity = "error" | "warning";

/**
 * Every kind of problem Lotbook reports, by its stable name. `DiagnosticKind` is built from this
 * list, so a kind cannot exist without being listed here (the message catalogue's test walks it).
 */
export const DIAGNOSTIC_CODES = [
  // Tables as a whole (parse).
  "no-header-row", "missing-column", "no-cost-column", "no-visit-column", "header-not-a-name", "duplicate-column",
  "totals-row", "subtotal-row",
  // Cells that cannot be read (parse).
  "cell-error", "not-a-number", "not-money", "too-many-decimals", "date-out-of-range", "invalid-date", "not-a-date",
  "month-only-date", "date-as-text", "lot-number-as-number", "not-alert-days", "loss-allowance-out-of-range",
  // Rows: Lots.
  "blank-product", "blank-lot", "blank-received", "blank-qty", "qty-not-positive", "expiry-first-of-month",
  "expires-before-received", "blank-cost", "negative-cost", "cost-mismatch", "repeated-receipt",
  // Rows: Draws.
  "blank-date", "unknown-kind", "transfer-without-to", "transfer-to-same-location", "transfer-without-lot",
  "to-without-transfer", "visit-without-id", "blank-patient", "blank-product-and-lot", "visit-other-patient",
  "visit-other-day", "repeated-draw",
  // Rows: Counts.
  "blank-counted", "negative-count",
  // Rows: Products.
  "vial-size-not-positive", "hours-not-positive", "negative-pack-size", "negative-days",
  // Resolving rows against each other (ledger, sites).
  "repeated-product", "unit-differs-from-product", "lot-of-two-products", "lot-expiry-differs", "lot-unit-differs",
  "unknown-lot", "lot-of-other-product", "product-without-lots", "draw-unit-differs", "drawn-before-received",
  "expired-lot", "repeated-count", "conflicting-count", "unknown-location", "transfer-without-locations",
  "lot-never-arrives",
  // Booking (book/post, visits).
  "uncovered-draw", "assumed-lot", "count-before-receipt", "overdraw", "blank-price",
  // The Products GTIN column (scan).
  "gtin-check-digit", "not-a-gtin", "gtin-of-two-products",
] as const;

/** A kind of problem's stable name: what programs react to (the sentence may be reworded). */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** What a number cell should have held, as the sentence names it. */
export type Measure =
  | "a number" | "a quantity" | "a number of units" | "a number of units per vial" | "a number of units per pack"
  | "a number of hours" | "a number of days" | "a percentage";

/**
 * Each kind's parameters: what its sentence needs, as data. Names avoid the fields every
 * diagnostic has (`table`, `row`, `column`, `product`, `lot`, `visit`), so a lot number is
 * `lotNumber`, a product's name `productName` and the table a sentence names `of`. Dates are as the sentence shows them.
 */
interface Parameters {
  "no-header-row": { of: TableName; required: string };
  "missing-column": { name: string; aliases: string | null };
  "no-cost-column": object;
  "no-visit-column": { visitDraws: number };
  "header-not-a-name": { shown: string; position: number };
  "duplicate-column": { header: string };
  "totals-row": { rowNumber: number; label: string };
  "subtotal-row": { label: string; of: "Lots" | "Draws" | "Counts" };
  "cell-error": { error: string };
  "not-a-number": { shown: string; what: Measure };
  "not-money": { shown: string };
  "too-many-decimals": { shown: string; countedAs: Qty };
  "date-out-of-range": { shown: string };
  "invalid-date": object;
  "not-a-date": { shown: string };
  "month-only-date": { shown: string };
  "date-as-text": { header: string };
  "lot-number-as-number": { shown: string; header: string };
  "not-alert-days": { shown: string };
  "loss-allowance-out-of-range": { shown: string };
  "blank-product": { of: "Lots" | "Products" };
  "blank-lot": { of: "Lots" | "Counts" };
  "blank-received": object;
  "blank-qty": { of: "Lots" | "Draws" };
  "qty-not-positive": { of: "Lots" | "Draws"; qty: Qty };
  "expiry-first-of-month": object;
  "expires-before-received": object;
  "blank-cost": object;
  "negative-cost": { which: "unit" | "total" };
  "cost-mismatch": object;
  "repeated-receipt": { firstRow: number };
  "blank-date": { of: "Draws" | "Counts" };
  "unknown-kind": { kind: string };
  "transfer-without-to": { hasToColumn: boolean };
  "transfer-to-same-location": { from: string | null };
  "transfer-without-lot": object;
  "to-without-transfer": { to: string; kind: string };
  "visit-without-id": object;
  "blank-patient": object;
  "blank-product-and-lot": object;
  "visit-other-patient": { visitId: string; firstRow: number; firstPatient: string; patient: string };
  "visit-other-day": { visitId: string; firstRow: number };
  "repeated-draw": { firstRow: number };
  "blank-counted": object;
  "negative-count": { counted: Qty };
  "vial-size-not-positive": object;
  "hours-not-positive": object;
  "negative-pack-size": { pack: Qty };
  "negative-days": { header: string; days: number };
  "repeated-product": { productName: string; firstRow: number };
  "unit-differs-from-product": { unit: string; productUnit: string; productName: string };
  "lot-of-two-products": { lotNumber: string; otherProduct: string; otherRow: number };
  "lot-expiry-differs": { lotNumber: string; expires: string; firstExpires: string; firstRow: number };
  "lot-unit-differs": { lotNumber: string; unit: string; firstUnit: string; firstRow: number };
  /** `brokenRow`: the Lots row that names the lot but cannot be read, else `null`. */
  "unknown-lot": { lotNumber: string; brokenRow: number | null };
  "lot-of-other-product": { lotNumber: string; lotProduct: string; productName: string };
  "product-without-lots": { productName: string };
  /** `lotNumber`: the lot drawn from, or `null` when the draw names only its product. */
  "draw-unit-differs": { unit: string; lotNumber: string | null; productName: string; keptIn: string };
  "drawn-before-received": { drawn: string; lotNumber: string; received: string };
  "expired-lot": { lotNumber: string; expired: string; drawn: string };
  "repeated-count": { firstRow: number };
  "conflicting-count": { firstRow: number };
  "unknown-location": { to: string };
  "transfer-without-locations": { to: string };
  /** `location`: `null` for the unnamed location (a blank Location cell). */
  "lot-never-arrives": { lotNumber: string; location: string | null };
  "uncovered-draw": { productName: string; drawn: Qty; location: string | null };
  "assumed-lot": { allocations: readonly { lotNumber: string; qty: Qty }[] };
  "count-before-receipt": { lotNumber: string };
  "overdraw": { drawn: Qty; transfer: boolean; lotNumber: string; left: Qty; location: string | null };
  "blank-price": { visitId: string };
  "gtin-check-digit": { gtin: string; expected: number };
  "not-a-gtin": { text: string; productName: string };
  "gtin-of-two-products": { gtin: string; otherProduct: string; otherRow: number | null };
}

/**
 * One kind of problem with its parameters, discriminated by `code`: what a program switches on.
 * @example { code: "overdraw", drawn: 50_000_000, transfer: false, lotNumber: "C3709C3", left: 40_000_000, location: null }
 */
export type DiagnosticKind = { [C in DiagnosticCode]: { readonly code: C } & Readonly<Parameters[C]> }[DiagnosticCode];

/** The kind of problem with the given code. */
export type DiagnosticOf<C extends DiagnosticCode> = Extract<DiagnosticKind, { code: C }>;

/** A kind of problem with its severity and sentence, as the message catalogue fills them in. */
export type Coded = DiagnosticKind & { readonly severity: Severity; readonly message: string };

/**
 * A problem found in the ledger, pointed at a cell: errors are data, not exceptions.
 * `row` is the row's position in the range passed (header = 1); 0 means the table as a whole.
 * `product`, `lot` and `visit` say which results the problem blocks (an error blocks only the
 * results that depend on it). `code` and its parameters say what it is; `message` says it in words
 * (from `messages.ts`, the one catalogue of sentences).
 */
export type Diagnostic = Coded & {
  readonly table: TableName;
  readonly row: number;
  readonly column: string;
  readonly product?: string;
  readonly lot?: string;
  readonly visit?: string;
};

/**
 * The diagnostic as one sentence a bookkeeper can act on.
 * @example describe({ table: "Lots", row: 14, column: "Expires", ...coded({ code: "not-a-date", shown: "'soon'" }) })
 * // "Lots row 14, Expires: 'soon' is not a date; type it as 3/15/2026 or 2026-03-15"
 */
export function describe(d: Diagnostic): string {
  if (d.row === 0) return `${d.table}${d.column ? `, ${d.column}` : ""}: ${d.message}`;
  return `${d.table} row ${d.row}${d.column ? `, ${d.column}` : ""}: ${d.message}`;
}

const TABLE_ORDER: Record<TableName, number> = { Lots: 0, Draws: 1, Counts: 2, Products: 3 };

/** Orders diagnostics as CHECK lists them: by table, row, then errors before warnings. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    TABLE_ORDER[a.table] - TABLE_ORDER[b.table] ||
    a.row - b.row ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)
  );
}

/**
 * A list of diagnostics as one string that changes when any of them does (where, and what it
 * says): for telling whether what blocks a result moved between two ledgers.
 */
export function diagnosticsPrint(ds: readonly Diagnostic[] | undefined): string {
  return (ds ?? []).map((d) => `${d.table}|${d.row}|${d.column}|${d.message}`).join(";");
}
