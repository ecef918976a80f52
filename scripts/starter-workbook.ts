/**
 * Generates assets/Lotbook-starter.xlsx: the four ledger tables as real Excel tables (headers,
 * number formats, dropdowns, expiry highlighting), a few example rows that form a clean ledger,
 * and a Summary sheet of LOTBOOK formulas.
 *
 *   npm run build:starter          # writes assets/Lotbook-starter.xlsx
 *   ts-node scripts/starter-workbook.ts other.xlsx
 *
 * The output is byte-for-byte reproducible (a test regenerates it and compares), so every
 * timestamp ExcelJS would take from the clock is fixed here.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { Workbook, type CellFormulaValue, type DataValidation, type Fill, type Worksheet } from "exceljs";
import JSZip from "jszip";
import { columnLetter } from "../src/core/address";

/** Every date the file records: document properties and zip entries. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
/** How far down the dropdowns and highlighting reach, so rows typed below the examples get them. */
const LAST_ROW = 10_000;

const DATE = "m/d/yyyy";
const MONEY = "$#,##0.00";
/** Unit costs are often quoted to the tenth of a cent ($6.4975 per unit). */
const UNIT_MONEY = "$#,##0.00##";
const TEXT = "@";
const KINDS = ["Visit", "Waste", "Expired", "Sample", "Return"];

const ymd = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

interface Column {
  readonly name: string;
  readonly width: number;
  readonly numFmt?: string;
}

interface Ledger {
  readonly name: "Lots" | "Draws" | "Counts" | "Products";
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly (string | number | Date | null)[])[];
}

/**
 * The example practice: two Botox lots and one Juvéderm lot, a month of visits, a waste row and
 * a month-end count that finds 2 U missing from C3709C3 (inside Botox's 5 % loss allowance).
 */
export const STARTER_TABLES: readonly Ledger[] = [
  {
    name: "Lots",
    columns: [
      { name: "Product", width: 20 },
      { name: "Lot", width: 12, numFmt: TEXT },
      { name: "Expires", width: 11, numFmt: DATE },
      { name: "Received", width: 11, numFmt: DATE },
      { name: "Qty", width: 8 },
      { name: "Unit", width: 7 },
      { name: "Unit Cost", width: 11, numFmt: UNIT_MONEY },
      { name: "Total Cost", width: 12, numFmt: MONEY },
      { name: "Supplier", width: 12 },
      { name: "PO", width: 10, numFmt: TEXT },
    ],
    rows: [
      ["Botox 100U", "C3709C3", ymd(2027, 6, 30), ymd(2026, 1, 5), 200, "U", 6.5, null, "Allergan", "PO-1001"],
      ["Juvederm Ultra XC", "JU2207", ymd(2027, 3, 31), ymd(2026, 1, 5), 2, "mL", null, 700, "Allergan", "PO-1001"],
      ["Botox 100U", "C4120A1", ymd(2027, 9, 30), ymd(2026, 2, 2), 100, "U", null, 680, "Allergan", "PO-1002"],
    ],
  },
  {
    name: "Draws",
    columns: [
      { name: "Date", width: 11, numFmt: DATE },
      { name: "Visit", width: 8, numFmt: TEXT },
      { name: "Patient", width: 9, numFmt: TEXT },
      { name: "Provider", width: 11 },
      { name: "Service", width: 12 },
      { name: "Product", width: 20 },
      { name: "Lot", width: 12, numFmt: TEXT },
      { name: "Qty", width: 7 },
      { name: "Unit", width: 7 },
      { name: "Kind", width: 9 },
      { name: "Price", width: 10, numFmt: MONEY },
    ],
    rows: [
      [ymd(2026, 1, 12), "V1001", "P-1001", "Dr. Reyes", "Glabella", "Botox 100U", "C3709C3", 20, "U", "Visit", 280],
      [ymd(2026, 1, 12), "V1002", "P-1002", "Dr. Reyes", "Crow's feet", "Botox 100U", "C3709C3", 24, "U", "Visit", 336],
      [ymd(2026, 1, 20), "V1003", "P-1003", "NP Chen", "Lips", "Juvederm Ultra XC", "JU2207", 1, "mL", "Visit", 650],
      [ymd(2026, 2, 16), "V1004", "P-1004", "Dr. Reyes", "Forehead", "Botox 100U", "C3709C3", 40, "U", "Visit", 560],
      [ymd(2026, 2, 20), null, null, null, null, "Botox 100U", "C3709C3", 6, "U", "Waste", null],
    ],
  },
  {
    name: "Counts",
    columns: [
      { name: "Date", width: 11, numFmt: DATE },
      { name: "Product", width: 20 },
      { name: "Lot", width: 12, numFmt: TEXT },
      { name: "Counted", width: 9 },
      { name: "By", width: 10 },
      { name: "Note", width: 24 },
    ],
    rows: [
      [ymd(2026, 2, 27), "Botox 100U", "C3709C3", 108, "M. Ortiz", "Month-end count"],
      [ymd(2026, 2, 27), "Juvederm Ultra XC", "JU2207", 1, "M. Ortiz", "Month-end count"],
      [ymd(2026, 2, 27), "Botox 100U", "C4120A1", 100, "M. Ortiz", "Month-end count"],
    ],
  },
  {
    name: "Products",
    columns: [
      { name: "Product", width: 20 },
      { name: "Unit", width: 7 },
      { name: "Vial Size", width: 10 },
      { name: "Use Within Hours", width: 17 },
      // Text, or Excel would read a typed 90,60,30 as the number 906,030.
      { name: "Alert Days", width: 11, numFmt: TEXT },
      { name: "Loss Allowance", width: 15, numFmt: "0%" },
      { name: "Price per Unit", width: 14, numFmt: MONEY },
    ],
    rows: [
      ["Botox 100U", "U", 100, null, "90,60,30", 0.05, 14],
      ["Juvederm Ultra XC", "mL", 1, null, "90,60,30", null, 650],
    ],
  },
];

