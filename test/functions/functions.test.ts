import { type Serial, serialFromYmd, ymdFromSerial } from "../../src/core";
import * as LOTBOOK from "../../src/functions/answers";
import { COUNTS, day, DRAWS, LOTS, OMITTED, PRODUCTS, thrown } from "./_ledger";

// Arguments are passed exactly as Excel passes them: a key or table argument (declared as a
// range) arrives as a 2-D array even when the user typed one value, dates as serial numbers.

const na = (message: string) => ({ code: "#N/A", message });
const value = (message: string) => ({ code: "#VALUE!", message });


describe("the worked example", () => {
  it("=LOTBOOK.VISIT_COGS(\"V1\", Draws[#All], Lots[#All]) is 260: 40 U at $6.50", () => {
    expect(LOTBOOK.visitCogs([["V1"]], DRAWS, LOTS, OMITTED)).toEqual([[260]]);
  });
});

describe("FEFO_LOT", () => {
  it("names the lot to draw next, or #N/A with the reason when nothing usable is left", () => {
    // Sept 5: C3709C3 is used up and C4000A1 only arrives on Sept 10; V100 holds 1 mL.
    expect(LOTBOOK.fefoLot([["Botox 100U"], ["Juvederm Ultra XC 1mL"]], day(2026, 9, 5), OMITTED, LOTS, DRAWS, COUNTS, OMITTED)).toEqual([
      [na("no usable stock of Botox 100U")],
      ["V100"],
    ]);
    expect(LOTBOOK.fefoLot([["Botox 100U"]], day(2026, 9, 20), OMITTED, LOTS, DRAWS, OMITTED, OMITTED)).toEqual([["C4000A1"]]);
  });
});

describe("FEFO_PLAN", () => {
  it("spills the lots to draw and a SHORT row for what stock cannot cover", () => {
    // 100 U wanted on Sept 30: C4000A1 holds the 78 counted that day, 22 are missing.
    expect(LOTBOOK.fefoPlan("Botox 100U", 100, day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS, OMITTED)).toEqual([
      ["Lot", "Qty", "Expires"],
      ["C4000A1", 78, day(2027, 1, 31)],
      ["SHORT", 22, ""],
    ]);
  });

  it("plans without a SHORT row when stock is enough", () => {
    expect(LOTBOOK.fefoPlan("Botox 100U", "30", day(2026, 9, 20), OMITTED, LOTS, DRAWS, OMITTED, OMITTED)).toEqual([
      ["Lot", "Qty", "Expires"],
      ["C4000A1", 30, day(2027, 1, 31)],
    ]);
  });

  it("is #N/A for a product that is not in Lots", () => {
    expect(thrown(() => LOTBOOK.fefoPlan("Dysport", 10, day(2026, 9, 30), OMITTED, LOTS, DRAWS, OMITTED, OMITTED))).toEqual(
      na("'Dysport' is not a product in the Lots table"),
    );
  });
});

describe("VISIT_COGS", () => {
  it("costs a column of visits in one call, each at its draws times its lots' unit costs", () => {
    // V2: 35 × 6.50 = 227.50 (quantity typed as text); V3: 25 × 6.50 = 162.50;
    // V4: 1 mL × 300 + 20 U × 6.00 = 420.
    expect(LOTBOOK.visitCogs([["V2"], ["V3"], ["V4"]], DRAWS, LOTS, COUNTS)).toEqual([[227.5], [162.5], [420]]);
  });
});

describe("VISIT_MARGIN", () => {
  it("is the visit's prices less its cost of goods", () => {
    // V1: 520 − 260 = 260; V4: 750 + 260 − 420 = 590.
    expect(LOTBOOK.visitMargin([["V1", "V4"]], DRAWS, LOTS, OMITTED)).toEqual([[260, 590]]);
  });

  it("is #N/A for a visit none of whose lines has a price", () => {
    const unpriced = DRAWS.map((r, i) => (i === 1 ? [...r.slice(0, 10), null] : r));
    expect(LOTBOOK.visitMargin([["V1"]], unpriced, LOTS, OMITTED)).toEqual([[na("no line of visit V1 has a price, so it has no margin")]]);
  });
});

