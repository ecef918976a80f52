import type { TableName } from "../core";
import type { LiveLedger } from "../live/liveLedger";
import type { LedgerSource } from "../live/source";
import type { Entry, GtinChange, HeaderRename, TableSpec, WorkbookPort } from "./port";

/**
 * The workbook port with Lotbook's own writes told to the live ledger at once: the rows an
 * append added are read again straight after it (Excel's change event for them may come later,
 * and then finds nothing new), and a table Set up or Adopt made is read whole. Everything else
 * passes through unchanged.
 * @example const port = liveWrites(new ExcelWorkbook(host), live)
 */
export function liveWrites(port: WorkbookPort, live: LiveLedger): WorkbookPort {
  const tell = async (changes: Parameters<LiveLedger["changed"]>[0]) => {
    live.changed(changes);
    await live.settled();
  };
  return {
    dateSystem: () => port.dateSystem(),
    readTables: (names) => port.readTables(names),
    readSheet: (sheet) => port.readSheet(sheet),
    selectCell: (table, row, column) => port.selectCell(table, row, column),
    sheetStatus: (sheet, mark) => port.sheetStatus(sheet, mark),
    tableGaps: (spec) => port.tableGaps(spec),
    // Formats, dropdowns and names only: no cell changes, so the ledger has nothing to read again.
    completeTable: (spec) => port.completeTable(spec),
    writeSheet: (layout) => port.writeSheet(layout),
    async appendRows(table: TableName, entries: readonly Entry[]) {
      const before = live.snapshot?.size(table) ?? 0;
      await port.appendRows(table, entries);
      await tell(before > 0 ? [{ table, kind: "rows", first: before - 1, count: entries.length }] : [{ table, kind: "whole" }]);
    },
    async createTable(spec: TableSpec) {
      const result = await port.createTable(spec);
      if (result === "created") await tell([{ table: spec.name, kind: "whole" }]);
      return result;
    },
    async adoptRange(address: string, name: TableName, renames?: readonly HeaderRename[]) {
      await port.adoptRange(address, name, renames);
      await tell([{ table: name, kind: "whole" }]);
    },
    async recordGtin(change: GtinChange) {
      await port.recordGtin(change);
      await tell([{ table: "Products", kind: "whole" }]);
    },
  };
}

/** True when a workbook port can also serve as the live ledger's source (the in-memory workbook can). */
export function isLedgerSource(x: unknown): x is LedgerSource {
  const s = x as Partial<LedgerSource>;
  return typeof s.readTable === "function" && typeof s.readRows === "function" && typeof s.watch === "function";
}
