import type { TableChange } from "../../../src/live/source";
import { changesOf, ExcelSource, rowSpans } from "../../../src/workbook/excel/excelSource";
import { WorkbookError } from "../../../src/workbook/port";
import { fakeSource, type SourceTable } from "./_fakeSource";

const HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind"];
const draw = (i: number) => [46030 + i, `V${i}`, `P-${i}`, "Botox 100U", "C3709C3", 20, "Visit"];

/** A Draws table of `rows` data rows whose header sits in sheet row `headerRow`. */
function draws(rows: number, headerRow = 1): SourceTable {
  return { id: "{D}", name: "Draws", sheetId: "{S-Draws}", headerRow, values: [HEADER, ...Array.from({ length: rows }, (_, i) => draw(i))] };
}

const lots: SourceTable = { id: "{L}", name: "Lots", sheetId: "{S-Lots}", headerRow: 1, values: [["Product", "Lot", "Qty"], ["Botox 100U", "C3709C3", 100]] };

/** A source watched by one listener, and what that listener heard. */
async function watched(tables: SourceTable[]) {
  const excel = fakeSource(tables);
  const source = new ExcelSource(excel.host);
  const heard: TableChange[][] = [];
  await source.watch((changes) => heard.push([...changes]));
  return { excel, source, heard };
}

