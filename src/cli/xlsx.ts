import JSZip from "jszip";
import { serialFromDate, type DateSystem } from "../core";

/** A table defined in a sheet (`xl/tables/tableN.xml`). */
export interface XlsxTable {
  /** The name Excel shows (`displayName`, else `name`). */
  readonly name: string;
  /** Its range, header row and totals row included, e.g. `A1:H120`. */
  readonly ref: string;
  readonly totalsRowCount: number;
}

/** A worksheet of the package: its name, its part and the tables on it. */
export interface XlsxSheet {
  readonly name: string;
  readonly path: string;
  readonly tables: readonly XlsxTable[];
}

/** What a cell holds as the sheet's XML stores it. */
export const enum CellKind {
  Empty = 0,
  Number = 1,
  /** An index into the shared strings. */
  Shared = 2,
  /** Text held in the cell itself (inline, a formula's text result, an error such as `#N/A`). */
  Text = 3,
  Boolean = 4,
}

/**
 * Receives the cells of a sheet in the order they are stored: worksheet row and column (1-based),
 * what the cell holds, the number (a value, a shared-string index, 0/1) or the text.
 */
export type CellSink = (row: number, col: number, kind: CellKind, num: number, text: string | null) => void;

/**
 * The parts of an .xlsx file the audit reads, opened without loading any sheet: the date system,
 * the sheets and their tables. Sheets and shared strings are then read as streams, so a sheet of a
 * million rows never exists as one string or as a million row objects.
 * @example const pkg = await XlsxPackage.open(bytes); await pkg.readSheet(pkg.sheets[0].path, onCell)
 */
export class XlsxPackage {
  private constructor(
    private readonly zip: JSZip,
    readonly dateSystem: DateSystem,
    readonly sheets: readonly XlsxSheet[],
    private readonly sharedStringsPath: string | null,
  ) {}

  /** Reads the workbook part, its relationships and the table parts. Throws on a damaged package. */
  static async open(bytes: Uint8Array): Promise<XlsxPackage> {
    const zip = await JSZip.loadAsync(bytes);
    const rootRels = relationships(await text(zip, "_rels/.rels"), "");
    const workbookPath = rootRels.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
    const workbook = await text(zip, workbookPath);
    if (workbook === null) throw new Error(`the package has no workbook part (${workbookPath})`);
    const base = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
    const rels = relationships(await text(zip, relsPathOf(workbookPath)), base);
    const byId = new Map(rels.map((r) => [r.id, r]));
    // Excel writes date1904="1", LibreOffice date1904="true".
    const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbook);
    const flag = pr ? attr(pr[1], "date1904") : undefined;
    const dateSystem: DateSystem = flag === "1" || flag?.toLowerCase() === "true" ? 1904 : 1900;
    const sheets: XlsxSheet[] = [];
    for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
      const name = attr(m[1], "name");
      const rel = byId.get(attr(m[1], "id", true) ?? "");
      if (name === undefined || !rel || !rel.type.endsWith("/worksheet")) continue;
      sheets.push({ name: xmlText(name), path: rel.target, tables: await tablesOf(zip, rel.target) });
    }
    const sst = rels.find((r) => r.type.endsWith("/sharedStrings"))?.target ?? (zip.file(`${base}sharedStrings.xml`) ? `${base}sharedStrings.xml` : null);
    return new XlsxPackage(zip, dateSystem, sheets, sst);
  }

  /** The shared strings, rich text as its plain text (phonetic runs left out). */
  async sharedStrings(): Promise<string[]> {
    const out: string[] = [];
    if (this.sharedStringsPath === null || !this.zip.file(this.sharedStringsPath)) return out;
    await scanElements(this.zip, this.sharedStringsPath, "si", (xml) => out.push(siText(xml)));
    return out;
  }

  /**
   * Streams a sheet's cells to `sink`, row by row. Cells without a value are reported as `Empty`, so
   * the caller sees how far the sheet's cells reach, as Excel's used range does.
   */
  async readSheet(path: string, sink: CellSink, dateSystem: DateSystem): Promise<void> {
    const state: SheetState = { row: 0, col: 0 };
    await scanElements(this.zip, path, "row", (xml) => scanRow(xml, state, sink, dateSystem));
  }
}

