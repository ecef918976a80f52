import { join } from "path";
import { stream } from "exceljs";
import { assertBuilt, DRAWS_HEADER, lotbook, tempDir, ymd } from "./_workbooks";

const DRAWS = 100_000;
const LOTS = 10;

/**
 * Ten lots of 20,000 U at $5.00 received 12/1/2024, expiring in 2030; 100,000 visit draws of 1 U,
 * lot by lot in turn, 100 a day from 1/1/2025 (the last on 9/27/2027). Written with ExcelJS's
 * streaming writer, as plain sheets, to keep the test quick.
 */
async function writeLargeWorkbook(path: string): Promise<void> {
  const wb = new stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const lots = wb.addWorksheet("Lots");
  lots.addRow(["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"]).commit();
  for (let i = 0; i < LOTS; i++) {
    const row = lots.addRow(["Botox 100U", `L${1000 + i}`, ymd(2030, 1 + i, 28), ymd(2024, 12, 1), 20_000, "U", 5]);
    row.getCell(3).numFmt = "m/d/yyyy";
    row.getCell(4).numFmt = "m/d/yyyy";
    row.commit();
  }
  lots.commit();
  const draws = wb.addWorksheet("Draws");
  draws.addRow(DRAWS_HEADER).commit();
  for (let i = 0; i < DRAWS; i++) {
    const row = draws.addRow([ymd(2025, 1, 1 + Math.floor(i / 100)), `V${i + 1}`, `P-${i % 5000}`, "Botox 100U", `L${1000 + (i % LOTS)}`, 1, "Visit", 14]);
    row.getCell(1).numFmt = "m/d/yyyy";
    row.commit();
  }
  draws.commit();
  await wb.commit();
}

describe("lotbook audit on a large workbook", () => {
  it("audits 100,000 draws in seconds, to the cent", async () => {
    assertBuilt();
    const file = join(tempDir(), "large.xlsx");
    await writeLargeWorkbook(file);
    const r = lotbook("audit", file, "--as-of", "2028-01-01", "--json");
    console.log(`lotbook audit of ${DRAWS.toLocaleString("en-US")} draws took ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.tables.Draws).toEqual({ from: "sheet", sheet: "Draws", range: "A1:H100001" });
    expect(a.diagnostics).toEqual([]);
    // Bought 10 × 20,000 U × $5 = $1,000,000; drawn 100,000 U × $5 = $500,000; 10,000 U left in each lot.
    expect(a.conservation).toEqual({ purchases: 1_000_000, cogs: 500_000, waste: 0, expired: 0, sample: 0, return: 0, shrinkage: 0, onHand: 500_000, residue: 0 });
    expect(a.stockValue.total).toBe(500_000);
    // No visit in the 90 days before 1/1/2028, so nothing is forecast to be used: all of it is at risk.
    expect(a.atRisk.value).toBe(500_000);
    expect(a.alerts).toEqual([]);
    expect(r.ms).toBeLessThan(60_000);
  }, 180_000);
});
