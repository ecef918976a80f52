// Set up's expiry highlighting, evaluated by a real spreadsheet engine: each rule's formula is
// written into cells beside a grid of (Alert Days, days to expiry) cases, LibreOffice recalculates
// and saves the workbook, and the first rule that holds in each row must be the band the rule
// stated in the core (`highlightBand`) gives for what the engine reads of that product.
import { Workbook } from "exceljs";
import { buildLedger, DEFAULT_ALERT_DAYS, highlightBand, productKey, serialFromYmd, type Grid, type HighlightBand } from "../../src/core";
import JSZip from "jszip";
import { BANDS, highlightNames } from "../../src/taskpane/setup/expiryHighlighting";
import { withDefinedNames } from "../../scripts/starter-workbook";
import { ledgerSpec } from "../../src/taskpane/setup/ledgerSpecs";
import { LIBREOFFICE_TIMEOUT_MS, NO_LIBREOFFICE, saveWithLibreOffice, SOFFICE } from "../cli/_libreoffice";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** Products as a practice might fill Alert Days in: any order, spaces, semicolons, one number, blank. */
const ALERT_DAYS: readonly (readonly [string, string | number | null])[] = [
  ["Default 100U", null],
  ["Botox 100U", "90,60,30"],
  ["Dysport 300U", "30, 60, 90"],
  ["Filler One", "45"],
  ["Filler Number", 21],
  ["Two Step", "60;14"],
  ["Four Step", "120 90 60 30"],
  ["Repeats", "30,30,90"],
  ["Week", "7,14,180"],
];
/** Listed in Lots only, and a product written in other case: both as the engine matches them. */
const UNLISTED = ["Not In Products", "botox 100u"];
const DAYS = [-400, -1, 0, 1, 6, 7, 8, 13, 14, 15, 20, 21, 22, 29, 30, 31, 44, 45, 46, 59, 60, 61, 89, 90, 91, 119, 120, 121, 179, 180, 181, 400];

const products = ledgerSpec("Products").columns.map((c) => c.name);
const lots = ledgerSpec("Lots");
const RESULT = lots.columns.length; // first column after the table's own, 0-based
const bandRules = lots.conditionalFormats.slice(1);

/** A rule's formula, written for row 2, moved to row `row` as Excel moves it down its range. */
const atRow = (formula: string, row: number) => formula.replace(/\$([A-Z]+)2(?!\d)/g, (_, c: string) => `$${c}${row}`);

function localToday(): number {
  const now = new Date();
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

describe("expiry highlighting in a real spreadsheet engine", () => {
  it("has one rule per band after the greyed rule, on the Expires column", () => {
    expect(bandRules.map((f) => f.range)).toEqual(BANDS.map(() => "C2:C10000"));
  });

  it("keeps every rule's formula within 255 characters, reading Alert Days through defined names", () => {
    // Excel documents 255 characters for a data-validation formula and no limit for a conditional
    // format; the rules were 809, 2,317 and 404 characters long before the names.
    for (const f of lots.conditionalFormats) expect([f.formula, f.formula.length <= 255]).toEqual([f.formula, true]);
    expect(bandRules.slice(1).every((f) => f.formula.includes("LotbookDays"))).toBe(true);
  });

  (SOFFICE ? it : it.skip)(
    `colours each expiry as the rule from Products' Alert Days says, in LibreOffice ${SOFFICE ? "" : NO_LIBREOFFICE}`.trim(),
    async () => {
      const today = localToday();
      const names = [...ALERT_DAYS.map(([p]) => p), ...UNLISTED];
      const cases = names.flatMap((product) => DAYS.map((days) => ({ product, days })));

      const wb = new Workbook();
      const ps = wb.addWorksheet("Products");
      ps.addTable({
        name: "Products", ref: "A1", headerRow: true,
        columns: products.map((name) => ({ name })),
        rows: ALERT_DAYS.map(([p, a]) => products.map((c) => (c === "Product" ? p : c === "Alert Days" ? a : null))),
      });
      const ls = wb.addWorksheet("Lots");
      ls.addTable({
        name: "Lots", ref: "A1", headerRow: true,
        columns: [...lots.columns.map((c) => ({ name: c.name })), ...BANDS.map((b) => ({ name: `is ${b}` }))],
        rows: cases.map(({ product, days }, i) =>
          [...lots.columns.map((c) => ({ Product: product, Lot: `L${i}`, Expires: today + days, Received: today - 500, Qty: 10, "Unit Cost": 1 })[c.name] ?? null), ...BANDS.map(() => null)],
        ),
      });
      cases.forEach((_, i) => bandRules.forEach((f, b) => {
        // As one-cell array formulas: Excel evaluates a conditional format's formula as an array
        // formula, and LibreOffice evaluates a defined name as an array only there.
        const address = ls.getCell(i + 2, RESULT + b + 1).address;
        ls.getCell(address).value = { formula: atRow(f.formula, i + 2), shareType: "array", ref: address } as never;
      }));
      const dir = mkdtempSync(join(tmpdir(), "lotbook-highlight-"));
      // The rules read workbook-level names (highlightNames), which ExcelJS cannot write itself.
      const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
      zip.file("xl/workbook.xml", withDefinedNames(await zip.file("xl/workbook.xml")!.async("string"), highlightNames()));
      writeFileSync(join(dir, "highlight.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));

      const saved = new Workbook();
      await saved.xlsx.readFile(saveWithLibreOffice(join(dir, "highlight.xlsx")));
      const sheet = saved.getWorksheet("Lots")!;
      const engine = cases.map((_, i) => {
        const holds = BANDS.map((__, b) => (sheet.getCell(i + 2, RESULT + b + 1).value as { result?: unknown }).result);
        const first = holds.findIndex((h) => h === true);
        return first < 0 ? null : BANDS[first];
      });

      const ledger = buildLedger({ lots: [lots.columns.map((c) => c.name)], products: [products, ...ALERT_DAYS.map(([p, a]) => products.map((c) => (c === "Product" ? p : c === "Alert Days" ? a : null)))] as Grid });
      const expected = cases.map(({ product, days }): HighlightBand | null => {
        const alertDays = ledger.products.rows.find((r) => r.productKey === productKey(product))?.alertDays ?? DEFAULT_ALERT_DAYS;
        return highlightBand(days, alertDays)?.band ?? null;
      });
      const show = (bands: (HighlightBand | null)[]) => cases.map((c, i) => `${c.product} ${c.days}: ${bands[i]}`);
      expect(show(engine)).toEqual(show(expected));
      // The grid reaches every band, so a rule that never holds would not pass unnoticed.
      expect(new Set(expected)).toEqual(new Set([...BANDS, null]));
    },
    LIBREOFFICE_TIMEOUT_MS,
  );
});
