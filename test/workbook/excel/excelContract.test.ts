import type { TableName } from "../../../src/core";
import { columnLetter } from "../../../src/core/address";
import { ExcelSource } from "../../../src/workbook/excel/excelSource";
import { ExcelWorkbook } from "../../../src/workbook/excel/excelWorkbook";
import type { CellValue } from "../../../src/workbook/port";
import { portContract, sourceContract } from "../contract";
import { fakeExcel } from "./_fakeExcel";
import { fakeSource } from "./_fakeSource";

/** What Excel shows of a cell written with a leading apostrophe: the text after it. */
const shown = (v: CellValue): CellValue => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);

portContract({
  name: "Excel over office-addin-mock",
  make(start) {
    const excel = fakeExcel({
      tables: Object.entries(start.tables ?? {}).map(([name, values]) => ({ name, sheet: name, values: values.map((r) => [...r]) })),
      plain: Object.fromEntries(Object.entries(start.plain ?? {}).map(([sheet, grid]) => [sheet, grid.map((r) => [...r])])),
      emptySheets: [...(start.emptySheets ?? [])],
    });
    return {
      // Two Draws rows (7 cells each) a request, so that appends and reads of a few rows are chunked.
      port: new ExcelWorkbook(excel.host, { cellsPerRequest: 14 }),
      cells: (table) => excel.state.tables.find((t) => t.name.toLowerCase() === table.toLowerCase())?.values.map((r) => r.map(shown)),
      refuseNext: (message) => excel.failSync(1, "GeneralException", message),
      busyAfterFirstRequest: () => excel.failSync(2, "InvalidOperationInCellEditMode"),
      selection: () => excel.state.selection,
    };
  },
});

sourceContract({
  name: "Excel over office-addin-mock",
  make(grids) {
    const tables = Object.entries(grids).map(([name, values]) => ({ id: `{${name}}`, name, sheetId: `{S-${name}}`, headerRow: 1, values: values.map((r) => [...r]) }));
    const excel = fakeSource(tables);
    const find = (table: TableName) => tables.find((t) => t.name === table)!;
    return {
      source: new ExcelSource(excel.host),
      async edit(table, row, column, value) {
        const t = find(table);
        t.values[row + 1][column] = value;
        await excel.fire("changed", { tableId: t.id, changeType: "RangeEdited", address: `${columnLetter(column)}${row + 2}` });
      },
      async sort(table, compare) {
        const t = find(table);
        t.values.splice(1, t.values.length - 1, ...t.values.slice(1).sort(compare));
        await excel.fire("rowSorted", { worksheetId: t.sheetId, address: `A2:${columnLetter(t.values[0].length - 1)}${t.values.length}` });
      },
    };
  },
});
