import { basename } from "path";
import { serialFromYmd } from "../core";
import { audit, exitCodeOf } from "./audit";
import { auditJson, auditText } from "./report";
import { readLedgerWorkbook } from "./workbook";

export const USAGE = `Usage: lotbook audit <file.xlsx> [--as-of YYYY-MM-DD] [--json]

Reads the Lots, Draws, Counts and Products tables of a workbook (by table name, or sheets of those
names with a header row) and prints expiry alerts, value at risk of expiring, the shrinkage log,
stock value at cost and every diagnostic. The file is only read, never written.

  --as-of YYYY-MM-DD  the day to audit (default: today)
  --json              one JSON object instead of the readable report

Exit code: 0 clean; 1 expiry alerts, books below zero or errors in the ledger; 2 the file cannot
be read, or the audit ran out of memory.
`;

/** Where the command writes: the process's streams, or a test's buffers. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface AuditArgs {
  readonly file: string;
  readonly asOf: { year: number; month: number; day: number } | null;
  readonly json: boolean;
}

type Parsed = { readonly ok: true; readonly args: AuditArgs } | { readonly ok: false; readonly message: string };

function parseAsOf(text: string): AuditArgs["asOf"] | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return { year, month, day };
  }
  return `--as-of takes a date as YYYY-MM-DD, for example 2026-03-31, not '${text}'`;
}

function parseAuditArgs(args: readonly string[]): Parsed {
  let file: string | null = null;
  let asOf: AuditArgs["asOf"] = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--as-of" || a.startsWith("--as-of=")) {
      const value = a === "--as-of" ? args[++i] : a.slice("--as-of=".length);
      if (value === undefined) return { ok: false, message: "--as-of needs a date, for example --as-of 2026-03-31" };
      const parsed = parseAsOf(value);
      if (typeof parsed === "string") return { ok: false, message: parsed };
      asOf = parsed;
    } else if (a.startsWith("-") && a !== "-") return { ok: false, message: `unknown option ${a}` };
    else if (file === null) file = a;
    else return { ok: false, message: `one workbook at a time (got ${file} and ${a})` };
  }
  if (file === null) return { ok: false, message: "name the workbook to audit" };
  return { ok: true, args: { file, asOf, json } };
}

/**
 * The `lotbook` command: returns the exit code. Reads the workbook, never writes it, and makes
 * no network call.
 * @example await main(["audit", "clinic.xlsx", "--json"], { stdout: console.log, stderr: console.error })
 */
export async function main(argv: readonly string[], io: Io, today: Date = new Date()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== "audit") {
    io.stderr(`lotbook: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseAuditArgs(rest);
  if (!parsed.ok) {
    io.stderr(`lotbook audit: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { file, json } = parsed.args;
  const read = await readLedgerWorkbook(file);
  if (!read.ok) {
    io.stderr(`lotbook audit: ${read.message}\n`);
    return 2;
  }
  const system = read.value.input.dateSystem;
  const day = parsed.args.asOf ?? { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
  const result = audit(read.value.input, serialFromYmd(day.year, day.month, day.day, system));
  const ctx = { file: basename(file), sources: read.value.sources, layout: read.value.layout };
  io.stdout(json ? JSON.stringify(auditJson(result, ctx), null, 2) + "\n" : auditText(result, ctx));
  return exitCodeOf(result);
}
