/**
 * Generates assets/Lotbook-starter.xlsx: the four ledger tables as real Excel tables, exactly as
 * Set up creates them for a practice with several locations (headers, number formats, dropdowns,
 * expiry highlighting: all from src/taskpane/setup/ledgerSpecs.ts), a few example rows that form a
 * clean ledger, and a Summary
 * sheet of LOTBOOK formulas.
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
import { highlightNames, type DefinedName } from "../src/taskpane/setup/expiryHighlighting";
import { DATE, ledgerSpecs, MONEY, type LedgerSpec } from "../src/taskpane/setup/ledgerSpecs";
import type { ListValidation } from "../src/workbook/port";

/** Every date the file records: document properties and zip entries. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

const ymd = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A ledger table of the starter: Set up's spec of it, and example rows in the order of its columns. */
interface Ledger {
  readonly spec: LedgerSpec;
  readonly rows: readonly (readonly (string | number | Date | null)[])[];
}

/**
 * Set up's spec of a table as it offers it for several locations: Lots, Draws and Counts with a
 * Location column (and Draws a To), left blank in the examples, so the practice is one site until
 * it names one (a blank Location column answers exactly as none).
 */
const specOf = (name: LedgerSpec["name"]): LedgerSpec => ledgerSpecs(true).find((s) => s.name === name)!;

/**
 * The example practice: two Botox lots and one Juvéderm lot, a month of visits, a waste row and
 * a month-end count that finds 2 U missing from C3709C3 (inside Botox's 5 % loss allowance), all
 * at the one unnamed location.
 */
export const STARTER_TABLES: readonly Ledger[] = [
  {
    spec: specOf("Lots"),
    rows: [
      ["Botox 100U", "C3709C3", ymd(2027, 6, 30), ymd(2026, 1, 5), 200, "U", 6.5, null, "Allergan", "PO-1001", null],
      ["Juvederm Ultra XC", "JU2207", ymd(2027, 3, 31), ymd(2026, 1, 5), 2, "mL", null, 700, "Allergan", "PO-1001", null],
      ["Botox 100U", "C4120A1", ymd(2027, 9, 30), ymd(2026, 2, 2), 100, "U", null, 680, "Allergan", "PO-1002", null],
    ],
  },
  {
    spec: specOf("Draws"),
    rows: [
      [ymd(2026, 1, 12), "V1001", "P-1001", "Dr. Reyes", "Glabella", "Botox 100U", "C3709C3", 20, "U", "Visit", 280, null, null],
      [ymd(2026, 1, 12), "V1002", "P-1002", "Dr. Reyes", "Crow's feet", "Botox 100U", "C3709C3", 24, "U", "Visit", 336, null, null],
      [ymd(2026, 1, 20), "V1003", "P-1003", "NP Chen", "Lips", "Juvederm Ultra XC", "JU2207", 1, "mL", "Visit", 650, null, null],
      [ymd(2026, 2, 16), "V1004", "P-1004", "Dr. Reyes", "Forehead", "Botox 100U", "C3709C3", 40, "U", "Visit", 560, null, null],
      [ymd(2026, 2, 20), null, null, null, null, "Botox 100U", "C3709C3", 6, "U", "Waste", null, null, null],
    ],
  },
  {
    spec: specOf("Counts"),
    rows: [
      [ymd(2026, 2, 27), "Botox 100U", "C3709C3", 108, "M. Ortiz", "Month-end count", null],
      [ymd(2026, 2, 27), "Juvederm Ultra XC", "JU2207", 1, "M. Ortiz", "Month-end count", null],
      [ymd(2026, 2, 27), "Botox 100U", "C4120A1", 100, "M. Ortiz", "Month-end count", null],
    ],
  },
  {
    spec: specOf("Products"),
    // GTIN left blank: the practice fills it in by scanning a carton. Botox is ordered by the
    // vial, 5 days ahead; the filler in boxes of two 1 mL syringes, 7 days ahead (the default).
    rows: [
      ["Botox 100U", "U", 100, null, "90,60,30", 0.05, 14, null, 5, 30, 100],
      ["Juvederm Ultra XC", "mL", 1, null, "90,60,30", null, 650, null, null, 30, 2],
    ],
  },
];

/** ExcelJS wants colours as ARGB: `#F8696B` is `FFF8696B`. */
const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;
const fill = (hex: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) }, bgColor: { argb: argb(hex) } });

function addLedgerSheet(wb: Workbook, t: Ledger): Worksheet {
  const { name, columns } = t.spec;
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    // Column styles, so rows typed below the examples are formatted too.
    if (c.numberFormat) col.numFmt = c.numberFormat;
  });
  ws.addTable({
    name,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    rows: t.rows.map((r) => [...r]),
  });
  columns.forEach((c, i) => {
    if (!c.numberFormat) return;
    for (let r = 2; r <= t.rows.length + 1; r++) ws.getCell(r, i + 1).numFmt = c.numberFormat;
  });
  return ws;
}

/** ExcelJS keeps a sheet's data validation in `dataValidations`, which its typings leave out. */
function validations(ws: Worksheet): { add(range: string, rule: DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations;
}

function list(v: ListValidation): DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: ["formula" in v.source ? v.source.formula : `"${v.source.choices.join(",")}"`],
    showErrorMessage: true,
    errorStyle: v.style,
    errorTitle: "Lotbook",
    error: v.message,
  };
}

