import {
  buildLedger,
  check,
  fefoLot,
  lotCost,
  lotRemaining,
  moneyToNumber,
  qtyToNumber,
  serialFromYmd,
  stockValue,
  visitCogs,
  type Cell,
  type Diagnostic,
  type DiagnosticCode,
  type Grid,
  type Ledger,
  type Result,
  type Severity,
  type TableName,
} from "../../src/core";

// A corpus of malformed ledgers. Each case is a small ledger as Excel hands it to a custom function
// (header row first, dates as serials, blanks as null / "" / 0, errors as "#N/A" or { code }), the
// one diagnostic it must produce (table, row, column, code, severity, what the sentence says), the results
// that do not depend on the bad row (still computed, from hand calculation) and the results that do
// (blocked with #VALUE! and a message naming the table, row and column).

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
/** Queries look at the end of 2026: after every draw and count below. */
const AS_OF = d(2026, 12, 31);

// The clean ledger every case starts from.
//   Botox 100U  C3709C3: 100 U at $6.50, V1 draws 40 U → $260.00, 60 U left (58 after the count)
//   Dysport 300U D5512:  300 U at $2.20, V2 draws 60 U → $132.00, 240 U left
//   Juvederm Ultra JU1234: 10 mL at $300, V3 draws 1 mL → $300.00, 9 mL left
const LOTS_HEAD = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"];
const BOTOX: Cell[] = ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 100, "U", 6.5];
const DYSPORT: Cell[] = ["Dysport 300U", "D5512", d(2027, 3, 31), d(2026, 9, 1), 300, "U", 2.2];
const FILLER: Cell[] = ["Juvederm Ultra", "JU1234", d(2027, 12, 31), d(2026, 9, 1), 10, "mL", 300];
const LOTS: Grid = [LOTS_HEAD, BOTOX, DYSPORT, FILLER];

const DRAWS_HEAD = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Unit", "Kind"];
const V1: Cell[] = [d(2026, 9, 2), "V1", "P-001", "Botox 100U", "C3709C3", 40, "U", "Visit"];
const V2: Cell[] = [d(2026, 9, 3), "V2", "P-002", "Dysport 300U", "D5512", 60, "U", "Visit"];
const V3: Cell[] = [d(2026, 9, 4), "V3", "P-003", "Juvederm Ultra", "JU1234", 1, "mL", "Visit"];
const DRAWS: Grid = [DRAWS_HEAD, V1, V2, V3];
/** A fourth Botox visit on 9/5, 10 U from C3709C3; cases spoil one of its cells. */
const v4 = (...over: [number, Cell][]): Cell[] => {
  const row: Cell[] = [d(2026, 9, 5), "V4", "P-004", "Botox 100U", "C3709C3", 10, "U", "Visit"];
  for (const [at, value] of over) row[at] = value;
  return row;
};
const [DATE, VISIT, PATIENT, PRODUCT, LOT, QTY, UNIT, KIND] = [0, 1, 2, 3, 4, 5, 6, 7];

const COUNTS_HEAD = ["Date", "Product", "Lot", "Counted"];
const COUNT_BOTOX: Cell[] = [d(2026, 9, 10), "Botox 100U", "C3709C3", 58];

const BLANK_ROWS: Cell[][] = [
  [null, null, null, null, null, null, null],
  ["", "", "", "", "", "", ""],
  [0, 0, 0, 0, 0, 0, 0],
  ["  ", null, "", 0, null, "", null],
];

type Query = "visitCogs" | "fefoLot" | "lotRemaining" | "lotCost" | "stockValue";
/** A result that does not depend on the bad row, and its value worked out by hand. */
type Still = readonly [Query, string, number | string];
/** A result that depends on the bad row, and where its message must point: "Lots row 14, Expires". */
type Blocked = readonly [Query, string, string];

interface Expected {
  readonly table: TableName;
  readonly row: number;
  readonly column: string;
  /** The kind of problem, which programs switch on; its sentence is pinned in messages.test.ts. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What the sentence must say, including the offending value where there is one. */
  readonly says: RegExp;
}

interface Case {
  readonly name: string;
  readonly lots?: Grid;
  /** Defaults to the clean Draws table; `null` leaves Draws out. */
  readonly draws?: Grid | null;
  readonly counts?: Grid;
  readonly products?: Grid;
  /** Every diagnostic CHECK lists, in its order; `[]` means the input is accepted silently. */
  readonly expect: readonly Expected[];
  readonly still?: readonly Still[];
  readonly blocked?: readonly Blocked[];
}

const error = (table: TableName, row: number, column: string, code: DiagnosticCode, says: RegExp): Expected => ({ table, row, column, code, severity: "error", says });
const warning = (table: TableName, row: number, column: string, code: DiagnosticCode, says: RegExp): Expected => ({ table, row, column, code, severity: "warning", says });

