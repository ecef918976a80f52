// A fake Excel for the Report sheet: sheets of cells, workbook names, spilling formulas and
// charts. As in Office.js, every write is queued and takes effect at the next sync (a failed sync
// applies none of its batch), a property read before it was loaded and synced throws, and a spill
// is known only once the formula has calculated (`calculatesAfter` syncs later). Syncs are counted.
import type { ExcelHost } from "../../../../src/taskpane/workbook/excel/excelWorkbook";

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
}

type Pending = () => void;

/** A proxy whose properties can be read only after `load` and a sync, as Office.js requires. */
function loadable<T extends object>(target: T, onSync: (apply: Pending) => void): T {
  const loaded = new Set<string>();
  const requested = new Set<string>();
  const proxy: T = new Proxy(target, {
    get(t, key, receiver) {
      if (key === "load") {
        return (props: string) => {
          for (const p of props.split(",")) requested.add(p.trim().split("/")[0]);
          onSync(() => requested.forEach((p) => loaded.add(p)));
          return proxy;
        };
      }
      const value = Reflect.get(t, key, receiver);
      const primitive = value === null || (typeof value !== "object" && typeof value !== "function");
      if (typeof key === "string" && key !== "isNullObject" && primitive && !loaded.has(key)) {
        throw new Error(`PropertyNotLoaded: ${key} was read before load and sync`);
      }
      return value;
    },
  });
  return proxy;
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

  let pending: Pending[] = [];
  const failures = new Map<number, Error>();
  const log = { syncs: 0, runs: [] as { mergeUndoGroup?: boolean; syncs: number }[], waits: [] as number[] };
  const queue = (apply: Pending) => pending.push(apply);
  const sheetNamed = (name: string) => sheets.get(name.toLowerCase());

  const rangeObject = (sheet: () => FakeSheet, address: string) => {
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
        queue(() => {
          sheet().cells.set(address, v[0][0]);
          writtenAt.set(`${sheet().name}!${address}`, log.syncs);
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
      getResizedRange: (rows: number, columns: number) => rangeObject(sheet, `${address}+${rows}r${columns}c`),
      getOffsetRange: (rows: number, columns: number) => offsetRange(sheet, address, rows, columns),
      getSpillingToRangeOrNullObject: () => {
        const spill = loadable({ isNullObject: true, rowCount: 0 }, (apply) => queue(apply));
        queue(() => {
          const at = writtenAt.get(`${sheet().name}!${address}`);
          const rows = options.spillRows?.[address];
          const ready = at !== undefined && log.syncs - at >= (options.calculatesAfter ?? 0) && rows !== undefined;
          Object.assign(spill, { isNullObject: !ready, rowCount: ready ? rows : 0 });
        });
        return spill;
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

  const sheetObject = (get: () => FakeSheet) => ({
    getRange: (address?: string) => rangeObject(get, address ?? "ALL"),
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
        getItemOrNullObject: (name: string) => {
          const item = loadable({ isNullObject: !names.has(name), formula: names.get(name) ?? "", delete: () => queue(() => names.delete(name)) }, queue);
          return item;
        },
        add: (name: string, reference: { address: string; sheet?: string }) => {
          queue(() => names.set(name, `=${reference.sheet}!$A$1`));
        },
      },
      worksheets: {
        getItemOrNullObject: (name: string) => {
          const found = sheetNamed(name);
          const proxy = loadable({ isNullObject: !found, name: found?.name ?? "", ...sheetObject(() => sheetNamed(name)!) }, queue);
          return proxy;
        },
        add: (name: string) => {
          queue(() => sheets.set(name.toLowerCase(), newSheet(name)));
          const obj = sheetObject(() => sheetNamed(name)!);
          // A name's reference to the new sheet's A1.
          return { ...obj, getRange: (address?: string) => Object.assign(rangeObject(() => sheetNamed(name)!, address ?? "ALL"), { sheet: name }) };
        },
      },
    },
    async sync() {
      log.syncs++;
      const failure = failures.get(log.syncs);
      const batch = pending;
      pending = [];
      if (failure) throw failure;
      for (const apply of batch) apply();
    },
  };

  const host: ExcelHost = {
    async run(runOptions, batch) {
      pending = [];
      const before = log.syncs;
      try {
        return await batch(context as unknown as Excel.RequestContext);
      } finally {
        log.runs.push({ mergeUndoGroup: runOptions.mergeUndoGroup, syncs: log.syncs - before });
      }
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
      failures.set(log.syncs + n, Object.assign(new Error(message), { code }));
    },
  };
}
