import type { Serial } from "./dates";
import type { DiagnosticKind, Severity } from "./diagnostic";
import { severityOf } from "./messages";
import type { Money } from "./money";
import type { Qty } from "./quantity";
import type { Amount } from "./_lib/amount";

/**
 * A problem with one cell of a row, before it is placed in the ledger: its kind, on a column, and
 * how grave it is. Its sentence is made when it is shown, as a diagnostic (see `rowIssues`): a
 * practice's rows carry tens of thousands of warnings that no one may ask to read.
 */
export interface Issue {
  readonly column: string;
  readonly severity: Severity;
  readonly kind: DiagnosticKind;
}

/** What every parsed row carries: its row number in the range (header = 1) and its issues. */
export interface RowBase {
  readonly row: number;
  /** Problems found in this row; `null` when there are none. */
  issues: Issue[] | null;
  /** False once any issue of this row is an error: the row is then left out of the replay. */
  usable: boolean;
}

/**
 * The kinds of draw. Everything but `Visit` is a draw that no patient is charged for; a
 * `Transfer` moves units between locations and leaves the books at no cost.
 */
export type DrawKind = "Visit" | "Waste" | "Expired" | "Sample" | "Return" | "Transfer";

/**
 * Every kind of draw, as written in a Kind cell: the one list the pane's forms and the Kind
 * dropdown of Set up take theirs from.
 * @example DRAW_KINDS.includes("Transfer") // true
 */
export const DRAW_KINDS: readonly DrawKind[] = ["Visit", "Waste", "Expired", "Sample", "Return", "Transfer"];

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
  /** Where the receipt arrived, as written (`null`: the unnamed location) and its key (`""` for it). */
  readonly location: string | null;
  readonly locationKey: string;
}

/**
 * A Draws row as the user wrote it. What it refers to (its lot, the product it belongs to) is the
 * resolve stage's, kept beside the rows (see `Refs` in resolve/refs.ts): a parsed row is never rewritten.
 */
export interface DrawRow extends RowBase {
  readonly time: Serial | null;
  readonly visit: string | null;
  readonly visitKey: string | null;
  /** Dense index of the visit in the Draws table (−1 without one). */
  readonly visitIndex: number;
  readonly patient: string | null;
  readonly provider: string | null;
  readonly service: string | null;
  /** The product as written (`null` when blank: the lot then says which). */
  readonly product: string | null;
  readonly productKey: string | null;
  readonly lot: string | null;
  readonly lotKey: string | null;
  readonly qty: Qty | null;
  readonly unit: string | null;
  readonly kind: DrawKind;
  /** Exact: a number of 10⁻¹² dollars while a safe integer, else a bigint (see `Amount`). */
  readonly price: Amount | null;
  /** Where the units are taken from (`null`: the unnamed location), and its key (`""` for it). */
  readonly location: string | null;
  readonly locationKey: string;
  /** A Transfer's destination, and its key (`null` when blank). */
  readonly to: string | null;
  readonly toKey: string | null;
}

/** A Counts row as the user wrote it (the product its lot belongs to is resolved beside it). */
export interface CountRow extends RowBase {
  /** Event time: a count without a time of day stands at the end of its day. */
  readonly time: Serial | null;
  readonly timed: boolean;
  /** The product as written (`null` when blank: the lot then says which). */
  readonly product: string | null;
  readonly productKey: string | null;
  readonly lot: string | null;
  readonly lotKey: string | null;
  readonly counted: Qty | null;
  readonly by: string | null;
  readonly note: string | null;
  /** Where the lot was counted (`null`: the unnamed location), and its key (`""` for it). */
  readonly location: string | null;
  readonly locationKey: string;
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

/**
 * Adds an issue to a row, its severity from the catalogue; an error makes the row unusable.
 * @example addIssue(row, "Received", { code: "blank-received" })
 */
export function addIssue(row: RowBase, column: string, kind: DiagnosticKind): void {
  const issue: Issue = { column, severity: severityOf(kind.code), kind };
  (row.issues ??= []).push(issue);
  if (issue.severity === "error") row.usable = false;
}

/**
 * The position of the first of `rows` numbered `row` or later, `rows.length` when none is: parsed
 * rows keep the order of their numbers.
 * @example rowPosition(ledger.draws.rows, 250_002)
 */
export function rowPosition(rows: readonly RowBase[], row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
