/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { now } from "../_practice";

const LOT_LOG = [
  ["Item", "Lot #", "Exp", "Date Received", "Qty", "Unit Cost", "Notes"],
  ["Botox 100U", "C3709C3", 46567, 46027, 200, 6.5, "fridge 2"],
  ["Botox 100U", "C4120A1", 46660, 46055, 100, 6.8, null],
];

async function look(wb: MemoryWorkbook, sheet: string, ledger = "Lots") {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await user.click(await screen.findByRole("tab", { name: "Set up" }));
  const form = screen.getByRole("form", { name: "Adopt a sheet" });
  await user.selectOptions(within(form).getByLabelText("Ledger"), ledger);
  await user.type(within(form).getByLabelText("Sheet"), `${sheet}{Enter}`);
  return user;
}

describe("Adopt a sheet", () => {
  it("shows what it recognises in the header and makes the range the table, every cell kept", async () => {
    const wb = new MemoryWorkbook().withSheet("Lot log", LOT_LOG);
    const user = await look(wb, "Lot log");
    expect(await screen.findByText("Lot log can be the Lots table.")).toBeTruthy();
    const recognised = screen.getByRole("region", { name: "What Lotbook recognises" });
    expect(within(recognised).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      'Product: "Item"', 'Lot: "Lot #"', 'Expires: "Exp"', 'Received: "Date Received"', "Qty", "Unit Cost",
    ]);
    expect(within(recognised).getByText("Kept but not read by Lotbook: Notes.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Make it the Lots table" }));
    expect(await screen.findByText("Lot log!A1:G3 is now the Lots table, every cell kept.")).toBeTruthy();
    expect(wb.table("Lots")).toMatchObject({ sheet: "Lot log", header: LOT_LOG[0], rows: LOT_LOG.slice(1) });
  });

  it("names what the header lacks, in the engine's words, and offers no way to adopt it yet", async () => {
    const wb = new MemoryWorkbook().withSheet("Lot log", LOT_LOG.map((r) => r.slice(0, 5)));
    await look(wb, "Lot log");
    expect(await screen.findByText("the table has no cost column; add a column headed Unit Cost or Total Cost")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Make it the Lots table" })).toBeNull();
    expect(wb.table("Lots")).toBeUndefined();
  });

  it("says when there is no such sheet", async () => {
    await look(new MemoryWorkbook(), "Nope");
    expect(await screen.findByText("There is no sheet called Nope with cells in it.")).toBeTruthy();
  });

  describe("with headers it does not recognise", () => {
    // Lot and Expires under names Lotbook does not know, a cost column it does not know, an empty header.
    const BATCHES = [
      ["Item", "Batch No.", "Best Before", "Date Received", "Qty", "Cost Each", null, "Notes"],
      ["Botox 100U", "C3709C3", 46567, 46027, 200, 6.5, "Allergan", "fridge 2"],
      ["Botox 100U", "C4120A1", 46660, 46055, 100, 6.8, "Allergan", null],
    ];

    it("asks for each missing column, required ones first, offering only the headers it does not read", async () => {
      const wb = new MemoryWorkbook().withSheet("Batches", BATCHES);
      await look(wb, "Batches");
      expect(await screen.findByText("Lotbook did not find every column it needs in Batches. Choose below which of its columns holds each one.")).toBeTruthy();
      const mapping = screen.getByRole("group", { name: "Columns Lotbook did not find" });
      expect(within(mapping).getAllByRole("combobox").map(labelOf)).toEqual([
        "Lot (required)", "Expires (required)", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO", "Location",
      ]);
      expect(within(screen.getByLabelText("Lot (required)")).getAllByRole("option").map((o) => o.textContent)).toEqual([
        "Choose the sheet's column", "Batch No. (B1)", "Best Before (C1)", "Cost Each (F1)", "Column G, no header (G1)", "Notes (H1)",
      ]);
      expect(within(screen.getByLabelText("Supplier")).getAllByRole("option")[0].textContent).toBe("Not in this sheet");
      // Until Lot and Expires are chosen the engine's objections stand and nothing can be adopted.
      expect(screen.getByText(/the table has no lot column/i)).toBeTruthy();
      expect(screen.queryByRole("button", { name: "Make it the Lots table" })).toBeNull();
    });

    it("shows exactly which header cells change, then renames only those and makes the table, from the keyboard", async () => {
      const wb = new MemoryWorkbook().withSheet("Batches", BATCHES);
      const user = await look(wb, "Batches");
      await screen.findByText(/^Lotbook did not find every column/);
      // Every control is a native one, so the focus order is the document order: the Look button,
      // then each dropdown in the order shown, then the adopt button (Fluent's focus manager,
      // which handles Tab in a browser, does not run in jsdom, so the order is read, not tabbed).
      const form = screen.getByRole("form", { name: "Adopt a sheet" });
      const focusOrder = () => Array.from(form.querySelectorAll("input, select, button")).map((e) => (e.tagName === "BUTTON" ? e.textContent : labelOf(e as HTMLElement)));
      expect(focusOrder()).toEqual(["Ledger", "Sheet", "Look at the sheet", "Lot (required)", "Expires (required)", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO", "Location"]);
      await user.selectOptions(screen.getByLabelText("Lot (required)"), "Batch No. (B1)");
      await user.selectOptions(screen.getByLabelText("Expires (required)"), "Best Before (C1)");
      // A header already chosen is not offered again.
      expect(within(screen.getByLabelText("Unit Cost")).queryByRole("option", { name: "Batch No. (B1)" })).toBeNull();
      await user.selectOptions(screen.getByLabelText("Unit Cost"), "Cost Each (F1)");
      await user.selectOptions(screen.getByLabelText("Supplier"), "Column G, no header (G1)");
      expect(focusOrder().slice(-1)).toEqual(["Make it the Lots table"]);

      const plan = screen.getByRole("region", { name: "What will change" });
      expect(within(plan).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
        'Header "Batch No." (B1) becomes "Lot"',
        'Header "Best Before" (C1) becomes "Expires"',
        'Header "Cost Each" (F1) becomes "Unit Cost"',
        'The empty header cell G1 becomes "Supplier"',
        "Batches!A1:H3 becomes the Lots table; no other cell is changed or moved.",
      ]);
      expect(screen.getByText("Kept but not read by Lotbook: Notes.")).toBeTruthy();
      screen.getByRole("button", { name: "Make it the Lots table" }).focus();
      await user.keyboard("{Enter}");
      expect(await screen.findByText("Batches!A1:H3 is now the Lots table, every cell kept; 4 headers renamed.")).toBeTruthy();
      const table = wb.table("Lots")!;
      expect(table.header).toEqual(["Item", "Lot", "Expires", "Date Received", "Qty", "Unit Cost", "Supplier", "Notes"]);
      expect(table.rows).toEqual(BATCHES.slice(1));
    });

    it("says so and changes nothing when the workbook refuses", async () => {
      const wb = new MemoryWorkbook().withSheet("Batches", BATCHES);
      const user = await look(wb, "Batches");
      await user.selectOptions(await screen.findByLabelText("Lot (required)"), "Batch No. (B1)");
      await user.selectOptions(screen.getByLabelText("Expires (required)"), "Best Before (C1)");
      await user.selectOptions(screen.getByLabelText("Unit Cost"), "Cost Each (F1)");
      wb.failNext = "the range overlaps another table";
      await user.click(screen.getByRole("button", { name: "Make it the Lots table" }));
      expect(await screen.findByText("Excel could not complete this (the range overlaps another table). Nothing was changed.")).toBeTruthy();
      expect(wb.plain.get("Batches")).toEqual(BATCHES);
      expect(wb.table("Lots")).toBeUndefined();
    });
  });
});

/** The text of the label that names a form control. */
function labelOf(control: HTMLElement): string {
  return document.querySelector(`label[for="${control.id}"]`)?.textContent ?? "";
}
