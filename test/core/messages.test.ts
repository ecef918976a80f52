import { coded, DIAGNOSTIC_CODES, describe as sentence, messageOf, reachOf, severityOf, type DiagnosticKind, type Qty, qtyFromNumber, type Severity } from "../../src/core";

// The message catalogue, one example per kind of problem: its parameters, its severity and the
// sentence users see, word for word. A code added to DIAGNOSTIC_CODES without an example here
// fails its own test below.

/** `n` whole units as a quantity. */
const U = (n: number): Qty => qtyFromNumber(n).qty;

const EXAMPLES: readonly (readonly [DiagnosticKind, Severity, string])[] = [
  [{ code: "no-header-row", of: "Lots", required: "Product, Lot, Received, Qty" }, "error",
    "the first row of the range is not the Lots table's header row (Product, Lot, Received, Qty, …). Pass the whole table with its headers, for example Lots[#All]"],
  [{ code: "missing-column", name: "Qty", aliases: "Quantity" }, "error",
    "the table has no Qty column; add a column headed Qty (or Quantity)"],
  [{ code: "no-cost-column" }, "error",
    "the table has no cost column; add a column headed Unit Cost or Total Cost"],
  [{ code: "no-visit-column", visitDraws: 2 }, "error",
    "the table has no Visit column, but 2 draws are of kind Visit; add a column headed Visit (or Visit ID, Appointment) so each is costed to its visit"],
  [{ code: "header-not-a-name", shown: "2025", position: 8 }, "warning",
    "the header row holds 2025 in its 8th column, which is not a column name; Lotbook ignores that column (give it a heading in words if it matters)"],
  [{ code: "duplicate-column", header: "Quantity" }, "warning",
    "a second column means the same as another one; Lotbook reads the first and ignores 'Quantity'"],
  [{ code: "totals-row", rowNumber: 3, label: "Total" }, "warning",
    "row 3 is a totals row ('Total'); Lotbook skips it, as it adds up the rows above"],
  [{ code: "subtotal-row", label: "Subtotal", of: "Lots" }, "error",
    "'Subtotal' makes this a subtotal row, which Lotbook cannot read as a receipt; move subtotals out of the table (or label the last row Total)"],
  [{ code: "cell-error", error: "#N/A" }, "error",
    "the cell shows the error #N/A; fix the value or formula there"],
  [{ code: "not-a-number", shown: "'ten'", what: "a number of units per vial" }, "error",
    "'ten' is not a number of units per vial"],
  [{ code: "not-money", shown: "'free'" }, "error",
    "'free' is not an amount of money"],
  [{ code: "too-many-decimals", shown: "1.0000001", countedAs: U(1) }, "warning",
    "1.0000001 has more than 6 decimal places; Lotbook counts it as 1"],
  [{ code: "date-out-of-range", shown: "-5" }, "error",
    "-5 is not a date"],
  [{ code: "invalid-date" }, "error",
    "the cell holds an invalid date"],
  [{ code: "not-a-date", shown: "'soon'" }, "error",
    "'soon' is not a date; type it as 3/15/2026 or 2026-03-15"],
  [{ code: "month-only-date", shown: "'2026-09'" }, "error",
    "'2026-09' names a month, not a day; give the full date (for example 3/15/2026)"],
  [{ code: "date-as-text", header: "Expires" }, "warning",
    "the date is stored as text; Excel may not sort or filter it as a date (retype it in the Expires column as a date)"],
  [{ code: "lot-number-as-number", shown: "5512", header: "Lot" }, "warning",
    "lot number 5512 is stored as a number: Excel drops leading zeros (012345 becomes 12345) and turns 1E5 into 100000. Format the Lot column as Text and retype it as printed on the vial"],
  [{ code: "not-alert-days", shown: "'soon'" }, "error",
    "'soon' is not a list of days; write it like 90,60,30"],
  [{ code: "loss-allowance-out-of-range", shown: "'150%'" }, "error",
    "a loss allowance of '150%' is out of range; write 5 or 5% for five percent"],
  [{ code: "blank-product", of: "Lots" }, "error",
    "the product is blank; enter the product name as used in Draws"],
  [{ code: "blank-lot", of: "Counts" }, "error",
    "the lot number is blank; a count is of one lot"],
  [{ code: "blank-received" }, "error",
    "the date received is blank"],
  [{ code: "blank-qty", of: "Draws" }, "error",
    "the quantity drawn is blank"],
  [{ code: "qty-not-positive", of: "Lots", qty: U(-100) }, "error",
    "the quantity received must be more than 0 (it is -100)"],
  [{ code: "expiry-first-of-month" }, "warning",
    "the expiry is the 1st of a month: if the label shows only month and year, the lot is good through the last day of that month (Excel turns a typed 03/2026 into March 1st); type the last day instead"],
  [{ code: "expires-before-received" }, "error",
    "the lot expires before the date it was received; check both dates"],
  [{ code: "blank-cost" }, "error",
    "the cost is blank; enter the Unit Cost or the Total Cost from the purchase order"],
  [{ code: "negative-cost", which: "unit" }, "error",
    "the unit cost is negative"],
  [{ code: "cost-mismatch" }, "warning",
    "Unit Cost × Qty does not equal Total Cost; Lotbook uses the Total Cost"],
  [{ code: "repeated-receipt", firstRow: 2 }, "warning",
    "this receipt repeats row 2 (same product, lot, quantity, cost, PO and date received); if it was entered twice, delete one"],
  [{ code: "blank-date", of: "Counts" }, "error",
    "the count date is blank"],
  [{ code: "unknown-kind", kind: "Wastage" }, "error",
    "'Wastage' is not a kind of draw; use Visit, Waste, Expired, Sample or Return (or Transfer, to move stock between locations)"],
  [{ code: "transfer-without-to", hasToColumn: true }, "error",
    "a Transfer needs the location the units go to; enter it in the To column"],
  [{ code: "transfer-to-same-location", from: "Suite B" }, "error",
    "the transfer goes from Suite B to the same location; enter where the units went"],
  [{ code: "transfer-without-lot" }, "error",
    "a Transfer needs the lot moved; enter the lot number"],
  [{ code: "to-without-transfer", to: "Suite B", kind: "Waste" }, "error",
    "To is filled in (Suite B) but the kind is Waste; only a Transfer has a To: set Kind to Transfer or clear To"],
  [{ code: "visit-without-id" }, "error",
    "a Visit draw needs the visit it belongs to; enter the Visit ID (or set Kind to Waste, Sample, …)"],
  [{ code: "blank-patient" }, "warning",
    "the patient is blank; a recall could not trace this draw to a patient"],
  [{ code: "blank-product-and-lot" }, "error",
    "both the product and the lot are blank; enter at least the product"],
  [{ code: "visit-other-patient", visitId: "V1", firstRow: 2, firstPatient: "P-001", patient: "P-009" }, "warning",
    "visit V1 is also used in row 2 for patient P-001, here for P-009; give each visit its own id, or their costs are added together"],
  [{ code: "visit-other-day", visitId: "V2", firstRow: 3 }, "warning",
    "visit V2 is also used in row 3 on another day; give each visit its own id, or their costs are added together"],
  [{ code: "repeated-draw", firstRow: 2 }, "warning",
    "this draw repeats row 2 (same date, visit, lot, quantity and kind); if it was entered twice, delete one"],
  [{ code: "blank-counted" }, "error",
    "the counted quantity is blank; enter 0 if none is left"],
  [{ code: "negative-count", counted: U(-3) }, "error",
    "the counted quantity cannot be negative (it is -3)"],
  [{ code: "vial-size-not-positive" }, "error",
    "the vial size must be more than 0"],
  [{ code: "hours-not-positive" }, "error",
    "Use Within Hours must be more than 0 (leave it blank for no limit)"],
  [{ code: "negative-pack-size", pack: U(-2) }, "error",
    "the pack size cannot be negative (it is -2); write the units in one orderable pack"],
  [{ code: "negative-days", header: "Lead Days", days: -7 }, "error",
    "Lead Days cannot be negative (it is -7); write a number of days, or leave it blank for the default"],
  [{ code: "repeated-product", productName: "Botox 100U", firstRow: 2 }, "warning",
    "Botox 100U is already listed in row 2; Lotbook uses that row's settings"],
  [{ code: "unit-differs-from-product", unit: "mL", productUnit: "U", productName: "Botox 100U" }, "error",
    "the unit mL differs from U, the unit of Botox 100U in Products"],
  [{ code: "lot-of-two-products", lotNumber: "C3709C3", otherProduct: "Dysport 300U", otherRow: 5 }, "error",
    "lot C3709C3 is also listed under Dysport 300U (row 5); a lot number belongs to one product, so check which is right"],
  [{ code: "lot-expiry-differs", lotNumber: "C3709C3", expires: "7/31/2027", firstExpires: "6/30/2027", firstRow: 2 }, "error",
    "lot C3709C3 expires 7/31/2027 here but 6/30/2027 in row 2; one lot has one expiry date"],
  [{ code: "lot-unit-differs", lotNumber: "C3709C3", unit: "mL", firstUnit: "U", firstRow: 2 }, "error",
    "lot C3709C3 is in mL here but U in row 2"],
  [{ code: "unknown-lot", lotNumber: "C9999X9", brokenRow: null }, "error",
    "lot C9999X9 is not in the Lots table; check the lot number or record its receipt in Lots"],
  [{ code: "lot-of-other-product", lotNumber: "C3709C3", lotProduct: "Botox 100U", productName: "Dysport 300U" }, "error",
    "lot C3709C3 is Botox 100U in the Lots table, not Dysport 300U"],
  [{ code: "product-without-lots", productName: "Sculptra" }, "error",
    "Sculptra has no lots in the Lots table; check the product name"],
  [{ code: "draw-unit-differs", unit: "mL", lotNumber: "C3709C3", productName: "Botox 100U", keptIn: "U" }, "error",
    "the draw is in mL but lot C3709C3 is kept in U"],
  [{ code: "drawn-before-received", drawn: "8/15/2026", lotNumber: "C3709C3", received: "9/1/2026" }, "error",
    "drawn on 8/15/2026, before lot C3709C3 was received (9/1/2026); check the date or the lot"],
  [{ code: "expired-lot", lotNumber: "C1111A1", expired: "9/1/2026", drawn: "9/5/2026" }, "warning",
    "lot C1111A1 expired on 9/1/2026, before this draw on 9/5/2026"],
  [{ code: "repeated-count", firstRow: 2 }, "warning",
    "this count repeats row 2 (same lot, same date, same quantity)"],
  [{ code: "conflicting-count", firstRow: 2 }, "error",
    "row 2 counts the same lot at the same time with a different quantity; keep the right one"],
  [{ code: "unknown-location", to: "Suite C" }, "error",
    "'Suite C' is not a location in Lots, Draws or Counts; check the spelling of the location the units went to"],
  [{ code: "transfer-without-locations", to: "Suite B" }, "error",
    "the transfer goes to Suite B, but no table has a Location column; add a column headed Location to Lots, Draws and Counts to keep stock by location"],
  [{ code: "lot-never-arrives", lotNumber: "C3709C3", location: "Suite B" }, "error",
    "lot C3709C3 never arrives at Suite B: no receipt in Lots and no transfer brings it there; check the location"],
  [{ code: "uncovered-draw", productName: "Juvederm Ultra", drawn: U(20), location: null }, "error",
    "the lot is blank and no usable lot of Juvederm Ultra held 20 at the time of this draw, so it cannot be costed; enter the lot drawn from"],
  [{ code: "assumed-lot", allocations: [{ lotNumber: "C2222B2", qty: U(10) }] }, "warning",
    "the lot is blank; costed as C2222B2 (10), the lot FEFO would have used; enter the lot drawn from so a recall can reach this patient for sure"],
  [{ code: "count-before-receipt", lotNumber: "D5512" }, "error",
    "lot D5512 had not been received yet on this count's date; check the date"],
  [{ code: "overdraw", drawn: U(70), transfer: false, lotNumber: "C3709C3", left: U(60), location: null }, "warning",
    "overdraw: 70 drawn but lot C3709C3 had 60 left on the books; a receipt or an earlier draw may be missing or wrong"],
  [{ code: "blank-price", visitId: "V1" }, "warning",
    "the price is blank while other lines of visit V1 have one; it counts as 0 in the visit's margin"],
  [{ code: "gtin-check-digit", gtin: "361234567891", expected: 0 }, "warning",
    "the GTIN 361234567891 has a wrong check digit (it should end in 0); copy it again from the box"],
  [{ code: "not-a-gtin", text: "12345", productName: "Dysport 300U" }, "warning",
    "'12345' is not a GTIN (a GTIN has 8, 12, 13 or 14 digits); scans cannot find Dysport 300U by it"],
  [{ code: "gtin-of-two-products", gtin: "00361234567890", otherProduct: "Botox 100U", otherRow: 2 }, "warning",
    "the GTIN 00361234567890 is also given for Botox 100U (row 2); a scan of it will ask which product it is"],
];

