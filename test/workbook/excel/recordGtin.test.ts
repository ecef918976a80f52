import { ExcelWorkbook } from "../../../src/workbook/excel/excelWorkbook";
import type { CellValue } from "../../../src/workbook/port";
import { fakeExcel } from "./_fakeExcel";

const HEADER = ["Product", "Unit", "GTIN"];
const TOXIN = "00361234567890";
const FILLER = "07350012345679";

function withProducts(rows: CellValue[][], header: CellValue[] = HEADER) {
  const excel = fakeExcel({ tables: [{ name: "Products", sheet: "Products", values: [header, ...rows] }] });
  return { excel, workbook: new ExcelWorkbook(excel.host) };
}

describe("recording a GTIN in Products through Excel", () => {
  it("fills the empty GTIN cell of the product's row, as text, in two syncs", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U", null], ["Juvederm Ultra XC", "mL", null]]);
    await workbook.recordGtin({ kind: "cell", row: 3, product: "Juvederm Ultra XC", expected: null, value: FILLER });
    expect(excel.log.syncs).toBe(2);
    // Row 3 counting the header as 1 is index 2 of the range; the apostrophe keeps the leading zero.
    expect(excel.log.cellsSet).toEqual([{ row: 2, column: 2, value: `'${FILLER}` }]);
    expect(excel.state.tables[0].values[1]).toEqual(["Botox 100U", "U", null]);
  });

  it("adds a second GTIN after the one already there when the cell still holds it", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U", TOXIN]]);
    await workbook.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: TOXIN, value: `${TOXIN}, ${FILLER}` });
    expect(excel.state.tables[0].values[1]).toEqual(["Botox 100U", "U", `'${TOXIN}, ${FILLER}`]);
    expect(excel.log.syncs).toBe(2);
  });

  it("writes nothing when someone changed the GTIN cell after the pane read it", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U", "00312345678906"]]);
    await expect(workbook.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: TOXIN })).rejects.toThrow(
      "The GTIN cell of Products row 2 (Botox 100U) changed since Lotbook read it. Nothing was written; scan again.",
    );
    expect(excel.log.syncs).toBe(1);
    expect(excel.log.cellsSet).toEqual([]);
    expect(excel.state.tables[0].values[1]).toEqual(["Botox 100U", "U", "00312345678906"]);
  });

  it("writes nothing when the row now lists another product (the table was sorted)", async () => {
    const { excel, workbook } = withProducts([["Juvederm Ultra XC", "mL", null], ["Botox 100U", "U", null]]);
    await expect(workbook.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: TOXIN })).rejects.toThrow(
      "Products row 2 no longer lists Botox 100U: the table changed since Lotbook read it. Nothing was written; scan again.",
    );
    expect(excel.log.cellsSet).toEqual([]);
  });

  it("appends a row with the product, its unit and the GTIN in two syncs", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U", TOXIN]]);
    await workbook.recordGtin({ kind: "append", entry: { Product: "Juvederm Ultra XC", Unit: "mL", GTIN: FILLER } });
    expect(excel.log.syncs).toBe(2);
    expect(excel.log.rowsAdded).toEqual([[["Juvederm Ultra XC", "mL", `'${FILLER}`]]]);
  });

  it("says to add a GTIN column when Products has none, and writes nothing", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U"]], ["Product", "Unit"]);
    await expect(workbook.recordGtin({ kind: "append", entry: { Product: "Juvederm Ultra XC", GTIN: FILLER } })).rejects.toThrow(
      "The Products table has no GTIN column. Add a column headed GTIN to the Products table, then scan again. Nothing was written.",
    );
    expect(excel.log.syncs).toBe(1);
    expect(excel.log.rowsAdded).toEqual([]);
  });

  it("leaves the cell as it was when Excel fails while writing it", async () => {
    const { excel, workbook } = withProducts([["Botox 100U", "U", null]]);
    excel.failSync(2, "GeneralException", "The request failed");
    await expect(workbook.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: TOXIN })).rejects.toThrow(
      "Excel could not complete this (The request failed). Nothing was written.",
    );
    expect(excel.state.tables[0].values[1]).toEqual(["Botox 100U", "U", null]);
  });

  it("says how to make a missing Products table", async () => {
    const excel = fakeExcel();
    await expect(new ExcelWorkbook(excel.host).recordGtin({ kind: "append", entry: { Product: "Botox 100U", GTIN: TOXIN } })).rejects.toThrow(
      "This workbook has no Products table. Create it with Set up, then try again. Nothing was written.",
    );
  });
});