/** The spec's dropdowns and conditional formats (the first format has the highest priority). */
function addRules(ws: Worksheet, spec: LedgerSpec): void {
  for (const v of spec.validations) validations(ws).add(v.range, list(v));
  spec.conditionalFormats.forEach((f, i) => {
    ws.addConditionalFormatting({
      ref: f.range,
      rules: [{
        type: "expression",
        priority: i + 1,
        formulae: [f.formula],
        style: { fill: fill(f.fill), ...(f.fontColor ? { font: { color: { argb: argb(f.fontColor) } } } : {}) },
      }],
    });
  });
}

/**
 * How Excel stores a formula that calls a JavaScript custom function: `_xldudf_` and the name with
 * its dot as an underscore. Excel shows it as =LOTBOOK.FEFO_LOT(…) once the add-in is loaded, and
 * #NAME? until then; other spreadsheet programs see an unknown function and open the file anyway.
 * Every formula leaves its tables out (and its as_of: today): it answers from the workbook's own
 * Lots, Draws, Counts and Products tables through the live ledger, and follows them as they change.
 */
const lotbook = (fn: string, args = ""): string => `_xldudf_LOTBOOK_${fn}(${args})`;

/** Cells whose formula spills (dynamic arrays), marked as such in post-processing. */
const SPILLS = ["A13", "H13", "N13"];

function addSummary(wb: Workbook): void {
  const ws = wb.addWorksheet("Summary");
  ws.getColumn(1).width = 22;
  for (let c = 2; c <= 12; c++) ws.getColumn(c).width = 14;
  for (let c = 14; c <= 20; c++) ws.getColumn(c).width = 13;
  ws.getColumn(21).width = 60;
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
  const products = STARTER_TABLES.find((t) => t.spec.name === "Products")!.rows.map((r) => r[0] as string);
  products.forEach((p, i) => {
    const r = 6 + i;
    ws.getCell(r, 1).value = p;
    ws.getCell(r, 2).value = { formula: lotbook("FEFO_LOT", `A${r}`) };
    ws.getCell(r, 3).value = { formula: lotbook("STOCK_VALUE", `A${r}`) };
    ws.getCell(r, 4).value = { formula: lotbook("SHRINKAGE", `A${r}`) };
  });
  const all = 6 + products.length;
  ws.getCell(all, 1).value = "All stock";
  ws.getCell(all, 1).font = { bold: true };
  ws.getCell(all, 3).value = { formula: lotbook("STOCK_VALUE", '"*"') };
  ws.getCell(all, 4).value = { formula: lotbook("SHRINKAGE", '"*"') };
  for (let r = 6; r <= all; r++) {
    ws.getCell(r, 3).numFmt = MONEY;
    ws.getCell(r, 4).numFmt = MONEY;
  }

  ws.getCell("A12").value = "Expiring within 90 days, and expired";
  ws.getCell("A12").font = { bold: true };
  ws.getCell("H12").value = "Check";
  ws.getCell("H12").font = { bold: true };
  ws.getCell("N12").value = "Reorder: what to order, by when, how much";
  ws.getCell("N12").font = { bold: true };
  const [expiring, check, reorder] = SPILLS;
  ws.getCell(expiring).value = spill(lotbook("EXPIRING", "90"), expiring);
  ws.getCell(check).value = spill(lotbook("CHECK"), check);
  ws.getCell(reorder).value = spill(lotbook("REORDER"), reorder);
  // EXPIRING spills Product, Lot, Expires, Days Left, Remaining, Value: format where they land.
  for (let r = 13; r <= 60; r++) {
    ws.getCell(r, 3).numFmt = DATE;
    ws.getCell(r, 6).numFmt = MONEY;
    // REORDER spills Product, Usable, Daily Use, Days Of Cover, Stock Out, Order By, Suggested Qty, Reason.
    ws.getCell(r, 16).numFmt = "0.00";
    ws.getCell(r, 17).numFmt = "0.0";
    ws.getCell(r, 18).numFmt = DATE;
    ws.getCell(r, 19).numFmt = DATE;
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
    addRules(addLedgerSheet(wb, t), t.spec);
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
 * A workbook.xml with the defined names added, which ExcelJS writes only for ranges: the names the
 * expiry highlighting reads are formulas.
 * @example withDefinedNames(xml, highlightNames())
 */
export function withDefinedNames(workbookXml: string, names: readonly DefinedName[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const xml = names.map((n) => `<definedName name="${n.name}">${escape(n.formula)}</definedName>`).join("");
  return replaceOnce(workbookXml, "</sheets>", `</sheets><definedNames>${xml}</definedNames>`, "xl/workbook.xml");
}

/**
 * Re-zips ExcelJS's output with fixed entry dates (JSZip stamps every entry, and its folder
 * entries, with the current time), and marks the Summary's spilling formulas as dynamic arrays,
 * which ExcelJS cannot write: without the mark Excel would show only their first cell; adds the
 * defined names of the expiry highlighting.
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
    } else if (name === "xl/workbook.xml") {
      text = withDefinedNames(text, highlightNames());
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
