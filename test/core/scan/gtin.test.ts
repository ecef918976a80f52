import { gs1CheckDigit, gtin14, hasValidCheckDigit, normalizeGtin } from "../../../src/core/scan";

describe("the GS1 check digit", () => {
  it("weights the digits 3, 1, 3, … from the right and tops the sum up to a multiple of ten", () => {
    // 0031234567890, from the right: 0·3 + 9·1 + 8·3 + 7·1 + 6·3 + 5·1 + 4·3 + 3·1 + 2·3 + 1·1 + 3·3 + 0·1 + 0·3
    //   = 0 + 9 + 24 + 7 + 18 + 5 + 12 + 3 + 6 + 1 + 9 + 0 + 0 = 94 → 100 − 94 = 6
    expect(gs1CheckDigit("0031234567890")).toBe(6);
    // 0950110102091 (GS1 DataMatrix Guideline's GTIN 09501101020917):
    //   1·3 + 9 + 0·3 + 2 + 0·3 + 1 + 0·3 + 1 + 1·3 + 0 + 5·3 + 9 + 0·3 = 43 → 7
    expect(gs1CheckDigit("0950110102091")).toBe(7);
    // 0950600013435 (GS1 Digital Link's GTIN 09506000134352):
    //   5·3 + 3 + 4·3 + 3 + 1·3 + 0 + 0 + 0 + 6·3 + 0 + 5·3 + 9 + 0 = 78 → 2
    expect(gs1CheckDigit("0950600013435")).toBe(2);
    // A sum already a multiple of ten gives 0: 0036123456789 → 27+8+21+6+15+4+9+2+3+6+9+0+0 = 110 → 0
    expect(gs1CheckDigit("0036123456789")).toBe(0);
  });

  it("is the same for a GTIN-12, -13 and its 14-digit form, because leading zeros add nothing", () => {
    expect(gs1CheckDigit("31234567890")).toBe(6);
    expect(hasValidCheckDigit("312345678906")).toBe(true);
    expect(hasValidCheckDigit("0312345678906")).toBe(true);
    expect(hasValidCheckDigit("00312345678906")).toBe(true);
    expect(hasValidCheckDigit("00312345678905")).toBe(false);
  });
});

describe("GTINs", () => {
  it("are compared as 14 digits: GTIN-8, -12 and -13 are padded with zeros", () => {
    // GTIN-8 9638507·: 7·3 + 0 + 5·3 + 8 + 3·3 + 6 + 9·3 = 21+0+15+8+9+6+27 = 86 → 4
    expect(normalizeGtin("96385074")).toBe("00000096385074");
    expect(normalizeGtin("312345678906")).toBe("00312345678906");
    expect(normalizeGtin("0312345678906")).toBe("00312345678906");
    expect(normalizeGtin("00312345678906")).toBe("00312345678906");
  });

  it("come back whole from a number cell that lost its leading zeros, and ignore spaces and hyphens", () => {
    expect(normalizeGtin(312345678906)).toBe("00312345678906");
    expect(normalizeGtin("0 0312 34567 8906")).toBe("00312345678906");
    expect(normalizeGtin("0-03-12345-67890-6")).toBe("00312345678906");
  });

  it("say what is wrong with what is not a GTIN", () => {
    expect(gtin14("00312345678905")).toEqual({ problem: "checkDigit", expected: 6 });
    expect(gtin14("123")).toEqual({ problem: "length" });
    expect(gtin14("003123456789061")).toEqual({ problem: "length" });
    expect(gtin14("0031234567890A")).toEqual({ problem: "digits" });
    expect(normalizeGtin("00312345678905")).toBeNull();
  });
});