// ---------------------------------------------------------------------------------------------
// Package parts.

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's path in the package, e.g. `xl/worksheets/sheet1.xml`. */
  readonly target: string;
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const f = zip.file(path);
  return f ? f.async("string") : null;
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function relationships(xml: string | null, base: string): Relationship[] {
  if (xml === null) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], "Id");
    const type = attr(m[1], "Type");
    const target = attr(m[1], "Target");
    if (id === undefined || type === undefined || target === undefined || attr(m[1], "TargetMode") === "External") continue;
    out.push({ id, type, target: resolvePath(base, xmlText(target)) });
  }
  return out;
}

/** A relationship's target against the folder of the part that names it. */
function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

async function tablesOf(zip: JSZip, sheetPath: string): Promise<XlsxTable[]> {
  const base = sheetPath.slice(0, sheetPath.lastIndexOf("/") + 1);
  const tables: XlsxTable[] = [];
  for (const rel of relationships(await text(zip, relsPathOf(sheetPath)), base)) {
    if (!rel.type.endsWith("/table")) continue;
    const xml = await text(zip, rel.target);
    const m = xml && /<(?:[\w.-]+:)?table\b([^>]*)>/.exec(xml);
    if (!m) continue;
    const name = attr(m[1], "displayName") ?? attr(m[1], "name");
    const ref = attr(m[1], "ref");
    if (name === undefined || ref === undefined) continue;
    tables.push({ name: xmlText(name), ref, totalsRowCount: Number(attr(m[1], "totalsRowCount") ?? 0) || 0 });
  }
  return tables;
}

/**
 * An attribute's value in a tag's attribute text; `prefixed` accepts it under any namespace
 * prefix (`r:id`), as writers choose their own.
 */