describe("watching the ledger tables in Excel", () => {
  it("handlers are registered once", async () => {
    const excel = fakeSource([draws(3)]);
    const source = new ExcelSource(excel.host);
    const first: TableChange[][] = [];
    const second: TableChange[][] = [];
    const stopFirst = await source.watch((c) => first.push([...c]));
    await source.watch((c) => second.push([...c]));
    expect(excel.registrations()).toEqual({ changed: 1, added: 1, deleted: 1, rowSorted: 1 });

    // Stopping one watch leaves the other, and registers nothing again.
    stopFirst();
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2:A2" });
    expect(first).toEqual([]);
    expect(second).toEqual([[{ table: "Draws", kind: "rows", first: 0, count: 1 }]]);
    expect(excel.registrations()).toEqual({ changed: 1, added: 1, deleted: 1, rowSorted: 1 });
  });

  it("the same listener watched twice is stopped once per watch", async () => {
    const excel = fakeSource([draws(3)]);
    const source = new ExcelSource(excel.host);
    const heard: TableChange[][] = [];
    const listener = (c: readonly TableChange[]) => heard.push([...c]);
    const stop = await source.watch(listener);
    await source.watch(listener);
    stop();
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2" });
    expect(heard).toHaveLength(1);
  });

  it("exactly the changed rows are re-read", async () => {
    // Header in sheet row 1: data row 0 is sheet row 2, so rows 5–6 are data rows 3 and 4.
    const top = await watched([draws(10)]);
    await top.excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "Draws!C5:D6", worksheetId: "{S-Draws}" });
    expect(top.heard).toEqual([[{ table: "Draws", kind: "rows", first: 3, count: 2 }]]);

    // Header in sheet row 3: data row 0 is sheet row 4, so rows 5–6 are data rows 1 and 2.
    const lower = await watched([draws(10, 3)]);
    await lower.excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "Draws!C5:D6", worksheetId: "{S-Draws}" });
    expect(lower.heard).toEqual([[{ table: "Draws", kind: "rows", first: 1, count: 2 }]]);
  });

  it("reads the table's place when the event comes, so rows inserted above it since are counted", async () => {
    const table = draws(10);
    const { excel, heard } = await watched([table]);
    // Two sheet rows inserted above the table move it down without a table event.
    table.headerRow = 3;
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "C5:D6" });
    expect(heard).toEqual([[{ table: "Draws", kind: "rows", first: 1, count: 2 }]]);
  });

  it("names rows added at the end of a table, and reads a row inserted mid-table whole", async () => {
    const table = draws(5);
    const { excel, heard } = await watched([table]);
    table.values.push(draw(5), draw(6));
    await excel.fire("changed", { tableId: "{D}", changeType: "RowInserted", address: "A7:G8" });
    await excel.fire("changed", { tableId: "{D}", changeType: "RowInserted", address: "A3:G3" });
    expect(heard).toEqual([[{ table: "Draws", kind: "rows", first: 5, count: 2 }], [{ table: "Draws", kind: "whole" }]]);
  });

  it("a sort, a deleted row and an unknown change type give whole", async () => {
    const notes: SourceTable = { id: "{N}", name: "Notes", sheetId: "{S-Draws}", headerRow: 20, values: [["Note"], ["x"]] };
    const { excel, heard } = await watched([draws(5), lots, notes]);
    await excel.fire("rowSorted", { worksheetId: "{S-Draws}", address: "A2:G6" });
    await excel.fire("changed", { tableId: "{D}", changeType: "RowDeleted", address: "A3:G3" });
    await excel.fire("changed", { tableId: "{D}", changeType: "Unknown", address: "A3:G3" });
    // Only the ledger tables on the sorted sheet: not Lots (another sheet), not Notes.
    expect(heard).toEqual([[{ table: "Draws", kind: "whole" }], [{ table: "Draws", kind: "whole" }], [{ table: "Draws", kind: "whole" }]]);
  });

  it("reads the whole table for a header edit, columns, shifted cells and an address it cannot read", async () => {
    const { excel, heard } = await watched([draws(5)]);
    const events = [
      { changeType: "RangeEdited", address: "Draws!A1:B1" },
      { changeType: "RangeEdited", address: "A1:A3" },
      { changeType: "ColumnInserted", address: "H1:H6" },
      { changeType: "CellDeleted", address: "B3" },
      { changeType: "RangeEdited", address: "C:C" },
      { changeType: "RangeEdited" },
    ];
    for (const e of events) await excel.fire("changed", { tableId: "{D}", ...e });
    expect(heard).toEqual(events.map(() => [{ table: "Draws", kind: "whole" }]));
  });

  it("hears only the four ledger tables, whatever the case of their names", async () => {
    const notes: SourceTable = { id: "{N}", name: "Notes", sheetId: "{S-N}", headerRow: 1, values: [["Note"], ["x"]] };
    const { excel, heard } = await watched([{ ...lots, name: "LOTS" }, notes]);
    await excel.fire("changed", { tableId: "{N}", changeType: "RangeEdited", address: "A2" });
    await excel.fire("changed", { tableId: "{L}", changeType: "RangeEdited", address: "A2" });
    expect(heard).toEqual([[{ table: "Lots", kind: "rows", first: 0, count: 1 }]]);
  });

  it("reads a table added or deleted whole", async () => {
    const { excel, heard } = await watched([draws(2)]);
    excel.tables.push({ id: "{C}", name: "counts", sheetId: "{S-C}", headerRow: 1, values: [["Date", "Product", "Lot", "Counted"]] });
    await excel.fire("added", { tableId: "{C}", worksheetId: "{S-C}" });
    await excel.fire("deleted", { tableId: "{P}", tableName: "Products", worksheetId: "{S-P}" });
    expect(heard).toEqual([[{ table: "Counts", kind: "whole" }], [{ table: "Products", kind: "whole" }]]);
  });

  it("notices a rename at the table's next change and reads both names whole", async () => {
    const table = draws(3);
    const { excel, source, heard } = await watched([table]);
    await source.readTable("Draws");
    table.name = "Old draws";
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2" });
    expect(heard).toEqual([[{ table: "Draws", kind: "whole" }]]);
  });

  it("reads the table whole when Excel cannot say where it lies, rather than lose the event", async () => {
    const { excel, source, heard } = await watched([draws(3), lots]);
    await source.readTable("Draws");
    excel.failSync(1, "The request failed");
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2" });
    // An event without a table id could be any of them.
    await excel.fire("changed", { changeType: "RangeEdited", address: "A2" });
    expect(heard).toEqual([[{ table: "Draws", kind: "whole" }], ["Lots", "Draws", "Counts", "Products"].map((table) => ({ table, kind: "whole" }))]);
  });

  it("hands events on in the order they came", async () => {
    const { excel, heard } = await watched([draws(10)]);
    await Promise.all([
      excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2" }),
      excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A3" }),
      excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A4" }),
    ]);
    expect(heard.map(([c]) => (c.kind === "rows" ? c.first : -1))).toEqual([0, 1, 2]);
  });

  it("asks Excel nothing for an event once every listener has stopped", async () => {
    const excel = fakeSource([draws(3)]);
    const stop = await new ExcelSource(excel.host).watch(() => undefined);
    stop();
    const runs = excel.log.runs;
    await excel.fire("changed", { tableId: "{D}", changeType: "RangeEdited", address: "A2" });
    expect(excel.log.runs).toBe(runs);
  });

  it("rejects a watch whose handlers Excel refused, and registers them on the next", async () => {
    const excel = fakeSource([draws(3)]);
    const source = new ExcelSource(excel.host);
    excel.failSync(1, "The request failed");
    await expect(source.watch(() => undefined)).rejects.toThrow("Excel could not complete this (The request failed). Lotbook will not see the tables change until the pane is opened again.");
    await source.watch(() => undefined);
    expect(excel.registrations().changed).toBe(2);
  });
});

