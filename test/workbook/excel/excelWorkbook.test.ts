import { ExcelWorkbook } from "../../../src/workbook/excel/excelWorkbook";
import { WorkbookError, type TableSpec } from "../../../src/workbook/port";
import { ledgerSpec } from "../../../src/taskpane/setup/ledgerSpecs";
import { fakeExcel } from "./_fakeExcel";

const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind"];

function withDraws(rows: (string | number | null)[][] = []) {
  return fakeExcel({ tables: [{ name: "Draws", sheet: "Draws", values: [DRAWS_HEADER, ...rows] }] });
}

const DRAW = { Date: 46030, Visit: "V1", Patient: "P-1", Product: "Botox 100U", Lot: "C3709C3", Qty: 20, Kind: "Visit" };

describe("appending an entry through Excel", () => {
  it("adds one whole row in the table's column order with two syncs in one undoable run", async () => {
    const excel = withDraws();
    await new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW]);
    expect(excel.log.syncs).toBe(2);
    expect(excel.log.runs).toEqual([{ mergeUndoGroup: true, delayForCellEdit: true, syncs: 2 }]);
    expect(excel.log.rowsAdded).toEqual([[[46030, "V1", "P-1", "Botox 100U", "C3709C3", 20, "Visit"]]]);
  });

  it("finds columns by the engine's header rules, whatever their order and alias", async () => {
    const excel = fakeExcel({ tables: [{ name: "Counts", sheet: "Counts", values: [["Lot #", "On Hand", "Count Date", "Item"]] }] });
    await new ExcelWorkbook(excel.host).appendRows("Counts", [{ Date: 46040, Product: "Botox 100U", Lot: "C3709C3", Counted: 108 }]);
    expect(excel.state.tables[0].values[1]).toEqual(["C3709C3", 108, 46040, "Botox 100U"]);
  });

  it("writes several rows of one action in the same single add", async () => {
    const excel = withDraws();
    await new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW, { ...DRAW, Visit: "V2", Qty: 4 }]);
    expect(excel.log.syncs).toBe(2);
    expect(excel.log.rowsAdded).toHaveLength(1);
    expect(excel.log.rowsAdded[0]).toHaveLength(2);
  });

  it("keeps text that starts with = + - @ as text by the apostrophe a person would type", async () => {
    const excel = withDraws();
    const hostile = ['=HYPERLINK("http://x.example","y")', "+1", "-2", "@SUM(A1)"];
    await new ExcelWorkbook(excel.host).appendRows("Draws", hostile.map((visit) => ({ ...DRAW, Visit: visit })));
    expect(excel.log.rowsAdded[0].map((row) => row[1])).toEqual(['\'=HYPERLINK("http://x.example","y")', "'+1", "'-2", "'@SUM(A1)"]);
  });

  it("keeps a lot number that looks like a number as text, leading zero and all", async () => {
    const excel = withDraws();
    await new ExcelWorkbook(excel.host).appendRows("Draws", [{ ...DRAW, Lot: "012345" }, { ...DRAW, Lot: "1E5" }]);
    expect(excel.log.rowsAdded[0].map((row) => row[4])).toEqual(["'012345", "'1E5"]);
  });

  it("leaves the table as it was when Excel fails while adding the row", async () => {
    const excel = withDraws([[46000, "V0", "P-0", "Botox 100U", "C3709C3", 10, "Visit"]]);
    excel.failSync(2, "GeneralException", "The request failed");
    const written = new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW]);
    await expect(written).rejects.toThrow(new WorkbookError("Excel could not complete this (The request failed). Nothing was written."));
    expect(excel.state.tables[0].values).toEqual([DRAWS_HEADER, [46000, "V0", "P-0", "Botox 100U", "C3709C3", 10, "Visit"]]);
    expect(excel.log.runs).toHaveLength(1);
  });

  it("refuses a value for a column the table lacks rather than dropping it, before writing anything", async () => {
    const excel = withDraws();
    await expect(new ExcelWorkbook(excel.host).appendRows("Draws", [{ ...DRAW, Price: 280 }])).rejects.toThrow(
      "The Draws table has no Price column. Add a column headed Price, then try again.",
    );
    expect(excel.log.syncs).toBe(1);
    expect(excel.state.tables[0].values).toHaveLength(1);
  });

  it("says how to make a missing table", async () => {
    const excel = fakeExcel();
    await expect(new ExcelWorkbook(excel.host).appendRows("Lots", [{ Product: "Botox 100U" }])).rejects.toThrow(
      "This workbook has no Lots table. Create it with Set up, then try again. Nothing was written.",
    );
  });

  it("retries while the user is editing a cell, and writes the row once", async () => {
    const excel = withDraws();
    excel.failSync(1, "InvalidOperationInCellEditMode");
    excel.failSync(2, "InvalidOperationInCellEditMode");
    await new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW]);
    expect(excel.log.waits).toEqual([250, 500]);
    expect(excel.log.runs.map((r) => r.syncs)).toEqual([1, 1, 2]);
    expect(excel.state.tables[0].values).toHaveLength(2);
  });

  it("gives up on cell-edit mode after the last retry with a message for the user", async () => {
    const excel = withDraws();
    for (let n = 1; n <= 3; n++) excel.failSync(n, "InvalidOperationInCellEditMode");
    const workbook = new ExcelWorkbook(excel.host, { cellEditRetryDelays: [10, 20] });
    await expect(workbook.appendRows("Draws", [DRAW])).rejects.toThrow(
      "Excel is busy while a cell is being edited. Press Enter or Esc in the sheet, then try again. Nothing was written.",
    );
    expect(excel.state.tables[0].values).toHaveLength(1);
  });

  it("continues an append split over requests from where it stopped when a run starts again, never writing a row twice", async () => {
    // Three rows of 7 cells, two rows a request: the second request meets cell-edit mode, and
    // the run starts again. The first request's rows are in the table and must not be added again.
    const excel = withDraws();
    const rows = [DRAW, { ...DRAW, Visit: "V2" }, { ...DRAW, Visit: "V3" }];
    excel.failSync(2, "InvalidOperationInCellEditMode");
    await new ExcelWorkbook(excel.host, { cellsPerRequest: 14 }).appendRows("Draws", rows);
    expect(excel.state.tables[0].values.map((r) => r[1])).toEqual(["Visit", "V1", "V2", "V3"]);
    expect(excel.log.rowsAdded.map((chunk) => chunk.map((r) => r[1]))).toEqual([["V1", "V2"], ["V3"]]);
  });

  it("stops, writing nothing more, when the rows found since the first try are not this append's", async () => {
    const excel = withDraws();
    excel.failSync(3, "InvalidOperationInCellEditMode");
    const workbook = new ExcelWorkbook(excel.host, { cellsPerRequest: 7 });
    const writing = workbook.appendRows("Draws", [DRAW, { ...DRAW, Visit: "V2" }]);
    // Someone else's row lands in the table between the tries.
    excel.state.tables[0].values.push([46031, "X9", "P-9", "Dysport", "D1", 1, "Visit"]);
    await expect(writing).rejects.toThrow("The Draws table changed while Lotbook was adding rows to it, so Lotbook stopped.");
    expect(excel.state.tables[0].values.map((r) => r[1])).toEqual(["Visit", "X9", "V1"]);
  });

  it("sends the rows again in halves when Excel answers that a request is over its size limit", async () => {
    const excel = withDraws();
    excel.failSync(2, "RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    await new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW, { ...DRAW, Visit: "V2" }, { ...DRAW, Visit: "V3" }, { ...DRAW, Visit: "V4" }]);
    expect(excel.log.rowsAdded.map((chunk) => chunk.length)).toEqual([2, 2]);
    expect(excel.state.tables[0].values).toHaveLength(5);
  });

  it("asks for one undo group only where ExcelApi 1.20 has it", async () => {
    const excel = fakeExcel({ tables: [{ name: "Draws", sheet: "Draws", values: [DRAWS_HEADER] }] }, ["1.16"]);
    await new ExcelWorkbook(excel.host).appendRows("Draws", [DRAW]);
    expect(excel.log.runs[0].mergeUndoGroup).toBeUndefined();
  });
});

