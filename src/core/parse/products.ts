import { isBlank, showCell, type Cell, type Grid } from "../cells";
import { productKey } from "../names";
import { PRODUCTS } from "../schema";
import { addIssue, type ProductRow, type RowBase } from "../rows";
import { eachRow, frame } from "./frame";
import { errorCell, get, readMoney, readNumber, readQty, textAt } from "./readers";
import type { ParsedTable, ParseOptions } from "./types";

/** Parses the optional Products settings table (header row first). */
export function parseProducts(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<ProductRow> {
  const f = frame("Products", grid, PRODUCTS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: ProductRow[] = [];
  // Products has no Lot column, and so no totals rows.
  eachRow("Products", f, grid!, -1, {
    read: (r, row) => {
      const product = textAt(r, cols.product, row, names.product);
      if (product === null) addIssue(row, names.product, { code: "blank-product", of: "Products" });
      const unit = textAt(r, cols.unit, row, names.unit);
      const vial = readQty(get(r, cols.vialSize), row, names.vialSize, "a number of units per vial");
      if (vial != null && vial <= 0) addIssue(row, names.vialSize, { code: "vial-size-not-positive" });
      const hours = readNumber(get(r, cols.useWithinHours), row, names.useWithinHours, "a number of hours");
      if (hours != null && hours <= 0) addIssue(row, names.useWithinHours, { code: "hours-not-positive" });
      const alertDays = readAlertDays(get(r, cols.alertDays), row, names.alertDays);
      const allowance = readAllowance(get(r, cols.lossAllowance), row, names.lossAllowance);
      const price = readMoney(get(r, cols.pricePerUnit), row, names.pricePerUnit);
      const gtin = textAt(r, cols.gtin, row, names.gtin);
      const leadDays = readDays(get(r, cols.leadDays), row, names.leadDays);
      const coverDays = readDays(get(r, cols.coverDays), row, names.coverDays);
      let pack = readQty(get(r, cols.packSize), row, names.packSize, "a number of units per pack");
      // No pack holds nothing: a 0 is an empty cell as older desktop builds pass it.
      if (pack === 0) pack = null;
      else if (pack != null && pack < 0) addIssue(row, names.packSize, { code: "negative-pack-size", pack });
      rows.push({
        row: row.row, issues: row.issues, usable: row.usable,
        product: product ?? null, productKey: product ? productKey(product) : null,
        unit: unit ?? null, vialSize: vial ?? null, useWithinHours: hours ?? null,
        alertDays: alertDays ?? DEFAULT_ALERT_DAYS, lossAllowancePpm: allowance ?? null,
        pricePerUnit: price ?? null, gtin: gtin ?? null,
        leadDays: leadDays ?? null, coverDays: coverDays ?? null, packSize: pack ?? null,
      });
    },
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true };
}

/** A number of days (Lead Days, Cover Days): 0 or more. */
function readDays(cell: Cell, row: RowBase, col: string): number | null | undefined {
  const days = readNumber(cell, row, col, "a number of days");
  if (days != null && days < 0) {
    addIssue(row, col, { code: "negative-days", header: col, days });
    return undefined;
  }
  return days;
}

/** Alert thresholds when Products gives none: 90, 60 and 30 days before expiry. */
export const DEFAULT_ALERT_DAYS: readonly number[] = [90, 60, 30];

function readAlertDays(cell: Cell, row: RowBase, col: string): readonly number[] | null | undefined {
  if (isBlank(cell)) return null;
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell > 0) return [cell];
  } else if (typeof cell === "string" && !errorCell(cell, row, col)) {
    const parts = cell.split(/[,;\s]+/).filter((p) => p !== "");
    const days = parts.map((p) => Number(p));
    if (days.length > 0 && days.every((d) => Number.isInteger(d) && d > 0)) return [...new Set(days)].sort((a, b) => b - a);
  } else return undefined;
  addIssue(row, col, { code: "not-alert-days", shown: showCell(cell) });
  return undefined;
}

function readAllowance(cell: Cell, row: RowBase, col: string): number | null | undefined {
  if (isBlank(cell)) return null;
  let value: number | null | undefined;
  let percent = false;
  if (typeof cell === "string" && cell.trim().endsWith("%")) {
    percent = true;
    value = readNumber(cell.trim().slice(0, -1), row, col, "a percentage");
  } else value = readNumber(cell, row, col, "a percentage");
  if (value == null) return value;
  if (value < 0 || (value >= 100 && (percent || value >= 1))) {
    addIssue(row, col, { code: "loss-allowance-out-of-range", shown: showCell(cell) });
    return undefined;
  }
  // "5" and "5%" both mean 5 %; a value below 1 is already a fraction (Excel stores 5% as 0.05).
  const fraction = percent || value >= 1 ? value / 100 : value;
  return Math.round(fraction * 1_000_000);
}
