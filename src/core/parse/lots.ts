import type { Grid } from "../cells";
import { isFirstOfMonth, type Serial } from "../dates";
import { coded } from "../messages";
import { QTY_ONE } from "../quantity";
import { LOTS } from "../schema";
import { locationKey, lotKey, productKey } from "../names";
import { addIssue, type LotRow } from "../rows";
import { eachRow, frame, subtotalRow } from "./frame";
import { NameIndex } from "./nameIndex";
import { get, lotNumberWarning, noteText, readDate, readMoney, readQty, textAt, textDateWarning } from "./readers";
import type { ParsedTable, ParseOptions } from "./types";

/**
 * Parses the Lots table (header row first). A 0 that cannot be meant is blank, as older desktop
 * builds pass empty cells: an Expires or Received of 0, a Total Cost of 0 beside a Unit Cost.
 * @example parseLots([["Product","Lot","Expires","Received","Qty","Unit Cost"],["Botox 100U","C1",46112,46000,100,6.5]])
 */
export function parseLots(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<LotRow> {
  const system = options.dateSystem ?? 1900;
  const f = frame("Lots", grid, LOTS, options.firstRow ?? 1, (cols) =>
    cols.unitCost < 0 && cols.totalCost < 0
      ? { table: "Lots", row: 1, column: LOTS.unitCost.name, ...coded({ code: "no-cost-column" }) }
      : null);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: LotRow[] = [];
  const products = new NameIndex(productKey);
  // Receipts entered twice: the same product, lot, quantity, cost, PO and date. By lot first (a
  // lot has few receipts), then field by field: no key text is made for each receipt.
  const receiptsOf = new Map<string, LotRow[]>();
  eachRow("Lots", f, grid!, cols.lot, {
    read: (r, row, subtotal) => {
      const product = textAt(r, cols.product, row, names.product);
      const lot = textAt(r, cols.lot, row, names.lot);
      lotNumberWarning(row, names.lot, get(r, cols.lot));
      const expires = readDate(get(r, cols.expires), row, names.expires, system, true);
      const received = readDate(get(r, cols.received), row, names.received, system, false);
      const qty = readQty(get(r, cols.qty), row, names.qty, "a quantity");
      const unit = textAt(r, cols.unit, row, names.unit);
      const unitCost = readMoney(get(r, cols.unitCost), row, names.unitCost);
      const totalCell = get(r, cols.totalCost);
      // A lot is not free at a price: a Total Cost of 0 beside a Unit Cost is an empty cell as older
      // desktop builds pass it to a formula given the table, so the Unit Cost prices the lot.
      const totalCost = totalCell === 0 && unitCost ? null : readMoney(totalCell, row, names.totalCost);
      const supplier = noteText(get(r, cols.supplier));
      const po = noteText(get(r, cols.po));
      const location = textAt(r, cols.location, row, names.location);

      if (product === null) addIssue(row, names.product, { code: "blank-product", of: "Lots" });
      if (lot === null) addIssue(row, names.lot, { code: "blank-lot", of: "Lots" });
      if (received === null) addIssue(row, names.received, { code: "blank-received" });
      if (qty === null) addIssue(row, names.qty, { code: "blank-qty", of: "Lots" });
      else if (qty !== undefined && qty <= 0) addIssue(row, names.qty, { code: "qty-not-positive", of: "Lots", qty });
      if (expires) {
        textDateWarning(row, names.expires, expires);
        if (!expires.monthOnly && isFirstOfMonth(expires.serial, system)) {
          addIssue(row, names.expires, { code: "expiry-first-of-month" });
        }
      }
      if (received) {
        textDateWarning(row, names.received, received);
        if (expires && Math.floor(expires.serial) < Math.floor(received.serial)) {
          addIssue(row, names.expires, { code: "expires-before-received" });
        }
      }
      if (unitCost === null && totalCost === null) {
        addIssue(row, cols.totalCost >= 0 ? names.totalCost : names.unitCost, { code: "blank-cost" });
      }
      if ((unitCost ?? 0n) < 0n) addIssue(row, names.unitCost, { code: "negative-cost", which: "unit" });
      if ((totalCost ?? 0n) < 0n) addIssue(row, names.totalCost, { code: "negative-cost", which: "total" });
      if (unitCost != null && totalCost != null && qty != null && qty > 0) {
        const implied = (unitCost * BigInt(qty)) / BigInt(QTY_ONE);
        const diff = implied - totalCost;
        if (diff > 5n * 10n ** 9n || diff < -(5n * 10n ** 9n)) {
          addIssue(row, names.totalCost, { code: "cost-mismatch" });
        }
      }
      if (subtotal) subtotalRow(subtotal, "Lots", cols.headerText, row);
      const receipt: LotRow = {
        row: row.row, issues: row.issues, usable: row.usable,
        product: product ?? null,
        productKey: product ? products.key(product) : null,
        lot: lot ?? null,
        lotKey: lot ? lotKey(lot) : null,
        expires: expires ? (Math.floor(expires.serial) as Serial) : null,
        received: received ? (Math.floor(received.serial) as Serial) : null,
        qty: qty ?? null,
        unit: unit ?? null,
        unitCost: unitCost ?? null,
        totalCost: totalCost ?? null,
        supplier: supplier ?? null,
        po: po ?? null,
        location: location ?? null,
        locationKey: locationKey(location),
      };
      rows.push(receipt);
      if (receipt.productKey && receipt.lotKey && receipt.qty !== null && receipt.received !== null) {
        const same = receiptsOf.get(receipt.lotKey);
        const first = same?.find((e) => sameReceipt(e, receipt));
        if (first) addIssue(receipt, names.lot, { code: "repeated-receipt", firstRow: first.row });
        else if (same) same.push(receipt);
        else receiptsOf.set(receipt.lotKey, [receipt]);
      }
    },
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true, located: cols.location >= 0 };
}

/** Whether two receipts of a lot record the same thing (and so one was entered twice). */
function sameReceipt(a: LotRow, b: LotRow): boolean {
  return a.productKey === b.productKey && a.qty === b.qty && a.unitCost === b.unitCost && a.totalCost === b.totalCost &&
    a.po === b.po && a.received === b.received && a.locationKey === b.locationKey;
}
