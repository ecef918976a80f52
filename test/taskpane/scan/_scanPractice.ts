// The practice of `../_practice` with a GTIN column in Products, for scanning. GTINs made up,
// check digits by hand (weights 3, 1, 3, … from the right of the first 13 digits):
// - Botox 100U vial 0036123456789·: 27+8+21+6+15+4+9+2+3+6+9+0+0 = 110 → 0
// - Botox 100U carton 1036123456789·: the same but a leading 1·3: 113 → 7
// - Juvederm Ultra XC 0735001234567·: 21+6+15+4+9+2+3+0+0+5+9+7+0 = 81 → 9
import type { CellValue } from "../../../src/workbook/port";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { practice } from "../_practice";

export const BOTOX_GTIN = "00361234567890";
export const BOTOX_CARTON_GTIN = "10361234567897";
export const JUVEDERM_GTIN = "07350012345679";
export const GS = "\u001d";

export const PRODUCTS_HEADER = ["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit", "GTIN"];
export const BOTOX_ROW: CellValue[] = ["Botox 100U", "U", 100, null, "90,60,30", 0.05, 14, BOTOX_GTIN];
export const JUVEDERM_ROW: CellValue[] = ["Juvederm Ultra XC", "mL", null, null, null, null, null, JUVEDERM_GTIN];

/** The practice, its Products table with a GTIN column holding these rows. */
export function scanPractice(products: readonly CellValue[][] = [BOTOX_ROW]): MemoryWorkbook {
  const wb = practice();
  const [lots, draws, counts] = (["Lots", "Draws", "Counts"] as const).map((name) => {
    const t = wb.table(name)!;
    return [t.header, ...t.rows];
  });
  return MemoryWorkbook.with({ Lots: lots, Draws: draws, Counts: counts, Products: [PRODUCTS_HEADER, ...products.map((r) => [...r])] });
}
