import { readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import JSZip from "jszip";
import { LIBREOFFICE_TIMEOUT_MS, NO_LIBREOFFICE, saveWithLibreOffice, SOFFICE } from "./_libreoffice";
import { asTables, assertBuilt, CLINIC, datesAsText, lotbook, tempDir, writeWorkbook, ymd, type Ledger, type Row, type SheetSpec } from "./_workbooks";

/** The audit's JSON without the parts that say where it read from. */
function results(stdout: string) {
  const a = JSON.parse(stdout);
  delete a.file;
  delete a.tables;
  return a;
}

let dir: string;
let clinic: string;

beforeAll(async () => {
  assertBuilt();
  dir = tempDir();
  clinic = await writeWorkbook(join(dir, "clinic.xlsx"), asTables());
});

describe("lotbook audit on a clean workbook", () => {
  it("prints the month-end report as readable tables and exits 0", () => {
    const r = lotbook("audit", clinic, "--as-of", "2026-03-01");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Lotbook audit of clinic.xlsx as of 3/1/2026");
    expect(lines[1]).toBe("Read: Lots (table Lots!A1:H4), Draws (table Draws!A1:H6), Counts (table Counts!A1:D4), Products (table Products!A1:D3)");
    expect(r.stdout).toContain("Expiry alerts: none");
    expect(r.stdout).toContain("At risk of expiring unused: $0.00 (forecast from the last 90 days of visits)");
    expect(r.stdout).toContain("Reorder: 0 to order now, 0 within 7 days (from the last 90 days of visits)");
    expect(r.stdout).toContain("Shrinkage log: 3 counts");
    expect(lines).toContain("  2/27/2026  Botox 100U         C3709C3    2       110      108          2  $13.00             2            0");
    expect(r.stdout).toContain("Stock value at cost: $1,732.00");
    expect(lines).toContain("  Botox 100U         $1,382.00");
    expect(lines).toContain("  Juvederm Ultra XC    $350.00");
    expect(r.stdout).toContain("Diagnostics: 0 errors, 0 warnings");
    expect(r.stdout).toContain(
      "Conservation: purchases $2,680.00 = COGS $896.00 + waste $39.00 + expired $0.00 + samples $0.00 + returns $0.00 + shrinkage $13.00 + on hand $1,732.00 (exact)",
    );
    expect(lines).toContain("Clean: no expiry alerts and no errors.");
  });

  it("gives machines one JSON object with alerts, at-risk value, shrinkage, stock value, diagnostics and conservation", () => {
    const r = lotbook("audit", clinic, "--as-of", "2026-03-01", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file: "clinic.xlsx",
      asOf: "2026-03-01",
      tables: {
        Lots: { from: "table", sheet: "Lots", range: "A1:H4" },
        Draws: { from: "table", sheet: "Draws", range: "A1:H6" },
        Counts: { from: "table", sheet: "Counts", range: "A1:D4" },
        Products: { from: "table", sheet: "Products", range: "A1:D3" },
      },
      exitCode: 0,
      counts: { alerts: 0, errors: 0, warnings: 0, blocked: 0 },
      alerts: [],
      atRisk: { lookbackDays: 90, value: 0, lots: [] },
      // Botox: 20 + 24 + 40 = 84 U of visits in the 90 days, 0.933333 U a day; all 208 U on hand
      // is used long before it expires: 208 × 90 ÷ 84 = 222.86 days, stock-out Oct 9, order by
      // Oct 2. Juvederm: 1 mL, 1/90 mL a day; its 1 mL lasts 90 days, to May 30. Both outlast
      // 7 lead + 30 cover days: nothing to order yet.
      reorder: [
        {
          product: "Juvederm Ultra XC", usable: 1, dailyUse: 0.011111, daysOfCover: 90, stockOut: "2026-05-30", orderBy: "2026-05-23", suggestedQty: 0,
          limit: "covered", reason: "usable stock lasts 90 days at 0.01 mL a day, past the 7 lead + 30 cover days",
        },
        {
          product: "Botox 100U", usable: 208, dailyUse: 0.933333, daysOfCover: 222.86, stockOut: "2026-10-09", orderBy: "2026-10-02", suggestedQty: 0,
          limit: "covered", reason: "usable stock lasts 222.9 days at 0.93 U a day, past the 7 lead + 30 cover days",
        },
      ],
      shrinkage: [
        { date: "2026-02-27", product: "Botox 100U", lot: "C3709C3", countRow: 2, expected: 110, counted: 108, shrinkage: 2, cost: 13, allowedLoss: 2, unexplained: 0 },
        { date: "2026-02-27", product: "Juvederm Ultra XC", lot: "JU2207", countRow: 3, expected: 1, counted: 1, shrinkage: 0, cost: 0, allowedLoss: null, unexplained: null },
        { date: "2026-02-27", product: "Botox 100U", lot: "C4120A1", countRow: 4, expected: 100, counted: 100, shrinkage: 0, cost: 0, allowedLoss: 0, unexplained: 0 },
      ],
      stockValue: {
        total: 1732,
        complete: true,
        byProduct: [{ product: "Botox 100U", value: 1382 }, { product: "Juvederm Ultra XC", value: 350 }],
      },
      diagnostics: [],
      blocked: [],
      conservation: { purchases: 2680, cogs: 896, waste: 39, expired: 0, sample: 0, return: 0, shrinkage: 13, onHand: 1732, residue: 0 },
    });
  });

  it("suggests an order in whole packs when Products asks for more cover", async () => {
    // Cover Days 365 and packs of 100 U for Botox: 7 + 365 days at 84/90 U a day need 347.2 U;
    // 208 U usable leaves 139.2 U, so two packs. Juvederm keeps the defaults.
    const products: Row[] = [
      [...CLINIC.products[0], "Cover Days", "Pack Size"],
      [...CLINIC.products[1], 365, 100],
      [...CLINIC.products[2], null, null],
    ];
    const file = await writeWorkbook(join(dir, "cover.xlsx"), asTables({ ...CLINIC, products }));
    const r = lotbook("audit", file, "--as-of", "2026-03-01", "--json");
    expect(r.code).toBe(0);
    const botox = JSON.parse(r.stdout).reorder[1];
    expect(botox).toEqual({
      product: "Botox 100U", usable: 208, dailyUse: 0.933333, daysOfCover: 222.86, stockOut: "2026-10-09", orderBy: "2026-10-02", suggestedQty: 200,
      limit: "cover", reason: "7 lead + 365 cover days at 0.93 U a day need 347.2 U, 208 U of it usable on hand: 2 packs of 100 U for the rest, rounded up to whole packs",
    });
    const text = lotbook("audit", file, "--as-of", "2026-03-01").stdout;
    expect(text).toContain("Reorder: 0 to order now, 0 within 7 days (from the last 90 days of visits)");
    expect(text).toMatch(/ Botox 100U +208 +0\.933333 +222\.9 +10\/9\/2026 +10\/2\/2026 +200 +7 lead \+ 365 cover days/);
  });

  it("leaves counts made after the as-of day out of the shrinkage log", () => {
    const r = lotbook("audit", clinic, "--as-of", "2026-02-26", "--json");
    expect(JSON.parse(r.stdout).shrinkage).toEqual([]);
  });

  it("never writes to the workbook it audits", () => {
    const before = { bytes: readFileSync(clinic), mtime: statSync(clinic).mtimeMs };
    lotbook("audit", clinic, "--json");
    expect(readFileSync(clinic).equals(before.bytes)).toBe(true);
    expect(statSync(clinic).mtimeMs).toBe(before.mtime);
  });
});