describe("LOT_REMAINING", () => {
  it("counts what each lot holds at the end of the as-of day, counts included", () => {
    // Sept 30: C3709C3 100 − 40 − 35 − 25 = 0; C4000A1 counted 78; V100 2 − 1 = 1 (matched in any case).
    expect(LOTBOOK.lotRemaining([["C3709C3", "C4000A1", "v100"]], day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([[0, 78, 1]]);
    // Sept 20, before the count: 100 − 20 = 80.
    expect(LOTBOOK.lotRemaining([["C4000A1"]], day(2026, 9, 20), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([[80]]);
  });
});

describe("LOT_COST", () => {
  it("gives the unit cost from Unit Cost, or from Total Cost over Qty", () => {
    // C4000A1's "6.00" is a number stored as text; V100 is $600 for 2 mL.
    expect(LOTBOOK.lotCost([["C3709C3"], ["C4000A1"], ["V100"], ["X1"]], LOTS)).toEqual([
      [6.5],
      [6],
      [300],
      [na("lot X1 is not in the Lots table")],
    ]);
  });
});

describe("STOCK_VALUE", () => {
  it("values stock at cost for everything, a product or a lot", () => {
    // Sept 30: C4000A1 78 × 6.00 = 468; V100 1 × 300 = 300; together 768.
    expect(LOTBOOK.stockValue([["*", "Botox 100U", "V100"]], day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([[768, 468, 300]]);
  });
});

describe("SHRINKAGE", () => {
  it("totals shrinkage at cost by default and in units on request", () => {
    // 2 U of C4000A1 missing at $6.00 = $12; the Juvederm count matched.
    expect(LOTBOOK.shrinkage([["*"], ["Botox 100U"], ["Juvederm Ultra XC 1mL"]], OMITTED, OMITTED, LOTS, DRAWS, COUNTS)).toEqual([[12], [12], [0]]);
    expect(LOTBOOK.shrinkage([["*"]], "Units", OMITTED, LOTS, DRAWS, COUNTS)).toEqual([[2]]);
  });

  it("refuses a measure other than cost or units", () => {
    expect(thrown(() => LOTBOOK.shrinkage([["*"]], "dollars", OMITTED, LOTS, DRAWS, COUNTS))).toEqual(value("measure must be \"cost\" or \"units\", not 'dollars'"));
  });
});

describe("SHRINKAGE_LOG", () => {
  it("spills one row per count, with the allowance split when Products is given", () => {
    // Botox allows 5 % of the 20 U injected from C4000A1 = 1 U; the other missing unit is unexplained.
    expect(LOTBOOK.shrinkageLog(OMITTED, LOTS, DRAWS, COUNTS, PRODUCTS)).toEqual([
      ["Date", "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost", "Allowed Loss", "Unexplained"],
      [day(2026, 9, 30), "Botox 100U", "C4000A1", 80, 78, 2, 12, 1, 1],
      [day(2026, 9, 30), "Juvederm Ultra XC 1mL", "V100", 1, 1, 0, 0, "", ""],
    ]);
  });

  it("has no allowance columns without Products", () => {
    expect(LOTBOOK.shrinkageLog(OMITTED, LOTS, DRAWS, COUNTS, OMITTED)[0]).toEqual(["Date", "Product", "Lot", "Expected", "Counted", "Shrinkage", "Shrinkage Cost"]);
  });
});

describe("EXPIRING", () => {
  it("spills the lots with stock expiring within the days given, soonest first", () => {
    // From Sept 30: V100 expires Dec 31 (92 days), C4000A1 Jan 31 (123 days).
    const header = ["Product", "Lot", "Expires", "Days Left", "Remaining", "Value"];
    const v100 = ["Juvederm Ultra XC 1mL", "V100", day(2026, 12, 31), 92, 1, 300];
    const c4000 = ["Botox 100U", "C4000A1", day(2027, 1, 31), 123, 78, 468];
    expect(LOTBOOK.expiring(120, day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([header, v100]);
    expect(LOTBOOK.expiring(150, day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([header, v100, c4000]);
  });
});

describe("AT_RISK", () => {
  it("forecasts what each lot will still hold when it expires, at the look-back usage rate", () => {
    // Over 365 days: Juvederm used 1 mL → 1/365 mL a day × 92 days = 0.252055 mL used, 0.747945 at risk,
    // worth 0.747945 × 300 = 224.3835. Botox used 120 U → 120/365 U a day × 123 days = 40.438356 U,
    // 78 − 40.438356 = 37.561644 U at risk, worth × 6.00 = 225.369864.
    expect(LOTBOOK.atRisk(day(2026, 9, 30), 365, OMITTED, LOTS, DRAWS, COUNTS)).toEqual([
      ["Product", "Lot", "Expires", "Remaining", "Projected Use", "At Risk", "At Risk Value"],
      ["Juvederm Ultra XC 1mL", "V100", day(2026, 12, 31), 1, 0.252055, 0.747945, 224.3835],
      ["Botox 100U", "C4000A1", day(2027, 1, 31), 78, 40.438356, 37.561644, 225.369864],
    ]);
  });

  it("looks back 90 days when lookback_days is omitted", () => {
    // 120 U in 90 days uses all 78 U of C4000A1 well before it expires; 1 mL in 90 days × 92 days ≥ 1 mL.
    const rows = LOTBOOK.atRisk(day(2026, 9, 30), OMITTED, OMITTED, LOTS, DRAWS, COUNTS);
    expect(rows.slice(1).map((r) => r[5])).toEqual([0, 0]);
  });
});

describe("REORDER", () => {
  it("spills what to order per product, the one to order soonest first", () => {
    // Sept 30, the 90 days before it hold every draw. Botox: 40 + 35 + 25 + 20 = 120 U, 4/3 U a
    // day; C4000A1 holds the 78 U counted and will be used up long before Jan 31: 78 U usable,
    // 78 ÷ 4/3 = 58.5 days, stock-out Nov 27, Lead Days 14: order by Nov 13. 14 + 60 cover days
    // need 98.67 U, 20.67 U more: one 100 U pack (the shelf-life cap, 4/3 × 222.5 days, is higher).
    // Juvederm: 1 mL, 1/90 mL a day; V100's last 1 mL lasts 90 days (to Dec 29) before its Dec 31
    // expiry, beyond the default 7 + 30 days: nothing to order, order by Dec 22.
    const products = [["Product", "Unit", "Lead Days", "Cover Days", "Pack Size"], ["Botox 100U", "U", 14, 60, 100]];
    const rows = LOTBOOK.reorder(day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS, products);
    expect(rows[0]).toEqual(["Product", "Usable", "Daily Use", "Days Of Cover", "Stock Out", "Order By", "Suggested Qty", "Reason"]);
    expect(rows).toHaveLength(3);
    const [botox, juvederm] = rows.slice(1);
    expect(botox.slice(0, 2)).toEqual(["Botox 100U", 78]);
    expect(botox[2]).toBeCloseTo(4 / 3, 6);
    expect(botox.slice(3)).toEqual([
      58.5, day(2026, 11, 27), day(2026, 11, 13), 100,
      "14 lead + 60 cover days at 1.33 U a day need 98.67 U, 78 U of it usable on hand: 1 pack of 100 U for the rest, rounded up to whole packs",
    ]);
    expect(juvederm.slice(0, 2)).toEqual(["Juvederm Ultra XC 1mL", 1]);
    expect(juvederm[2]).toBeCloseTo(1 / 90, 6);
    expect(juvederm.slice(3, 7)).toEqual([90, day(2026, 12, 29), day(2026, 12, 22), 0]);
  });

  it("leaves the rates and the suggestion blank for a product not used in the window", () => {
    // By Dec 31 2026 the last draw (Sept 12) is more than 90 days back.
    const rows = LOTBOOK.reorder(day(2026, 12, 31), OMITTED, LOTS, DRAWS, COUNTS, OMITTED);
    expect(rows[1].slice(0, 7)).toEqual(["Botox 100U", 0, "", "", "", "", ""]);
  });
});

describe("OPEN_VIALS", () => {
  it("spills each opened vial with its use-by and what is left in it", () => {
    // A 100 U vial, usable 24 hours after opening, opened by a 40 U draw at 10:00 on Sept 2.
    const products = [["Product", "Vial Size", "Use Within Hours"], ["Botox 100U", 100, 24]];
    const draws = [DRAWS[0], [day(2026, 9, 2, 10), "V1", "P-001", "Dr. Adams", "Glabella", "Botox 100U", "C3709C3", 40, "U", "Visit", 520]];
    const rows = LOTBOOK.openVials(day(2026, 9, 2, 18), OMITTED, LOTS, draws, products);
    expect(rows[0]).toEqual(["Product", "Lot", "Opened", "Use By", "Left In Vial"]);
    expect(rows).toHaveLength(2);
    const [product, lot, opened, useBy, left] = rows[1] as [string, string, number, number, number];
    expect([product, lot, left]).toEqual(["Botox 100U", "C3709C3", 60]);
    expect(opened).toBeCloseTo(day(2026, 9, 2, 10), 9);
    expect(useBy).toBeCloseTo(day(2026, 9, 3, 10), 9);
  });
});

describe("RECALL", () => {
  it("spills every patient draw of the lot, oldest first", () => {
    expect(LOTBOOK.recall("C3709C3", DRAWS, OMITTED)).toEqual([
      ["Date", "Visit", "Patient", "Provider", "Product", "Qty"],
      [day(2026, 9, 2), "V1", "P-001", "Dr. Adams", "Botox 100U", 40],
      [day(2026, 9, 3), "V2", "P-002", "Dr. Baker", "Botox 100U", 35],
      [day(2026, 9, 4), "V3", "P-003", "Dr. Adams", "Botox 100U", 25],
    ]);
  });

  it("adds blank-lot draws that FEFO assigns to the lot, marked as assumed, when Lots is given", () => {
    const draws = [...DRAWS, [day(2026, 9, 20), "V5", "P-004", "Dr. Baker", "Glabella", "Botox 100U", null, 10, "U", "Visit", 130]];
    expect(LOTBOOK.recall("C4000A1", draws, LOTS)).toEqual([
      ["Date", "Visit", "Patient", "Provider", "Product", "Qty", "Assumed"],
      [day(2026, 9, 12), "V4", "P-001", "Dr. Adams", "Botox 100U", 20, false],
      [day(2026, 9, 20), "V5", "P-004", "Dr. Baker", "Botox 100U", 10, true],
    ]);
  });

  it("is #N/A for a lot no draw mentions", () => {
    expect(thrown(() => LOTBOOK.recall("C999", DRAWS, OMITTED))).toEqual(na("no Visit draw of lot C999 in the Draws table"));
  });
});

describe("CHECK", () => {
  it("shows OK for a clean ledger", () => {
    expect(LOTBOOK.check(LOTS, DRAWS, COUNTS, PRODUCTS)).toEqual([["OK"]]);
  });

  it("spills every diagnostic with its table, row and column", () => {
    const lots = LOTS.map((r, i) => (i === 2 ? [r[0], r[1], "soon", ...r.slice(3)] : r));
    const rows = LOTBOOK.check(lots, DRAWS, OMITTED, OMITTED);
    expect(rows[0]).toEqual(["Table", "Row", "Column", "Severity", "Message"]);
    expect(rows[1]).toEqual(["Lots", 3, "Expires", "Error", expect.stringMatching(/^'soon' is not a date/)]);
  });

  it("warns of a GTIN in Products that scans could never match, under the column's own header", () => {
    // 4006381333931 is a valid EAN-13 (weights 1,3,… over 400638133393 give 89; 90 − 89 = 1).
    const products = [
      ["Product", "Barcode"],
      ["Botox 100U", "4006381333932"],
      ["Juvederm Ultra XC 1mL", "4006381333931"],
    ];
    expect(LOTBOOK.check(LOTS, DRAWS, COUNTS, products)).toEqual([
      ["Table", "Row", "Column", "Severity", "Message"],
      ["Products", 2, "Barcode", "Warning", "the GTIN 4006381333932 has a wrong check digit (it should end in 1); copy it again from the box"],
    ]);
  });
});

describe("errors", () => {
  const broken = LOTS.map((r, i) => (i === 2 ? [r[0], r[1], "soon", ...r.slice(3)] : r));

  it("puts a bad row's message in the cells that depend on it, and only there", () => {
    // V4 drew from C4000A1, whose Lots row (row 3) has a bad expiry; V1 did not.
    expect(LOTBOOK.visitCogs([["V1"], ["V4"]], DRAWS, broken, OMITTED)).toEqual([
      [260],
      [value(expect.stringMatching(/^Lots row 3, Expires: 'soon' is not a date/))],
    ]);
  });

  it("fills a spilled row whose entry failed with its error, so a total over it fails too", () => {
    // Botox is blocked by its broken lot; Juvederm is listed as usual.
    const rows = LOTBOOK.expiring(365, day(2026, 9, 30), OMITTED, broken, DRAWS, OMITTED);
    expect(rows[1]).toEqual(["Juvederm Ultra XC 1mL", "V100", day(2026, 12, 31), 92, 1, 300]);
    const error = value(expect.stringMatching(/^Lots row 3, Expires: 'soon' is not a date/));
    expect(rows[2]).toEqual(["Botox 100U", error, error, error, error, error]);
    expect(rows).toHaveLength(3);
  });
});

describe("key arguments", () => {
  it("answer in the shape they came in, blank cells giving empty text", () => {
    // Empty cells arrive as null, "" or 0 depending on the Excel build.
    expect(LOTBOOK.visitCogs([["V1", null], ["", "V3"], [0, "V9"]], DRAWS, LOTS, OMITTED)).toEqual([
      [260, ""],
      ["", 162.5],
      ["", na("no Visit draws recorded for visit V9")],
    ]);
  });

  it("answer a key repeated, next to itself or further down, as they answer it alone", () => {
    // A visit on each of its draw lines, then again after another: V2 = 227.50, V3 = 162.50.
    expect(LOTBOOK.visitCogs([["V2"], ["V2"], ["V3"], [" V2 "], [null], ["V2"]], DRAWS, LOTS, OMITTED)).toEqual([[227.5], [227.5], [162.5], [227.5], [""], [227.5]]);
  });

  it("keep an error in a key cell to that cell", () => {
    expect(LOTBOOK.visitCogs([["V1"], [{ code: "#N/A" }], [{ code: "#REF!" }]], DRAWS, LOTS, OMITTED)).toEqual([
      [260],
      [na("the key cell shows #N/A")],
      [value("the key cell shows #REF!")],
    ]);
  });

  it("accept a lot number stored as a number", () => {
    const lots = [...LOTS, ["Botox 100U", 12345, day(2027, 3, 31), day(2026, 9, 1), 50, "U", 7, null, null, null]];
    expect(LOTBOOK.lotCost([[12345]], lots)).toEqual([[7]]);
  });

  it("also take a plain value from a script, answering as a 1×1 array", () => {
    expect(LOTBOOK.visitCogs("V1" as unknown as unknown[][], DRAWS, LOTS, OMITTED)).toEqual([[260]]);
  });
});

describe("table arguments", () => {
  it("without their header row get the engine's sentence on how to pass them", () => {
    expect(thrown(() => LOTBOOK.visitCogs([["V1"]], DRAWS.slice(1), LOTS, OMITTED))).toEqual(
      value("Draws row 1: the first row of the range is not the Draws table's header row (Date, Product, Lot, Qty, …). Pass the whole table with its headers, for example Draws[#All]"),
    );
  });

  it("missing a required column fail every result that reads them", () => {
    const counts = COUNTS.map((r) => r.slice(0, 3));
    expect(thrown(() => LOTBOOK.shrinkageLog(OMITTED, LOTS, DRAWS, counts, OMITTED))).toEqual(
      value("Counts row 1, Counted: the table has no Counted column; add a column headed Counted (or Count, On Hand)"),
    );
  });

  it("given as a single value say to pass the whole table", () => {
    expect(thrown(() => LOTBOOK.lotCost([["V100"]], "Lots" as unknown as unknown[][]))).toEqual(
      value("lots must be the Lots table with its header row, for example Lots[#All], not a single value"),
    );
  });
});

describe("date arguments", () => {
  it("accept date text as well as serial numbers", () => {
    expect(LOTBOOK.lotRemaining([["C4000A1"]], "9/20/2026", OMITTED, LOTS, DRAWS, OMITTED)).toEqual([[80]]);
  });

  it("refuse text that is not a date, naming the argument", () => {
    expect(thrown(() => LOTBOOK.lotRemaining([["V100"]], "soon", OMITTED, LOTS, DRAWS, OMITTED))).toEqual(
      value("as_of: 'soon' is not a date; pass a date, for example TODAY()"),
    );
  });

  it("pass on an error shown in the as_of cell", () => {
    expect(thrown(() => LOTBOOK.stockValue([["*"]], { code: "#N/A" }, OMITTED, LOTS, DRAWS, OMITTED))).toEqual(
      na("as_of: the cell shows #N/A; fix the value or formula there"),
    );
  });

  it("refuse a blank as_of cell (as_of left out means today, below)", () => {
    // A blank cell referenced as as_of can arrive as "", which is not the argument left out.
    expect(thrown(() => LOTBOOK.stockValue([["*"]], "", OMITTED, LOTS, DRAWS, OMITTED))).toEqual(value("as_of is blank; pass a date, for example TODAY()"));
  });
});

describe("number arguments", () => {
  it("accept numbers typed as text and refuse other text, naming the argument", () => {
    expect(LOTBOOK.expiring("120", day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toHaveLength(2);
    expect(thrown(() => LOTBOOK.expiring("soon", day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS))).toEqual(value("days: 'soon' is not a number"));
    expect(thrown(() => LOTBOOK.atRisk(day(2026, 9, 30), 0, OMITTED, LOTS, DRAWS, COUNTS))).toEqual(value("lookback_days must be more than 0, not 0"));
  });
});

describe("MARGIN_BY", () => {
  // Hand costs: V1 40 U × $6.50 = 260, V2 35 × 6.50 = 227.50, V3 25 × 6.50 = 162.50,
  // V4 1 mL × $300 = 300 (Lips, $750) + 20 U × $6.00 = 120 (Glabella, $260).
  it("spills revenue, cost of goods, margin and margin % by service", () => {
    expect(LOTBOOK.marginBy("Service", DRAWS, LOTS, COUNTS)).toEqual([
      ["Service", "Visits", "Revenue", "COGS", "Margin", "Margin %"],
      ["Crow's feet", 1, 325, 162.5, 162.5, 0.5],
      ["Forehead", 1, 455, 227.5, 227.5, 0.5],
      ["Glabella", 2, 780, 380, 400, 400 / 780],
      ["Lips", 1, 750, 300, 450, 0.6],
    ]);
  });

  it("by visit gives each visit's date instead of a count, and agrees with VISIT_COGS and VISIT_MARGIN", () => {
    const byVisit = LOTBOOK.marginBy("visit", DRAWS, LOTS, OMITTED);
    expect(byVisit[0]).toEqual(["Visit", "Date", "Revenue", "COGS", "Margin", "Margin %"]);
    expect(byVisit.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ["V1", day(2026, 9, 2), 520, 260, 260],
      ["V2", day(2026, 9, 3), 455, 227.5, 227.5],
      ["V3", day(2026, 9, 4), 325, 162.5, 162.5],
      ["V4", day(2026, 9, 12), 1010, 420, 590],
    ]);
    const visits = byVisit.slice(1).map((r) => [r[0]]);
    expect(LOTBOOK.visitCogs(visits, DRAWS, LOTS, OMITTED)).toEqual(byVisit.slice(1).map((r) => [r[3]]));
    expect(LOTBOOK.visitMargin(visits, DRAWS, LOTS, OMITTED)).toEqual(byVisit.slice(1).map((r) => [r[4]]));
  });

  it("leaves revenue, margin and margin % blank for a group with no price", () => {
    const draws = DRAWS.map((r, i) => (i === 0 ? r : [...r.slice(0, 10), null]));
    expect(LOTBOOK.marginBy("provider", draws, LOTS, OMITTED)).toEqual([
      ["Provider", "Visits", "Revenue", "COGS", "Margin", "Margin %"],
      ["Dr. Adams", 3, "", 842.5, "", ""],
      ["Dr. Baker", 1, "", 227.5, "", ""],
    ]);
  });

  it("says what group_by must be", () => {
    expect(thrown(() => LOTBOOK.marginBy("patient", DRAWS, LOTS, OMITTED))).toMatchObject(
      value(`group_by must be "visit", "service", "provider" or "product", not 'patient'`),
    );
  });

  it("shows a blocked group's error in its row, with the group named", () => {
    const draws = DRAWS.map((r, i) => (i === 4 ? [...r.slice(0, 10), "seven fifty"] : r));
    const rows = LOTBOOK.marginBy("product", draws, LOTS, OMITTED);
    const error = value("Draws row 5, Price: 'seven fifty' is not an amount of money");
    // Botox: C4000A1's only draw is on V4's blocked row; Juvederm: V100 likewise.
    expect(rows.slice(1)).toEqual([
      ["Botox 100U", error, error, error, error, error],
      ["Juvederm Ultra XC 1mL", error, error, error, error, error],
    ]);
  });
});

describe("STOCK_BY_PRODUCT", () => {
  it("spills units, value at cost and lots in stock per product", () => {
    // Sept 30: C4000A1 counted at 78 U × $6 = 468; V100 holds 1 mL at $300; C3709C3 is empty.
    expect(LOTBOOK.stockByProduct(day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS)).toEqual([
      ["Product", "Unit", "Remaining", "Value", "Lots"],
      ["Botox 100U", "U", 78, 468, 1],
      ["Juvederm Ultra XC 1mL", "mL", 1, 300, 1],
    ]);
  });

  it("adds up to STOCK_VALUE of everything", () => {
    const rows = LOTBOOK.stockByProduct(day(2026, 9, 20), OMITTED, LOTS, DRAWS, OMITTED);
    const total = rows.slice(1).reduce((s, r) => s + (r[3] as number), 0);
    expect(LOTBOOK.stockValue([["*"]], day(2026, 9, 20), OMITTED, LOTS, DRAWS, OMITTED)).toEqual([[total]]);
    // Sept 20, no counts: 80 U × $6 = 480 and 1 mL × $300.
    expect(total).toBe(780);
  });
});

describe("the new argument order on explicit tables", () => {
  const NO_LOCATION =
    "location: this workbook has no Location column in Lots, Draws or Counts, so all its stock is in one place; leave location out";

  it("refuses a location on a workbook without a Location column, with that sentence", () => {
    expect(thrown(() => LOTBOOK.fefoLot([["Botox 100U"]], day(2026, 9, 20), "Room 2", LOTS, DRAWS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.lotRemaining([["C4000A1"]], day(2026, 9, 20), "Room 2", LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.shrinkage([["*"]], "units", "Room 2", LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.shrinkageLog("Room 2", LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.atRisk(day(2026, 9, 30), 365, "Room 2", LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.stockByProduct(day(2026, 9, 30), [["Room 2"]], LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
    expect(thrown(() => LOTBOOK.reorder(day(2026, 9, 30), "Room 2", LOTS, DRAWS, COUNTS))).toEqual(value(NO_LOCATION));
  });

  it("answers a workbook whose Location columns are all blank exactly as one without them", () => {
    const blankColumn = (grid: unknown[][], extra: string[]) => grid.map((r, i) => [...r, ...extra.map((h) => (i === 0 ? h : null))]);
    const [lots, draws, counts] = [blankColumn(LOTS, ["Location"]), blankColumn(DRAWS, ["Location", "To"]), blankColumn(COUNTS, ["Location"])];
    const at = day(2026, 9, 30);
    const pairs: [string, () => unknown, () => unknown][] = [
      ["EXPIRING", () => LOTBOOK.expiring(365, at, OMITTED, LOTS, DRAWS, COUNTS), () => LOTBOOK.expiring(365, at, OMITTED, lots, draws, counts)],
      ["AT_RISK", () => LOTBOOK.atRisk(at, 365, OMITTED, LOTS, DRAWS, COUNTS), () => LOTBOOK.atRisk(at, 365, OMITTED, lots, draws, counts)],
      ["REORDER", () => LOTBOOK.reorder(at, OMITTED, LOTS, DRAWS, COUNTS, PRODUCTS), () => LOTBOOK.reorder(at, OMITTED, lots, draws, counts, PRODUCTS)],
      ["OPEN_VIALS", () => LOTBOOK.openVials(at, OMITTED, LOTS, DRAWS, PRODUCTS), () => LOTBOOK.openVials(at, OMITTED, lots, draws, PRODUCTS)],
      ["SHRINKAGE_LOG", () => LOTBOOK.shrinkageLog(OMITTED, LOTS, DRAWS, COUNTS, PRODUCTS), () => LOTBOOK.shrinkageLog(OMITTED, lots, draws, counts, PRODUCTS)],
      ["STOCK_BY_PRODUCT", () => LOTBOOK.stockByProduct(at, OMITTED, LOTS, DRAWS, COUNTS), () => LOTBOOK.stockByProduct(at, OMITTED, lots, draws, counts)],
      ["STOCK_VALUE", () => LOTBOOK.stockValue([["*"]], at, OMITTED, LOTS, DRAWS, COUNTS), () => LOTBOOK.stockValue([["*"]], at, OMITTED, lots, draws, counts)],
      ["FEFO_PLAN", () => LOTBOOK.fefoPlan("Botox 100U", 100, at, OMITTED, LOTS, DRAWS, COUNTS), () => LOTBOOK.fefoPlan("Botox 100U", 100, at, OMITTED, lots, draws, counts)],
      ["RECALL", () => LOTBOOK.recall("C3709C3", DRAWS, LOTS), () => LOTBOOK.recall("C3709C3", draws, lots)],
      ["CHECK", () => LOTBOOK.check(LOTS, DRAWS, COUNTS, PRODUCTS), () => LOTBOOK.check(lots, draws, counts, PRODUCTS)],
    ];
    for (const [name, without, blank] of pairs) expect([name, blank()]).toEqual([name, without()]);
    // No Location column in any list, and a location asked for is refused as no location is named.
    expect((LOTBOOK.expiring(365, at, OMITTED, lots, draws, counts) as unknown[][])[0]).not.toContain("Location");
    expect(thrown(() => LOTBOOK.stockValue([["*"]], at, "Room 2", lots, draws, counts))).toEqual(
      value("location: no Location cell of Lots, Draws or Counts names a location yet, so all the stock is in one place; leave location out"),
    );
  });

  it("takes a blank location as all locations together", () => {
    for (const blank of [OMITTED, "", "  ", [[null]]]) {
      expect(LOTBOOK.lotRemaining([["C4000A1"]], day(2026, 9, 20), blank, LOTS, DRAWS, COUNTS)).toEqual([[80]]);
    }
  });

  it("reads an omitted as_of as the context's today", () => {
    const sept20 = { dateSystem: 1900 as const, today: day(2026, 9, 20) };
    const sept30 = { dateSystem: 1900 as const, today: day(2026, 9, 30) };
    expect(LOTBOOK.lotRemaining([["C4000A1"]], OMITTED, OMITTED, LOTS, DRAWS, COUNTS, sept20)).toEqual(
      LOTBOOK.lotRemaining([["C4000A1"]], day(2026, 9, 20), OMITTED, LOTS, DRAWS, COUNTS, sept20),
    );
    expect(LOTBOOK.lotRemaining([["C4000A1"]], OMITTED, OMITTED, LOTS, DRAWS, COUNTS, sept20)).toEqual([[80]]);
    expect(LOTBOOK.lotRemaining([["C4000A1"]], OMITTED, OMITTED, LOTS, DRAWS, COUNTS, sept30)).toEqual([[78]]);
    expect(LOTBOOK.fefoLot([["Botox 100U"]], OMITTED, OMITTED, LOTS, DRAWS, COUNTS, OMITTED, sept20)).toEqual([["C4000A1"]]);
    expect(LOTBOOK.stockByProduct(OMITTED, OMITTED, LOTS, DRAWS, COUNTS, sept30)).toEqual(
      LOTBOOK.stockByProduct(day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS, sept30),
    );
    expect(LOTBOOK.atRisk(OMITTED, 365, OMITTED, LOTS, DRAWS, COUNTS, sept30)).toEqual(
      LOTBOOK.atRisk(day(2026, 9, 30), 365, OMITTED, LOTS, DRAWS, COUNTS, sept30),
    );
    expect(LOTBOOK.expiring(150, OMITTED, OMITTED, LOTS, DRAWS, COUNTS, sept30)).toEqual(
      LOTBOOK.expiring(150, day(2026, 9, 30), OMITTED, LOTS, DRAWS, COUNTS, sept30),
    );
  });

  describe("in a 1904 workbook", () => {
    // The same practice with every date a 1904 serial (1,462 less than in the 1900 system).
    const to1904 = (serial: unknown): unknown => {
      if (typeof serial !== "number") return serial;
      const { year, month, day: d } = ymdFromSerial(serial as Serial, 1900);
      return serialFromYmd(year, month, d, 1904);
    };
    const withDates = (grid: unknown[][], columns: readonly number[]) =>
      grid.map((row, i) => (i === 0 ? row : row.map((cell, j) => (columns.includes(j) ? to1904(cell) : cell))));
    const LOTS_1904 = withDates(LOTS, [2, 3]);
    const DRAWS_1904 = withDates(DRAWS, [0]);
    const COUNTS_1904 = withDates(COUNTS, [0]);
    const in1900 = { dateSystem: 1900 as const, today: day(2026, 1, 1) };
    const in1904 = { dateSystem: 1904 as const, today: serialFromYmd(2026, 1, 1, 1904) };

    it("converts the tables' dates as the workbook would hold them", () => {
      expect(LOTS_1904[1][2]).toBe(day(2027, 6, 30) - 1462);
      expect(DRAWS_1904[1][0]).toBe(day(2026, 9, 2) - 1462);
    });

    it("reads text as_of in the workbook's date system", () => {
      // Read as a 1900 serial, "2026-09-20" would fall in 2030: C4000A1 expired, counted at 78.
      const fefo1900 = LOTBOOK.fefoLot([["Botox 100U"]], "2026-09-20", OMITTED, LOTS, DRAWS, COUNTS, OMITTED, in1900);
      const fefo1904 = LOTBOOK.fefoLot([["Botox 100U"]], "2026-09-20", OMITTED, LOTS_1904, DRAWS_1904, COUNTS_1904, OMITTED, in1904);
      expect(fefo1900).toEqual([["C4000A1"]]);
      expect(fefo1904).toEqual(fefo1900);

      const left1900 = LOTBOOK.lotRemaining([["C4000A1"], ["V100"]], "2026-09-20", OMITTED, LOTS, DRAWS, COUNTS, in1900);
      const left1904 = LOTBOOK.lotRemaining([["C4000A1"], ["V100"]], "2026-09-20", OMITTED, LOTS_1904, DRAWS_1904, COUNTS_1904, in1904);
      expect(left1900).toEqual([[80], [1]]);
      expect(left1904).toEqual(left1900);
    });

    it("reads an omitted as_of as the 1904 context's today", () => {
      const sept20 = { dateSystem: 1904 as const, today: serialFromYmd(2026, 9, 20, 1904) };
      expect(LOTBOOK.lotRemaining([["C4000A1"]], OMITTED, OMITTED, LOTS_1904, DRAWS_1904, COUNTS_1904, sept20)).toEqual([[80]]);
      expect(LOTBOOK.fefoLot([["Botox 100U"]], OMITTED, OMITTED, LOTS_1904, DRAWS_1904, COUNTS_1904, OMITTED, sept20)).toEqual([["C4000A1"]]);
    });
  });

  it("names a required table left out when another table is given", () => {
    expect(thrown(() => LOTBOOK.visitCogs([["V1"]], DRAWS, OMITTED))).toEqual(
      value("lots is missing: pass the Lots table with its header row, for example Lots[#All]"),
    );
    expect(thrown(() => LOTBOOK.visitCogs([["V1"]], OMITTED, LOTS))).toEqual(value(expect.stringMatching(/^draws is missing/)));
    expect(thrown(() => LOTBOOK.fefoLot([["Botox 100U"]], day(2026, 9, 20), OMITTED, LOTS))).toEqual(value(expect.stringMatching(/^draws is missing/)));
    expect(thrown(() => LOTBOOK.shrinkage([["*"]], OMITTED, OMITTED, LOTS, DRAWS))).toEqual(value(expect.stringMatching(/^counts is missing/)));
    expect(thrown(() => LOTBOOK.openVials(day(2026, 9, 2), OMITTED, LOTS, DRAWS))).toEqual(value(expect.stringMatching(/^products is missing/)));
  });

  it("still answers with an optional table left out", () => {
    expect(LOTBOOK.recall("C3709C3", DRAWS)).toHaveLength(4);
    expect(LOTBOOK.visitCogs([["V1"]], DRAWS, LOTS)).toEqual([[260]]);
  });
});
