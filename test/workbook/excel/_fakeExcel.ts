// A fake Excel built from office-addin-mock objects: properties read before load and sync give
// the mock's "not loaded"/"not synced" errors, as Office.js would. The mock has no collections or
// request queue, so this harness adds what the adapter's tests need: tables by name, writes that
// take effect only at sync (a failed sync applies none of its batch), and a count of syncs.
import type { OfficeMockObject } from "office-addin-mock";
import type { ExcelHost } from "../../../src/workbook/excel/excelWorkbook";
import type { CellValue } from "../../../src/workbook/port";
import { fakeSync, orNull } from "./_fakeSync";

export interface FakeTable {
  name: string;
  sheet: string;
  values: CellValue[][];
}

export interface FakeState {
  tables: FakeTable[];
  /** Sheets with cells outside any table. */
  usedSheets: string[];
  /** Sheets with no cells at all. */
  emptySheets: string[];
  /** Those cells, from A1, for sheets the pane may adopt. */
  plain: Record<string, CellValue[][]>;
  use1904: boolean;
  selection: string | null;
  /** The sheet the user is looking at. */
  activeSheet: string;
  /** Workbook-level defined names and their formulas (with the leading `=`). */
  names: Record<string, string>;
  /** What each sheet has besides its cells: validated ranges, conditional formats, a frozen header. */
  sheetParts: Record<string, { validated: string[]; formats: number; frozen: boolean }>;
}