describe("lotbook audit when a lot needs attention", () => {
  it("exits 1 and lists a lot expiring within 30 days, with all idle stock at risk", () => {
    // 3/15/2027: JU2207 expires 3/31/2027, 16 days on. No visit in the 90 days before, so the
    // forecast uses nothing: every lot's stock is at risk ($350 + $702 + $680 = $1,732).
    const r = lotbook("audit", clinic, "--as-of", "2027-03-15", "--json");
    expect(r.code).toBe(1);
    const a = JSON.parse(r.stdout);
    expect(a.alerts).toEqual([
      { product: "Juvederm Ultra XC", lot: "JU2207", expires: "2027-03-31", daysLeft: 16, remaining: 1, value: 350, expired: false, withinDays: 30, residue: false, belowZero: false },
    ]);
    expect(a.atRisk.value).toBe(1732);
    expect(a.atRisk.lots.map((l: { lot: string; atRisk: number }) => [l.lot, l.atRisk])).toEqual(
      expect.arrayContaining([["JU2207", 1], ["C3709C3", 108], ["C4120A1", 100]]),
    );
    expect(a.counts).toEqual({ alerts: 1, errors: 0, warnings: 0, blocked: 0 });
  });

  it("shows an expired lot with stock as EXPIRED in the readable report, next to one 90 days out", () => {
    // 4/1/2027: JU2207 expired the day before; C3709C3 expires 6/30/2027, 29 + 31 + 30 = 90 days on.
    const r = lotbook("audit", clinic, "--as-of", "2027-04-01");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Expiry alerts: 2");
    const lines = r.stdout.split("\n");
    expect(lines).toContain("  Juvederm Ultra XC  JU2207   3/31/2027         -1          1  $350.00  EXPIRED");
    expect(lines).toContain("  Botox 100U         C3709C3  6/30/2027         90        108  $702.00  within 90 days");
    expect(r.stdout).toContain("Needs attention: 2 expiry alerts.");
  });

  it("exits 1 and names the table, row and column of an error, and what it blocks", async () => {
    const lots: Row[] = [...CLINIC.lots, ["Botox 100U", "C5001B2", "soon", ymd(2026, 2, 20), 100, "U", 6.4, null]];
    const file = await writeWorkbook(join(dir, "bad-expiry.xlsx"), asTables({ ...CLINIC, lots }));
    const r = lotbook("audit", file, "--as-of", "2026-03-01");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Diagnostics: 1 error, 0 warnings");
    expect(r.stdout.split("\n")).toContain("  Lots     5  Lots!C5  Expires  error     'soon' is not a date; type it as 3/15/2026 or 2026-03-15");
    expect(r.stdout).toContain("Stock value at cost: $350.00 (without 1 product that an error blocks)");
    expect(r.stdout.split("\n")).toContain("  Botox 100U         blocked");
    expect(r.stdout).toContain("Needs attention: 1 error.");
    const json = JSON.parse(lotbook("audit", file, "--as-of", "2026-03-01", "--json").stdout);
    expect(json.blocked).toEqual([
      { product: "Botox 100U", message: "Lots row 5, Expires (Lots!C5): 'soon' is not a date; type it as 3/15/2026 or 2026-03-15" },
    ]);
  });
});

