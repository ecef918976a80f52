import type { TableName } from "./diagnostic";

/** One column a ledger table can have: its name as Set up writes it, and the headers it accepts. */
export interface ColumnSpec {
  readonly name: string;
  /** Every header accepted, the name first, as `normalizeHeader` makes it. */
  readonly aliases: readonly string[];
  /** The other headers a message names when a required column is missing, as written. */
  readonly suggested: readonly string[];
  readonly required: boolean;
}

/**
 * Headers are matched ignoring case, spaces and punctuation but not plurals
 * (`Unit` of measure is not `Units`, a quantity).
 * @example normalizeHeader("Lot #") // "lot"
 */
export function normalizeHeader(h: string): string {
  // "$/unit" is a price per unit, not the Unit of measure it would be with the "$/" dropped.
  return h.toLowerCase().replace(/\$\s*\//g, "dollarper").replace(/[^a-z0-9]/g, "");
}

/** `aliases`: the other headers accepted, as written; a message suggests the first `suggest` of them (all by default). */
function col(name: string, aliases: string[], required = false, suggest = aliases.length): ColumnSpec {
  return { name, aliases: [name, ...aliases].map(normalizeHeader), suggested: aliases.slice(0, suggest), required };
}

const product = (required: boolean) => col("Product", ["Item", "SKU", "Product Name"], required, 2);
const lot = (required: boolean) => col("Lot", ["Lot #", "Lot Number", "Batch", "Lot No", "Batch Number"], required, 3);

export const LOTS = {
  product: product(true),
  lot: lot(true),
  expires: col("Expires", ["Expiry", "Expiration", "Exp", "Use By", "Expiry Date", "Expiration Date", "Exp Date"], true, 4),
  received: col("Received", ["Date Received", "Received Date", "Received On"], true, 2),
  qty: col("Qty", ["Quantity", "Qty Received", "Qty Rec'd"], true, 1),
  unit: col("Unit", ["UoM"]),
  unitCost: col("Unit Cost", ["Cost per Unit", "Cost/Unit", "$/unit", "Unit Price"]),
  totalCost: col("Total Cost", ["Line Total", "Amount"]),
  supplier: col("Supplier", ["Vendor"]),
  po: col("PO", ["PO #", "PO Number"]),
  location: col("Location", ["Site", "Clinic"]),
} as const;

export const DRAWS = {
  date: col("Date", ["Visit Date", "Date Time"], true),
  visit: col("Visit", ["Visit ID", "Appointment", "Appointment ID"]),
  patient: col("Patient", ["Patient ID", "MRN", "Client"]),
  provider: col("Provider", ["Injector"]),
  service: col("Service", ["Treatment"]),
  product: product(true),
  lot: lot(true),
  qty: col("Qty", ["Units", "Dose", "Quantity"], true),
  unit: col("Unit", ["UoM"]),
  kind: col("Kind", ["Type", "Reason"]),
  price: col("Price", ["Charge", "Revenue"]),
  location: col("Location", ["Site", "Clinic"]),
  to: col("To", ["To Location"]),
} as const;

export const COUNTS = {
  date: col("Date", ["Count Date"], true),
  product: product(true),
  lot: lot(true),
  counted: col("Counted", ["Count", "On Hand"], true),
  by: col("By", ["Counted By"]),
  note: col("Note", ["Notes"]),
  location: col("Location", ["Site", "Clinic"]),
} as const;

export const PRODUCTS = {
  product: product(true),
  unit: col("Unit", ["UoM"]),
  vialSize: col("Vial Size", ["Units per Vial"]),
  useWithinHours: col("Use Within Hours", ["Use Within"]),
  alertDays: col("Alert Days", []),
  lossAllowance: col("Loss Allowance", []),
  pricePerUnit: col("Price per Unit", []),
  gtin: col("GTIN", ["Barcode", "UPC", "EAN"]),
  leadDays: col("Lead Days", ["Lead Time", "Lead Time Days"]),
  coverDays: col("Cover Days", ["Days to Cover"]),
  packSize: col("Pack Size", ["Units per Pack", "Pack Qty", "Order Multiple"]),
} as const;

export type Schema = Readonly<Record<string, ColumnSpec>>;

export const SCHEMAS: Readonly<Record<TableName, Schema>> = {
  Lots: LOTS,
  Draws: DRAWS,
  Counts: COUNTS,
  Products: PRODUCTS,
};

/** Where each known column sits in a range (−1 when absent), and the header text the user wrote. */
export type ColumnMap<S extends Schema> = { readonly [K in keyof S]: number } & { readonly headerText: readonly string[] };

/**
 * Finds each column of `schema` in a header row; the first matching header wins.
 * @example mapColumns(["Lot #", "Product"], LOTS).lot // 0
 */
export function mapColumns<S extends Schema>(header: readonly unknown[], schema: S): ColumnMap<S> & { recognised: number; duplicates: string[] } {
  // Built by adding the same properties in the same order every time, so that every map of one
  // schema has one shape to the engine: the row readers load `cols.lot` a quarter of a million
  // times, and a new shape for each table read (as an object spread makes) throws their optimised
  // code away and at last makes every such load a slow, generic one.
  const positions: Record<string, unknown> = {};
  const byAlias = new Map<string, string>();
  for (const [key, spec] of Object.entries(schema)) {
    positions[key] = -1;
    for (const a of spec.aliases) if (!byAlias.has(a)) byAlias.set(a, key);
  }
  let recognised = 0;
  const duplicates: string[] = [];
  const headerText = header.map((h) => (typeof h === "string" ? h.trim() : h === null || h === undefined ? "" : String(h)));
  headerText.forEach((h, i) => {
    const key = byAlias.get(normalizeHeader(h));
    if (key === undefined) return;
    recognised++;
    if (positions[key] === -1) positions[key] = i;
    else duplicates.push(h);
  });
  positions.headerText = headerText;
  positions.recognised = recognised;
  positions.duplicates = duplicates;
  return positions as ColumnMap<S> & { recognised: number; duplicates: string[] };
}
