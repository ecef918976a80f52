import { readFile } from "fs/promises";
import { Workbook, type CellValue, type Worksheet } from "exceljs";
import JSZip from "jszip";
import { serialFromDate, type Cell, type DateSystem, type LedgerInput, type TableName } from "../core";
import { mapColumns, SCHEMAS } from "../core/schema";
import { columnLetter } from "../core/address";

/** Where a ledger table was found in the workbook. */
export interface TableSource {
  readonly from: "table" | "sheet";
  readonly sheet: string;
  /** The range read, header row included, e.g. `A1:J120`. */
  readonly range: string;
}

/** The ledger tables of a workbook, as Excel would hand them to a custom function. */
export interface WorkbookLedger {
  readonly input: LedgerInput & { readonly dateSystem: DateSystem };
  readonly sources: Readonly<Partial<Record<TableName, TableSource>>>;
}

/** Reading a workbook either gives its ledger or one sentence saying why it cannot be read. */
export type ReadResult = { readonly ok: true; readonly value: WorkbookLedger } | { readonly ok: false; readonly message: string };

const TABLES: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];
/** An OLE compound file: what Excel writes for a password-protected workbook (and for old .xls). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** How far down a plain sheet Lotbook looks for its header row (title rows may come first). */
const HEADER_SEARCH_ROWS = 20;

/**
 * Reads the ledger tables of an .xlsx file: each by table name (`Lots`, `Draws`, `Counts`,
 * `Products`, on any sheet), else from the sheet of that name, starting at its header row.
 * Never writes to the file.
 * @example const read = await readLedgerWorkbook("clinic.xlsx"); if (read.ok) buildLedger(read.value.input)
 */
export async function readLedgerWorkbook(path: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, message: `cannot read ${path}: ${ioReason(e)}` };
  }
  if (bytes.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) {
    return {
      ok: false,
      message: `${path} is password-protected (encrypted) or an old .xls file; open it in Excel, remove the password or save it as .xlsx, and run the audit on that copy`,
    };
  }
  if (!bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    return { ok: false, message: `${path} is not an .xlsx workbook (an .xlsx file is a zip archive, and this one is not)` };
  }
  const wb = new Workbook();
  let declared1904: boolean;
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    declared1904 = await declaresDate1904(bytes);
  } catch (e) {
    return { ok: false, message: `${path} could not be read as an .xlsx workbook (it may be damaged): ${firstLine(e)}` };
  }
  // ExcelJS turns date-formatted numbers into Dates with the system it detected; turning them back
  // must use the same one, while text dates and as-of need the one the file really declares.
  const readSystem: DateSystem = wb.properties.date1904 ? 1904 : 1900;
  const dateSystem: DateSystem = declared1904 ? 1904 : 1900;

  const grids: Partial<Record<TableName, Cell[][]>> = {};
  const sources: Partial<Record<TableName, TableSource>> = {};
  for (const name of TABLES) {
    const found = findTable(wb, name) ?? findSheet(wb, name);
    if (!found) continue;
    grids[name] = gridOf(found.ws, found.range, readSystem);
    sources[name] = { from: found.from, sheet: found.ws.name, range: encodeRange(found.range) };
  }
  if (!grids.Lots) {
    return {
      ok: false,
      message: `${path} has no Lots table and no sheet named Lots; Lotbook reads the tables Lots, Draws, Counts and Products (or sheets of those names with a header row)`,
    };
  }
  return {
    ok: true,
    value: {
      input: { lots: grids.Lots, draws: grids.Draws ?? null, counts: grids.Counts ?? null, products: grids.Products ?? null, dateSystem },
      sources,
    },
  };
}

function ioReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return firstLine(e);
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0].trim() || "unknown error";
}

/** Excel writes `date1904="1"`, LibreOffice `date1904="true"`; ExcelJS only understands the first. */
async function declaresDate1904(bytes: Buffer): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file("xl/workbook.xml");
  if (!part) return false;
  const xml = await part.async("string");
  const m = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["']([^"']*)["']/.exec(xml);
  return m !== null && (m[1] === "1" || m[1].toLowerCase() === "true");
}

interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

interface Found {
  readonly ws: Worksheet;
  readonly range: Range;
  readonly from: "table" | "sheet";
}

/** The fields of a table ExcelJS read from a file (its typings describe tables being written). */
interface LoadedTable {
  readonly table: { readonly name?: string; readonly tableRef?: string; readonly ref?: string; readonly totalsRow?: boolean };
}

function findTable(wb: Workbook, name: TableName): Found | undefined {
  for (const ws of wb.worksheets) {
    for (const t of Object.values((ws as unknown as { tables: Record<string, LoadedTable> }).tables)) {
      if (t.table.name?.toLowerCase() !== name.toLowerCase()) continue;
      const range = decodeRange(t.table.tableRef ?? t.table.ref ?? "");
      if (!range) continue;
      // The header row is always read: ExcelJS mistakes Excel's default (no headerRowCount
      // attribute) for "no header row".
      const bottom = t.table.totalsRow && range.bottom > range.top ? range.bottom - 1 : range.bottom;
      return { ws, range: { ...range, bottom }, from: "table" };
    }
  }
  return undefined;
}

function findSheet(wb: Workbook, name: TableName): Found | undefined {
  const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase());
  if (!ws || ws.rowCount === 0) return undefined;
  const right = Math.max(ws.columnCount, 1);
  const bottom = ws.rowCount;
  const top = headerRow(ws, name, right, Math.min(bottom, HEADER_SEARCH_ROWS));
  return { ws, range: { top, left: 1, bottom, right }, from: "sheet" };
}

/**
 * The row that names the most of the table's columns (title rows above a table are common);
 * the first non-blank row when none does, so the engine can say what is wrong with it.
 */
function headerRow(ws: Worksheet, name: TableName, right: number, last: number): number {
  let best = 0;
  let bestCount = 0;
  let firstNonBlank = 0;
  for (let r = 1; r <= last; r++) {
    const cells: Cell[] = [];
    const row = ws.getRow(r);
    for (let c = 1; c <= right; c++) cells.push(toCell(row.getCell(c).value, 1900));
    if (!firstNonBlank && cells.some((c) => c !== null && c !== "")) firstNonBlank = r;
    const count = mapColumns(cells, SCHEMAS[name]).recognised;
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  return best || firstNonBlank || 1;
}

function gridOf(ws: Worksheet, range: Range, system: DateSystem): Cell[][] {
  const grid: Cell[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = new Array(range.right - range.left + 1);
    for (let c = range.left; c <= range.right; c++) cells[c - range.left] = toCell(row.getCell(c).value, system);
    grid.push(cells);
  }
  return grid;
}

/**
 * A cell as Excel hands it to a custom function: dates as serial numbers, rich text and
 * hyperlinks as their text, formulas as their last computed value, errors as `#N/A`-style text,
 * empty as `null`.
 * @example toCell(new Date(Date.UTC(2026, 2, 15)), 1900) // 46096
 */
export function toCell(v: CellValue, system: DateSystem): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return serialFromDate(v, system);
  if ("error" in v) return v.error;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return toCell(v.result ?? null, system);
  if ("hyperlink" in v) return toCell(v.text as CellValue, system);
  return null;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function decodeRange(ref: string): Range | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const left = colNumber(m[1]);
  const top = Number(m[2]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
}

function encodeRange(r: Range): string {
  return `${columnLetter(r.left - 1)}${r.top}:${columnLetter(r.right - 1)}${r.bottom}`;
}