const CASES: readonly Case[] = [
  // ---------------------------------------------------------------- tables as a whole
  {
    name: "a Lots table without a Qty column",
    lots: [
      ["Product", "Lot", "Expires", "Received", "Unit", "Unit Cost"],
      ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), "U", 6.5],
      ["Dysport 300U", "D5512", d(2027, 3, 31), d(2026, 9, 1), "U", 2.2],
    ],
    draws: [DRAWS_HEAD, V1],
    expect: [error("Lots", 1, "Qty", "missing-column", /no Qty column.*add a column headed Qty/)],
    blocked: [["fefoLot", "Botox 100U", "Lots row 1, Qty"], ["visitCogs", "V1", "Lots row 1, Qty"]],
  },
  {
    name: "a Lots table with neither a Unit Cost nor a Total Cost column",
    lots: [
      ["Product", "Lot", "Expires", "Received", "Qty", "Unit"],
      ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 100, "U"],
      ["Dysport 300U", "D5512", d(2027, 3, 31), d(2026, 9, 1), 300, "U"],
    ],
    draws: [DRAWS_HEAD, V1],
    expect: [error("Lots", 1, "Unit Cost", "no-cost-column", /no cost column.*Unit Cost or Total Cost/)],
    blocked: [["fefoLot", "Botox 100U", "Lots row 1, Unit Cost"], ["visitCogs", "V1", "Lots row 1, Unit Cost"]],
  },
  {
    name: "a Lots range passed without its header row",
    lots: [BOTOX, DYSPORT, FILLER],
    draws: null,
    expect: [error("Lots", 1, "", "no-header-row", /not the Lots table's header row.*Lots\[#All\]/)],
    blocked: [["fefoLot", "Botox 100U", "Lots row 1"], ["lotRemaining", "C3709C3", "Lots row 1"]],
  },
  {
    name: "a Lots range passed without its header row, next to a good Draws table",
    lots: [BOTOX, DYSPORT, FILLER],
    draws: DRAWS,
    // The draws are fine: they cannot be checked against an unreadable Lots table, and are not each
    // reported as drawing from an unknown lot.
    expect: [error("Lots", 1, "", "no-header-row", /not the Lots table's header row.*Lots\[#All\]/)],
    blocked: [["visitCogs", "V1", "Lots row 1"]],
  },
  {
    name: "a Draws table without a Date column",
    draws: [
      ["Visit", "Patient", "Product", "Lot", "Qty", "Unit", "Kind"],
      ["V1", "P-001", "Botox 100U", "C3709C3", 40, "U", "Visit"],
      ["V2", "P-002", "Dysport 300U", "D5512", 60, "U", "Visit"],
    ],
    expect: [error("Draws", 1, "Date", "missing-column", /no Date column.*add a column headed Date/)],
    // LOT_COST reads the Lots table only.
    still: [["lotCost", "C3709C3", 6.5], ["lotCost", "D5512", 2.2]],
    blocked: [["visitCogs", "V1", "Draws row 1, Date"], ["fefoLot", "Botox 100U", "Draws row 1, Date"]],
  },
  {
    name: "a Draws range passed without its header row",
    draws: [V1, V2, V3],
    expect: [error("Draws", 1, "", "no-header-row", /not the Draws table's header row.*Draws\[#All\]/)],
    still: [["lotCost", "C3709C3", 6.5]],
    blocked: [["visitCogs", "V2", "Draws row 1"], ["fefoLot", "Botox 100U", "Draws row 1"]],
  },
  {
    name: "a Counts table without a Counted column",
    counts: [["Date", "Product", "Lot"], [d(2026, 9, 10), "Botox 100U", "C3709C3"]],
    expect: [error("Counts", 1, "Counted", "missing-column", /no Counted column.*add a column headed Counted/)],
    still: [["lotCost", "C3709C3", 6.5]],
    blocked: [["fefoLot", "Botox 100U", "Counts row 1, Counted"], ["visitCogs", "V1", "Counts row 1, Counted"]],
  },
  {
    name: "a Products table without a Product column",
    products: [["Unit", "Vial Size"], ["U", 100]],
    expect: [error("Products", 1, "Product", "missing-column", /no Product column.*add a column headed Product/)],
    // Visit COGS does not read Products.
    still: [["visitCogs", "V1", 260], ["visitCogs", "V2", 132]],
    blocked: [["fefoLot", "Botox 100U", "Products row 1, Product"]],
  },

  // ---------------------------------------------------------------- headers as people write them
  {
    name: "Lots headers spelled Exp. Date, Qty Rec'd and Cost/Unit",
    lots: [["Product", "Lot", "Exp. Date", "Received", "Qty Rec'd", "Unit", "Cost/Unit"], BOTOX, DYSPORT, FILLER],
    expect: [],
    still: [["visitCogs", "V1", 260], ["lotCost", "D5512", 2.2], ["lotRemaining", "C3709C3", 60]],
  },
  {
    name: "a Lots cost headed $/unit beside a Unit column, and a quantity headed Qty Received",
    lots: [["Product", "Lot", "Expires", "Received", "Qty Received", "Unit", "$/unit"], BOTOX, DYSPORT, FILLER],
    // "$/unit" is the cost, not a second Unit column: nothing is missing and nothing is doubled.
    expect: [],
    still: [["lotCost", "C3709C3", 6.5], ["visitCogs", "V2", 132]],
  },
  {
    name: "a Lots cost headed Unit Price",
    lots: [["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Price"], BOTOX, DYSPORT, FILLER],
    expect: [],
    still: [["lotCost", "JU1234", 300], ["visitCogs", "V3", 300]],
  },
  {
    name: "a header row with a year typed over an extra column",
    lots: [[...LOTS_HEAD, 2025], [...BOTOX, "shelf A"], [...DYSPORT, "shelf B"], [...FILLER, null]],
    // Every required header is there, so it is the header row; the odd cell is named, not guessed at.
    expect: [warning("Lots", 1, "2025", "header-not-a-name", /^the header row holds 2025 in its 8th column, which is not a column name; Lotbook ignores that column/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240], ["fefoLot", "Botox 100U", "C3709C3"]],
  },

  // ---------------------------------------------------------------- Lots rows
  {
    name: "the same receipt entered twice",
    lots: [...LOTS, BOTOX],
    // Both are counted (it may be a real second delivery), and the later row names the first:
    // 100 + 100 − 40 = 160 U left.
    expect: [warning("Lots", 5, "Lot", "repeated-receipt", /^this receipt repeats row 2 \(same product, lot, quantity, cost, PO and date received\)/)],
    still: [["lotRemaining", "C3709C3", 160], ["visitCogs", "V1", 260]],
  },
  {
    name: "a totals row in the middle of Lots",
    lots: [LOTS_HEAD, BOTOX, ["Total", null, null, null, 100, null, null], DYSPORT, FILLER],
    expect: [warning("Lots", 3, "Product", "totals-row", /^row 3 is a totals row \('Total'\); Lotbook skips it/)],
    still: [["lotRemaining", "D5512", 240], ["lotRemaining", "C3709C3", 60], ["visitCogs", "V2", 132]],
  },
  {
    name: "a subtotal row in Lots",
    lots: [...LOTS, ["Subtotal", null, null, null, 410, null, null]],
    // One error, not one per blank cell, and the "product" it names is blocked, not worth $0.00.
    expect: [error("Lots", 5, "Product", "subtotal-row", /^'Subtotal' makes this a subtotal row, which Lotbook cannot read as a receipt/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "C3709C3", 60], ["stockValue", "Dysport 300U", 240 * 2.2]],
    blocked: [["fefoLot", "Subtotal", "Lots row 5, Product"]],
  },
  {
    name: "a receipt with a blank product",
    lots: [...LOTS, [null, "C4000C4", d(2027, 8, 31), d(2026, 9, 1), 100, "U", 6.5]],
    expect: [error("Lots", 5, "Product", "blank-product", /product is blank/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Botox 100U", "C3709C3"], ["lotRemaining", "D5512", 240]],
    // The lot is in the Lots table; a formula about it must point at the row, not call it unknown.
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Product"]],
  },
  {
    name: "a receipt with a blank lot number",
    lots: [...LOTS, ["Botox 100U", "", d(2027, 8, 31), d(2026, 9, 1), 100, "U", 6.5]],
    expect: [error("Lots", 5, "Lot", "blank-lot", /lot number is blank/)],
    still: [["visitCogs", "V1", 260], ["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["fefoLot", "Botox 100U", "Lots row 5, Lot"]],
  },
  {
    name: "a receipt with a blank quantity, under the header Qty Received",
    lots: [
      ["Product", "Lot #", "Expiry", "Date Received", "Qty Received", "Unit", "Unit Cost"],
      BOTOX, DYSPORT, FILLER,
      ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), null, "U", 6.5],
    ],
    expect: [error("Lots", 5, "Qty Received", "blank-qty", /quantity received is blank/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "C3709C3", 60], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Qty Received"], ["fefoLot", "Botox 100U", "Lots row 5, Qty Received"]],
  },
  {
    name: "a receipt whose quantity is a word",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), "forty", "U", 6.5]],
    expect: [error("Lots", 5, "Qty", "not-a-number", /'forty' is not a quantity/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Qty"]],
  },
  {
    name: "a receipt with a negative quantity",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), -100, "U", 6.5]],
    expect: [error("Lots", 5, "Qty", "qty-not-positive", /more than 0 \(it is -100\)/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Qty"]],
  },
  {
    name: "a receipt with a quantity of zero",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), 0, "U", 6.5]],
    expect: [error("Lots", 5, "Qty", "qty-not-positive", /more than 0 \(it is 0\)/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Qty"]],
  },
  {
    name: "an expiry of 'soon' on row 14, below fully blank rows",
    lots: [...LOTS, ...BLANK_ROWS, ...BLANK_ROWS, [null, "", 0, null, "", 0, null],
      ["Botox 100U", "C4000C4", "soon", d(2026, 9, 1), 100, "U", 6.5]],
    expect: [error("Lots", 14, "Expires", "not-a-date", /'soon' is not a date/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Dysport 300U", "D5512"], ["lotRemaining", "JU1234", 9]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 14, Expires"], ["fefoLot", "Botox 100U", "Lots row 14, Expires"]],
  },
  {
    name: "a lot whose only receipt is unusable, with a visit drawing from it",
    lots: [LOTS_HEAD, ["Botox 100U", "C3709C3", "soon", d(2026, 9, 1), 100, "U", 6.5], DYSPORT, FILLER],
    // V1's row is fine: it waits for the receipt to be fixed rather than being blamed itself.
    expect: [error("Lots", 2, "Expires", "not-a-date", /'soon' is not a date/)],
    still: [["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["visitCogs", "V1", "Lots row 2, Expires"], ["lotRemaining", "C3709C3", "Lots row 2, Expires"]],
  },
  {
    name: "a month-only date received",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), "2026-09", 100, "U", 6.5]],
    expect: [error("Lots", 5, "Received", "month-only-date", /'2026-09' names a month, not a day/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Received"]],
  },
  {
    name: "a month-only expiry, which means the last day of that month",
    // 2027-06 is June 30th, so the lot expiring June 15th goes first.
    lots: [LOTS_HEAD, ["Botox 100U", "C3709C3", "2027-06", d(2026, 9, 1), 100, "U", 6.5],
      ["Botox 100U", "C2222B2", d(2027, 6, 15), d(2026, 9, 1), 100, "U", 7], DYSPORT],
    draws: [DRAWS_HEAD, V1, V2],
    expect: [warning("Lots", 2, "Expires", "date-as-text", /stored as text/)],
    still: [["fefoLot", "Botox 100U", "C2222B2"], ["visitCogs", "V1", 260], ["lotRemaining", "C3709C3", 60]],
  },
  {
    name: "a lot that expires before it was received",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2026, 8, 31), d(2026, 9, 1), 100, "U", 6.5]],
    expect: [error("Lots", 5, "Expires", "expires-before-received", /expires before the date it was received/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Expires"]],
  },
  {
    name: "a receipt with no cost",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), 100, "U", null]],
    expect: [error("Lots", 5, "Unit Cost", "blank-cost", /cost is blank/)],
    still: [["lotCost", "C3709C3", 6.5], ["visitCogs", "V2", 132]],
    blocked: [["lotCost", "C4000C4", "Lots row 5, Unit Cost"], ["lotRemaining", "C4000C4", "Lots row 5, Unit Cost"]],
  },
  {
    name: "a unit cost showing the Excel error #N/A",
    lots: [...LOTS, ["Botox 100U", "C4000C4", d(2027, 8, 31), d(2026, 9, 1), 100, "U", "#N/A"]],
    expect: [error("Lots", 5, "Unit Cost", "cell-error", /error #N\/A/)],
    still: [["lotCost", "C3709C3", 6.5], ["visitCogs", "V1", 260]],
    blocked: [["lotCost", "C4000C4", "Lots row 5, Unit Cost"]],
  },
  {
    name: "an expiry holding the error object #REF! from a custom function",
    lots: [...LOTS, ["Botox 100U", "C4000C4", { code: "#REF!" }, d(2026, 9, 1), 100, "U", 6.5]],
    expect: [error("Lots", 5, "Expires", "cell-error", /error #REF!/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C4000C4", "Lots row 5, Expires"]],
  },
  {
    name: "a second receipt of a lot with a different expiry",
    lots: [...LOTS, ["Botox 100U", "C3709C3", d(2027, 7, 31), d(2026, 9, 15), 100, "U", 7]],
    expect: [error("Lots", 5, "Expires", "lot-expiry-differs", /C3709C3 expires 7\/31\/2027 here but 6\/30\/2027 in row 2/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [
      ["lotRemaining", "C3709C3", "Lots row 5, Expires"],
      ["visitCogs", "V1", "Lots row 5, Expires"],
      ["fefoLot", "Botox 100U", "Lots row 5, Expires"],
    ],
  },
  {
    name: "one lot number listed under two products",
    lots: [...LOTS, ["Dysport 300U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 300, "U", 2.2]],
    expect: [
      error("Lots", 2, "Lot", "lot-of-two-products", /C3709C3 is also listed under Dysport 300U \(row 5\)/),
      error("Lots", 5, "Lot", "lot-of-two-products", /C3709C3 is also listed under Botox 100U \(row 2\)/),
    ],
    still: [["visitCogs", "V3", 300], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["fefoLot", "Botox 100U", "Lots row 2, Lot"], ["fefoLot", "Dysport 300U", "Lots row 5, Lot"]],
  },
  {
    name: "one lot number listed under two products, the second having no other lot",
    lots: [...LOTS, ["Xeomin 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 100, "U", 5]],
    expect: [
      error("Lots", 2, "Lot", "lot-of-two-products", /C3709C3 is also listed under Xeomin 100U \(row 5\)/),
      error("Lots", 5, "Lot", "lot-of-two-products", /C3709C3 is also listed under Botox 100U \(row 2\)/),
    ],
    still: [["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["fefoLot", "Botox 100U", "Lots row 2, Lot"], ["fefoLot", "Xeomin 100U", "Lots row 5, Lot"]],
  },
  {
    name: "a date received stored as text",
    lots: [LOTS_HEAD, BOTOX, ["Dysport 300U", "D5512", d(2027, 3, 31), "2026-09-01", 300, "U", 2.2], FILLER],
    expect: [warning("Lots", 3, "Received", "date-as-text", /stored as text/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240], ["fefoLot", "Dysport 300U", "D5512"]],
  },
  {
    name: "a lot number stored as a number",
    lots: [LOTS_HEAD, BOTOX, ["Dysport 300U", 5512, d(2027, 3, 31), d(2026, 9, 1), 300, "U", 2.2], FILLER],
    draws: [DRAWS_HEAD, V1, [d(2026, 9, 3), "V2", "P-002", "Dysport 300U", "5512", 60, "U", "Visit"], V3],
    expect: [warning("Lots", 3, "Lot", "lot-number-as-number", /lot number 5512 is stored as a number/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "5512", 240], ["fefoLot", "Dysport 300U", "5512"]],
  },
  {
    name: "an expiry on the 1st of a month",
    lots: [LOTS_HEAD, ["Botox 100U", "C3709C3", d(2027, 6, 1), d(2026, 9, 1), 100, "U", 6.5], DYSPORT, FILLER],
    expect: [warning("Lots", 2, "Expires", "expiry-first-of-month", /1st of a month/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Botox 100U", "C3709C3"], ["lotRemaining", "C3709C3", 60]],
  },
  {
    name: "a totals row at the bottom of Lots",
    lots: [...LOTS, ["Total", null, null, null, 410, null, null]],
    // Skipped, and said so: a row is never left out without a word.
    expect: [warning("Lots", 5, "Product", "totals-row", /^row 5 is a totals row \('Total'\); Lotbook skips it/)],
    still: [["lotRemaining", "C3709C3", 60], ["stockValue", "*", 60 * 6.5 + 240 * 2.2 + 9 * 300]],
  },
  {
    name: "numbers stored as text with spaces, dollar signs and thousands separators",
    lots: [
      ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost"],
      ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), " 100 ", "U", "$6.50", null],
      ["Dysport 300U", "D5512", d(2027, 3, 31), d(2026, 9, 1), "1,200", "U", null, "$2,640.00"],
      ["Juvederm Ultra", "JU1234", d(2027, 12, 31), d(2026, 9, 1), "10", "mL", " 300 ", "$3,000"],
    ],
    draws: [
      DRAWS_HEAD,
      [d(2026, 9, 2), "V1", "P-001", "Botox 100U", "C3709C3", "40", "U", "Visit"],
      [d(2026, 9, 3), "V2", "P-002", "Dysport 300U", "D5512", " 60 ", "U", "Visit"],
    ],
    expect: [],
    // $2,640.00 / 1,200 U = $2.20 per U; 60 U × $2.20 = $132.00; 1,140 U left × $2.20 = $2,508.00
    still: [
      ["visitCogs", "V1", 260], ["visitCogs", "V2", 132], ["lotCost", "D5512", 2.2],
      ["lotRemaining", "D5512", 1140], ["stockValue", "Dysport 300U", 2508], ["lotCost", "JU1234", 300],
    ],
  },
  {
    name: "empty text cells reported as 0 by an older Excel build",
    lots: [LOTS_HEAD, ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 100, 0, 6.5], DYSPORT],
    draws: [DRAWS_HEAD, [d(2026, 9, 2), "V1", "P-001", "Botox 100U", "C3709C3", 40, 0, 0], V2],
    expect: [],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "C3709C3", 60]],
  },

  // ---------------------------------------------------------------- Draws rows
  {
    name: "the same draw entered twice",
    draws: [...DRAWS, V1],
    // Both are booked (80 U × $6.50 = $520.00, 20 U left); the repeat is named so it can be deleted.
    expect: [warning("Draws", 5, "Lot", "repeated-draw", /^this draw repeats row 2 \(same date, visit, lot, quantity and kind\)/)],
    still: [["visitCogs", "V1", 520], ["lotRemaining", "C3709C3", 20], ["visitCogs", "V2", 132]],
  },
  {
    name: "the same waste entered twice, and another waste a few seconds later",
    draws: [
      ...DRAWS,
      [d(2026, 9, 5) + 0.5, null, null, "Botox 100U", "C3709C3", 2, "U", "Waste"],
      [d(2026, 9, 5) + 0.5, null, null, "Botox 100U", "C3709C3", 2, "U", "Waste"],
      // Ten seconds later, in the same minute: a second waste, not the first one again.
      [d(2026, 9, 5) + 0.5 + 10 / 86400, null, null, "Botox 100U", "C3709C3", 2, "U", "Waste"],
    ],
    // All three are booked: 100 − 40 − 3 × 2 = 54 U left. Only row 6 repeats another (row 5).
    expect: [warning("Draws", 6, "Lot", "repeated-draw", /^this draw repeats row 5/)],
    still: [["visitCogs", "V1", 260], ["lotRemaining", "C3709C3", 54]],
  },
  {
    name: "one visit id used for two patients",
    draws: [...DRAWS, [d(2026, 9, 2), "V1", "P-009", "Dysport 300U", "D5512", 10, "U", "Visit"]],
    // The costs merge as the workbook says (40 × $6.50 + 10 × $2.20 = $282.00), and the warning says so.
    expect: [warning("Draws", 5, "Visit", "visit-other-patient", /^visit V1 is also used in row 2 for patient P-001, here for P-009/)],
    still: [["visitCogs", "V1", 282], ["visitCogs", "V2", 132]],
  },
  {
    name: "one visit id used on two different days",
    draws: [...DRAWS, [d(2026, 9, 6), "V2", "P-002", "Dysport 300U", "D5512", 10, "U", "Visit"]],
    // 60 + 10 U × $2.20 = $154.00
    expect: [warning("Draws", 5, "Visit", "visit-other-day", /^visit V2 is also used in row 3 on another day/)],
    still: [["visitCogs", "V2", 154], ["visitCogs", "V1", 260]],
  },
  {
    name: "a Kind that is a word every JavaScript object answers to",
    draws: [...DRAWS, [d(2026, 9, 5), null, null, "Botox 100U", "C3709C3", 5, "U", "constructor"]],
    expect: [error("Draws", 5, "Kind", "unknown-kind", /^'constructor' is not a kind of draw/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
    blocked: [["fefoLot", "Botox 100U", "Draws row 5, Kind"]],
  },
  {
    name: "a draw of an unknown kind and no visit",
    draws: [...DRAWS, [d(2026, 9, 5), null, null, "Botox 100U", "C3709C3", 5, "U", "Wastage"]],
    // One mistake, one message: it is not also taken for a Visit draw without its visit.
    expect: [error("Draws", 5, "Kind", "unknown-kind", /^'Wastage' is not a kind of draw; use Visit, Waste, Expired, Sample or Return/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
    blocked: [["fefoLot", "Botox 100U", "Draws row 5, Kind"]],
  },
  {
    name: "a draw with a blank quantity, under the header Units",
    draws: [["Visit Date", "Visit", "Patient", "Product", "Lot #", "Units", "Unit", "Kind"], V1, V2, V3, v4([QTY, null])],
    expect: [error("Draws", 5, "Units", "blank-qty", /quantity drawn is blank/)],
    still: [["visitCogs", "V2", 132], ["visitCogs", "V3", 300], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Units"], ["lotRemaining", "C3709C3", "Draws row 5, Units"]],
  },
  {
    name: "a draw whose quantity is a word",
    draws: [...DRAWS, v4([QTY, "two"])],
    expect: [error("Draws", 5, "Qty", "not-a-number", /'two' is not a quantity/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
    blocked: [["visitCogs", "V4", "Draws row 5, Qty"]],
  },
  {
    name: "a draw with a negative quantity",
    draws: [...DRAWS, v4([QTY, -5])],
    expect: [error("Draws", 5, "Qty", "qty-not-positive", /more than 0 \(it is -5\)/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
    blocked: [["visitCogs", "V4", "Draws row 5, Qty"], ["lotRemaining", "C3709C3", "Draws row 5, Qty"]],
  },
  {
    name: "a draw of zero units",
    draws: [...DRAWS, v4([QTY, 0])],
    expect: [error("Draws", 5, "Qty", "qty-not-positive", /more than 0 \(it is 0\)/)],
    still: [["visitCogs", "V3", 300], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Qty"]],
  },
  {
    name: "a draw quantity holding the error object #N/A",
    draws: [...DRAWS, v4([QTY, { code: "#N/A" }])],
    expect: [error("Draws", 5, "Qty", "cell-error", /error #N\/A/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "JU1234", 9]],
    blocked: [["visitCogs", "V4", "Draws row 5, Qty"]],
  },
  {
    name: "a draw dated 'soon'",
    draws: [...DRAWS, v4([DATE, "soon"])],
    expect: [error("Draws", 5, "Date", "not-a-date", /'soon' is not a date/)],
    still: [["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Date"], ["lotRemaining", "C3709C3", "Draws row 5, Date"]],
  },
  {
    name: "a draw date stored as text",
    draws: [DRAWS_HEAD, V1, [" 9/3/2026 ", "V2", "P-002", "Dysport 300U", "D5512", 60, "U", "Visit"], V3],
    expect: [warning("Draws", 3, "Date", "date-as-text", /stored as text/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
  },
  {
    name: "a draw with neither product nor lot",
    draws: [...DRAWS, v4([PRODUCT, null], [LOT, ""])],
    expect: [error("Draws", 5, "Product", "blank-product-and-lot", /both the product and the lot are blank/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Botox 100U", "C3709C3"], ["lotRemaining", "C3709C3", 60]],
    blocked: [["visitCogs", "V4", "Draws row 5, Product"]],
  },
  {
    name: "a draw from a lot that is not in Lots",
    draws: [...DRAWS, v4([LOT, "C9999X9"])],
    expect: [error("Draws", 5, "Lot", "unknown-lot", /lot C9999X9 is not in the Lots table/)],
    still: [["visitCogs", "V2", 132], ["visitCogs", "V3", 300], ["lotRemaining", "D5512", 240]],
    blocked: [["visitCogs", "V4", "Draws row 5, Lot"], ["fefoLot", "Botox 100U", "Draws row 5, Lot"]],
  },
  {
    name: "a draw naming a lot of another product",
    draws: [...DRAWS, v4([PRODUCT, "Dysport 300U"])],
    expect: [error("Draws", 5, "Product", "lot-of-other-product", /lot C3709C3 is Botox 100U in the Lots table, not Dysport 300U/)],
    still: [["visitCogs", "V3", 300], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Product"], ["lotRemaining", "C3709C3", "Draws row 5, Product"]],
  },
  {
    name: "a draw of a product that has no lots, with the lot left blank",
    draws: [...DRAWS, v4([PRODUCT, "Sculptra"], [LOT, null], [UNIT, null])],
    expect: [error("Draws", 5, "Product", "product-without-lots", /Sculptra has no lots in the Lots table/)],
    still: [["visitCogs", "V1", 260], ["fefoLot", "Botox 100U", "C3709C3"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Product"]],
  },
  {
    name: "a draw larger than what the lot holds",
    // 100 U − 40 U (V1) = 60 U left; V4 takes 70 U: the lot stands at −10 U, worth −10 × $6.50.
    draws: [...DRAWS, v4([QTY, 70])],
    expect: [warning("Draws", 5, "Qty", "overdraw", /overdraw: 70 drawn but lot C3709C3 had 60 left/)],
    still: [
      ["lotRemaining", "C3709C3", -10], ["stockValue", "C3709C3", -65],
      ["visitCogs", "V4", 455], ["visitCogs", "V1", 260],
    ],
  },
  {
    name: "a visit draw from a lot that had expired",
    lots: [...LOTS, ["Botox 100U", "C1111A1", d(2026, 9, 30), d(2026, 6, 1), 100, "U", 6]],
    draws: [...DRAWS, v4([DATE, d(2026, 10, 2)], [LOT, "C1111A1"], [QTY, 40])],
    expect: [warning("Draws", 5, "Lot", "expired-lot", /lot C1111A1 expired on 9\/30\/2026, before this draw on 10\/2\/2026/)],
    // 40 U × $6.00 = $240.00; FEFO skips the expired lot.
    still: [["visitCogs", "V4", 240], ["lotRemaining", "C1111A1", 60], ["fefoLot", "Botox 100U", "C3709C3"]],
  },
  {
    name: "a draw dated before its lot was received",
    draws: [...DRAWS, v4([DATE, d(2026, 8, 20)])],
    expect: [error("Draws", 5, "Date", "drawn-before-received", /drawn on 8\/20\/2026, before lot C3709C3 was received \(9\/1\/2026\)/)],
    still: [["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Date"], ["lotRemaining", "C3709C3", "Draws row 5, Date"]],
  },
  {
    name: "a draw in mL from a lot kept in U",
    draws: [...DRAWS, v4([UNIT, "mL"])],
    expect: [error("Draws", 5, "Unit", "draw-unit-differs", /in mL but lot C3709C3 is kept in U/)],
    still: [["visitCogs", "V2", 132], ["visitCogs", "V3", 300]],
    blocked: [["visitCogs", "V4", "Draws row 5, Unit"], ["lotRemaining", "C3709C3", "Draws row 5, Unit"]],
  },
  {
    name: "a Visit draw without a visit id",
    draws: [...DRAWS, v4([VISIT, null])],
    expect: [error("Draws", 5, "Visit", "visit-without-id", /Visit draw needs the visit/)],
    still: [["visitCogs", "V2", 132], ["lotRemaining", "D5512", 240]],
    blocked: [["lotRemaining", "C3709C3", "Draws row 5, Visit"]],
  },
  {
    name: "a Visit draw without a patient",
    draws: [...DRAWS, v4([PATIENT, ""])],
    expect: [warning("Draws", 5, "Patient", "blank-patient", /patient is blank/)],
    // 10 U × $6.50 = $65.00; 100 − 40 − 10 = 50 U left.
    still: [["visitCogs", "V4", 65], ["lotRemaining", "C3709C3", 50], ["visitCogs", "V1", 260]],
  },
  {
    name: "a draw of an unknown kind",
    draws: [...DRAWS, v4([KIND, "Injection"])],
    expect: [error("Draws", 5, "Kind", "unknown-kind", /'Injection' is not a kind of draw/)],
    still: [["visitCogs", "V2", 132], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["visitCogs", "V4", "Draws row 5, Kind"], ["lotRemaining", "C3709C3", "Draws row 5, Kind"]],
  },
  {
    name: "a draw with the lot left blank",
    // FEFO on 9/5 takes C2222B2 (expires 1/31/2027) before C3709C3: 10 U × $7.00 = $70.00.
    lots: [...LOTS, ["Botox 100U", "C2222B2", d(2027, 1, 31), d(2026, 9, 1), 100, "U", 7]],
    draws: [...DRAWS, v4([LOT, null])],
    expect: [warning("Draws", 5, "Lot", "assumed-lot", /lot is blank.*C2222B2/)],
    still: [["visitCogs", "V4", 70], ["lotRemaining", "C2222B2", 90], ["lotRemaining", "C3709C3", 60], ["visitCogs", "V1", 260]],
  },
  {
    name: "a draw with the lot left blank and no stock to cover it",
    // Juvederm holds 9 mL after V3; V4 asks for 20 mL.
    draws: [...DRAWS, v4([PRODUCT, "Juvederm Ultra"], [LOT, null], [QTY, 20], [UNIT, "mL"])],
    expect: [error("Draws", 5, "Lot", "uncovered-draw", /lot is blank.*no usable lot of Juvederm Ultra held 20/)],
    still: [["visitCogs", "V1", 260], ["visitCogs", "V2", 132], ["fefoLot", "Botox 100U", "C3709C3"]],
    blocked: [
      ["visitCogs", "V4", "Draws row 5, Lot"],
      ["fefoLot", "Juvederm Ultra", "Draws row 5, Lot"],
      ["lotRemaining", "JU1234", "Draws row 5, Lot"],
    ],
  },
  {
    name: "a blank lot reported as 0 by an older Excel build",
    lots: [...LOTS, ["Botox 100U", "C2222B2", d(2027, 1, 31), d(2026, 9, 1), 100, "U", 7]],
    draws: [...DRAWS, v4([LOT, 0])],
    // The cell is blank, not the lot number 0: only the blank-lot warning.
    expect: [warning("Draws", 5, "Lot", "assumed-lot", /lot is blank.*C2222B2/)],
    still: [["visitCogs", "V4", 70], ["lotRemaining", "C2222B2", 90]],
  },
  {
    name: "lot and product names in draws with other case and stray spaces",
    draws: [DRAWS_HEAD, [d(2026, 9, 2), "V1", "P-001", " botox  100u ", " c3709c3 ", 40, "u", "visit"], V2],
    expect: [],
    still: [["visitCogs", "V1", 260], ["lotRemaining", " c3709c3 ", 60], ["fefoLot", "BOTOX 100U", "C3709C3"]],
  },
  {
    name: "a totals row and fully blank rows in Draws",
    draws: [
      DRAWS_HEAD, V1,
      [null, null, null, null, null, null, null, null],
      ["", " ", "", "", "", "", "", ""],
      [0, 0, 0, 0, 0, 0, 0, 0],
      V2, V3,
      ["Total", null, null, null, null, 101, null, null],
    ],
    expect: [warning("Draws", 8, "Date", "totals-row", /^row 8 is a totals row \('Total'\); Lotbook skips it/)],
    still: [["visitCogs", "V1", 260], ["visitCogs", "V2", 132], ["visitCogs", "V3", 300], ["lotRemaining", "JU1234", 9]],
  },

  // ---------------------------------------------------------------- Counts rows
  {
    name: "a grand total row under the counts",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [null, "Grand Total", null, 58]],
    expect: [warning("Counts", 3, "Product", "totals-row", /^row 3 is a totals row \('Grand Total'\); Lotbook skips it/)],
    still: [["lotRemaining", "C3709C3", 58], ["visitCogs", "V1", 260]],
  },
  {
    name: "a negative count",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 9, 10), "Dysport 300U", "D5512", -3]],
    expect: [error("Counts", 3, "Counted", "negative-count", /cannot be negative \(it is -3\)/)],
    still: [["lotRemaining", "C3709C3", 58], ["visitCogs", "V1", 260], ["fefoLot", "Juvederm Ultra", "JU1234"]],
    blocked: [["lotRemaining", "D5512", "Counts row 3, Counted"], ["fefoLot", "Dysport 300U", "Counts row 3, Counted"]],
  },
  {
    name: "a count with a blank quantity",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 9, 10), "Dysport 300U", "D5512", ""]],
    expect: [error("Counts", 3, "Counted", "blank-counted", /counted quantity is blank/)],
    still: [["lotRemaining", "C3709C3", 58], ["visitCogs", "V3", 300]],
    blocked: [["lotRemaining", "D5512", "Counts row 3, Counted"]],
  },
  {
    name: "a count of a lot that is not in Lots",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 9, 10), "Dysport 300U", "D9999", 240]],
    expect: [error("Counts", 3, "Lot", "unknown-lot", /lot D9999 is not in the Lots table/)],
    still: [["lotRemaining", "C3709C3", 58], ["visitCogs", "V1", 260]],
    blocked: [["fefoLot", "Dysport 300U", "Counts row 3, Lot"]],
  },
  {
    name: "a count dated before its lot was received",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 8, 25), "Dysport 300U", "D5512", 0]],
    expect: [error("Counts", 3, "Date", "count-before-receipt", /D5512 had not been received yet/)],
    still: [["lotRemaining", "C3709C3", 58], ["visitCogs", "V1", 260]],
    blocked: [["lotRemaining", "D5512", "Counts row 3, Date"], ["fefoLot", "Dysport 300U", "Counts row 3, Date"]],
  },
  {
    name: "a count date stored as text",
    counts: [COUNTS_HEAD, COUNT_BOTOX, ["2026-09-10", "Dysport 300U", "D5512", 240]],
    expect: [warning("Counts", 3, "Date", "date-as-text", /stored as text/)],
    still: [["lotRemaining", "D5512", 240], ["lotRemaining", "C3709C3", 58]],
  },
  {
    name: "the same count entered twice",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 9, 10), "Botox 100U", "C3709C3", 58]],
    expect: [warning("Counts", 3, "Date", "repeated-count", /repeats row 2/)],
    // Missing at the count: 60 − 58 = 2 U; value left 58 × $6.50 = $377.00.
    still: [["lotRemaining", "C3709C3", 58], ["stockValue", "C3709C3", 377], ["visitCogs", "V1", 260]],
  },
  {
    name: "two counts of a lot on the same day that disagree",
    counts: [COUNTS_HEAD, COUNT_BOTOX, [d(2026, 9, 10), "Botox 100U", "C3709C3", 55]],
    expect: [error("Counts", 3, "Counted", "conflicting-count", /row 2 counts the same lot at the same time with a different quantity/)],
    still: [["lotRemaining", "D5512", 240], ["visitCogs", "V2", 132], ["fefoLot", "Dysport 300U", "D5512"]],
    blocked: [["lotRemaining", "C3709C3", "Counts row 3, Counted"], ["fefoLot", "Botox 100U", "Counts row 3, Counted"]],
  },

  // ---------------------------------------------------------------- Products rows
  {
    name: "a vial size that is a word",
    products: [["Product", "Unit", "Vial Size"], ["Botox 100U", "U", 100], ["Dysport 300U", "U", "ten"]],
    expect: [error("Products", 3, "Vial Size", "not-a-number", /'ten' is not a number of units per vial/)],
    still: [["fefoLot", "Botox 100U", "C3709C3"], ["visitCogs", "V1", 260], ["lotRemaining", "JU1234", 9]],
    blocked: [["fefoLot", "Dysport 300U", "Products row 3, Vial Size"]],
  },
];

function run(ledger: Ledger, fn: Query, key: string): Result<number | string> {
  const as = <T>(r: Result<T>, f: (v: T) => number): Result<number> => (r.ok ? { ok: true, value: f(r.value) } : r);
  switch (fn) {
    case "visitCogs": return as(visitCogs(ledger, key), moneyToNumber);
    case "lotCost": return as(lotCost(ledger, key), moneyToNumber);
    case "stockValue": return as(stockValue(ledger, key, AS_OF), moneyToNumber);
    case "lotRemaining": return as(lotRemaining(ledger, key, AS_OF), qtyToNumber);
    case "fefoLot": return fefoLot(ledger, key, AS_OF);
  }
}

const ledgerOf = (c: Case): Ledger =>
  buildLedger({ lots: c.lots ?? LOTS, draws: c.draws === undefined ? DRAWS : c.draws, counts: c.counts ?? null, products: c.products ?? null });

const where = (x: Pick<Diagnostic, "table" | "row" | "column" | "code" | "severity">) =>
  ({ table: x.table, row: x.row, column: x.column, code: x.code, severity: x.severity });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the clean ledger every case starts from", () => {
  const ledger = buildLedger({ lots: LOTS, draws: DRAWS, counts: [COUNTS_HEAD, COUNT_BOTOX] });

  it("has nothing to report", () => {
    expect(check(ledger)).toEqual([]);
  });

  it("gives the hand-worked results the cases compare against", () => {
    // 40 × $6.50 = $260.00; 60 × $2.20 = $132.00; 1 × $300 = $300.00
    expect(run(ledger, "visitCogs", "V1")).toEqual({ ok: true, value: 260 });
    expect(run(ledger, "visitCogs", "V2")).toEqual({ ok: true, value: 132 });
    expect(run(ledger, "visitCogs", "V3")).toEqual({ ok: true, value: 300 });
    expect(run(ledger, "lotRemaining", "C3709C3")).toEqual({ ok: true, value: 58 });
    expect(run(ledger, "lotRemaining", "D5512")).toEqual({ ok: true, value: 240 });
    expect(run(ledger, "lotRemaining", "JU1234")).toEqual({ ok: true, value: 9 });
    expect(run(ledger, "fefoLot", "Botox 100U")).toEqual({ ok: true, value: "C3709C3" });
  });
});

describe("a corpus of malformed ledgers", () => {
  it("holds at least 35 cases, each with a distinct name", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const ledger = ledgerOf(c);

    it(c.expect.length ? "is reported at its table, row and column, with its code, and no other row is" : "is accepted without a diagnostic", () => {
      const found = check(ledger);
      expect(found.map(where)).toEqual(c.expect.map(where));
      found.forEach((diag, i) => expect(diag.message).toMatch(c.expect[i].says));
    });

    if (c.expect.length) {
      it("says what is wrong in a sentence a bookkeeper can act on", () => {
        for (const diag of check(ledger)) {
          expect(diag.message.length).toBeGreaterThan(12);
          expect(diag.message).not.toMatch(/undefined|NaN|\[object|\bnull\b/);
          expect(diag.message).toMatch(/^['a-zA-Z]/);
        }
      });
    }

    if (c.still?.length) {
      it("still computes the results that do not depend on the bad row", () => {
        for (const [fn, key, value] of c.still!) expect([fn, key, run(ledger, fn, key)]).toEqual([fn, key, { ok: true, value }]);
      });
    }

    if (c.blocked?.length) {
      it("blocks the results that depend on it with #VALUE!, naming the table, row and column", () => {
        for (const [fn, key, by] of c.blocked!) {
          expect([fn, key, run(ledger, fn, key)]).toEqual([fn, key, {
            ok: false,
            error: { kind: "value", message: expect.stringMatching(new RegExp(`^${escape(by)}: \\S`)) },
          }]);
        }
      });
    }
  });
});
