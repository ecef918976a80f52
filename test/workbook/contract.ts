// One contract for both workbooks: what `WorkbookPort` and `LedgerSource` promise, run against
// the in-memory workbook (memory.test.ts) and the Excel adapter over office-addin-mock
// (excel/excelContract.test.ts), so the preview and the component tests cannot drift from Excel.
// Each implementation supplies a subject: the port, and a view of the cells as the workbook
// holds them (what a person would see: Excel shows text kept by an apostrophe without it).
import type { TableName } from "../../src/core";
import type { LedgerSource, TableChange } from "../../src/live/source";
import { ledgerSpec } from "../../src/taskpane/setup/ledgerSpecs";
import { WorkbookError, type CellValue, type WorkbookPort } from "../../src/workbook/port";

export type Grid = CellValue[][];

/** What a workbook holds before a case: ledger tables on sheets of their names, plain sheets, empty sheets. */
export interface Start {
  readonly tables?: Partial<Record<TableName, Grid>>;
  readonly plain?: Record<string, Grid>;
  readonly emptySheets?: readonly string[];
}

export interface PortSubject {
  readonly port: WorkbookPort;
  /** A table's cells, header first, as a person sees them; undefined when there is no such table. */
  cells(table: string): Grid | undefined;
  /** Excel refuses the next request with this message. */
  refuseNext(message: string): void;
  /**
   * The user is editing a cell when the second request from now arrives, after the first has
   * written (in Excel, an append of more rows than one request holds is then part-done). The
   * in-memory workbook writes in one step and is never busy: nothing happens there.
   */
  busyAfterFirstRequest(): void;
  /** The selected cell as `Sheet!A1`, or null. */
  selection(): string | null;
}

/** The implementation under test. Appends hold two Draws rows (14 cells) a request where requests are sized. */
export interface PortImplementation {
  readonly name: string;
  make(start: Start): PortSubject;
}

export interface SourceSubject {
  readonly source: LedgerSource;
  /** A person types `value` into data row `row` (0 = below the header), column `column` (from 0). */
  edit(table: TableName, row: number, column: number, value: CellValue): Promise<void>;
  /** A person sorts the table's rows. */
  sort(table: TableName, compare: (a: readonly CellValue[], b: readonly CellValue[]) => number): Promise<void>;
}

export interface SourceImplementation {
  readonly name: string;
  make(tables: Partial<Record<TableName, Grid>>): SourceSubject;
}

const DRAWS_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind"];
const DRAW = { Date: 46030, Visit: "V1", Patient: "P-1", Product: "Botox 100U", Lot: "C3709C3", Qty: 20, Kind: "Visit" };
const drawRow = (visit: string): CellValue[] => [46030, visit, "P-1", "Botox 100U", "C3709C3", 20, "Visit"];
const LOTS: Grid = [
  ["Product", "Lot", "Expires"],
  ["Botox 100U", "C3709C3", 46567],
  ["Dysport 300U", "D1", 46600],
];

