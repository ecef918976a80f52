import { MemoryWorkbook } from "../../src/workbook/memory";
import { cellForExcel, columnIndex, columnLetter, failureMessage, rangeStart, rowsForHeader, WorkbookError } from "../../src/workbook/port";

describe("the in-memory workbook", () => {
  const lots = [
    ["Product", "Lot #", "Expires", "Received", "Qty", "Unit Cost"],
    ["Botox 100U", "C3709C3", 46567, 46027, 200, 6.5],
  ];

  it("reads a table with its header and address, and null for a table it lacks", async () => {
    const wb = MemoryWorkbook.with({ Lots: lots });
    const read = await wb.readTables(["Lots", "Draws"]);
    expect(read).toEqual({ Lots: { name: "Lots", address: "Lots!A1:F2", values: lots }, Draws: null });
  });

  it("never changes a row the live ledger has read: an edit, a GTIN recorded or a sort leaves earlier reads as they were", async () => {
    const products = [["Product", "Unit", "GTIN"], ["Botox 100U", "U", null], ["Dysport 300U", "U", null]];
    const wb = MemoryWorkbook.with({ Lots: lots, Products: products });
    const table = await wb.readTable("Lots");
    const rows = await wb.readRows("Lots", 0, 1);
    const before = await wb.readTable("Products");
    wb.editCell("Lots", 0, "Qty", 150);
    await wb.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: "00812345678906" });
    wb.sortRows("Products", (a, b) => String(b[0]).localeCompare(String(a[0])));
    expect(table).toEqual(lots);
    expect(rows).toEqual([lots[1]]);
    expect(before).toEqual(products);
    // The workbook itself has the changes.
    expect((await wb.readRows("Lots", 0, 1))[0][4]).toBe(150);
    expect(await wb.readTable("Products")).toEqual([products[0], ["Dysport 300U", "U", null], ["Botox 100U", "U", "00812345678906"]]);
  });

  it("appends at the end by header name and keeps text that looks like a formula or number as text", async () => {
    const wb = MemoryWorkbook.with({ Lots: lots });
    await wb.appendRows("Lots", [{ Product: "=cmd|' /C calc'!A0", Lot: "012345", Expires: 46600, Received: 46030, Qty: 100, "Unit Cost": 6.8 }]);
    expect(wb.table("Lots")?.rows[1]).toEqual(["=cmd|' /C calc'!A0", "012345", 46600, 46030, 100, 6.8]);
  });

  it("adds nothing when Excel refuses the action", async () => {
    const wb = MemoryWorkbook.with({ Lots: lots });
    wb.failNext = "The request failed";
    await expect(wb.appendRows("Lots", [{ Product: "Botox 100U" }])).rejects.toThrow("Excel could not complete this (The request failed). Nothing was written.");
    expect(wb.table("Lots")?.rows).toHaveLength(1);
  });

  it("creates a table once; the second time changes nothing", async () => {
    const wb = new MemoryWorkbook();
    const spec = { name: "Counts" as const, columns: [{ name: "Date", numberFormat: "yyyy-mm-dd" }, { name: "Lot", numberFormat: "@" }], validations: [], conditionalFormats: [] };
    expect(await wb.createTable(spec)).toBe("created");
    expect(await wb.createTable({ ...spec, columns: [{ name: "Other" }] })).toBe("exists");
    expect(wb.table("counts")?.header).toEqual(["Date", "Lot"]);
    expect(wb.table("counts")?.numberFormats).toEqual(["yyyy-mm-dd", "@"]);
  });

  it("reads a plain sheet and adopts it as a table without losing a cell", async () => {
    const wb = new MemoryWorkbook().withSheet("Lot log", lots);
    const read = await wb.readSheet("lot log");
    expect(read).toEqual({ name: "Lot log", address: "Lot log!A1:F2", values: lots });
    await wb.adoptRange(read!.address, "Lots");
    expect(wb.table("Lots")).toMatchObject({ sheet: "Lot log", header: lots[0], rows: [lots[1]] });
    expect(await wb.readSheet("Lot log")).toBeNull();
  });

  it("selects a cell by table row (header = 1) and column", async () => {
    const wb = MemoryWorkbook.with({ Lots: lots });
    await wb.selectCell("Lots", 2, 2);
    expect(wb.selection).toEqual({ sheet: "Lots", address: "C2" });
  });
});

