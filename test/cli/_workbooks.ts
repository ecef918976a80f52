import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook, type CellValue } from "exceljs";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "lotbook.js");
const BUILT = join(ROOT, "dist", "cli", "main.js");

/** A calendar date as ExcelJS writes and reads it (UTC fields are the date shown). */
export const ymd = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

export type Row = CellValue[];

/** One sheet of a test workbook: rows from `at`, optionally made an Excel table. */
export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly Row[];
  /** Name of the Excel table over the rows (header first); a plain range without it. */
  readonly table?: string;
  /** Row of the first row (title rows above a table are common); 1 by default. */
  readonly firstRow?: number;
}

export const LOTS_HEADER = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost"];
export const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];
export const COUNTS_HEADER = ["Date", "Product", "Lot", "Counted"];
export const PRODUCTS_HEADER = ["Product", "Unit", "Alert Days", "Loss Allowance"];

/**
 * A small practice, worked by hand:
 * - bought: C3709C3 200 U × $6.50 = $1,300; JU2207 2 mL for $700 ($350/mL); C4120A1 100 U for $680 ($6.80/U): $2,680.
 * - visits: (20 + 24 + 40) U × $6.50 = $546 and 1 mL × $350: COGS $896. Waste: 6 U × $6.50 = $39.
 * - count on 2/27/2026: C3709C3 expected 200 − 90 = 110, counted 108: 2 U short, $13.00
 *   (Botox's 5 % allowance on the 84 U injected allows 4.2, so all 2 are allowed loss).
 * - on hand: 108 × $6.50 + 1 × $350 + 100 × $6.80 = $702 + $350 + $680 = $1,732.
 */
export const CLINIC = {
  lots: [
    LOTS_HEADER,
    ["Botox 100U", "C3709C3", ymd(2027, 6, 30), ymd(2026, 1, 5), 200, "U", 6.5, null],
    ["Juvederm Ultra XC", "JU2207", ymd(2027, 3, 31), ymd(2026, 1, 5), 2, "mL", null, 700],
    ["Botox 100U", "C4120A1", ymd(2027, 9, 30), ymd(2026, 2, 2), 100, "U", null, 680],
  ] as Row[],
  draws: [
    DRAWS_HEADER,
    [ymd(2026, 1, 12), "V1001", "P-1001", "Botox 100U", "C3709C3", 20, "Visit", 280],
    [ymd(2026, 1, 12), "V1002", "P-1002", "Botox 100U", "C3709C3", 24, "Visit", 336],
    [ymd(2026, 1, 20), "V1003", "P-1003", "Juvederm Ultra XC", "JU2207", 1, "Visit", 650],
    [ymd(2026, 2, 16), "V1004", "P-1004", "Botox 100U", "C3709C3", 40, "Visit", 560],
    [ymd(2026, 2, 20), null, null, "Botox 100U", "C3709C3", 6, "Waste", null],
  ] as Row[],
  counts: [
    COUNTS_HEADER,
    [ymd(2026, 2, 27), "Botox 100U", "C3709C3", 108],
    [ymd(2026, 2, 27), "Juvederm Ultra XC", "JU2207", 1],
    [ymd(2026, 2, 27), "Botox 100U", "C4120A1", 100],
  ] as Row[],
  products: [
    PRODUCTS_HEADER,
    ["Botox 100U", "U", "90,60,30", 0.05],
    ["Juvederm Ultra XC", "mL", "90,60,30", null],
  ] as Row[],
};

export type Ledger = typeof CLINIC;

/** The clinic's four tables as Excel tables on sheets of the same names. */
export function asTables(l: Ledger = CLINIC): SheetSpec[] {
  return [
    { name: "Lots", rows: l.lots, table: "Lots" },
    { name: "Draws", rows: l.draws, table: "Draws" },
    { name: "Counts", rows: l.counts, table: "Counts" },
    { name: "Products", rows: l.products, table: "Products" },
  ];
}

/** A fresh folder for a test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "lotbook-cli-"));
}

/** Writes a real .xlsx with ExcelJS: dates get a date format, as Excel gives a typed date. */
export async function writeWorkbook(path: string, sheets: readonly SheetSpec[], options: { date1904?: boolean; totalsRow?: string } = {}): Promise<string> {
  const wb = new Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const first = s.firstRow ?? 1;
    if (s.table) {
      const totals = options.totalsRow === s.table;
      ws.addTable({
        name: s.table,
        ref: `A${first}`,
        totalsRow: totals,
        // A totals row summing Qty, as Excel adds it: "Total" under the first column.
        columns: (s.rows[0] as string[]).map((name) => ({ name, filterButton: true, ...(totals && name === "Qty" ? { totalsRowFunction: "sum" as const } : {}) })),
        rows: s.rows.slice(1).map((r) => [...r]),
      });
    } else {
      s.rows.forEach((r, i) => {
        ws.getRow(first + i).values = [...r];
      });
    }
    s.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v instanceof Date) ws.getCell(first + i, j + 1).numFmt = "m/d/yyyy";
      }),
    );
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/** Rows with every date written as text, the way a CSV import or a careless paste leaves them. */
export function datesAsText(rows: readonly Row[], style: "iso" | "us"): Row[] {
  return rows.map((r) =>
    r.map((v) => {
      if (!(v instanceof Date)) return v;
      const [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
      return style === "iso" ? `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` : `${m}/${d}/${y}`;
    }),
  );
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Fails loudly when dist/ is older than the sources: the tests run the compiled command. */
export function assertBuilt(): void {
  let built = 0;
  try {
    built = statSync(BUILT).mtimeMs;
  } catch {
    throw new Error("dist/cli/main.js is missing: run `npm run build:cli` (npm test does it)");
  }
  if (newest(join(ROOT, "src", "cli")) > built || newest(join(ROOT, "src", "core")) > built) {
    throw new Error("dist/ is older than src/: run `npm run build:cli` (npm test does it)");
  }
}

/** Runs `node bin/lotbook.js …` as a user would, and times it. */
export function lotbook(...args: string[]): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, timeout: 120_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms };
}