/** The cases every `WorkbookPort` must pass. */
export function portContract(impl: PortImplementation): void {
  describe(`the workbook port: ${impl.name}`, () => {
    describe("reading tables", () => {
      it("reads each named table with its header first and its address, and null for a table it lacks", async () => {
        const { port } = impl.make({ tables: { Lots: LOTS } });
        expect(await port.readTables(["Lots", "Draws"])).toEqual({ Lots: { name: "Lots", address: "Lots!A1:C3", values: LOTS }, Draws: null });
      });

      it("reads a table larger than one request whole and in order", async () => {
        const rows = Array.from({ length: 9 }, (_, i) => drawRow(`V${i}`));
        const { port } = impl.make({ tables: { Draws: [DRAWS_HEADER, ...rows] } });
        expect((await port.readTables(["Draws"])).Draws?.values).toEqual([DRAWS_HEADER, ...rows]);
      });

      it("tells the workbook's date system", async () => {
        expect(await impl.make({}).port.dateSystem()).toBe(1900);
      });
    });

    describe("appending rows", () => {
      it("writes each entry as a row at the end, in the table's column order found by header names and aliases", async () => {
        const wb = impl.make({ tables: { Counts: [["Lot #", "On Hand", "Count Date", "Item"], ["A1", 3, 46000, "Botox 100U"]] } });
        await wb.port.appendRows("Counts", [{ Date: 46040, Product: "Botox 100U", Lot: "C3709C3", Counted: 108 }]);
        expect(wb.cells("Counts")).toEqual([["Lot #", "On Hand", "Count Date", "Item"], ["A1", 3, 46000, "Botox 100U"], ["C3709C3", 108, 46040, "Botox 100U"]]);
      });

      it("keeps text that would be a formula or a number as the text typed", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        await wb.port.appendRows("Draws", [{ ...DRAW, Visit: '=HYPERLINK("x")', Lot: "012345" }, { ...DRAW, Visit: "+1", Patient: "@SUM(A1)" }]);
        const rows = wb.cells("Draws")!.slice(1);
        expect(rows.map((r) => [r[1], r[2], r[4]])).toEqual([['=HYPERLINK("x")', "P-1", "012345"], ["+1", "@SUM(A1)", "C3709C3"]]);
      });

      it("appends more rows than one request holds whole and in order", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        await wb.port.appendRows("Draws", ["V1", "V2", "V3", "V4", "V5"].map((Visit) => ({ ...DRAW, Visit })));
        expect(wb.cells("Draws")!.map((r) => r[1])).toEqual(["Visit", "V1", "V2", "V3", "V4", "V5"]);
      });

      it("writes each row once when the user was editing a cell part-way through", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        wb.busyAfterFirstRequest();
        await wb.port.appendRows("Draws", ["V1", "V2", "V3"].map((Visit) => ({ ...DRAW, Visit })));
        expect(wb.cells("Draws")!.map((r) => r[1])).toEqual(["Visit", "V1", "V2", "V3"]);
      });

      it("writes nothing when Excel refuses, and each row once when the pane tries again", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        wb.refuseNext("The request failed");
        await expect(wb.port.appendRows("Draws", [DRAW])).rejects.toThrow(new WorkbookError("Excel could not complete this (The request failed). Nothing was written."));
        expect(wb.cells("Draws")).toEqual([DRAWS_HEADER]);
        await wb.port.appendRows("Draws", [DRAW]);
        expect(wb.cells("Draws")).toEqual([DRAWS_HEADER, drawRow("V1")]);
      });

      it("refuses a value for a column the table lacks, writing nothing", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        await expect(wb.port.appendRows("Draws", [DRAW, { ...DRAW, Price: 140 }])).rejects.toThrow(
          new WorkbookError("The Draws table has no Price column. Add a column headed Price, then try again."),
        );
        expect(wb.cells("Draws")).toEqual([DRAWS_HEADER]);
      });

      it("says how to make a table the workbook lacks", async () => {
        await expect(impl.make({}).port.appendRows("Counts", [{ Lot: "A1" }])).rejects.toThrow(
          new WorkbookError("This workbook has no Counts table. Create it with Set up, then try again. Nothing was written."),
        );
      });

      it("does nothing for no entries, even where the table is missing", async () => {
        const wb = impl.make({ tables: { Draws: [DRAWS_HEADER] } });
        await wb.port.appendRows("Draws", []);
        await wb.port.appendRows("Counts", []);
        expect(wb.cells("Draws")).toEqual([DRAWS_HEADER]);
        expect(wb.cells("Counts")).toBeUndefined();
      });
    });

    describe("Set up", () => {
      const counts = ledgerSpec("Counts");
      const lots = ledgerSpec("Lots");

      it("creates a table with Set up's header on a sheet of its name, complete; the second time it exists and nothing changes", async () => {
        const wb = impl.make({});
        expect(await wb.port.createTable(lots)).toBe("created");
        expect(wb.cells("Lots")).toEqual([lots.columns.map((c) => c.name)]);
        expect(await wb.port.tableGaps(lots)).toEqual([]);
        expect(await wb.port.createTable({ ...lots, columns: [{ name: "Other" }] })).toBe("exists");
        expect(wb.cells("Lots")).toEqual([lots.columns.map((c) => c.name)]);
        expect((await wb.port.readTables(["Lots"])).Lots?.name).toBe("Lots");
      });

      it("builds on an empty sheet of that name", async () => {
        const wb = impl.make({ emptySheets: ["Counts"] });
        expect(await wb.port.createTable(counts)).toBe("created");
        expect(wb.cells("Counts")).toEqual([counts.columns.map((c) => c.name)]);
      });

      it("refuses to build over a sheet of that name that holds cells, and leaves it", async () => {
        const wb = impl.make({ plain: { Counts: [["a note"]] } });
        await expect(wb.port.createTable(counts)).rejects.toThrow(
          new WorkbookError("The sheet Counts already holds cells but no Counts table. Rename that sheet or clear it, then run Set up again."),
        );
        expect(wb.cells("Counts")).toBeUndefined();
      });

      it("finds what a table made without Set up lacks, adds it without writing a cell, and then finds nothing", async () => {
        const grid = [lots.columns.map((c) => c.name), ["Botox 100U", "C1", 47000, 46000, 100, "U", 6.5, null, null, null]];
        const wb = impl.make({ tables: { Lots: grid } });
        expect(await wb.port.tableGaps(lots)).toEqual(["dropdowns", "expiry highlighting", "frozen header row"]);
        expect(await wb.port.completeTable(lots)).toEqual(["dropdowns", "expiry highlighting", "frozen header row"]);
        expect(wb.cells("Lots")).toEqual(grid);
        expect(await wb.port.tableGaps(lots)).toEqual([]);
        expect(await wb.port.completeTable(lots)).toEqual([]);
      });

      it("finds no gaps in, and adds nothing to, a table that is not there", async () => {
        const wb = impl.make({});
        expect(await wb.port.tableGaps(lots)).toEqual([]);
        expect(await wb.port.completeTable(lots)).toEqual([]);
        expect(wb.cells("Lots")).toBeUndefined();
      });
    });

    describe("adopting a sheet and pointing at a cell", () => {
      const log: Grid = [
        ["Item", "Batch No.", "Qty"],
        ["Botox 100U", "C1", 100],
      ];

      it("reads a sheet's cells with their address, and null for a sheet that is missing or empty", async () => {
        const { port } = impl.make({ plain: { "Lot log": log }, emptySheets: ["Blank"] });
        expect(await port.readSheet("Lot log")).toEqual({ name: "Lot log", address: "Lot log!A1:C2", values: log });
        expect(await port.readSheet("Nowhere")).toBeNull();
        expect(await port.readSheet("Blank")).toBeNull();
      });

      it("makes the range a table, renaming the header cells chosen and keeping every other cell", async () => {
        const wb = impl.make({ plain: { "Lot log": log } });
        await wb.port.adoptRange("Lot log!A1:C2", "Lots", [{ column: 1, from: "Batch No.", to: "Lot" }]);
        expect(wb.cells("Lots")).toEqual([["Item", "Lot", "Qty"], ["Botox 100U", "C1", 100]]);
      });

      it("renames nothing and makes no table when a header cell changed since it was read", async () => {
        const wb = impl.make({ plain: { "Lot log": log } });
        await expect(wb.port.adoptRange("Lot log!A1:C2", "Lots", [{ column: 1, from: "Lot No.", to: "Lot" }])).rejects.toThrow(/^The header "Lot No." now reads "Batch No."/);
        expect(wb.cells("Lots")).toBeUndefined();
        expect(await wb.port.readSheet("Lot log")).toEqual({ name: "Lot log", address: "Lot log!A1:C2", values: log });
      });

      it("refuses to adopt under the name of a table the workbook has", async () => {
        const wb = impl.make({ tables: { Lots: LOTS }, plain: { "Lot log": log } });
        await expect(wb.port.adoptRange("Lot log!A1:C2", "Lots")).rejects.toThrow(new WorkbookError("This workbook already has a Lots table. Nothing was changed."));
        expect(wb.cells("Lots")).toEqual(LOTS);
      });

      it("selects a table's cell by row (header = 1) and column (from 0)", async () => {
        const wb = impl.make({ tables: { Lots: LOTS } });
        await wb.port.selectCell("Lots", 3, 2);
        expect(wb.selection()).toBe("Lots!C3");
      });
    });

    describe("recording a GTIN", () => {
      const products = (): Grid => [
        ["Product", "Unit", "GTIN"],
        ["Botox 100U", "U", null],
      ];

      it("writes the GTIN cell of a row that still holds what the pane showed", async () => {
        const wb = impl.make({ tables: { Products: products() } });
        await wb.port.recordGtin({ kind: "cell", row: 2, product: "Botox 100U", expected: null, value: "00312345678906" });
        expect(wb.cells("Products")![1]).toEqual(["Botox 100U", "U", "00312345678906"]);
      });

      it("writes nothing when the row changed since the pane read it", async () => {
        const wb = impl.make({ tables: { Products: products() } });
        await expect(wb.port.recordGtin({ kind: "cell", row: 2, product: "Dysport 300U", expected: null, value: "1" })).rejects.toThrow(/^Products row 2 no longer lists Dysport 300U/);
        expect(wb.cells("Products")).toEqual(products());
      });

      it("adds a product row with its GTIN", async () => {
        const wb = impl.make({ tables: { Products: products() } });
        await wb.port.recordGtin({ kind: "append", entry: { Product: "Dysport 300U", GTIN: "00312345678913" } });
        expect(wb.cells("Products")![2]).toEqual(["Dysport 300U", null, "00312345678913"]);
      });
    });
  });
}

