import { excelError, isBlank, isBlankText, showCell } from "../../src/core/cells";

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
