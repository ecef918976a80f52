// A fake Excel for the Report sheet: sheets of cells, workbook names, spilling formulas and
// charts. What the adapter reads (a name's formula, a sheet's name, a spill's size) are
// office-addin-mock objects, so a property read before load and sync gives the mock's error, as
// Office.js would. The mock has no request queue, so this harness adds one: every write takes
// effect at the next sync (a failed sync applies none of its batch). A spill is known only once
// its formula has calculated (`calculatesAfter` syncs after the one that wrote it). Syncs are counted.
import type { OfficeMockObject } from "office-addin-mock";
import type { ExcelHost } from "../../../src/workbook/excel/excelWorkbook";
import { fakeSync, orNull } from "./_fakeSync";

export interface FakeChart {
  name: string;
  title: string;
  type: string;
  series: { name: string; values: string; categories: string }[];
  position: [string, string] | null;
}

export interface FakeSheet {
  name: string;
  /** Formulas and text by address, as written. */
  cells: Map<string, string>;
  numberFormats: Map<string, string>;
  bold: Set<string>;
  charts: FakeChart[];
}

export interface ReportFakeOptions {
  sheets?: string[];
  /** Workbook names and the formula each refers to, e.g. `{ Lotbook_Report: "=Report!$A$1" }`. */
  names?: Record<string, string>;
  /** Rows (header included) each formula spills, by its anchor address; a formula not listed shows an error and does not spill. */
  spillRows?: Record<string, number>;
  /** Syncs after the one that writes a formula before its spill is known (custom functions calculate later). */
  calculatesAfter?: number;
  /** Charts already on a sheet, by sheet name. */
  charts?: Record<string, string[]>;
  supported?: readonly string[];
  /**
   * Excel on the web's undo support: in a run with mergeUndoGroup, a request that sets a named
   * item's comment fails with UndoNotSupported, applying nothing of its batch (the table of
   * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities lists
   * NamedItem.comment as not supported on the web).
   */
  web?: boolean;
}