/** The cases every `LedgerSource` must pass: what the live ledger reads, and the changes it hears. */
export function sourceContract(impl: SourceImplementation): void {
  describe(`the live ledger's source: ${impl.name}`, () => {
    const draws = (): Grid => [DRAWS_HEADER, drawRow("V1"), drawRow("V2"), drawRow("V3")];

    it("reads a table header first, and null for a table it lacks", async () => {
      const { source } = impl.make({ Draws: draws() });
      expect(await source.readTable("Draws")).toEqual(draws());
      expect(await source.readTable("Counts")).toBeNull();
    });

    it("reads data rows from 0 below the header, fewer past the end, none for no rows", async () => {
      const { source } = impl.make({ Draws: draws() });
      expect(await source.readRows("Draws", 1, 1)).toEqual([drawRow("V2")]);
      expect(await source.readRows("Draws", 2, 5)).toEqual([drawRow("V3")]);
      expect(await source.readRows("Draws", 3, 1)).toEqual([]);
      expect(await source.readRows("Draws", 0, 0)).toEqual([]);
      expect(await source.readRows("Draws", -1, 2)).toEqual([]);
    });

    it("refuses to read rows of a table that is not there any more", async () => {
      const { source } = impl.make({ Draws: draws() });
      await expect(source.readRows("Counts", 0, 1)).rejects.toThrow(new WorkbookError("This workbook has no Counts table any more."));
    });

    it("tells each watcher which row an edit changed, and the row reads as edited", async () => {
      const subject = impl.make({ Draws: draws(), Lots: LOTS });
      const heard: TableChange[][] = [];
      await subject.source.watch((changes) => heard.push([...changes]));
      await subject.edit("Draws", 1, 5, 4);
      expect(heard).toEqual([[{ table: "Draws", kind: "rows", first: 1, count: 1 }]]);
      expect(await subject.source.readRows("Draws", 1, 1)).toEqual([[46030, "V2", "P-1", "Botox 100U", "C3709C3", 4, "Visit"]]);
    });

    it("tells of a sort as a change to the whole table", async () => {
      const subject = impl.make({ Draws: draws() });
      const heard: TableChange[][] = [];
      await subject.source.watch((changes) => heard.push([...changes]));
      await subject.sort("Draws", (a, b) => String(b[1]).localeCompare(String(a[1])));
      expect(heard).toEqual([[{ table: "Draws", kind: "whole" }]]);
      expect((await subject.source.readTable("Draws"))?.map((r) => r[1])).toEqual(["Visit", "V3", "V2", "V1"]);
    });

    it("stops telling a watcher once it stops watching, and goes on telling the others", async () => {
      const subject = impl.make({ Draws: draws() });
      const first: TableChange[][] = [];
      const second: TableChange[][] = [];
      const stop = await subject.source.watch((changes) => first.push([...changes]));
      await subject.source.watch((changes) => second.push([...changes]));
      stop();
      await subject.edit("Draws", 0, 1, "V0");
      expect(first).toEqual([]);
      expect(second).toEqual([[{ table: "Draws", kind: "rows", first: 0, count: 1 }]]);
    });
  });
}
