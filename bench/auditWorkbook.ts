import { existsSync, mkdirSync, renameSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stream } from "exceljs";

/** Bump when the generated practice changes, so cached files are made again. */
const VERSION = 2;
const PRODUCTS = 20;
const LOTS_PER_PRODUCT = 100;
/** Units per receipt: 100 lots × 1,000 U per product, more than its draws ever take. */
const LOT_QTY = 1_000;
const DRAWS_PER_DAY = 900;

const day = (serial: number): Date => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
/** 1/1/2025 as a serial of the 1900 date system. */
const START = 45658;

/**
 * A practice as Excel would save it, with `draws` rows in Draws: 20 products of 100 lots each
 * (1,000 U at $2.00–$9.60, received 12/1/2024, expiring in 2031), visits of one to three lines
 * drawn lot by lot in date order (900 draws a day from 1/1/2025, the last of each day a Waste of 1 U), a
 * pool of 20,000 patients, and one count per product. Shared strings and date formats are written
 * as Excel writes them. Made once per size and kept in the system's temporary folder.
 * @example const file = await auditWorkbook(250_000)
 */
export async function auditWorkbook(draws: number): Promise<string> {
  const dir = join(tmpdir(), "lotbook-bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `audit-v${VERSION}-${draws}.xlsx`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const wb = new stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: true });
  const name = (p: number) => `Product ${String(p + 1).padStart(2, "0")} 100U`;
  const lotOf = (p: number, l: number) => `L${String(p + 1).padStart(2, "0")}-${String(l).padStart(4, "0")}`;

  const products = wb.addWorksheet("Products");
  products.addRow(["Product", "Unit", "Vial Size", "Alert Days"]).commit();
  for (let p = 0; p < PRODUCTS; p++) products.addRow([name(p), "U", 100, "90,60,30"]).commit();
  products.commit();

  const lots = wb.addWorksheet("Lots");
  lots.addRow(["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Supplier", "PO"]).commit();
  for (let p = 0; p < PRODUCTS; p++) {
    for (let l = 0; l < LOTS_PER_PRODUCT; l++) {
      // Never the 1st of a month, which Lotbook rightly asks about.
      const expires = day(START + 2200 + l + (day(START + 2200 + l).getUTCDate() === 1 ? 1 : 0));
      const row = lots.addRow([name(p), lotOf(p, l), expires, day(START - 31), LOT_QTY, "U", 2 + (p * 0.4), "Allergan", `PO-${p}-${l}`]);
      row.getCell(3).numFmt = "m/d/yyyy";
      row.getCell(4).numFmt = "m/d/yyyy";
      row.commit();
    }
  }
  lots.commit();

  const sheet = wb.addWorksheet("Draws");
  sheet.addRow(["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price"]).commit();
  const drawn = new Array<number>(PRODUCTS).fill(0);
  let visit = 0;
  for (let i = 0; i < draws; ) {
    visit++;
    const lines = 1 + (visit % 3);
    const date = day(START + Math.floor(i / DRAWS_PER_DAY));
    const patient = `P-${String((visit * 7919) % 20_000).padStart(5, "0")}`;
    for (let k = 0; k < lines && i < draws; k++, i++) {
      const p = (visit + k) % PRODUCTS;
      const lot = lotOf(p, Math.floor(drawn[p] / LOT_QTY));
      drawn[p] += 1;
      const waste = i % DRAWS_PER_DAY === DRAWS_PER_DAY - 1;
      const row = sheet.addRow([
        date, waste ? null : `V${visit}`, waste ? null : patient, `Dr ${1 + (visit % 5)}`, waste ? null : `Service ${1 + (p % 10)}`,
        name(p), lot, 1, "U", waste ? "Waste" : "Visit", waste ? null : 14,
      ]);
      row.getCell(1).numFmt = "m/d/yyyy";
      row.commit();
    }
  }
  sheet.commit();

  const counts = wb.addWorksheet("Counts");
  counts.addRow(["Date", "Product", "Lot", "Counted"]).commit();
  for (let p = 0; p < PRODUCTS; p++) {
    // The last lot of each product, never drawn from: all 1,000 U are there.
    const row = counts.addRow([day(START + 30), name(p), lotOf(p, LOTS_PER_PRODUCT - 1), LOT_QTY]);
    row.getCell(1).numFmt = "m/d/yyyy";
    row.commit();
  }
  counts.commit();
  await wb.commit();
  renameSync(partial, file);
  return file;
}
