import { buildLedger, moneyToNumber, qtyToNumber, serialFromYmd, type Cell, type Ledger, type Qty, type Result, type Serial } from "../../src/core";

/** A calendar date as the Excel serial Excel would hand over. */
export const d = (y: number, m: number, day: number, hour = 0, minute = 0): Serial => (serialFromYmd(y, m, day) + (hour * 60 + minute) / 1440) as Serial;

export const LOTS_HEADER = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"];
export const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];
export const COUNTS_HEADER = ["Date", "Product", "Lot", "Counted"];

export function ledgerOf(tables: { lots: Cell[][]; draws?: Cell[][]; counts?: Cell[][]; products?: Cell[][] }): Ledger {
  return buildLedger({
    lots: [LOTS_HEADER, ...tables.lots],
    draws: tables.draws && [DRAWS_HEADER, ...tables.draws],
    counts: tables.counts && [COUNTS_HEADER, ...tables.counts],
    products: tables.products,
  });
}

/** The value of a successful result; fails the test with the error message otherwise. */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

export const dollars = (r: Result<bigint>): number => moneyToNumber(value(r));
export const units = (r: Result<Qty>): number => qtyToNumber(value(r));