describe("reading tables through Excel", () => {
  const lots = [["Product", "Lot", "Qty"], ...Array.from({ length: 10 }, (_, i) => ["Botox 100U", `L${i}`, 100])];

  it("reads the header and rows with the table's address, in three syncs when small", async () => {
    const excel = fakeExcel({ tables: [{ name: "Lots", sheet: "Lots", values: lots }] });
    const read = await new ExcelWorkbook(excel.host).readTables(["Lots", "Draws"]);
    expect(read.Lots).toEqual({ name: "Lots", address: "Lots!A1:C11", values: lots });
    expect(read.Draws).toBeNull();
    expect(excel.log.syncs).toBe(3);
  });

  it("reads a large table in requests under the cell budget", async () => {
    const excel = fakeExcel({ tables: [{ name: "Lots", sheet: "Lots", values: lots }] });
    const read = await new ExcelWorkbook(excel.host, { cellsPerRequest: 9 }).readTables(["Lots"]);
    expect(read.Lots?.values).toEqual(lots);
    // 11 rows of 3 cells, 3 rows a request: 4 requests after the two that find the table.
    expect(excel.log.syncs).toBe(6);
    expect(Math.max(...excel.log.requestSizes)).toBeLessThanOrEqual(9);
  });
});

describe("the date system", () => {
  it("is 1904 when the workbook says so, on an Excel without preview APIs, in one sync", async () => {
    // Workbook.use1904DateSystem is preview-only (in no released ExcelApi set, 1.16 included): the
    // fake has no such property, and supports no requirement set beyond what DATE needs.
    const excel = fakeExcel({ use1904: true }, []);
    expect(await new ExcelWorkbook(excel.host).dateSystem()).toBe(1904);
    expect(excel.log.syncs).toBe(1);
  });

  it("is 1900 when the workbook counts from 1900", async () => {
    expect(await new ExcelWorkbook(fakeExcel({ use1904: false }).host).dateSystem()).toBe(1900);
  });
});