describe("lotbook audit reads workbooks as people keep them", () => {
  let reference: unknown;
  beforeAll(() => {
    reference = results(lotbook("audit", clinic, "--as-of", "2026-03-01", "--json").stdout);
  });

  it("reads sheets named Lots, Draws, Counts and Products from their header row, under a title, among extra sheets and columns", async () => {
    // An extra column on either side of the ledger's own.
    const withExtra = (rows: readonly Row[], header: string): Row[] =>
      rows.map((r, i) => (i === 0 ? [header, ...r, "Note"] : [`${header} ${i}`, ...r, `note ${i}`]));
    const sheets: SheetSpec[] = [
      { name: "Read me", rows: [["This workbook keeps the clinic's injectables."]] },
      { name: "Lots", rows: [["Clinic inventory: receipts"], [], ...withExtra(CLINIC.lots, "Shelf")] },
      { name: "Draws", rows: withExtra(CLINIC.draws, "Room") },
      { name: "Pivot", rows: [["Product", "Units"], ["Botox 100U", 84]] },
      { name: "Counts", rows: CLINIC.counts, firstRow: 3 },
      { name: "Products", rows: CLINIC.products },
    ];
    const file = await writeWorkbook(join(dir, "plain-sheets.xlsx"), sheets);
    const r = lotbook("audit", file, "--as-of", "2026-03-01", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tables).toEqual({
      Lots: { from: "sheet", sheet: "Lots", range: "A3:J6" },
      Draws: { from: "sheet", sheet: "Draws", range: "A1:J6" },
      Counts: { from: "sheet", sheet: "Counts", range: "A3:D6" },
      Products: { from: "sheet", sheet: "Products", range: "A1:D3" },
    });
    // Counts sits two rows down (header in row 3), so each count's row is its worksheet row, 2 on.
    const ref = reference as { shrinkage: { countRow: number }[] };
    expect(results(r.stdout)).toEqual({ ...ref, shrinkage: ref.shrinkage.map((e) => ({ ...e, countRow: e.countRow + 2 })) });
  });

  it("finds the tables by name on any sheet", async () => {
    const sheets = asTables().map((s) => ({ ...s, name: `Sheet ${s.table}` }));
    const r = lotbook("audit", await writeWorkbook(join(dir, "renamed-sheets.xlsx"), sheets), "--as-of", "2026-03-01", "--json");
    expect(JSON.parse(r.stdout).tables.Lots).toEqual({ from: "table", sheet: "Sheet Lots", range: "A1:H4" });
    expect(results(r.stdout)).toEqual(reference);
  });

  it("reads tables as Excel saves them: header row implied, totals row left out", async () => {
    // Excel omits headerRowCount="1" (the default), which ExcelJS would take for "no header row".
    const file = await writeWorkbook(join(dir, "excel-style.xlsx"), asTables(), { totalsRow: "Draws" });
    const zip = await JSZip.loadAsync(readFileSync(file));
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async("string");
      expect(xml).toContain(' headerRowCount="1"');
      zip.file(name, xml.replace(' headerRowCount="1"', ""));
    }
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    const r = lotbook("audit", file, "--as-of", "2026-03-01", "--json");
    expect(JSON.parse(r.stdout).tables.Draws).toEqual({ from: "table", sheet: "Draws", range: "A1:H6" });
    expect(results(r.stdout)).toEqual(reference);
  });

  it("accepts dates stored as text, ISO or US, with a warning for each and the same numbers", async () => {
    for (const style of ["iso", "us"] as const) {
      const textual: Ledger = {
        lots: datesAsText(CLINIC.lots, style),
        draws: datesAsText(CLINIC.draws, style),
        counts: datesAsText(CLINIC.counts, style),
        products: CLINIC.products,
      };
      const r = lotbook("audit", await writeWorkbook(join(dir, `text-dates-${style}.xlsx`), asTables(textual)), "--as-of", "2026-03-01", "--json");
      expect(r.code).toBe(0);
      const a = results(r.stdout);
      // 3 lots × 2 dates + 5 draws + 3 counts.
      expect(a.diagnostics).toHaveLength(14);
      expect(a.diagnostics.every((d: { severity: string; message: string }) => d.severity === "warning" && d.message.startsWith("the date is stored as text"))).toBe(true);
      expect({ ...a, diagnostics: [], counts: { ...a.counts, warnings: 0 } }).toEqual(reference);
    }
  });

  it("reads a workbook in the 1904 date system, dates and text dates alike", async () => {
    const dates = await writeWorkbook(join(dir, "mac-1904.xlsx"), asTables(), { date1904: true });
    // 1/5/2026 is serial 46027 in the 1900 system and 44565 in the 1904 one.
    const zip = await JSZip.loadAsync(readFileSync(dates));
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/date1904="1"/);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toContain("<v>44565</v>");
    expect(results(lotbook("audit", dates, "--as-of", "2026-03-01", "--json").stdout)).toEqual(reference);
    const textual: Ledger = { ...CLINIC, lots: datesAsText(CLINIC.lots, "iso") };
    const text = await writeWorkbook(join(dir, "mac-1904-text.xlsx"), asTables(textual), { date1904: true });
    const a = results(lotbook("audit", text, "--as-of", "2026-03-01", "--json").stdout);
    expect(a.stockValue).toEqual((reference as { stockValue: unknown }).stockValue);
    expect(a.conservation).toEqual((reference as { conservation: unknown }).conservation);
  });

  it("reads formulas by their saved values, rich text and links as their text, and shows error cells as errors", async () => {
    const lots: Row[] = CLINIC.lots.map((r, i) =>
      i === 1 ? [{ richText: [{ text: "Botox " }, { text: "100U", font: { bold: true } }] }, { text: "C3709C3", hyperlink: "https://example.invalid/lot" }, r[2], r[3], { formula: "2*100", result: 200 }, ...r.slice(5)] : r,
    );
    const draws: Row[] = [...CLINIC.draws, [ymd(2026, 2, 21), "V1005", "P-1005", "Botox 100U", "C3709C3", 1, "Visit", { error: "#N/A" }]];
    const file = await writeWorkbook(join(dir, "cell-kinds.xlsx"), asTables({ ...CLINIC, lots, draws }));
    const a = JSON.parse(lotbook("audit", file, "--as-of", "2026-03-01", "--json").stdout);
    expect(a.diagnostics).toEqual([
      { table: "Draws", row: 7, cell: "Draws!H7", column: "Price", severity: "error", message: "the cell shows the error #N/A; fix the value or formula there" },
    ]);
    expect(a.conservation.purchases).toBe(2680);
  });

  (SOFFICE ? it : it.skip)(
    `audits copies saved by LibreOffice the same as the originals, in either date system ${SOFFICE ? "" : NO_LIBREOFFICE}`.trim(),
    async () => {
      const r = lotbook("audit", saveWithLibreOffice(clinic), "--as-of", "2026-03-01", "--json");
      expect(r.code).toBe(0);
      expect(results(r.stdout)).toEqual(reference);
      // LibreOffice writes date1904="true" where Excel writes "1"; text dates must still land on the right day.
      const textual: Ledger = { ...CLINIC, lots: datesAsText(CLINIC.lots, "iso") };
      const mac = await writeWorkbook(join(dir, "mac-for-libreoffice.xlsx"), asTables(textual), { date1904: true });
      const a = results(lotbook("audit", saveWithLibreOffice(mac), "--as-of", "2026-03-01", "--json").stdout);
      expect(a.counts).toEqual({ alerts: 0, errors: 0, warnings: 6, blocked: 0 });
      expect(a.conservation).toEqual((reference as { conservation: unknown }).conservation);
    },
    LIBREOFFICE_TIMEOUT_MS,
  );
});

