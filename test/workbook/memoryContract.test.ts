import { MemoryWorkbook } from "../../src/workbook/memory";
import { portContract, sourceContract, type Start } from "./contract";

function memory(start: Start): MemoryWorkbook {
  const wb = MemoryWorkbook.with(start.tables ?? {});
  for (const [sheet, grid] of Object.entries(start.plain ?? {})) wb.withSheet(sheet, grid);
  for (const sheet of start.emptySheets ?? []) wb.withSheet(sheet, []);
  return wb;
}

portContract({
  name: "in memory",
  make(start) {
    const wb = memory(start);
    return {
      port: wb,
      cells: (table) => {
        const t = wb.table(table);
        return t && [[...t.header], ...t.rows.map((r) => [...r])];
      },
      refuseNext: (message) => {
        wb.failNext = message;
      },
      busyAfterFirstRequest: () => undefined,
      selection: () => (wb.selection ? `${wb.selection.sheet}!${wb.selection.address}` : null),
    };
  },
});

sourceContract({
  name: "in memory",
  make(tables) {
    const wb = MemoryWorkbook.with(tables);
    return {
      source: wb,
      edit: async (table, row, column, value) => wb.editCell(table, row, wb.table(table)!.header[column], value),
      sort: async (table, compare) => wb.sortRows(table, compare),
    };
  },
});
