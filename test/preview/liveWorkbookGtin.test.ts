import { LiveWorkbook } from "../../src/preview/liveWorkbook";

describe("the preview's workbook", () => {
  it("tells its listeners of a GTIN recorded in Products, and of none refused", async () => {
    const wb = new LiveWorkbook();
    wb.tables.set("products", {
      name: "Products", sheet: "Products", header: ["Product", "GTIN"], rows: [["Botox 100U", null]],
      numberFormats: [null, null], validations: [], conditionalFormats: [],
    });
    let heard = 0;
    wb.subscribe(() => heard++);
    await wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: "00361234567890" });
    await expect(wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: "07350012345679" })).rejects.toThrow(/changed since Lotbook read it/);
    expect(heard).toBe(1);
    expect(wb.table("Products")?.rows).toEqual([["Botox 100U", "00361234567890"]]);
  });
});
