import { MemoryWorkbook } from "../../src/workbook/memory";

const TOXIN = "00361234567890";
const FILLER = "07350012345679";

function products(rows: (string | number | null)[][], header = ["Product", "Unit", "GTIN"]) {
  return MemoryWorkbook.with({ Products: [header, ...rows] });
}

describe("recording a GTIN in Products in memory, as Excel would", () => {
  it("fills the empty GTIN cell as text, leading zeros kept", async () => {
    const wb = products([["Botox 100U", "U", null]]);
    await wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: TOXIN });
    expect(wb.table("Products")?.rows).toEqual([["Botox 100U", "U", TOXIN]]);
  });

  it("refuses, writing nothing, when the GTIN cell no longer holds what was read", async () => {
    const wb = products([["Botox 100U", "U", FILLER]]);
    await expect(wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: "", value: TOXIN })).rejects.toThrow(
      "The GTIN cell of Products row 2 (Botox 100U) changed since Lotbook read it. Nothing was written; scan again.",
    );
    expect(wb.table("Products")?.rows).toEqual([["Botox 100U", "U", FILLER]]);
  });

  it("refuses a row past the end of the table as a row that no longer lists the product", async () => {
    const wb = products([["Botox 100U", "U", null]]);
    await expect(wb.recordGtin({ kind: "cell", row: 3, product: "Botox 100U", expected: null, value: TOXIN })).rejects.toThrow(
      "Products row 3 no longer lists Botox 100U",
    );
  });

  it("appends a row, and refuses one when Products has no GTIN column", async () => {
    const wb = products([]);
    await wb.recordGtin({ kind: "append", entry: { Product: "Botox 100U", Unit: "U", GTIN: TOXIN } });
    expect(wb.table("Products")?.rows).toEqual([["Botox 100U", "U", TOXIN]]);
    const without = products([], ["Product", "Unit"]);
    await expect(without.recordGtin({ kind: "append", entry: { Product: "Botox 100U", GTIN: TOXIN } })).rejects.toThrow(/^The Products table has no GTIN column/);
    expect(without.table("Products")?.rows).toEqual([]);
  });

  it("fails as Excel would, writing nothing", async () => {
    const wb = products([["Botox 100U", "U", null]]);
    wb.failNext = "The workbook is read-only";
    await expect(wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: TOXIN })).rejects.toThrow(
      "Excel could not complete this (The workbook is read-only). Nothing was written.",
    );
    expect(wb.table("Products")?.rows).toEqual([["Botox 100U", "U", null]]);
  });
});