describe("reading the ledger tables from Excel", () => {
  it("the first read is chunked", async () => {
    const table = draws(11);
    const excel = fakeSource([table]);
    // 7 columns, 21 cells a request: 3 rows a request, so the header and 11 rows take 4.
    const read = await new ExcelSource(excel.host, { cellsPerRequest: 21 }).readTable("Draws");
    expect(read).toEqual(table.values);
    const chunks = excel.log.requestSizes.filter((cells) => cells > 0);
    expect(chunks).toEqual([21, 21, 21, 21]);
    // Two requests find the table and its size first.
    expect(excel.log.syncs).toBe(6);
  });

  it("reads a small table in three requests with the default budget", async () => {
    const excel = fakeSource([draws(11)]);
    expect(await new ExcelSource(excel.host).readTable("Draws")).toHaveLength(12);
    expect(excel.log.syncs).toBe(3);
  });

  it("leaves out a totals row and answers null for a missing table", async () => {
    const table = { ...draws(2), showTotals: true };
    table.values.push(["Total", null, null, null, null, 40, null]);
    const source = new ExcelSource(fakeSource([table]).host);
    expect(await source.readTable("Draws")).toEqual([HEADER, draw(0), draw(1)]);
    expect(await source.readTable("Counts")).toBeNull();
  });

  it("refuses a table whose header row is hidden, saying how to show it", async () => {
    const source = new ExcelSource(fakeSource([{ ...draws(2), showHeaders: false }]).host);
    await expect(source.readTable("Draws")).rejects.toThrow("The Draws table's header row is hidden. Show it (Table Design, Header Row) so Lotbook can tell its columns.");
  });

  it("reads the rows an event names, in chunks, and none past the table's end", async () => {
    const excel = fakeSource([draws(11)]);
    const source = new ExcelSource(excel.host, { cellsPerRequest: 14 });
    expect(await source.readRows("Draws", 3, 5)).toEqual([3, 4, 5, 6, 7].map(draw));
    expect(Math.max(...excel.log.requestSizes)).toBeLessThanOrEqual(14);
    expect(await source.readRows("Draws", 9, 5)).toEqual([draw(9), draw(10)]);
    expect(await source.readRows("Draws", 11, 1)).toEqual([]);
  });

  it("a failed read rejects", async () => {
    const excel = fakeSource([draws(3)]);
    const source = new ExcelSource(excel.host);
    excel.failSync(2, "The request failed");
    await expect(source.readTable("Draws")).rejects.toThrow(new WorkbookError("Excel could not complete this (The request failed)."));
    await expect(source.readRows("Products", 0, 1)).rejects.toThrow(new WorkbookError("This workbook has no Products table any more."));
  });

  it("reads the date system once", async () => {
    const excel = fakeSource([], true);
    const source = new ExcelSource(excel.host);
    expect(await source.dateSystem()).toBe(1904);
    expect(await source.dateSystem()).toBe(1904);
    expect(excel.log.syncs).toBe(1);
  });

  it("asks for the date system again after a failure", async () => {
    const excel = fakeSource([]);
    const source = new ExcelSource(excel.host);
    excel.failSync(1, "The request failed");
    await expect(source.dateSystem()).rejects.toThrow("The request failed");
    expect(await source.dateSystem()).toBe(1900);
  });
});

describe("translating a table change", () => {
  it("reads the rows of each area of an address", () => {
    expect(rowSpans("Draws!$C$5:$D$6")).toEqual([[5, 6]]);
    expect(rowSpans("'Draw log'!A2:G2,'Draw log'!A9:G9")).toEqual([[2, 2], [9, 9]]);
    expect(rowSpans("5:6")).toEqual([[5, 6]]);
    expect(rowSpans("C:D")).toBeNull();
  });

  it("names the rows of an edit across areas inside the data rows", () => {
    expect(changesOf("Draws", "RangeEdited", "A2:G2,A9:G9", { top: 2, rows: 10 })).toEqual([
      { table: "Draws", kind: "rows", first: 0, count: 1 },
      { table: "Draws", kind: "rows", first: 7, count: 1 },
    ]);
    // The totals row lies below the data rows.
    expect(changesOf("Draws", "RangeEdited", "F12", { top: 2, rows: 10 })).toEqual([{ table: "Draws", kind: "whole" }]);
  });
});