const fill = (argb: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } });

function addLedgerSheet(wb: Workbook, t: Ledger): Worksheet {
  const ws = wb.addWorksheet(t.name, { views: [{ state: "frozen", ySplit: 1 }] });
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    // Column styles, so rows typed below the examples are formatted too.
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  ws.addTable({
    name: t.name,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.name, filterButton: true })),
    rows: t.rows.map((r) => [...r]),
  });
  t.columns.forEach((c, i) => {
    if (!c.numFmt) return;
    for (let r = 2; r <= t.rows.length + 1; r++) ws.getCell(r, i + 1).numFmt = c.numFmt;
  });
  return ws;
}

/** The data rows of a column of a ledger sheet, as far down as new rows are expected. */
function columnRange(t: Ledger, name: string): string {
  const c = columnLetter(t.columns.findIndex((col) => col.name === name));
  return `${c}2:${c}${LAST_ROW}`;
}

/** ExcelJS keeps a sheet's data validation in `dataValidations`, which its typings leave out. */
function validations(ws: Worksheet): { add(range: string, rule: DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations;
}

function list(formula: string, strict: boolean, what: string): DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    // A warning, not a stop, where a new product or lot may legitimately come first.
    errorStyle: strict ? "stop" : "warning",
    errorTitle: "Lotbook",
    error: what,
  };
}

function addValidation(ws: Worksheet, t: Ledger): void {
  const has = (n: string) => t.columns.some((c) => c.name === n);
  // Data validation cannot name a table column directly; INDIRECT of the structured reference can,
  // and it follows the table as it grows.
  if (has("Product") && t.name !== "Products") {
    validations(ws).add(columnRange(t, "Product"), list('INDIRECT("Products[Product]")', false, "This product is not in the Products table."));
  }
  if (has("Lot") && t.name !== "Lots") {
    validations(ws).add(columnRange(t, "Lot"), list('INDIRECT("Lots[Lot]")', false, "This lot is not in the Lots table."));
  }
  if (has("Kind")) {
    validations(ws).add(columnRange(t, "Kind"), list(`"${KINDS.join(",")}"`, true, `Kind is one of ${KINDS.join(", ")}.`));
  }
}

