import type { Serial } from "./dates";
import type { DiagnosticCode, Severity } from "./diagnostic";
import type { Money } from "./money";
import type { Qty } from "./quantity";
import type { Lot, Product } from "./ledger";
import type { Amount } from "./_lib/amount";

/** A problem with one cell of a row, before it is placed in the ledger. */
export interface Issue {
  readonly column: string;
  readonly severity: Severity;
  readonly message: string;
  readonly code?: DiagnosticCode;
}

/** What every parsed row carries: its row number in the range (header = 1) and its issues. */
export interface RowBase {
  readonly row: number;
  /** Problems found in this row; `null` when there are none. */
  issues: Issue[] | null;
  /** False once any issue of this row is an error: the row is then left out of the replay. */
  usable: boolean;
}

/** The kinds of draw. Everything but `Visit` is a draw that no patient is charged for. */
export type DrawKind = "Visit" | "Waste" | "Expired" | "Sample" | "Return";

/** A Lots row as the user wrote it (a receipt of a lot: one purchase-order line). */
export interface LotRow extends RowBase {
  readonly product: string | null;
  readonly productKey: string | null;
  readonly lot: string | null;
  readonly lotKey: string | null;
  /** `null`: never expires. */
  readonly expires: Serial | null;
  readonly received: Serial | null;
  readonly qty: Qty | null;
  readonly unit: string | null;
  readonly unitCost: Money | null;
  readonly totalCost: Money | null;
  readonly supplier: string | null;
  readonly po: string | null;
}

/** A Draws row as the user wrote it. */
export interface DrawRow extends RowBase {
  readonly time: Serial | null;
  readonly visit: string | null;
  readonly visitKey: string | null;
  /** Dense index of the visit in the Draws table (−1 without one). */
  readonly visitIndex: number;
  readonly patient: string | null;
  readonly provider: string | null;
  readonly service: string | null;
  product: string | null;
  productKey: string | null;
  readonly lot: string | null;
  readonly lotKey: string | null;
  readonly qty: Qty | null;
  readonly unit: string | null;
  readonly kind: DrawKind;
  /** Exact: a number of 10⁻¹² dollars while a safe integer, else a bigint (see `Amount`). */
  readonly price: Amount | null;
  /** Set once the row is checked against Lots: the lot it names and the product it belongs to. */
  lotRef: Lot | null;
  owner: Product | null;
}

/** A Counts row as the user wrote it. */
export interface CountRow extends RowBase {
  /** Event time: a count without a time of day stands at the end of its day. */
  readonly time: Serial | null;
  readonly timed: boolean;
  product: string | null;
  productKey: string | null;
  readonly lot: string | null;
  readonly lotKey: string | null;
  readonly counted: Qty | null;
  readonly by: string | null;
  readonly note: string | null;
}

/** A Products row: optional settings for one product. */
export interface ProductRow extends RowBase {
  readonly product: string | null;
  readonly productKey: string | null;
  readonly unit: string | null;
  readonly vialSize: Qty | null;
  readonly useWithinHours: number | null;
  /** Alert thresholds in days, largest first. */
  readonly alertDays: readonly number[];
  /** Expected dead-space loss in millionths (5 % = 50 000), or `null`. */
  readonly lossAllowancePpm: number | null;
  readonly pricePerUnit: Money | null;
  readonly gtin: string | null;
  /** Days from ordering to delivery, for REORDER (`null`: the default). */
  readonly leadDays: number | null;
  /** Days of use an order should cover beyond the lead time (`null`: the default). */
  readonly coverDays: number | null;
  /** Units per orderable pack (`null`: the vial size, else one unit). */
  readonly packSize: Qty | null;
}

/** Adds an issue to a row; an error makes the row unusable. */
export function addIssue(row: RowBase, column: string, severity: Severity, message: string, code?: DiagnosticCode): void {
  (row.issues ??= []).push(code ? { column, severity, message, code } : { column, severity, message });
  if (severity === "error") row.usable = false;
}
