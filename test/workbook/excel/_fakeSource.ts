// A fake Excel for the live ledger's source: tables with a place on their sheet, ranges built
// from office-addin-mock objects (a property read before load and sync gives the mock's "not
// loaded" value, as Office.js would fail), and the table and sheet events, which office-addin-mock
// does not model: handlers are recorded as added, and a test fires them with the arguments Excel
// would send.
import type { OfficeMockObject } from "office-addin-mock";
import type { ExcelHost } from "../../../src/workbook/excel/excelWorkbook";
import type { CellValue } from "../../../src/workbook/port";
import { fakeSync, orNull } from "./_fakeSync";

export interface SourceTable {
  id: string;
  name: string;
  sheetId: string;
  /** The sheet row (from 1) of the header. */
  headerRow: number;
  /** The header row first, then the data rows, then the totals row when `showTotals`. */
  values: CellValue[][];
  showTotals?: boolean;
  showHeaders?: boolean;
}

type Handler = (args: Record<string, unknown>) => Promise<unknown>;
type EventName = "changed" | "added" | "deleted" | "rowSorted";

export function fakeSource(tables: SourceTable[], use1904 = false) {
  const handlers: Record<EventName, Handler[]> = { changed: [], added: [], deleted: [], rowSorted: [] };
  const log = {
    syncs: 0,
    runs: 0,
    /** Cells of values loaded in each sync, in order. */
    requestSizes: [] as number[],
  };
  const requests = fakeSync({ log, requestSizes: log.requestSizes });
  const mock = requests.mock;
  const find = (key: string) => tables.find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase());

  /** Rows `from` … `from + count − 1` of a table's values, as a range. */
  const rangeOf = (t: SourceTable, from: number, count: number): OfficeMockObject => {
    const cols = t.values[0]?.length ?? 0;
    return mock({
      rowIndex: t.headerRow - 1 + from,
      rowCount: count,
      columnCount: cols,
      getRow: (r: number) => ({
        getResizedRange: (dr: number) =>
          mock({
            values: t.values.slice(from + r, from + r + dr + 1).map((row) => [...row]),
            load: requests.loadCells((dr + 1) * cols),
          }),
      }),
    });
  };

  const tableObject = (t: SourceTable | undefined): OfficeMockObject => {
    if (!t) return orNull(mock({ id: "", name: "", showHeaders: true, showTotals: false }), true);
    const totals = t.showTotals ? 1 : 0;
    return orNull(
      mock({
        id: t.id,
        name: t.name,
        showHeaders: t.showHeaders ?? true,
        showTotals: t.showTotals ?? false,
        getRange: () => rangeOf(t, 0, t.values.length),
        getDataBodyRange: () => rangeOf(t, 1, t.values.length - 1 - totals),
      }),
      false,
    );
  };

  const on = (event: EventName) => ({ add: (h: Handler) => handlers[event].push(h) });

  const context = {
    workbook: {
      tables: {
        getItemOrNullObject: (key: string) => tableObject(find(key)),
        getItem: (key: string) => {
          const t = find(key);
          if (!t) requests.notFound();
          return tableObject(t ?? { id: "", name: key, sheetId: "", headerRow: 1, values: [[]] });
        },
        onChanged: on("changed"),
        onAdded: on("added"),
        onDeleted: on("deleted"),
      },
      worksheets: {
        getItem: (id: string) => ({
          tables: {
            items: [] as { name: string }[],
            load(this: { items: { name: string }[] }) {
              requests.queue(() => (this.items = tables.filter((t) => t.sheetId === id).map((t) => ({ name: t.name }))));
              return this;
            },
          },
        }),
        onRowSorted: on("rowSorted"),
      },
      // DATE(1904,1,2) is day 1 in a 1904 workbook, day 1463 in a 1900 one.
      functions: { date: () => mock({ value: use1904 ? 1 : 1463 }) },
    },
    sync: requests.sync,
  };

  const host: ExcelHost = {
    async run(_options, batch) {
      log.runs++;
      requests.clear();
      return batch(context as unknown as Excel.RequestContext);
    },
    supports: () => true,
    wait: async () => {},
  };

  return {
    host,
    tables,
    log,
    /** How many handlers each event has. */
    registrations: () => Object.fromEntries(Object.entries(handlers).map(([k, v]) => [k, v.length])),
    /** Fires an event as Excel would, and waits for its handlers. */
    fire: (event: EventName, args: Record<string, unknown>) => Promise.all(handlers[event].map((h) => h(args))),
    /** The `n`th sync from now fails with this message, applying nothing of its batch. */
    failSync(n: number, message: string, code = "GeneralException") {
      requests.failAt(n, code, message);
    },
  };
}