function attr(attrs: string, name: string, prefixed = false): string | undefined {
  const key = prefixed ? `:${name}` : name;
  let re = ATTRS.get(key);
  if (!re) ATTRS.set(key, (re = new RegExp(`(?:^|\\s)${prefixed ? "(?:[\\w.-]+:)" : ""}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

const ATTRS = new Map<string, RegExp>();

// ---------------------------------------------------------------------------------------------
// Streaming: a part's XML in decoded chunks, cut into whole elements.

/**
 * Calls `each` with the XML of every `<name>` element of a part (a row, a shared string), reading
 * the part as a stream: only the text since the last whole element is held at any time.
 */
async function scanElements(zip: JSZip, path: string, name: string, each: (xml: string) => void): Promise<void> {
  const file = zip.file(path);
  if (!file) throw new Error(`the package has no part ${path}`);
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let close: string | null = null;
  let open: RegExp | null = null;
  const flush = (all: boolean) => {
    if (close === null) {
      // The namespace prefix the writer chose (`<x:row>`), from the first element.
      const m = new RegExp(`<([\\w.-]+:)?${name}[\\s>/]`).exec(carry);
      if (!m) {
        if (!all && carry.length > 1 << 20) carry = carry.slice(-4096);
        return;
      }
      const prefix = m[1] ?? "";
      close = `</${prefix}${name}>`;
      open = new RegExp(`<${prefix.replace(/\./g, "\\.")}${name}(?=[\\s>/])[^>]*?(/?)>`, "g");
    }
    const end = all ? carry.length : lastElementEnd(carry, close);
    if (end <= 0) return;
    const re = open!;
    re.lastIndex = 0;
    for (let m = re.exec(carry); m !== null && m.index < end; m = re.exec(carry)) {
      if (m[1] === "/") {
        each(m[0]);
        continue;
      }
      const stop = carry.indexOf(close, re.lastIndex);
      if (stop < 0) break;
      each(carry.slice(m.index, stop + close.length));
      re.lastIndex = stop + close.length;
    }
    carry = carry.slice(end);
  };
  await new Promise<void>((resolve, reject) => {
    // JSZip's documented StreamHelper (`internalStream`), missing from its typings: it inflates
    // the part chunk by chunk, where `async("string")` would hold all of it at once.
    const stream = (file as unknown as { internalStream(type: "uint8array"): PartStream }).internalStream("uint8array");
    const guard = (step: () => void) => {
      try {
        step();
      } catch (e) {
        stream.pause();
        reject(e);
      }
    };
    stream
      .on("data", (chunk: Uint8Array) => guard(() => {
        carry += decoder.decode(chunk, { stream: true });
        flush(false);
      }))
      .on("error", reject)
      .on("end", () => guard(() => {
        carry += decoder.decode();
        flush(true);
        resolve();
      }))
      .resume();
  });
}

/** JSZip's StreamHelper, as far as it is used here. */
interface PartStream {
  on(event: "data", f: (chunk: Uint8Array) => void): PartStream;
  on(event: "error", f: (e: Error) => void): PartStream;
  on(event: "end", f: () => void): PartStream;
  pause(): PartStream;
  resume(): PartStream;
}

/** Where the last whole element ends: after its closing tag, or after a later self-closed one. */
function lastElementEnd(xml: string, close: string): number {
  const at = xml.lastIndexOf(close);
  return at < 0 ? 0 : at + close.length;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * XML text as written: entities decoded, and Office's `_xHHHH_` escapes of characters XML cannot
 * hold (a line break in a cell is `_x000D_`).
 * @example xmlText("Botox &amp; Dysport") // "Botox & Dysport"
 */
export function xmlText(s: string): string {
  let t = s;
  if (t.includes("&")) {
    t = t.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      name ? NAMED[name] : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10)));
  }
  if (t.includes("_x")) t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

/** The plain text of a shared string or an inline string: its `<t>` runs, phonetic runs left out. */
function siText(xml: string): string {
  const body = xml.includes("rPh") ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "") : xml;
  let out = "";
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g)) if (m[1]) out += m[1];
  return xmlText(out);
}

// ---------------------------------------------------------------------------------------------
// Cells.

interface SheetState {
  /** The last row and column seen: a row or cell without its `r` attribute follows on. */
  row: number;
  col: number;
}

const CELL = /<(?:[\w.-]+:)?c(?=[\s>/])([^>]*?)(\/?)>/g;
const ROW_OPEN = /^<(?:[\w.-]+:)?row\b([^>]*?)\/?>/;

function scanRow(xml: string, state: SheetState, sink: CellSink, system: DateSystem): void {
  const head = ROW_OPEN.exec(xml);
  const r = head ? attr(head[1], "r") : undefined;
  state.row = r !== undefined ? Number(r) : state.row + 1;
  state.col = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(xml); m !== null; m = CELL.exec(xml)) {
    const attrs = m[1];
    const ref = attrs.includes("r=") ? attr(attrs, "r") : undefined;
    state.col = ref !== undefined ? columnOf(ref) : state.col + 1;
    if (m[2] === "/") {
      sink(state.row, state.col, CellKind.Empty, 0, null);
      continue;
    }
    const close = cellClose(xml, CELL.lastIndex);
    const body = xml.slice(CELL.lastIndex, close < 0 ? xml.length : close);
    CELL.lastIndex = close < 0 ? xml.length : close + 2;
    cell(state.row, state.col, attrs.includes("t=") ? attr(attrs, "t") : undefined, body, sink, system);
  }
}

/** Where a cell's closing tag (`</c>`, or `</x:c>` under a prefix) begins its `c>`; −1 if none. */
function cellClose(xml: string, from: number): number {
  for (let at = xml.indexOf("c>", from); at >= 0; at = xml.indexOf("c>", at + 2)) {
    const before = xml.charCodeAt(at - 1);
    if ((before === 47 /* / */ && xml.charCodeAt(at - 2) === 60) /* < */ || (before === 58 /* : */ && xml.lastIndexOf("</", at) > xml.lastIndexOf(">", at - 1))) return at;
  }
  return -1;
}

const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)</;

function cell(row: number, col: number, type: string | undefined, body: string, sink: CellSink, system: DateSystem): void {
  if (type === "inlineStr") {
    sink(row, col, CellKind.Text, 0, siText(body));
    return;
  }
  const v = VALUE.exec(body);
  if (!v) {
    sink(row, col, CellKind.Empty, 0, null);
    return;
  }
  const raw = v[1];
  switch (type) {
    case "s":
      sink(row, col, CellKind.Shared, Number(raw), null);
      return;
    case "str":
    case "e":
      sink(row, col, CellKind.Text, 0, xmlText(raw));
      return;
    case "b":
      sink(row, col, CellKind.Boolean, raw.trim() === "1" || raw.trim().toLowerCase() === "true" ? 1 : 0, null);
      return;
    case "d": {
      // An ISO 8601 date (rare: Excel writes dates as serial numbers); as a serial of the workbook.
      const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) || !raw.includes("T") ? raw : `${raw}Z`);
      if (Number.isNaN(t)) sink(row, col, CellKind.Text, 0, xmlText(raw));
      else sink(row, col, CellKind.Number, serialFromDate(new Date(t), system), null);
      return;
    }
    default: {
      const n = Number(raw);
      if (raw.trim() === "" || Number.isNaN(n)) sink(row, col, CellKind.Text, 0, xmlText(raw));
      else sink(row, col, CellKind.Number, n, null);
    }
  }
}

/** The column number (1-based) of a cell reference such as `AB12`. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}
