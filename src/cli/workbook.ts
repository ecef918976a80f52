import { readFile } from "fs/promises";
import { columnLetter, type Cell, type DateSystem, type LedgerInput, type TableName } from "../core";
import { mapColumns, SCHEMAS } from "../core/schema";
import { ColumnTable, gridView } from "./columns";
import { XlsxPackage, type XlsxSheet } from "./xlsx";

/** Where a ledger table was found in the workbook. */
export interface TableSource {
  readonly from: "table" | "sheet";
  readonly sheet: string;
  /** The range read, header row included, e.g. `A1:J120`. */
  readonly range: string;
}

/** Where a table sits on its sheet, to point at a cell: its header row, first column and headers. */
export interface TableLayout {
  readonly sheet: string;
  /** Worksheet row of the header row. */
  readonly top: number;
  /** Column number (1-based) of the table's first column. */
  readonly left: number;
  /** The header row's cells as text, as the engine names columns. */
  readonly header: readonly string[];
}

/** The ledger tables of a workbook, as Excel would hand them to a custom function. */
export interface WorkbookLedger {
  readonly input: LedgerInput & { readonly dateSystem: DateSystem };
  readonly sources: Readonly<Partial<Record<TableName, TableSource>>>;
  readonly layout: Readonly<Partial<Record<TableName, TableLayout>>>;
}

/** Reading a workbook either gives its ledger or one sentence saying why it cannot be read. */
export type ReadResult = { readonly ok: true; readonly value: WorkbookLedger } | { readonly ok: false; readonly message: string };

const TABLES: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];
/** An OLE compound file: what Excel writes for a password-protected workbook (and for old .xls). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** How far down a plain sheet Lotbook looks for its header row (title rows may come first). */
const HEADER_SEARCH_ROWS = 20;

interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A table to read from a sheet: by its table range, or the whole sheet (header found after). */
interface Wanted {
  readonly name: TableName;
  readonly sheet: XlsxSheet;
  readonly range: Range | null;
}

/**
 * Reads the ledger tables of an .xlsx file: each by table name (`Lots`, `Draws`, `Counts`,
 * `Products`, on any sheet), else from the sheet of that name, starting at its header row.
 * Sheets are read as streams into typed columns; only the sheets that hold a ledger table are read.
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
  const damaged = (e: unknown) => ({ ok: false as const, message: `${path} could not be read as an .xlsx workbook (it may be damaged): ${firstLine(e)}` });
  let pkg: XlsxPackage;
  try {
    pkg = await XlsxPackage.open(bytes);
  } catch (e) {
    return damaged(e);
  }
  const wanted: Wanted[] = [];
  for (const name of TABLES) {
    const found = findTable(pkg, name) ?? findSheet(pkg, name);
    if (found) wanted.push(found);
  }
  const noLots = {
    ok: false as const,
    message: `${path} has no Lots table and no sheet named Lots; Lotbook reads the tables Lots, Draws, Counts and Products (or sheets of those names with a header row)`,
  };
  if (!wanted.some((w) => w.name === "Lots")) return noLots;
  let value: WorkbookLedger;
  try {
    value = await readTables(pkg, wanted);
  } catch (e) {
    return damaged(e);
  }
  return value.sources.Lots ? { ok: true, value } : noLots;
}

async function readTables(pkg: XlsxPackage, wanted: readonly Wanted[]): Promise<WorkbookLedger> {
  const shared = await pkg.sharedStrings();
  const stores = new Map<TableName, ColumnTable>();
  // One pass over each sheet, however many ledger tables it holds.
  for (const path of new Set(wanted.map((w) => w.sheet.path))) {
    const here = wanted.filter((w) => w.sheet.path === path);
    for (const w of here) stores.set(w.name, new ColumnTable(shared));
    await pkg.readSheet(path, (row, col, kind, num, text) => {
      for (const w of here) {
        const r = w.range;
        if (r === null) stores.get(w.name)!.set(row - 1, col - 1, kind, num, text);
        else if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) stores.get(w.name)!.set(row - r.top, col - r.left, kind, num, text);
      }
    }, pkg.dateSystem);
  }

  const grids: Partial<Record<TableName, LedgerInput["lots"]>> = {};
  const sources: Partial<Record<TableName, TableSource>> = {};
  const layout: Partial<Record<TableName, TableLayout>> = {};
  const firstRows: Partial<Record<TableName, number>> = {};
  for (const w of wanted) {
    const store = stores.get(w.name)!;
    let range: Range;
    let header: Cell[];
    if (w.range) {
      range = w.range;
      header = store.row(0, 0, range.right - range.left);
      grids[w.name] = gridView(store, 0, 0, range.bottom - range.top, range.right - range.left);
    } else {
      if (store.rows === 0) continue;
      const right = Math.max(store.width, 1);
      const top = headerRow(store, w.name, right, Math.min(store.rows, HEADER_SEARCH_ROWS));
      range = { top, left: 1, bottom: store.rows, right };
      header = store.row(top - 1, 0, right - 1);
      grids[w.name] = gridView(store, top - 1, 0, store.rows - 1, right - 1);
    }
    sources[w.name] = { from: w.range ? "table" : "sheet", sheet: w.sheet.name, range: encodeRange(range) };
    layout[w.name] = { sheet: w.sheet.name, top: range.top, left: range.left, header: header.map(headerText) };
    firstRows[w.name] = range.top;
  }
  return {
    input: {
      lots: grids.Lots,
      draws: grids.Draws ?? null,
      counts: grids.Counts ?? null,
      products: grids.Products ?? null,
      dateSystem: pkg.dateSystem,
      firstRows,
    },
    sources,
    layout,
  };
}

function headerText(c: Cell): string {
  if (typeof c === "string") return c.trim();
  return c === null || c === undefined ? "" : String(c);
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

function findTable(pkg: XlsxPackage, name: TableName): Wanted | undefined {
  for (const sheet of pkg.sheets) {
    for (const t of sheet.tables) {
      if (t.name.toLowerCase() !== name.toLowerCase()) continue;
      const range = decodeRange(t.ref);
      if (!range) continue;
      // The header row is always read (a table without one then says so); a totals row is not data.
      const bottom = Math.max(range.bottom - t.totalsRowCount, range.top);
      return { name, sheet, range: { ...range, bottom } };
    }
  }
  return undefined;
}

function findSheet(pkg: XlsxPackage, name: TableName): Wanted | undefined {
  const sheet = pkg.sheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  return sheet ? { name, sheet, range: null } : undefined;
}

/**
 * The row that names the most of the table's columns (title rows above a table are common);
 * the first non-blank row when none does, so the engine can say what is wrong with it.
 */
function headerRow(store: ColumnTable, name: TableName, right: number, last: number): number {
  let best = 0;
  let bestCount = 0;
  let firstNonBlank = 0;
  for (let r = 1; r <= last; r++) {
    const cells = store.row(r - 1, 0, right - 1);
    if (!firstNonBlank && cells.some((c) => c !== null && c !== "")) firstNonBlank = r;
    const count = mapColumns(cells, SCHEMAS[name]).recognised;
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  return best || firstNonBlank || 1;
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
