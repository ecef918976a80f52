/**
 * The four ledger tables as Lotbook creates them, in one place: Set up in the task pane and the
 * starter workbook script (`scripts/starter-workbook.ts`) both build from these specs.
 */
import { DRAW_KINDS, type TableName } from "../../core";
import { columnLetter, type ListValidation, type TableSpec } from "../../workbook/port";
import { expiryHighlighting, highlightNames } from "./expiryHighlighting";

export const DATE = "m/d/yyyy";
export const MONEY = "$#,##0.00";
/** Unit costs are often quoted to the tenth of a cent ($6.4975 per unit). */
export const UNIT_MONEY = "$#,##0.00##";
export const TEXT = "@";
/** Dropdowns and highlighting reach this far down, so rows typed below the last one get them. */
export const LAST_ROW = 10_000;
export const KINDS = DRAW_KINDS;

/** A column as created: its header, number format, and width in characters (the starter sets it). */
export interface ColumnSpec {
  readonly name: string;
  readonly numberFormat?: string;
  readonly width: number;
}

/** A ledger table as created; its columns carry widths. */
export interface LedgerSpec extends TableSpec {
  readonly columns: readonly ColumnSpec[];
}

const COLUMNS: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  Lots: [
    { name: "Product", width: 20 },
    { name: "Lot", numberFormat: TEXT, width: 12 },
    { name: "Expires", numberFormat: DATE, width: 11 },
    { name: "Received", numberFormat: DATE, width: 11 },
    { name: "Qty", width: 8 },
    { name: "Unit", width: 7 },
    { name: "Unit Cost", numberFormat: UNIT_MONEY, width: 11 },
    { name: "Total Cost", numberFormat: MONEY, width: 12 },
    { name: "Supplier", width: 12 },
    { name: "PO", numberFormat: TEXT, width: 10 },
  ],
  Draws: [
    { name: "Date", numberFormat: DATE, width: 11 },
    { name: "Visit", numberFormat: TEXT, width: 8 },
    { name: "Patient", numberFormat: TEXT, width: 9 },
    { name: "Provider", width: 11 },
    { name: "Service", width: 12 },
    { name: "Product", width: 20 },
    { name: "Lot", numberFormat: TEXT, width: 12 },
    { name: "Qty", width: 7 },
    { name: "Unit", width: 7 },
    { name: "Kind", width: 9 },
    { name: "Price", numberFormat: MONEY, width: 10 },
  ],
  Counts: [
    { name: "Date", numberFormat: DATE, width: 11 },
    { name: "Product", width: 20 },
    { name: "Lot", numberFormat: TEXT, width: 12 },
    { name: "Counted", width: 9 },
    { name: "By", width: 10 },
    { name: "Note", width: 24 },
  ],
  Products: [
    { name: "Product", width: 20 },
    { name: "Unit", width: 7 },
    { name: "Vial Size", width: 10 },
    { name: "Use Within Hours", width: 17 },
    // Text, or Excel would read a typed 90,60,30 as the number 906,030.
    { name: "Alert Days", numberFormat: TEXT, width: 11 },
    { name: "Loss Allowance", numberFormat: "0%", width: 15 },
    { name: "Price per Unit", numberFormat: MONEY, width: 14 },
    // Text, so a barcode's leading zeros survive (00361234567890 is not 361234567890).
    { name: "GTIN", numberFormat: TEXT, width: 16 },
    // For REORDER: days from order to delivery, days of use an order covers, units per pack.
    { name: "Lead Days", width: 10 },
    { name: "Cover Days", width: 11 },
    { name: "Pack Size", width: 10 },
  ],
};

function letterOf(columns: readonly ColumnSpec[], name: string): string {
  return columnLetter(columns.findIndex((c) => c.name === name));
}

function columnRange(columns: readonly ColumnSpec[], name: string): string {
  const c = letterOf(columns, name);
  return `${c}2:${c}${LAST_ROW}`;
}

function validations(table: TableName, columns: readonly ColumnSpec[]): ListValidation[] {
  const out: ListValidation[] = [];
  const has = (name: string) => columns.some((c) => c.name === name);
  // Data validation cannot name a table column; INDIRECT of the structured reference can, and
  // follows the table as it grows. A warning, not a stop, where a new product or lot may come first.
  if (has("Product") && table !== "Products") {
    out.push({ range: columnRange(columns, "Product"), source: { formula: 'INDIRECT("Products[Product]")' }, style: "warning", message: "This product is not in the Products table." });
  }
  if (has("Lot") && table !== "Lots") {
    out.push({ range: columnRange(columns, "Lot"), source: { formula: 'INDIRECT("Lots[Lot]")' }, style: "warning", message: "This lot is not in the Lots table." });
  }
  if (has("Kind")) out.push({ range: columnRange(columns, "Kind"), source: { choices: KINDS }, style: "stop", message: `Kind is one of ${KINDS.join(", ")}.` });
  return out;
}

/**
 * The optional columns of a practice that keeps stock at several locations (the README,
 * "Locations"): where each receipt, draw and count is, and where a transfer goes.
 */
const LOCATION_COLUMNS: Readonly<Partial<Record<TableName, readonly ColumnSpec[]>>> = {
  Lots: [{ name: "Location", width: 12 }],
  Draws: [
    { name: "Location", width: 12 },
    { name: "To", width: 12 },
  ],
  Counts: [{ name: "Location", width: 12 }],
};

function spec(name: TableName, locations: boolean): LedgerSpec {
  const columns = [...COLUMNS[name], ...(locations ? (LOCATION_COLUMNS[name] ?? []) : [])];
  const highlighting =
    name === "Lots"
      ? expiryHighlighting({ product: letterOf(columns, "Product"), lot: letterOf(columns, "Lot"), expires: letterOf(columns, "Expires"), last: columnLetter(columns.length - 1), lastRow: LAST_ROW })
      : [];
  return { name, columns, validations: validations(name, columns), conditionalFormats: highlighting, ...(name === "Lots" ? { names: highlightNames() } : {}) };
}

const ORDER = ["Products", "Lots", "Draws", "Counts"] as const;

/** The four tables Set up creates, in the order it creates them. */
export const LEDGER_SPECS: readonly LedgerSpec[] = ORDER.map((name) => spec(name, false));

/**
 * The four tables with the optional Location columns (and Draws' To) of a practice with several
 * locations, as Set up offers them.
 * @example ledgerSpecs(true)[2].columns.at(-1)?.name // "To"
 */
export function ledgerSpecs(locations: boolean): readonly LedgerSpec[] {
  return locations ? ORDER.map((name) => spec(name, true)) : LEDGER_SPECS;
}

/** One table's spec. @example ledgerSpec("Lots").columns[1].name // "Lot" */
export function ledgerSpec(name: TableName): LedgerSpec {
  return LEDGER_SPECS.find((s) => s.name === name)!;
}