describe("creating a table through Excel", () => {
  const spec: TableSpec = {
    name: "Counts",
    columns: [{ name: "Date", numberFormat: "yyyy-mm-dd" }, { name: "Product" }, { name: "Lot", numberFormat: "@" }, { name: "Counted" }],
    validations: [{ range: "C2:C10000", source: { formula: 'INDIRECT("Lots[Lot]")' }, style: "warning", message: "This lot is not in the Lots table." }],
    conditionalFormats: [{ range: "A2:D10000", formula: "$D2<0", fill: "#F8696B" }],
  };

  it("writes the header, formats, dropdown and highlighting in two syncs", async () => {
    const excel = fakeExcel();
    expect(await new ExcelWorkbook(excel.host).createTable(spec)).toBe("created");
    expect(excel.log.syncs).toBe(2);
    expect(excel.state.tables).toEqual([{ name: "Counts", sheet: "Counts", values: [["Date", "Product", "Lot", "Counted"]] }]);
    expect(excel.log.ranges.get("column 0 body")?.numberFormat).toEqual([["yyyy-mm-dd"]]);
    expect(excel.log.ranges.get("column 2 body")?.numberFormat).toEqual([["@"]]);
    const lot = excel.log.ranges.get("C2:C10000");
    expect(lot?.dataValidation.rule).toEqual({ list: { inCellDropDown: true, source: '=INDIRECT("Lots[Lot]")' } });
    expect(lot?.dataValidation.errorAlert).toEqual({ showAlert: true, style: "Warning", title: "Lotbook", message: "This lot is not in the Lots table." });
    const [cf] = excel.log.conditionalFormats;
    expect(cf.range).toBe("A2:D10000");
    expect(cf.format.custom.rule.formula).toBe("=$D2<0");
    expect(cf.format.custom.format.fill.color).toBe("#F8696B");
  });

  it("sets each highlight's stop-if-true before moving it to its priority, after which Excel needs a fresh copy", async () => {
    const excel = fakeExcel();
    const two = { ...spec, conditionalFormats: [spec.conditionalFormats[0], { range: "A2:D10000", formula: "$D2=0", fill: "#FFEB84" }] };
    await new ExcelWorkbook(excel.host).createTable(two);
    expect(excel.log.conditionalFormats.map((f) => [f.format.custom.rule.formula, f.format.priority, f.format.stopIfTrue])).toEqual([
      ["=$D2<0", 0, true],
      ["=$D2=0", 1, true],
    ]);
    expect(excel.log.writesAfterPriority).toEqual([]);
  });

  it("lays the table on its own new sheet, not on the sheet the user is looking at", async () => {
    // Office.js takes an address without a sheet name as one on the active sheet, even through a
    // worksheet's tables; the new sheet is not activated, so the table is given its Range.
    const excel = fakeExcel({ activeSheet: "Clinic notes" });
    await new ExcelWorkbook(excel.host).createTable(spec);
    expect(excel.state.tables.map((t) => [t.name, t.sheet])).toEqual([["Counts", "Counts"]]);
  });

  it("changes nothing the second time", async () => {
    const excel = fakeExcel();
    const workbook = new ExcelWorkbook(excel.host);
    await workbook.createTable(spec);
    const formats = excel.log.conditionalFormats.length;
    expect(await workbook.createTable(spec)).toBe("exists");
    expect(excel.log.conditionalFormats).toHaveLength(formats);
    expect(excel.state.tables).toHaveLength(1);
  });

  it("builds on an empty sheet of that name, with one more sync to see that it is empty", async () => {
    const excel = fakeExcel({ emptySheets: ["Counts"] });
    expect(await new ExcelWorkbook(excel.host).createTable(spec)).toBe("created");
    expect(excel.state.tables).toEqual([{ name: "Counts", sheet: "Counts", values: [["Date", "Product", "Lot", "Counted"]] }]);
    expect(excel.log.syncs).toBe(3);
  });

  it("refuses to build over a sheet of that name that already holds cells", async () => {
    const excel = fakeExcel({ usedSheets: ["counts"] });
    await expect(new ExcelWorkbook(excel.host).createTable(spec)).rejects.toThrow(
      "The sheet counts already holds cells but no Counts table. Rename that sheet or clear it, then run Set up again.",
    );
    expect(excel.state.tables).toHaveLength(0);
  });
});

