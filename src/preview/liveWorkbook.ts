import type { TableName } from "../core";
import { ledgerSpecs } from "../taskpane/setup/ledgerSpecs";
import { MemoryWorkbook } from "../workbook/memory";
import type { CellValue, Entry, GtinChange, HeaderRename, SheetLayout, SheetWritten, TableSpec } from "../workbook/port";

/**
 * The in-memory workbook with a change signal, so the preview's grids redraw whenever the task
 * pane writes or selects a cell (or a test edits, sorts or deletes a row as a person would). The
 * pane sees a plain `WorkbookPort`; the preview's live ledger reads it as its `LedgerSource` and
 * hears the change events every write emits.
 */
export class LiveWorkbook extends MemoryWorkbook {
  private readonly listeners = new Set<() => void>();
  /** Counts changes: a snapshot for `useSyncExternalStore`. */
  version = 0;

  /**
   * Tables as Set up creates them (formats, dropdowns, highlighting), holding `grids`' rows; with
   * the Location columns when `grids`' Lots has one, as Set up adds them for several locations.
   */
  static seeded(grids: Partial<Record<TableName, readonly (readonly CellValue[])[]>>): LiveWorkbook {
    const wb = new LiveWorkbook();
    const locations = (grids.Lots?.[0] ?? []).includes("Location");
    for (const spec of ledgerSpecs(locations)) {
      const grid = grids[spec.name];
      if (!grid) continue;
      // The in-memory table is made at once (no await inside) and without a change to announce.
      void MemoryWorkbook.prototype.createTable.call(wb, spec);
      const table = wb.table(spec.name);
      if (!table) throw new Error(`The sample ${spec.name} table was not created`);
      const header = grid[0].map(String);
      if (header.join("|") !== table.header.join("|")) throw new Error(`The sample ${spec.name} header differs from Set up's`);
      table.rows.push(...grid.slice(1).map((r) => [...r]));
    }
    return wb;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  override async appendRows(table: TableName, entries: readonly Entry[]): Promise<void> {
    await super.appendRows(table, entries);
    this.changed();
  }

  override async createTable(spec: TableSpec): Promise<"created" | "exists"> {
    const result = await super.createTable(spec);
    if (result === "created") this.changed();
    return result;
  }

  override async adoptRange(address: string, name: TableName, renames: readonly HeaderRename[] = []): Promise<void> {
    await super.adoptRange(address, name, renames);
    this.changed();
  }

  override async writeSheet(layout: SheetLayout): Promise<SheetWritten> {
    const written = await super.writeSheet(layout);
    this.changed();
    return written;
  }

  override async recordGtin(change: GtinChange): Promise<void> {
    await super.recordGtin(change);
    this.changed();
  }

  override editCell(table: TableName, row: number, column: string, value: CellValue): void {
    super.editCell(table, row, column, value);
    this.changed();
  }

  override sortRows(table: TableName, compare: (a: readonly CellValue[], b: readonly CellValue[]) => number): void {
    super.sortRows(table, compare);
    this.changed();
  }

  override deleteRow(table: TableName, row: number): void {
    super.deleteRow(table, row);
    this.changed();
  }

  override async selectCell(table: string, row: number, column: number): Promise<void> {
    await super.selectCell(table, row, column);
    this.changed();
  }
}