/**
 * Native conditional formatting on TODAY(), so it works without the add-in: a lot whose receipts
 * are all drawn is greyed (counts are not considered); otherwise its expiry is red once past,
 * orange within 30 days, yellow within 60, pale yellow within 90. The first matching rule's fill wins.
 */
function addExpiryHighlighting(ws: Worksheet, t: Ledger): void {
  const lot = `$${columnLetter(t.columns.findIndex((c) => c.name === "Lot"))}2`;
  const exp = `$${columnLetter(t.columns.findIndex((c) => c.name === "Expires"))}2`;
  const last = columnLetter(t.columns.length - 1);
  ws.addConditionalFormatting({
    ref: `A2:${last}${LAST_ROW}`,
    rules: [{
      type: "expression",
      priority: 1,
      formulae: [`AND(${lot}<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),${lot})-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),${lot})<=0)`],
      style: { fill: fill("FFE7E6E6"), font: { color: { argb: "FF808080" } } },
    }],
  });
  const bands: [string, string][] = [
    [`${exp}<TODAY()`, "FFF8696B"],
    [`${exp}-TODAY()<=30`, "FFFFB26B"],
    [`${exp}-TODAY()<=60`, "FFFFEB84"],
    [`${exp}-TODAY()<=90`, "FFFFF7C8"],
  ];
  ws.addConditionalFormatting({
    ref: columnRange(t, "Expires"),
    rules: bands.map(([cond, argb], i) => ({
      type: "expression" as const,
      priority: i + 2,
      formulae: [`AND(ISNUMBER(${exp}),${cond})`],
      style: { fill: fill(argb) },
    })),
  });
}

/**
 * How Excel stores a formula that calls a JavaScript custom function: `_xldudf_` and the name with
 * its dot as an underscore. Excel shows it as =LOTBOOK.FEFO_LOT(…) once the add-in is loaded, and
 * #NAME? until then; other spreadsheet programs see an unknown function and open the file anyway.
 */
const lotbook = (fn: string, args: string): string => `_xldudf_LOTBOOK_${fn}(${args})`;
const TABLES4 = "Lots[#All],Draws[#All],Counts[#All],Products[#All]";
const TABLES3 = "Lots[#All],Draws[#All],Counts[#All]";

/** Cells whose formula spills (dynamic arrays), marked as such in post-processing. */
const SPILLS = ["A13", "H13"];

function addSummary(wb: Workbook): void {
  const ws = wb.addWorksheet("Summary");
  ws.getColumn(1).width = 22;
  for (let c = 2; c <= 12; c++) ws.getColumn(c).width = 14;
  ws.getCell("A1").value = "Lotbook";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A2").value =
    "The LOTBOOK formulas on this sheet compute once the Lotbook add-in is installed; until then Excel shows #NAME?. " +
    "Record receipts in Lots, draws in Draws, physical counts in Counts, and each product's settings in Products.";
  ws.getCell("A2").alignment = { wrapText: true, vertical: "top" };
  ws.mergeCells("A2:L3");
  ws.getRow(2).height = 30;

  const header = ["Product", "Next lot (FEFO)", "Stock value", "Shrinkage"];
  header.forEach((h, i) => {
    const cell = ws.getCell(5, i + 1);
    cell.value = h;
    cell.font = { bold: true };
  });
  const products = STARTER_TABLES.find((t) => t.name === "Products")!.rows.map((r) => r[0] as string);
  products.forEach((p, i) => {
    const r = 6 + i;
    ws.getCell(r, 1).value = p;
    ws.getCell(r, 2).value = { formula: lotbook("FEFO_LOT", `A${r},TODAY(),${TABLES4}`) };
    ws.getCell(r, 3).value = { formula: lotbook("STOCK_VALUE", `A${r},TODAY(),${TABLES3}`) };
    ws.getCell(r, 4).value = { formula: lotbook("SHRINKAGE", `A${r},Lots[#All],Draws[#All],Counts[#All]`) };
  });
  const all = 6 + products.length;
  ws.getCell(all, 1).value = "All stock";
  ws.getCell(all, 1).font = { bold: true };
  ws.getCell(all, 3).value = { formula: lotbook("STOCK_VALUE", `"*",TODAY(),${TABLES3}`) };
  ws.getCell(all, 4).value = { formula: lotbook("SHRINKAGE", `"*",Lots[#All],Draws[#All],Counts[#All]`) };
  for (let r = 6; r <= all; r++) {
    ws.getCell(r, 3).numFmt = MONEY;
    ws.getCell(r, 4).numFmt = MONEY;
  }

  ws.getCell("A12").value = "Expiring within 90 days, and expired";
  ws.getCell("A12").font = { bold: true };
  ws.getCell("H12").value = "Check";
  ws.getCell("H12").font = { bold: true };
  const [expiring, check] = SPILLS;
  ws.getCell(expiring).value = spill(lotbook("EXPIRING", `90,TODAY(),${TABLES3}`), expiring);
  ws.getCell(check).value = spill(lotbook("CHECK", TABLES4), check);
  // EXPIRING spills Product, Lot, Expires, Days Left, Remaining, Value: format where they land.
  for (let r = 13; r <= 60; r++) {
    ws.getCell(r, 3).numFmt = DATE;
    ws.getCell(r, 6).numFmt = MONEY;
  }
}