describe("completing a table Set up left half-made", () => {
  // Excel applies what came before a failing operation of a request, so a Set up refused at its
  // highlighting leaves the table, its formats and dropdowns, and no highlighting or frozen row.
  const lots = ledgerSpec("Lots");
  const halfMade = () =>
    fakeExcel({
      tables: [{ name: "Lots", sheet: "Lots", values: [lots.columns.map((c) => c.name), ["Botox 100U", "C1", 47000, 46000, 100, "U", 6.5, null, null, null]] }],
      sheetParts: { Lots: { validated: lots.validations.map((v) => v.range), formats: 0, frozen: false } },
    });

  it("finds what the table lacks, and Set up's second run no longer calls it complete", async () => {
    const excel = halfMade();
    expect(await new ExcelWorkbook(excel.host).tableGaps(lots)).toEqual(["expiry highlighting", "frozen header row"]);
  });

  it("adds the names, the highlighting and the frozen row, and writes no cell", async () => {
    const excel = halfMade();
    const before = JSON.stringify(excel.state.tables);
    const workbook = new ExcelWorkbook(excel.host);
    expect(await workbook.completeTable(lots)).toEqual(["expiry highlighting", "frozen header row"]);
    expect(Object.keys(excel.state.names)).toEqual(["LotbookProducts", "LotbookDays", "LotbookLater"]);
    expect(excel.log.conditionalFormats.map((f) => f.format.custom.rule.formula)).toEqual(lots.conditionalFormats.map((f) => `=${f.formula}`));
    expect(JSON.stringify(excel.state.tables)).toBe(before);
    expect(excel.log.cellsSet).toEqual([]);
    expect(await workbook.tableGaps(lots)).toEqual([]);
  });

  it("adds only the rules after those a cut-short Set up made, and leaves a dropdown range that has one", async () => {
    const excel = halfMade();
    excel.state.sheetParts.Lots.formats = 2;
    excel.state.sheetParts.Lots.frozen = true;
    for (const n of lots.names ?? []) excel.state.names[n.name] = `=${n.formula}`;
    expect(await new ExcelWorkbook(excel.host).completeTable(lots)).toEqual(["expiry highlighting"]);
    expect(excel.log.conditionalFormats.map((f) => f.format.priority)).toEqual([2, 3, 4]);
    expect(excel.log.ranges.get("A2:A10000")?.dataValidation.rule).toBeUndefined();
  });

  it("makes the names the highlighting reads when it creates the table, without a comment", async () => {
    const excel = fakeExcel();
    await new ExcelWorkbook(excel.host).createTable(lots);
    expect(Object.keys(excel.state.names)).toEqual(["LotbookProducts", "LotbookDays", "LotbookLater"]);
    expect(await new ExcelWorkbook(excel.host).tableGaps(lots)).toEqual([]);
  });
});