export function fakeReportExcel(options: ReportFakeOptions = {}) {
  const sheets = new Map<string, FakeSheet>();
  const newSheet = (name: string): FakeSheet => ({ name, cells: new Map(), numberFormats: new Map(), bold: new Set(), charts: [] });
  for (const name of options.sheets ?? []) sheets.set(name.toLowerCase(), newSheet(name));
  for (const [sheet, charts] of Object.entries(options.charts ?? {})) {
    const s = sheets.get(sheet.toLowerCase())!;
    for (const name of charts) s.charts.push({ name, title: name, type: "Pie", series: [], position: null });
  }
  const names = new Map(Object.entries(options.names ?? {}));
  const supported = options.supported ?? ["1.12", "1.16", "1.20"];
  /** When each anchor's formula was written (sync number). */
  const writtenAt = new Map<string, number>();
  const active = { name: "" };

  let merged = false;
  let refuseUndo = false;
  /** Formulas queued in the batch not yet synced, by sheet and address. */
  const queuedFormulas = new Set<string>();
  const log = { syncs: 0, runs: [] as { mergeUndoGroup?: boolean; syncs: number }[], waits: [] as number[], comments: [] as string[] };
  const requests = fakeSync({
    log,
    starting: () => {
      const refused = refuseUndo ? Object.assign(new Error("The operation can't be grouped for undo."), { code: "UndoNotSupported" }) : null;
      refuseUndo = false;
      queuedFormulas.clear();
      return refused;
    },
  });
  const mock = (data: Record<string, unknown>, isNull: boolean): OfficeMockObject => orNull(requests.mock(data), isNull);
  const queue = requests.queue;
  const sheetNamed = (name: string) => sheets.get(name.toLowerCase());

  const rangeObject = (sheet: () => FakeSheet, address: string, sheetName: string) => {
    const at = `${sheetName.toLowerCase()}!${address}`;
    const format = {
      font: {
        set bold(v: boolean) {
          queue(() => (v ? sheet().bold.add(address) : sheet().bold.delete(address)));
        },
        set size(_: number) {},
      },
      set columnWidth(_: number) {},
    };
    const range = {
      address,
      set formulas(v: string[][]) {
        queuedFormulas.add(at);
        queue(() => {
          sheet().cells.set(address, v[0][0]);
          writtenAt.set(at, log.syncs);
        });
      },
      set numberFormat(v: string[][]) {
        queue(() => sheet().numberFormats.set(address, v[0][0]));
      },
      format,
      clear: () =>
        queue(() => {
          const s = sheet();
          s.cells.clear();
          s.numberFormats.clear();
          s.bold.clear();
        }),
      getResizedRange: (rows: number, columns: number) => rangeObject(sheet, `${address}+${rows}r${columns}c`, sheetName),
      getOffsetRange: (rows: number, columns: number) => offsetRange(sheet, address, rows, columns),
      getSpillingToRangeOrNullObject: () => {
        // Known at the coming sync: the formula written by then, and calculated `calculatesAfter` syncs after it was.
        const written = writtenAt.get(at) ?? (queuedFormulas.has(at) ? log.syncs + 1 : undefined);
        const rows = options.spillRows?.[address];
        const ready = written !== undefined && log.syncs + 1 - written >= (options.calculatesAfter ?? 0) && rows !== undefined;
        return mock({ rowCount: ready ? rows : 0 }, !ready);
      },
    };
    return range;
  };

  /** A range described by its top-left cell moved by rows and columns; resizing names the block of cells. */
  const offsetRange = (sheet: () => FakeSheet, address: string, rows: number, columns: number) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 + columns;
    const letter = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : letter(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));
    const top = Number(m[2]) + rows;
    return {
      getResizedRange: (more: number) => ({ address: `${letter(column)}${top}:${letter(column)}${top + more}`, sheet }),
    };
  };

  const chartObject = (sheet: () => FakeSheet, chart: FakeChart) => {
    const seriesObject = (at: number) => ({
      set name(v: string) {
        queue(() => (chart.series[at].name = v));
      },
      setValues: (r: { address: string }) => queue(() => (chart.series[at].values = r.address)),
      setXAxisValues: (r: { address: string }) => queue(() => (chart.series[at].categories = r.address)),
    });
    return {
      set name(v: string) {
        queue(() => (chart.name = v));
      },
      title: {
        set text(v: string) {
          queue(() => (chart.title = v));
        },
      },
      series: {
        getItemAt: (i: number) => seriesObject(i),
        add: (name: string) => {
          const at = chart.series.length + pendingSeries(chart);
          queue(() => chart.series.push({ name, values: "", categories: "" }));
          return seriesObject(at);
        },
      },
      setPosition: (from: string, to: string) => queue(() => (chart.position = [from, to])),
      delete: () => queue(() => sheet().charts.splice(sheet().charts.indexOf(chart), 1)),
    };
  };
  const seriesQueued = new Map<FakeChart, number>();
  const pendingSeries = (chart: FakeChart) => {
    const n = seriesQueued.get(chart) ?? 0;
    seriesQueued.set(chart, n + 1);
    return n;
  };

  const sheetObject = (name: string, get: () => FakeSheet) => ({
    getRange: (address?: string) => rangeObject(get, address ?? "ALL", name),
    charts: {
      items: [] as { name: string; delete: () => void }[],
      load(this: { items: unknown[] }) {
        queue(() => (this.items = get().charts.map((c) => ({ name: c.name, delete: chartObject(get, c).delete }))));
        return this;
      },
      add: (type: string, source: { address: string }) => {
        const chart: FakeChart = { name: "", title: "", type, series: [{ name: "", values: source.address, categories: "" }], position: null };
        seriesQueued.set(chart, 0);
        queue(() => get().charts.push(chart));
        return chartObject(get, chart);
      },
    },
    delete: () => queue(() => sheets.delete(get().name.toLowerCase())),
    activate: () => queue(() => (active.name = get().name)),
  });

  const context = {
    workbook: {
      names: {
        getItemOrNullObject: (name: string) =>
          Object.assign(mock({ formula: names.get(name) ?? "" }, !names.has(name)), { delete: () => queue(() => names.delete(name)) }),
        add: (name: string, reference: { address: string; sheet?: string }, comment?: string) => {
          if (comment !== undefined) log.comments.push(comment);
          if (comment !== undefined && options.web && merged) refuseUndo = true;
          queue(() => names.set(name, `=${reference.sheet}!$A$1`));
        },
      },
      worksheets: {
        getItemOrNullObject: (name: string) => {
          const found = sheetNamed(name);
          return Object.assign(mock({ name: found?.name ?? "" }, !found), sheetObject(name, () => sheetNamed(name)!));
        },
        add: (name: string) => {
          queue(() => sheets.set(name.toLowerCase(), newSheet(name)));
          const obj = sheetObject(name, () => sheetNamed(name)!);
          // A name's reference to the new sheet's A1.
          return { ...obj, getRange: (address?: string) => Object.assign(rangeObject(() => sheetNamed(name)!, address ?? "ALL", name), { sheet: name }) };
        },
      },
    },
    sync: requests.sync,
  };

  const host: ExcelHost = {
    run(runOptions, batch) {
      merged = runOptions.mergeUndoGroup === true;
      refuseUndo = false;
      queuedFormulas.clear();
      return requests.run(context, batch, (syncs) => log.runs.push({ mergeUndoGroup: runOptions.mergeUndoGroup, syncs }));
    },
    supports: (version) => supported.includes(version),
    wait: async (ms) => {
      log.waits.push(ms);
    },
  };

  return {
    host,
    sheets,
    names,
    log,
    sheet: (name: string) => sheetNamed(name),
    /** The sheet shown in Excel's window. */
    active,
    /** The `n`th sync from now fails with this Office error code, applying nothing of its batch. */
    failSync(n: number, code: string, message = code) {
      requests.failAt(n, code, message);
    },
  };
}