/** A one-cell array formula; `pack` marks it as a dynamic array, so Excel spills it. */
function spill(formula: string, ref: string): CellFormulaValue & { shareType: "array"; ref: string } {
  return { formula, shareType: "array", ref };
}

/** Builds the workbook with ExcelJS. Timestamps are fixed; the zip is made reproducible by `pack`. */
export function starterWorkbook(): Workbook {
  const wb = new Workbook();
  wb.creator = "Lotbook";
  wb.lastModifiedBy = "Lotbook";
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  addSummary(wb);
  for (const t of STARTER_TABLES) {
    const ws = addLedgerSheet(wb, t);
    addValidation(ws, t);
    if (t.name === "Lots") addExpiryHighlighting(ws, t);
  }
  return wb;
}

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

function replaceOnce(text: string, find: string | RegExp, by: string, part: string): string {
  const out = text.replace(find, by);
  if (out === text) throw new Error(`starter workbook: could not patch ${part}`);
  return out;
}

/**
 * Re-zips ExcelJS's output with fixed entry dates (JSZip stamps every entry, and its folder
 * entries, with the current time), and marks the Summary's spilling formulas as dynamic arrays,
 * which ExcelJS cannot write: without the mark Excel would show only their first cell.
 */
async function pack(raw: Buffer, summarySheet: string): Promise<Buffer> {
  const source = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
  for (const name of names) {
    let text = await source.files[name].async("string");
    if (name === "[Content_Types].xml") {
      text = replaceOnce(text, "</Types>", '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>', name);
    } else if (name === "xl/_rels/workbook.xml.rels") {
      text = replaceOnce(text, "</Relationships>", '<Relationship Id="rIdLotbookMetadata" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>', name);
    } else if (name === summarySheet) {
      for (const cell of SPILLS) text = replaceOnce(text, `<c r="${cell}"`, `<c r="${cell}" cm="1"`, `${name} ${cell}`);
    }
    out.file(name, text, { date: FIXED_TIME, createFolders: false });
  }
  out.file("xl/metadata.xml", METADATA_XML, { date: FIXED_TIME, createFolders: false });
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 }, platform: "DOS" });
}

/**
 * The starter workbook's bytes: the same on every run and every machine.
 * @example writeFileSync("Lotbook-starter.xlsx", await buildStarterWorkbook())
 */
export async function buildStarterWorkbook(): Promise<Buffer> {
  const wb = starterWorkbook();
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  // Summary is the first sheet ExcelJS writes.
  return pack(raw, "xl/worksheets/sheet1.xml");
}

export const STARTER_PATH = join(__dirname, "..", "assets", "Lotbook-starter.xlsx");

if (require.main === module) {
  const target = process.argv[2] ?? STARTER_PATH;
  buildStarterWorkbook().then(
    (bytes) => {
      writeFileSync(target, bytes);
      process.stdout.write(`wrote ${target} (${bytes.length} bytes)\n`);
    },
    (e: unknown) => {
      process.stderr.write(`starter workbook: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