export function fakeExcel(initial: Partial<FakeState> = {}, supported: readonly string[] = ["1.16", "1.20"]) {
  const state: FakeState = { tables: [], usedSheets: [], emptySheets: [], plain: {}, use1904: false, selection: null, activeSheet: "Sheet1", names: {}, sheetParts: {}, ...initial };
  const partsOf = (sheet: string) => (state.sheetParts[sheet] ??= { validated: [], formats: 0, frozen: false });
  /** Validation rules set since the last sync, applied with its batch. */
  let rulesSet: { sheet: string; address: string; range: OfficeMockObject }[] = [];
  /** Those the sync under way took from `rulesSet`: they apply after the rest of its batch. */
  let rules: typeof rulesSet = [];
  const log = {
    syncs: 0,
    runs: [] as { mergeUndoGroup?: boolean; delayForCellEdit?: boolean; syncs: number }[],
    rowsAdded: [] as CellValue[][][],
    /** Single cells written, by position in their table's range (header = row 0). */
    cellsSet: [] as { row: number; column: number; value: CellValue }[],
    waits: [] as number[],
    /** Every range the adapter wrote to, by address, with what it set. */
    ranges: new Map<string, OfficeMockObject>(),
    conditionalFormats: [] as { range: string; format: OfficeMockObject }[],
    requestSizes: [] as number[],
    /** Header cells written when adopting a range: column within the range, and the values set. */
    headerWrites: [] as { column: number; values: CellValue[][] }[],
    /** Conditional format properties set through an object after its priority changed (lost in Excel). */
    writesAfterPriority: [] as string[],
  };
  const requests = fakeSync({
    log,
    requestSizes: log.requestSizes,
    starting: () => {
      rules = rulesSet;
      rulesSet = [];
      return null;
    },
    applied: () => {
      for (const { sheet, address, range } of rules) if (range.dataValidation.rule !== undefined) partsOf(sheet).validated.push(address);
    },
  });
  const mock = requests.mock;
  const queue = requests.queue;
  const find = (name: string) => state.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());

  const valuesRange = (sheet: string, values: CellValue[][]): OfficeMockObject => {
    const cols = values[0]?.length ?? 0;
    return mock({
      address: `${sheet}!A1:${String.fromCharCode(64 + cols)}${values.length}`,
      rowCount: values.length,
      columnCount: cols,
      getRow: (r: number) => mock({
        values: [[...(values[r] ?? Array<CellValue>(cols).fill(""))]],
        getResizedRange: (dr: number) =>
          mock({
            values: values.slice(r, r + dr + 1).map((row) => [...row]),
            load: requests.loadCells((dr + 1) * cols),
          }),
      }),
      getCell: (r: number, c: number) => ({
        select: () => queue(() => (state.selection = `${sheet}!${String.fromCharCode(65 + c)}${r + 1}`)),
        set values(cells: CellValue[][]) {
          queue(() => {
            log.cellsSet.push({ row: r, column: c, value: cells[0][0] });
            values[r][c] = cells[0][0];
          });
        },
      }),
    });
  };

  const tableObject = (name: string): OfficeMockObject => {
    const t = find(name);
    if (!t) return orNull(mock({ name: "", getHeaderRowRange: () => mock({ values: [] }), getRange: () => mock({ rowCount: 0 }) }), true);
    const table = orNull(mock({
      name: t.name,
      getHeaderRowRange: () => mock({ values: [[...t.values[0]]] }),
      getRange: () => valuesRange(t.sheet, t.values),
      rows: {
        add: (_index: unknown, values: CellValue[][]) => {
          const copy = values.map((r) => [...r]);
          queue(() => {
            log.rowsAdded.push(copy);
            t.values.push(...copy);
          });
        },
      },
    }), false);
    // Set after the mock is made: a mock cannot hold another mock as data.
    return Object.assign(table, { worksheet: sheetObject(t.sheet, true) });
  };

  /** Where each range object handed out by a sheet lies. */
  const rangePlaces = new WeakMap<object, { sheet: string; address: string }>();
  const sheetObject = (name: string, exists: boolean): OfficeMockObject => {
    const rangeAt = (address: string) => {
      const r = mock({
        dataValidation: { type: partsOf(name).validated.includes(address) ? "List" : "None" },
        conditionalFormats: { add: () => addFormat(address), getCount: () => ({ value: partsOf(name).formats }) },
      });
      rulesSet.push({ sheet: name, address, range: r });
      log.ranges.set(address, r);
      rangePlaces.set(r, { sheet: name, address });
      return r;
    };
    const addFormat = (address: string) => {
      const f = mock({ custom: { rule: {}, format: { fill: {}, font: {} } } });
      // ConditionalFormat.priority: "if you change the priority, you have to re-fetch a new copy of
      // the object at that new priority location if you want to make further changes to it". The
      // proxy keeps pointing at the old place, so here a later write to it is lost.
      const set: { priority?: number; stopIfTrue?: boolean } = {};
      let moved = false;
      Object.defineProperty(f, "priority", { get: () => set.priority, set: (v: number) => ((set.priority = v), (moved = true)) });
      Object.defineProperty(f, "stopIfTrue", { get: () => set.stopIfTrue, set: (v: boolean) => (moved ? log.writesAfterPriority.push("stopIfTrue") : (set.stopIfTrue = v)) });
      log.conditionalFormats.push({ range: address, format: f });
      queue(() => partsOf(name).formats++);
      return f;
    };
    return orNull(mock({
      name,
      getUsedRangeOrNullObject: () => {
        const cells = Object.entries(state.plain).find(([s]) => s.toLowerCase() === name.toLowerCase())?.[1];
        if (cells) return orNull(valuesRange(name, cells), false);
        return orNull(mock({ address: "A1", rowCount: 1, columnCount: 1 }), !state.usedSheets.some((s) => s.toLowerCase() === name.toLowerCase()));
      },
      getRange: rangeAt,
      activate() {},
      freezePanes: {
        freezeRows: () => queue(() => (partsOf(name).frozen = true)),
        getLocationOrNullObject: () => orNull(mock({ address: "A1" }), !partsOf(name).frozen),
      },
      tables: {
        // TableCollection.add(address, hasHeaders): "A Range object, or a string address ... If the
        // address does not contain a sheet name, the currently-active sheet is used."
        add: (source: string | OfficeMockObject) => {
          const place = typeof source === "string"
            ? { sheet: source.includes("!") ? source.slice(0, source.lastIndexOf("!")) : state.activeSheet, address: source.slice(source.lastIndexOf("!") + 1) }
            : rangePlaces.get(source)!;
          const created = mock({ name: "", columns: { getItemAt: (i: number) => ({ getDataBodyRange: () => rangeAt(`column ${i} body`) }) } });
          queue(() => {
            const header = place.sheet === name ? ((log.ranges.get(place.address)?.values as CellValue[][] | null)?.[0] ?? []) : [];
            state.tables.push({ name: String(created.name), sheet: place.sheet, values: [[...header]] });
          });
          return created;
        },
      },
    }), !exists);
  };

  const context = mock({
    workbook: {
      names: {
        getItemOrNullObject: (n: string) => orNull(mock({ name: n }), !(n in state.names)),
        add: (n: string, formula: string, comment?: string) => {
          if (comment !== undefined) throw new Error("a name with a comment cannot be undone on the web");
          queue(() => (state.names[n] = formula));
        },
      },
      // Worksheet functions evaluated by Excel (ExcelApi 1.2); DATE gives the serial day of the
      // workbook's date system: from 1904-01-01 as 0, or from 1900-01-01 as 1 (1900 counted as a leap year).
      // No use1904DateSystem: it is a preview API, absent from released Excel.
      functions: {
        date: (year: number, month: number, day: number) => {
          const at = Date.UTC(year, month - 1, day);
          return mock({ value: (at - (state.use1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86_400_000 });
        },
      },
      tables: {
        getItemOrNullObject: tableObject,
        add: (address: string) => {
          const headerCells: { column: number; cell: { values: unknown } }[] = [];
          const created = mock({
            name: "",
            getHeaderRowRange: () => ({
              getCell: (_row: number, column: number) => {
                const cell = { values: null as unknown };
                headerCells.push({ column, cell });
                return cell;
              },
            }),
          });
          queue(() => {
            const sheet = address.slice(0, address.lastIndexOf("!"));
            state.tables.push({ name: String(created.name), sheet, values: state.plain[sheet] });
            delete state.plain[sheet];
          });
          // Queued after the table, as the adapter queues the header writes after tables.add.
          queue(() => {
            const values = state.tables[state.tables.length - 1].values;
            for (const { column, cell } of headerCells) {
              log.headerWrites.push({ column, values: cell.values as CellValue[][] });
              values[0][column] = (cell.values as CellValue[][])[0][0];
            }
          });
          return created;
        },
        getItem: (name: string) => {
        if (!find(name)) requests.notFound();
        return tableObject(name);
      } },
      worksheets: {
        getItemOrNullObject: (name: string) => {
          const known = [...state.tables.map((t) => t.sheet), ...state.usedSheets, ...state.emptySheets, ...Object.keys(state.plain)].find((s) => s.toLowerCase() === name.toLowerCase());
          return sheetObject(known ?? name, known !== undefined);
        },
        add: (name: string) => sheetObject(name, true),
        getItem: (name: string) => {
          const cells = Object.entries(state.plain).find(([s]) => s === name)?.[1];
          if (!cells) requests.notFound();
          // The range of a plain sheet, from A1 as `plain` holds it: its first row is the header.
          return { getRange: () => ({ getRow: () => mock({ values: [[...(cells?.[0] ?? [])]] }) }) };
        },
      },
    },
  }) as OfficeMockObject & { sync(): Promise<void> };
  // The context is one of the mocks: its sync settles it with the others.
  context.sync = requests.sync;

  const host: ExcelHost = {
    run(options, batch) {
      return requests.run(context, batch, (syncs) => log.runs.push({ mergeUndoGroup: options.mergeUndoGroup, delayForCellEdit: options.delayForCellEdit, syncs }));
    },
    supports: (version) => supported.includes(version),
    wait: async (ms) => {
      log.waits.push(ms);
    },
  };

  return {
    host,
    state,
    log,
    /** The `n`th sync from now fails with this Office error code, applying nothing of its batch. */
    failSync(n: number, code: string, message = code) {
      requests.failAt(n, code, message);
    },
  };
}
