/**
 * The message catalogue: every sentence Lotbook says about a problem in the tables, from the
 * problem's code and parameters. It is the only place those words are written; a second language
 * is a second `messageOf`.
 */
import type { Coded, DiagnosticCode, DiagnosticKind, Severity } from "./diagnostic";
import { formatQty } from "./quantity";

/** How bad each kind of problem is: an error blocks the results that depend on its row. */
const SEVERITY: { readonly [C in DiagnosticCode]: Severity } = {
  "no-header-row": "error",
  "missing-column": "error",
  "no-cost-column": "error",
  "no-visit-column": "error",
  "header-not-a-name": "warning",
  "duplicate-column": "warning",
  "totals-row": "warning",
  "subtotal-row": "error",
  "cell-error": "error",
  "not-a-number": "error",
  "not-money": "error",
  "too-many-decimals": "warning",
  "date-out-of-range": "error",
  "invalid-date": "error",
  "not-a-date": "error",
  "month-only-date": "error",
  "date-as-text": "warning",
  "lot-number-as-number": "warning",
  "not-alert-days": "error",
  "loss-allowance-out-of-range": "error",
  "blank-product": "error",
  "blank-lot": "error",
  "blank-received": "error",
  "blank-qty": "error",
  "qty-not-positive": "error",
  "expiry-first-of-month": "warning",
  "expires-before-received": "error",
  "blank-cost": "error",
  "negative-cost": "error",
  "cost-mismatch": "warning",
  "repeated-receipt": "warning",
  "blank-date": "error",
  "unknown-kind": "error",
  "transfer-without-to": "error",
  "transfer-to-same-location": "error",
  "transfer-without-lot": "error",
  "to-without-transfer": "error",
  "visit-without-id": "error",
  "blank-patient": "warning",
  "blank-product-and-lot": "error",
  "visit-other-patient": "warning",
  "visit-other-day": "warning",
  "repeated-draw": "warning",
  "blank-counted": "error",
  "negative-count": "error",
  "vial-size-not-positive": "error",
  "hours-not-positive": "error",
  "negative-pack-size": "error",
  "negative-days": "error",
  "repeated-product": "warning",
  "unit-differs-from-product": "error",
  "lot-of-two-products": "error",
  "lot-expiry-differs": "error",
  "lot-unit-differs": "error",
  "unknown-lot": "error",
  "lot-of-other-product": "error",
  "product-without-lots": "error",
  "draw-unit-differs": "error",
  "drawn-before-received": "error",
  "expired-lot": "warning",
  "repeated-count": "warning",
  "conflicting-count": "error",
  "unknown-location": "error",
  "transfer-without-locations": "error",
  "lot-never-arrives": "error",
  "uncovered-draw": "error",
  "assumed-lot": "warning",
  "count-before-receipt": "error",
  "overdraw": "warning",
  "blank-price": "warning",
  "gtin-check-digit": "warning",
  "not-a-gtin": "warning",
  "gtin-of-two-products": "warning",
};

/**
 * The severity of a kind of problem.
 * @example severityOf("overdraw") // "warning"
 */
export function severityOf(code: DiagnosticCode): Severity {
  return SEVERITY[code];
}

const ENTRY = { Lots: "receipt", Draws: "draw", Counts: "count" } as const;

/**
 * The sentence for a kind of problem, in the words users see.
 * @example messageOf({ code: "not-a-date", shown: "'soon'" }) // "'soon' is not a date; type it as 3/15/2026 or 2026-03-15"
 */