describe("selecting a cell through Excel", () => {
  it("selects the cell of a table row and column in one sync", async () => {
    const excel = withDraws([[46000, "V0", "P-0", "Botox 100U", "C3709C3", 10, "Visit"]]);
    await new ExcelWorkbook(excel.host).selectCell("Draws", 2, 5);
    expect(excel.state.selection).toBe("Draws!F2");
    expect(excel.log.syncs).toBe(1);
  });
});

describe("adopting a sheet through Excel", () => {
  const kept = [["Item", "Lot #", "Exp", "Date Received", "Qty", "Unit Cost"], ["Botox 100U", "C3709C3", 46567, 46027, 200, 6.5]];

  it("reads a sheet's used cells with their address", async () => {
    const excel = fakeExcel({ plain: { "Lot log": kept } });
    expect(await new ExcelWorkbook(excel.host).readSheet("lot log")).toEqual({ name: "Lot log", address: "Lot log!A1:F2", values: kept });
    expect(excel.log.syncs).toBe(3);
  });

  it("reads nothing from a sheet that is missing or empty", async () => {
    const workbook = new ExcelWorkbook(fakeExcel({ usedSheets: [] }).host);
    expect(await workbook.readSheet("Nowhere")).toBeNull();
  });

  it("lays a table over the range, keeping every cell, in two syncs", async () => {
    const excel = fakeExcel({ plain: { "Lot log": kept } });
    await new ExcelWorkbook(excel.host).adoptRange("Lot log!A1:F2", "Lots");
    expect(excel.state.tables).toEqual([{ name: "Lots", sheet: "Lot log", values: kept }]);
    expect(excel.log.syncs).toBe(2);
  });

  const unnamed = [["Item", "Batch No.", "Best Before", "Date Received", "Qty", "Unit Cost"], ["Botox 100U", "C3709C3", 46567, 46027, 200, 6.5]];
  const renames = [{ column: 1, from: "Batch No.", to: "Lot" }, { column: 2, from: "Best Before", to: "Expires" }];

  it("renames the header cells chosen and lays the table, in the same two syncs, no data cell touched", async () => {
    const excel = fakeExcel({ plain: { "Lot log": unnamed.map((r) => [...r]) } });
    await new ExcelWorkbook(excel.host).adoptRange("Lot log!A1:F2", "Lots", renames);
    expect(excel.state.tables).toEqual([{ name: "Lots", sheet: "Lot log", values: [["Item", "Lot", "Expires", "Date Received", "Qty", "Unit Cost"], unnamed[1]] }]);
    expect(excel.log.headerWrites).toEqual([{ column: 1, values: [["Lot"]] }, { column: 2, values: [["Expires"]] }]);
    expect(excel.log.syncs).toBe(2);
    expect(excel.log.runs).toHaveLength(1);
  });

  it("leaves the sheet as it was when Excel refuses the table: no header renamed, no table", async () => {
    const excel = fakeExcel({ plain: { "Lot log": unnamed.map((r) => [...r]) } });
    excel.failSync(2, "InvalidOperation", "The range overlaps another table");
    await expect(new ExcelWorkbook(excel.host).adoptRange("Lot log!A1:F2", "Lots", renames)).rejects.toThrow(
      "Excel could not complete this (The range overlaps another table). Nothing was changed.",
    );
    expect(excel.state.plain["Lot log"]).toEqual(unnamed);
    expect(excel.state.tables).toEqual([]);
    expect(excel.log.headerWrites).toEqual([]);
  });

  it("renames nothing when a header cell changed since the user looked", async () => {
    const excel = fakeExcel({ plain: { "Lot log": [["Item", "Lot number (new)", ...unnamed[0].slice(2)], unnamed[1]] } });
    await expect(new ExcelWorkbook(excel.host).adoptRange("Lot log!A1:F2", "Lots", renames)).rejects.toThrow(
      'The header "Batch No." now reads "Lot number (new)": the sheet changed since Lotbook looked at it. Look at the sheet again. Nothing was changed.',
    );
    expect(excel.state.tables).toEqual([]);
    expect(excel.log.syncs).toBe(1);
  });

  it("refuses when the workbook already has a table of that name", async () => {
    const excel = fakeExcel({ tables: [{ name: "Lots", sheet: "Lots", values: [["Product"]] }], plain: { "Lot log": kept } });
    await expect(new ExcelWorkbook(excel.host).adoptRange("Lot log!A1:F2", "Lots")).rejects.toThrow("This workbook already has a Lots table. Nothing was changed.");
    expect(excel.state.plain["Lot log"]).toEqual(kept);
  });
});