describe("writing values as Excel keeps them", () => {
  it("puts an apostrophe before text Excel would read as a formula, number, date or boolean", () => {
    expect(["=1+1", "+1", "-1", "@A1", "'quoted", "012", "3/15/2026", "TRUE", "$5"].map(cellForExcel)).toEqual(
      ["'=1+1", "'+1", "'-1", "'@A1", "''quoted", "'012", "'3/15/2026", "'TRUE", "'$5"],
    );
  });

  it("leaves words, numbers and blanks alone", () => {
    expect(["Botox 100U", 40, null, true].map(cellForExcel)).toEqual(["Botox 100U", 40, null, true]);
  });
});

describe("rows for a header", () => {
  it("places entries by alias and leaves other columns blank", () => {
    expect(rowsForHeader("Draws", ["Units", "Item", "Notes", "Batch"], [{ Product: "Botox 100U", Lot: "A1", Qty: 40 }])).toEqual([[40, "Botox 100U", null, "A1"]]);
  });

  it("refuses a value for a column the table lacks", () => {
    expect(() => rowsForHeader("Draws", ["Product", "Lot", "Qty"], [{ Product: "Botox 100U", Price: 280 }])).toThrow(
      new WorkbookError("The Draws table has no Price column. Add a column headed Price, then try again."),
    );
  });
});

describe("finding a diagnostic's column", () => {
  it("finds the header as written, or the column read under that name", () => {
    expect(columnIndex("Lots", ["Item", "Lot #", "Exp"], "Lot #")).toBe(1);
    expect(columnIndex("Lots", ["Item", "Lot #", "Exp"], "Expires")).toBe(2);
    expect(columnIndex("Lots", ["Item"], "Expires")).toBe(-1);
  });
});

describe("column letters", () => {
  it("counts A to Z, then AA", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("failure messages", () => {
  it("shows a workbook error as is and anything else with what went wrong", () => {
    expect(failureMessage(new WorkbookError("Nothing was written."))).toBe("Nothing was written.");
    expect(failureMessage(new Error("boom"))).toBe("Something went wrong: boom.");
  });
});

describe("adopting a range with renamed headers", () => {
  const grid = [["Item", "Batch No.", "Best Before", null], ["Botox 100U", "C3709C3", 46567, "fridge"]];
  const renames = [{ column: 1, from: "Batch No.", to: "Lot" }, { column: 3, from: "", to: "Note" }];

  it("renames only the header cells asked for, a blank one included, and keeps every data cell", async () => {
    const wb = new MemoryWorkbook().withSheet("Lot log", grid);
    await wb.adoptRange("Lot log!A1:D2", "Lots", renames);
    expect(wb.table("Lots")).toMatchObject({ header: ["Item", "Lot", "Best Before", "Note"], rows: [grid[1]] });
  });

  it("changes nothing when a header cell says something else now, or two headers would read the same", async () => {
    const wb = new MemoryWorkbook().withSheet("Lot log", grid);
    await expect(wb.adoptRange("Lot log!A1:D2", "Lots", [{ column: 1, from: "Batch", to: "Lot" }])).rejects.toThrow(
      'The header "Batch" now reads "Batch No.": the sheet changed since Lotbook looked at it. Look at the sheet again. Nothing was changed.',
    );
    await expect(wb.adoptRange("Lot log!A1:D2", "Lots", [{ column: 1, from: "Batch No.", to: "item" }])).rejects.toThrow(
      'Two header cells would both read "Item"; a table needs different headers. Choose again. Nothing was changed.',
    );
    expect(wb.table("Lots")).toBeUndefined();
    expect(wb.plain.get("Lot log")).toEqual(grid);
  });
});

describe("the first cell of a range", () => {
  it("is read from its address, sheet name quoted or not", () => {
    expect(rangeStart("Lot log!A1:G3")).toEqual({ column: 0, row: 1 });
    expect(rangeStart("'Bob''s lots'!$C$4:$H$9")).toEqual({ column: 2, row: 4 });
    expect(rangeStart("AB12")).toEqual({ column: 27, row: 12 });
  });
});