describe("the message catalogue", () => {
  it.each([...DIAGNOSTIC_CODES])("says %s in its words", (code) => {
    const examples = EXAMPLES.filter(([kind]) => kind.code === code);
    expect(examples).toHaveLength(1);
    const [[kind, severity, words]] = examples;
    expect(messageOf(kind)).toBe(words);
    expect(severityOf(code)).toBe(severity);
    expect(coded(kind)).toEqual({ ...kind, severity, message: words });
  });

  it("has an example only for codes that exist", () => {
    const known = new Set<string>(DIAGNOSTIC_CODES);
    expect(EXAMPLES.map(([kind]) => kind.code).filter((code) => !known.has(code))).toEqual([]);
  });

  it("chooses the sentence a kind's parameters call for", () => {
    expect(messageOf({ code: "missing-column", name: "Unit", aliases: null })).toBe("the table has no Unit column; add a column headed Unit");
    expect(messageOf({ code: "no-visit-column", visitDraws: 1 })).toMatch(/, but 1 draw is of kind Visit;/);
    expect(messageOf({ code: "blank-product", of: "Products" })).toBe("the product is blank");
    expect(messageOf({ code: "blank-lot", of: "Lots" })).toBe("the lot number is blank; enter it as printed on the vial or carton");
    expect(messageOf({ code: "blank-qty", of: "Lots" })).toBe("the quantity received is blank");
    expect(messageOf({ code: "blank-date", of: "Draws" })).toBe("the date is blank");
    expect(messageOf({ code: "qty-not-positive", of: "Draws", qty: U(0) })).toBe("the quantity drawn must be more than 0 (it is 0); record a correction as its own row, never a negative draw");
    expect(messageOf({ code: "subtotal-row", label: "Subtotal Q3", of: "Counts" })).toMatch(/cannot read as a count;/);
    expect(messageOf({ code: "negative-cost", which: "total" })).toBe("the total cost is negative");
    expect(messageOf({ code: "transfer-without-to", hasToColumn: false })).toBe("a Transfer needs the location the units go to; add a column headed To and enter it there");
    expect(messageOf({ code: "transfer-to-same-location", from: null })).toBe("the transfer goes from the unnamed location to the same location; enter where the units went");
    expect(messageOf({ code: "unknown-lot", lotNumber: "C3709C3", brokenRow: 4 })).toBe("lot C3709C3 is in Lots row 4, but that row has a problem; fix it there first");
    expect(messageOf({ code: "draw-unit-differs", unit: "mL", lotNumber: null, productName: "Botox 100U", keptIn: "U" })).toBe("the draw is in mL but Botox 100U is kept in U");
    expect(messageOf({ code: "lot-never-arrives", lotNumber: "C3709C3", location: null })).toBe(
      "lot C3709C3 never arrives at the unnamed location (the Location cell is blank): no receipt in Lots and no transfer brings it there; check the location");
    expect(messageOf({ code: "uncovered-draw", productName: "Botox 100U", drawn: U(0.5), location: "Suite B" })).toMatch(/held 0\.5 at Suite B at the time/);
    expect(messageOf({ code: "assumed-lot", allocations: [{ lotNumber: "C1", qty: U(30) }, { lotNumber: "C2", qty: U(10) }] })).toMatch(/^the lot is blank; costed as C1 \(30\) and C2 \(10\), the lots FEFO would have used;/);
    expect(messageOf({ code: "overdraw", drawn: U(12), transfer: true, lotNumber: "C3709C3", left: U(10), location: "Suite A" })).toBe(
      "overdraw: 12 transferred but lot C3709C3 had 10 left on the books at Suite A; a receipt, a transfer or an earlier draw may be missing or wrong");
    expect(messageOf({ code: "gtin-of-two-products", gtin: "00361234567890", otherProduct: "Botox 100U", otherRow: null })).toBe(
      "the GTIN 00361234567890 is also given for Botox 100U; a scan of it will ask which product it is");
  });

  it("places the sentence after the table, row and column", () => {
    const d = { table: "Lots" as const, row: 14, column: "Expires", ...coded({ code: "not-a-date", shown: "'soon'" }) };
    expect(sentence(d)).toBe("Lots row 14, Expires: 'soon' is not a date; type it as 3/15/2026 or 2026-03-15");
  });
});

describe("what each kind of problem blocks", () => {
  it("blocks a whole table when the table cannot be read, a row's results on any other error, nothing on a warning", () => {
    const reach = Object.fromEntries(EXAMPLES.map(([kind]) => [kind.code, reachOf(kind)]));
    expect(Object.keys(reach).filter((code) => reach[code] === "table").sort()).toEqual(["missing-column", "no-cost-column", "no-header-row", "no-visit-column"]);
    for (const [kind, severity] of EXAMPLES) if (reach[kind.code] !== "table") expect([kind.code, reach[kind.code]]).toEqual([kind.code, severity === "error" ? "row" : "nothing"]);
  });
});
