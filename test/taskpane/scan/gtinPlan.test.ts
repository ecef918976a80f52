import { serialFromYmd } from "../../../src/core";
import { books, type Books } from "../../../src/taskpane/form/books";
import { planGtin } from "../../../src/taskpane/scan/gtinPlan";
import type { CellValue } from "../../../src/workbook/port";
import { BOTOX_CARTON_GTIN, BOTOX_GTIN, JUVEDERM_GTIN } from "./_scanPractice";

const LOTS: CellValue[][] = [
  ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"],
  ["Botox 100U", "C3709C3", serialFromYmd(2027, 6, 30), serialFromYmd(2026, 1, 5), 200, "U", 6.5],
  ["Juvederm Ultra XC", "JU2207", serialFromYmd(2027, 3, 31), serialFromYmd(2026, 1, 5), 2, "mL", 350],
];

function withProducts(products: CellValue[][] | null): Books {
  const table = (name: string, values: CellValue[][]) => ({ name, address: `${name}!A1`, values });
  return books({ Lots: table("Lots", LOTS), Products: products === null ? null : table("Products", products) }, 1900);
}

describe("planning where a new GTIN goes in Products", () => {
  it("fills the product's empty GTIN cell, found by name as the engine finds it", () => {
    const plan = planGtin(withProducts([["Product", "Unit", "GTIN"], ["Botox 100U", "U", BOTOX_GTIN], ["Juvederm Ultra XC", "mL", null]]), "juvederm  ultra xc", JUVEDERM_GTIN);
    expect(plan).toEqual({
      kind: "write",
      change: { kind: "cell", row: 3, product: "Juvederm Ultra XC", expected: null, value: JUVEDERM_GTIN },
      says: `GTIN ${JUVEDERM_GTIN} will be added to Products row 3, Juvederm Ultra XC.`,
    });
  });

  it("takes the 0 older Excel builds put in an empty text cell for empty", () => {
    const plan = planGtin(withProducts([["Product", "GTIN"], ["Botox 100U", 0]]), "Botox 100U", BOTOX_GTIN);
    expect(plan.kind === "write" && plan.change).toEqual({ kind: "cell", row: 2, product: "Botox 100U", expected: 0, value: BOTOX_GTIN });
  });

  it("adds a second GTIN after the first, expecting the first still there", () => {
    const plan = planGtin(withProducts([["Product", "GTIN"], ["Botox 100U", BOTOX_GTIN]]), "Botox 100U", BOTOX_CARTON_GTIN);
    expect(plan.kind === "write" && plan.change).toEqual({ kind: "cell", row: 2, product: "Botox 100U", expected: BOTOX_GTIN, value: `${BOTOX_GTIN}, ${BOTOX_CARTON_GTIN}` });
  });

  it("writes nothing when the row already gives that GTIN (another product's row gives it too)", () => {
    // Excel dropped the leading zeros of the number typed in the cell.
    const plan = planGtin(withProducts([["Product", "GTIN"], ["Botox 100U", 361234567890], ["Dysport", BOTOX_GTIN]]), "Botox 100U", BOTOX_GTIN);
    expect(plan.kind).toBe("none");
    expect(plan.says).toMatch(/^Products row 2 already gives GTIN 00361234567890 for Botox 100U, and another row gives it too/);
  });

  it("appends a row with the unit the product's lots are in, where Products has a Unit column", () => {
    expect(planGtin(withProducts([["Product", "Unit", "GTIN"]]), "Juvederm Ultra XC", JUVEDERM_GTIN)).toEqual({
      kind: "write",
      change: { kind: "append", entry: { Product: "Juvederm Ultra XC", GTIN: JUVEDERM_GTIN, Unit: "mL" } },
      says: `A row will be added to Products: Juvederm Ultra XC, GTIN ${JUVEDERM_GTIN}, unit mL.`,
    });
    const plan = planGtin(withProducts([["Product", "GTIN"]]), "Juvederm Ultra XC", JUVEDERM_GTIN);
    expect(plan.kind === "write" && plan.change).toEqual({ kind: "append", entry: { Product: "Juvederm Ultra XC", GTIN: JUVEDERM_GTIN } });
  });

  it("says plainly what is missing when Products cannot take a GTIN", () => {
    expect(planGtin(withProducts([["Product", "Unit"], ["Botox 100U", "U"]]), "Botox 100U", BOTOX_GTIN)).toEqual({
      kind: "none",
      says: "Add a column headed GTIN to the Products table so that Lotbook can remember this barcode. This scan still fills the form.",
    });
    expect(planGtin(withProducts(null), "Botox 100U", BOTOX_GTIN).says).toMatch(/^This workbook has no Products table/);
  });

  it("finds the GTIN column under its aliases", () => {
    const plan = planGtin(withProducts([["Item", "Barcode"], ["Botox 100U", null]]), "Botox 100U", BOTOX_GTIN);
    expect(plan.kind === "write" && plan.change).toEqual({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: BOTOX_GTIN });
  });
});