export function messageOf(d: DiagnosticKind): string {
  switch (d.code) {
    case "no-header-row":
      return `the first row of the range is not the ${d.of} table's header row (${d.required}, …). Pass the whole table with its headers, for example ${d.of}[#All]`;
    case "missing-column":
      return `the table has no ${d.name} column; add a column headed ${d.name}` + (d.aliases === null ? "" : ` (or ${d.aliases})`);
    case "no-cost-column":
      return "the table has no cost column; add a column headed Unit Cost or Total Cost";
    case "no-visit-column":
      return `the table has no Visit column, but ${d.visitDraws} draw${d.visitDraws > 1 ? "s are" : " is"} of kind Visit; add a column headed Visit (or Visit ID, Appointment) so each is costed to its visit`;
    case "header-not-a-name":
      return `the header row holds ${d.shown} in its ${ordinal(d.position)} column, which is not a column name; Lotbook ignores that column (give it a heading in words if it matters)`;
    case "duplicate-column":
      return `a second column means the same as another one; Lotbook reads the first and ignores '${d.header}'`;
    case "totals-row":
      return `row ${d.rowNumber} is a totals row ('${d.label}'); Lotbook skips it, as it adds up the rows above`;
    case "subtotal-row":
      return `'${d.label}' makes this a subtotal row, which Lotbook cannot read as a ${ENTRY[d.of]}; move subtotals out of the table (or label the last row Total)`;
    case "cell-error":
      return `the cell shows the error ${d.error}; fix the value or formula there`;
    case "not-a-number":
      return `${d.shown} is not ${d.what}`;
    case "not-money":
      return `${d.shown} is not an amount of money`;
    case "too-many-decimals":
      return `${d.shown} has more than 6 decimal places; Lotbook counts it as ${formatQty(d.countedAs)}`;
    case "date-out-of-range":
      return `${d.shown} is not a date`;
    case "invalid-date":
      return "the cell holds an invalid date";
    case "not-a-date":
      return `${d.shown} is not a date; type it as 3/15/2026 or 2026-03-15`;
    case "month-only-date":
      return `${d.shown} names a month, not a day; give the full date (for example 3/15/2026)`;
    case "date-as-text":
      return `the date is stored as text; Excel may not sort or filter it as a date (retype it in the ${d.header} column as a date)`;
    case "lot-number-as-number":
      return `lot number ${d.shown} is stored as a number: Excel drops leading zeros (012345 becomes 12345) and turns 1E5 into 100000. Format the ${d.header} column as Text and retype it as printed on the vial`;
    case "not-alert-days":
      return `${d.shown} is not a list of days; write it like 90,60,30`;
    case "loss-allowance-out-of-range":
      return `a loss allowance of ${d.shown} is out of range; write 5 or 5% for five percent`;
    case "blank-product":
      return d.of === "Lots" ? "the product is blank; enter the product name as used in Draws" : "the product is blank";
    case "blank-lot":
      return d.of === "Lots" ? "the lot number is blank; enter it as printed on the vial or carton" : "the lot number is blank; a count is of one lot";
    case "blank-received":
      return "the date received is blank";
    case "blank-qty":
      return d.of === "Lots" ? "the quantity received is blank" : "the quantity drawn is blank";
    case "qty-not-positive":
      return d.of === "Lots"
        ? `the quantity received must be more than 0 (it is ${formatQty(d.qty)})`
        : `the quantity drawn must be more than 0 (it is ${formatQty(d.qty)}); record a correction as its own row, never a negative draw`;
    case "expiry-first-of-month":
      return "the expiry is the 1st of a month: if the label shows only month and year, the lot is good through the last day of that month (Excel turns a typed 03/2026 into March 1st); type the last day instead";
    case "expires-before-received":
      return "the lot expires before the date it was received; check both dates";
    case "blank-cost":
      return "the cost is blank; enter the Unit Cost or the Total Cost from the purchase order";
    case "negative-cost":
      return `the ${d.which} cost is negative`;
    case "cost-mismatch":
      return "Unit Cost × Qty does not equal Total Cost; Lotbook uses the Total Cost";
    case "repeated-receipt":
      return `this receipt repeats row ${d.firstRow} (same product, lot, quantity, cost, PO and date received); if it was entered twice, delete one`;
    case "blank-date":
      return d.of === "Draws" ? "the date is blank" : "the count date is blank";
    case "unknown-kind":
      return `'${d.kind}' is not a kind of draw; use Visit, Waste, Expired, Sample or Return (or Transfer, to move stock between locations)`;
    case "transfer-without-to":
      return d.hasToColumn
        ? "a Transfer needs the location the units go to; enter it in the To column"
        : "a Transfer needs the location the units go to; add a column headed To and enter it there";
    case "transfer-to-same-location":
      return `the transfer goes from ${d.from ?? "the unnamed location"} to the same location; enter where the units went`;
    case "transfer-without-lot":
      return "a Transfer needs the lot moved; enter the lot number";
    case "to-without-transfer":
      return `To is filled in (${d.to}) but the kind is ${d.kind}; only a Transfer has a To: set Kind to Transfer or clear To`;
    case "visit-without-id":
      return "a Visit draw needs the visit it belongs to; enter the Visit ID (or set Kind to Waste, Sample, …)";
    case "blank-patient":
      return "the patient is blank; a recall could not trace this draw to a patient";
    case "blank-product-and-lot":
      return "both the product and the lot are blank; enter at least the product";
    case "visit-other-patient":
      return `visit ${d.visitId} is also used in row ${d.firstRow} for patient ${d.firstPatient}, here for ${d.patient}; give each visit its own id, or their costs are added together`;
    case "visit-other-day":
      return `visit ${d.visitId} is also used in row ${d.firstRow} on another day; give each visit its own id, or their costs are added together`;
    case "repeated-draw":
      return `this draw repeats row ${d.firstRow} (same date, visit, lot, quantity and kind); if it was entered twice, delete one`;
    case "blank-counted":
      return "the counted quantity is blank; enter 0 if none is left";
    case "negative-count":
      return `the counted quantity cannot be negative (it is ${formatQty(d.counted)})`;
    case "vial-size-not-positive":
      return "the vial size must be more than 0";
    case "hours-not-positive":
      return "Use Within Hours must be more than 0 (leave it blank for no limit)";
    case "negative-pack-size":
      return `the pack size cannot be negative (it is ${formatQty(d.pack)}); write the units in one orderable pack`;
    case "negative-days":
      return `${d.header} cannot be negative (it is ${d.days}); write a number of days, or leave it blank for the default`;
    case "repeated-product":
      return `${d.productName} is already listed in row ${d.firstRow}; Lotbook uses that row's settings`;
    case "unit-differs-from-product":
      return `the unit ${d.unit} differs from ${d.productUnit}, the unit of ${d.productName} in Products`;
    case "lot-of-two-products":
      return `lot ${d.lotNumber} is also listed under ${d.otherProduct} (row ${d.otherRow}); a lot number belongs to one product, so check which is right`;
    case "lot-expiry-differs":
      return `lot ${d.lotNumber} expires ${d.expires} here but ${d.firstExpires} in row ${d.firstRow}; one lot has one expiry date`;
    case "lot-unit-differs":
      return `lot ${d.lotNumber} is in ${d.unit} here but ${d.firstUnit} in row ${d.firstRow}`;
    case "unknown-lot":
      return d.brokenRow === null
        ? `lot ${d.lotNumber} is not in the Lots table; check the lot number or record its receipt in Lots`
        : `lot ${d.lotNumber} is in Lots row ${d.brokenRow}, but that row has a problem; fix it there first`;
    case "lot-of-other-product":
      return `lot ${d.lotNumber} is ${d.lotProduct} in the Lots table, not ${d.productName}`;
    case "product-without-lots":
      return `${d.productName} has no lots in the Lots table; check the product name`;
    case "draw-unit-differs":
      return `the draw is in ${d.unit} but ${d.lotNumber === null ? d.productName : `lot ${d.lotNumber}`} is kept in ${d.keptIn}`;
    case "drawn-before-received":
      return `drawn on ${d.drawn}, before lot ${d.lotNumber} was received (${d.received}); check the date or the lot`;
    case "expired-lot":
      return `lot ${d.lotNumber} expired on ${d.expired}, before this draw on ${d.drawn}`;
    case "repeated-count":
      return `this count repeats row ${d.firstRow} (same lot, same date, same quantity)`;
    case "conflicting-count":
      return `row ${d.firstRow} counts the same lot at the same time with a different quantity; keep the right one`;
    case "unknown-location":
      return `'${d.to}' is not a location in Lots, Draws or Counts; check the spelling of the location the units went to`;
    case "transfer-without-locations":
      return `the transfer goes to ${d.to}, but no table has a Location column; add a column headed Location to Lots, Draws and Counts to keep stock by location`;
    case "lot-never-arrives":
      return `lot ${d.lotNumber} never arrives at ${d.location ?? "the unnamed location (the Location cell is blank)"}: no receipt in Lots and no transfer brings it there; check the location`;
    case "uncovered-draw":
      return `the lot is blank and no usable lot of ${d.productName} held ${formatQty(d.drawn)}${d.location === null ? "" : ` at ${d.location}`} at the time of this draw, so it cannot be costed; enter the lot drawn from`;
    case "assumed-lot": {
      const lots = d.allocations.map((a) => `${a.lotNumber} (${formatQty(a.qty)})`).join(" and ");
      return `the lot is blank; costed as ${lots}, the lot${d.allocations.length > 1 ? "s" : ""} FEFO would have used; enter the lot drawn from so a recall can reach this patient for sure`;
    }
    case "count-before-receipt":
      return `lot ${d.lotNumber} had not been received yet on this count's date; check the date`;
    case "overdraw":
      return `overdraw: ${formatQty(d.drawn)} ${d.transfer ? "transferred" : "drawn"} but lot ${d.lotNumber} had ${formatQty(d.left)} left on the books${d.location === null ? "" : ` at ${d.location}`}; a receipt${d.location === null ? "" : ", a transfer"} or an earlier draw may be missing or wrong`;
    case "blank-price":
      return `the price is blank while other lines of visit ${d.visitId} have one; it counts as 0 in the visit's margin`;
    case "gtin-check-digit":
      return `the GTIN ${d.gtin} has a wrong check digit (it should end in ${d.expected}); copy it again from the box`;
    case "not-a-gtin":
      return `'${d.text}' is not a GTIN (a GTIN has 8, 12, 13 or 14 digits); scans cannot find ${d.productName} by it`;
    case "gtin-of-two-products":
      return `the GTIN ${d.gtin} is also given for ${d.otherProduct}${d.otherRow ? ` (row ${d.otherRow})` : ""}; a scan of it will ask which product it is`;
    default:
      return unreachable(d);
  }
}

function unreachable(d: never): never {
  throw new Error(`no sentence for diagnostic ${JSON.stringify(d)}`);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/**
 * A kind of problem with its severity and its sentence filled in from the catalogue, as every
 * diagnostic and row issue carries them.
 * @example coded({ code: "blank-received" }) // { code: "blank-received", severity: "error", message: "the date received is blank" }
 */
export function coded<K extends DiagnosticKind>(kind: K): K & Coded {
  // Object.assign, not a spread: V8 copies a small object several times faster so, and a practice's
  // rows carry tens of thousands of issues.
  return Object.assign({}, kind, { severity: SEVERITY[kind.code], message: messageOf(kind) }) as K & Coded;
}