describe("lotbook audit on a file it cannot read", () => {
  /** One clear line on stderr, nothing on stdout, exit 2: what a scheduled job needs. */
  function expectOneLine(r: ReturnType<typeof lotbook>, text: RegExp) {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(text);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  }

  it("says so when the file does not exist", () => {
    expectOneLine(lotbook("audit", join(dir, "nowhere.xlsx")), /^lotbook audit: cannot read .*nowhere\.xlsx: no such file$/m);
  });

  it("says so when the file is not an .xlsx at all", () => {
    const file = join(dir, "notes.xlsx");
    writeFileSync(file, "Product,Lot\nBotox 100U,C3709C3\n");
    expectOneLine(lotbook("audit", file), /notes\.xlsx is not an \.xlsx workbook \(an \.xlsx file is a zip archive, and this one is not\)/);
  });

  it("says so when the workbook is password-protected", () => {
    // Excel saves an encrypted workbook as an OLE compound file, whatever its extension.
    const file = join(dir, "locked.xlsx");
    writeFileSync(file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
    expectOneLine(lotbook("audit", file), /locked\.xlsx is password-protected \(encrypted\) or an old \.xls file; open it in Excel, remove the password or save it as \.xlsx/);
  });

  it("says so when the workbook is damaged", () => {
    const file = join(dir, "truncated.xlsx");
    const whole = readFileSync(clinic);
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    expectOneLine(lotbook("audit", file), /truncated\.xlsx could not be read as an \.xlsx workbook \(it may be damaged\): /);
  });

  it("says so when the workbook has no Lots table or sheet", async () => {
    const file = await writeWorkbook(join(dir, "budget.xlsx"), [{ name: "Budget", rows: [["Month", "Spend"], ["March", 100]] }]);
    expectOneLine(lotbook("audit", file), /budget\.xlsx has no Lots table and no sheet named Lots/);
  });

  it("says so when a folder is named", () => {
    expectOneLine(lotbook("audit", dir), /it is a folder, not a file/);
  });

  it("rejects an as-of date that is not YYYY-MM-DD, and unknown options", () => {
    for (const args of [["--as-of", "3/1/2026"], ["--as-of", "2026-02-30"], ["--as-of"], ["--csv"]]) {
      const r = lotbook("audit", clinic, ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n")[0]).toMatch(/^lotbook audit: (--as-of takes a date as YYYY-MM-DD|--as-of needs a date|unknown option --csv)/);
    }
  });

  it("explains its usage on --help", () => {
    const r = lotbook("audit", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: lotbook audit <file.xlsx> [--as-of YYYY-MM-DD] [--json]");
  });
});
