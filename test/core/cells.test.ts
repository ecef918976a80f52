import { buildLedger, check, moneyToNumber, visitCogs, type Grid } from "../../src/core";
import { basicCell, excelError, isBlank, isBlankText, showCell } from "../../src/core/cells";

describe("Excel error values in cells", () => {
  it("are read from text, from CustomFunctions errors and from error data types", () => {
    expect(excelError("#N/A")).toBe("#N/A");
    expect(excelError({ code: "#REF!" })).toBe("#REF!");
    expect(excelError({ basicValue: "#N/A", errorType: "NotAvailable" })).toBe("#N/A");
    expect(excelError("#hashtag")).toBeNull();
    expect(excelError(12)).toBeNull();
  });
});

describe("blank cells", () => {
  it("are null, undefined or spaces; a 0 counts as blank only in text columns", () => {
    expect([null, undefined, "", "   "].every(isBlank)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlankText(0)).toBe(true);
    expect(showCell("  soon ")).toBe("'soon'");
    expect(showCell(null)).toBe("a blank cell");
  });
});

// Shapes from learn.microsoft.com/javascript/api/excel/excel.entitycellvalue (type "Entity", text
// shown in the cell, basicType "Error", basicValue "#VALUE!") and excel.formattednumbercellvalue
// (type "FormattedNumber", basicValue the number, numberFormat): what a custom function is handed
// for such cells when its metadata carries allowCustomDataForDataTypeAny.
const BOTOX_ENTITY = { type: "Entity", text: "Botox 100U", basicType: "Error", basicValue: "#VALUE!", properties: { Maker: { type: "String", basicValue: "Allergan" } } };
const SIX_FIFTY = { type: "FormattedNumber", basicValue: 6.5, basicType: "Double", numberFormat: "$0.00" };

describe("cells holding Excel data types", () => {
  it("read as the text an entity shows and the number a formatted number holds", () => {
    expect(basicCell(BOTOX_ENTITY)).toBe("Botox 100U");
    expect(basicCell(SIX_FIFTY)).toBe(6.5);
    expect(basicCell({ type: "Double", basicValue: 40 })).toBe(40);
    expect(excelError(basicCell(BOTOX_ENTITY))).toBeNull();
  });

  it("stay errors where there is no plain value: an error value, an in-cell picture", () => {
    expect(excelError(basicCell({ type: "Error", basicValue: "#N/A", errorType: "NotAvailable" }))).toBe("#N/A");
    const picture = { type: "WebImage", basicValue: "#VALUE!", address: "https://example.com/a.png" };
    expect(excelError(basicCell(picture))).toBe("#VALUE!");
    expect(basicCell("plain")).toBe("plain");
    expect(basicCell(null)).toBeNull();
  });

  it("let a ledger whose Product is an entity and whose cost is a formatted number cost its visits", () => {
    // 40 U at $6.50 a unit: 260 (the worked example), with the cells as data types.
    const ledger = buildLedger({
      lots: [["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"], [BOTOX_ENTITY, "C3709C3", 47000, 46000, 100, "U", SIX_FIFTY]] as Grid,
      draws: [["Date", "Visit", "Patient", "Product", "Lot", "Qty"], [46001, "V1", "P-001", BOTOX_ENTITY, "C3709C3", { type: "Double", basicValue: 40 }]] as Grid,
    });
    expect(check(ledger)).toEqual([]);
    const cogs = visitCogs(ledger, "V1");
    expect(cogs.ok && moneyToNumber(cogs.value)).toBe(260);
  });
});
