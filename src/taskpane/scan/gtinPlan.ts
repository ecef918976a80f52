/**
 * Where a new GTIN would go in the Products table, said in full before anything is written: the
 * product's empty GTIN cell, after the GTINs already in it, or a new row.
 */
import { normalizeGtin, productKey } from "../../core";
import type { Books } from "../form/books";
import { columnIndex, type CellValue, type GtinChange } from "../../workbook/port";

export type GtinPlan =
  | { readonly kind: "write"; readonly change: GtinChange; readonly says: string }
  /** Nothing can or need be written; the scan still fills the form. */
  | { readonly kind: "none"; readonly says: string };

const blank = (v: CellValue | undefined) => v === null || v === undefined || v === 0 || (typeof v === "string" && v.trim() === "");

/**
 * The plan for recording `gtin` (14 digits) as `product`'s, from the Products table as read.
 * @example planGtin(books, "Botox 100U", "00361234567890").says // "GTIN 00361234567890 will be added to Products row 2, Botox 100U."
 */
export function planGtin(books: Books, product: string, gtin: string): GtinPlan {
  const table = books.tables.Products;
  if (!table) {
    return { kind: "none", says: "This workbook has no Products table, so Lotbook cannot remember this barcode; Set up creates one. This scan still fills the form." };
  }
  const [header = [], ...rows] = table.values;
  const gtinAt = columnIndex("Products", header, "GTIN");
  if (gtinAt < 0) {
    return { kind: "none", says: "Add a column headed GTIN to the Products table so that Lotbook can remember this barcode. This scan still fills the form." };
  }
  const productAt = columnIndex("Products", header, "Product");
  const key = productKey(product);
  const at = productAt < 0 ? -1 : rows.findIndex((r) => typeof r[productAt] === "string" && productKey(r[productAt] as string) === key);
  if (at < 0) {
    const unit = books.ledger.productByName(product)?.lots.find((l) => l.unit !== null)?.unit ?? null;
    const withUnit = unit !== null && columnIndex("Products", header, "Unit") >= 0;
    return {
      kind: "write",
      change: { kind: "append", entry: { Product: product, GTIN: gtin, ...(withUnit ? { Unit: unit } : {}) } },
      says: `A row will be added to Products: ${product}, GTIN ${gtin}${withUnit ? `, unit ${unit}` : ""}.`,
    };
  }
  const row = at + 2;
  const name = String(rows[at][productAt]).trim();
  const cell = rows[at][gtinAt] ?? null;
  if (blank(cell)) {
    return { kind: "write", change: { kind: "cell", row, product: name, expected: cell, value: gtin }, says: `GTIN ${gtin} will be added to Products row ${row}, ${name}.` };
  }
  const old = String(cell).trim();
  if (old.split(/[,;\r\n]+/).some((t) => normalizeGtin(t.trim()) === gtin)) {
    return {
      kind: "none",
      says: `Products row ${row} already gives GTIN ${gtin} for ${name}, and another row gives it too, so Lotbook cannot tell which product it is. Keep it in one product's row only. This scan still fills the form.`,
    };
  }
  return {
    kind: "write",
    change: { kind: "cell", row, product: name, expected: cell, value: `${old}, ${gtin}` },
    says: `GTIN ${gtin} will be added to Products row ${row}, ${name}, after the GTIN already there (${old}).`,
  };
}
