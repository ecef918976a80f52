import type { TableName } from "../../core";
import { columnLetter, type FormulaFormat, type ListValidation, type TableSpec } from "../workbook/port";

const DATE = "yyyy-mm-dd";
const MONEY = "$#,##0.00";
const UNIT_MONEY = "$#,##0.00##";
const TEXT = "@";
/** Dropdowns and highlighting reach this far down, as in the starter workbook. */
const LAST_ROW = 10_000;
export const KINDS = ["Visit", "Waste", "Expired", "Sample", "Return"] as const;

type Columns = readonly { readonly name: string; readonly numberFormat?: string }[];

const COLUMNS: Readonly<Record<TableName, Columns>> = {
  Lots: [
    { name: "Product" },
    { name: "Lot", numberFormat: TEXT },
    { name: "Expires", numberFormat: DATE },
    { name: "Received", numberFormat: DATE },
    { name: "Qty" },
    { name: "Unit" },
    { name: "Unit Cost", numberFormat: UNIT_MONEY },
    { name: "Total Cost", numberFormat: MONEY },
    { name: "Supplier" },
    { name: "PO", numberFormat: TEXT },
  ],
  Draws: [
    { name: "Date", numberFormat: DATE },
    { name: "Visit", numberFormat: TEXT },
    { name: "Patient", numberFormat: TEXT },
    { name: "Provider" },
    { name: "Service" },
    { name: "Product" },
    { name: "Lot", numberFormat: TEXT },
    { name: "Qty" },
    { name: "Unit" },
    { name: "Kind" },
    { name: "Price", numberFormat: MONEY },
  ],
  Counts: [
    { name: "Date", numberFormat: DATE },
    { name: "Product" },
    { name: "Lot", numberFormat: TEXT },
    { name: "Counted" },
    { name: "By" },
    { name: "Note" },
  ],
  Products: [
    { name: "Product" },
    { name: "Unit" },
    { name: "Vial Size" },
    { name: "Use Within Hours" },
    // Text, or Excel would read a typed 90,60,30 as the number 906,030.
    { name: "Alert Days", numberFormat: TEXT },
    { name: "Loss Allowance", numberFormat: "0%" },
    { name: "Price per Unit", numberFormat: MONEY },
  ],
};

function letterOf(columns: Columns, name: string): string {
  return columnLetter(columns.findIndex((c) => c.name === name));
}

function columnRange(columns: Columns, name: string): string {
  const c = letterOf(columns, name);
  return `${c}2:${c}${LAST_ROW}`;
}

function validations(table: TableName, columns: Columns): ListValidation[] {
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
 * Expiry highlighting that works without the add-in (formulas on TODAY()): a lot whose receipts
 * are all drawn is greyed (counts not considered); otherwise its expiry is red once past, then
 * orange within 30 days, yellow within 60, pale yellow within 90. The first rule that holds wins.
 */
function expiryHighlighting(columns: Columns): FormulaFormat[] {
  const lot = `$${letterOf(columns, "Lot")}2`;
  const exp = `$${letterOf(columns, "Expires")}2`;
  const expires = columnRange(columns, "Expires");
  const bands: [string, string][] = [
    [`${exp}<TODAY()`, "#F8696B"],
    [`${exp}-TODAY()<=30`, "#FFB26B"],
    [`${exp}-TODAY()<=60`, "#FFEB84"],
    [`${exp}-TODAY()<=90`, "#FFF7C8"],
  ];
  return [
    {
      range: `A2:${columnLetter(columns.length - 1)}${LAST_ROW}`,
      formula: `AND(${lot}<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),${lot})-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),${lot})<=0)`,
      fill: "#E7E6E6",
      fontColor: "#808080",
    },
    ...bands.map(([condition, fill]) => ({ range: expires, formula: `AND(ISNUMBER(${exp}),${condition})`, fill })),
  ];
}

/** The four tables Set up creates, in the order it creates them. */
export const LEDGER_SPECS: readonly TableSpec[] = (["Products", "Lots", "Draws", "Counts"] as const).map((name) => ({
  name,
  columns: COLUMNS[name],
  validations: validations(name, COLUMNS[name]),
  conditionalFormats: name === "Lots" ? expiryHighlighting(COLUMNS[name]) : [],
}));
