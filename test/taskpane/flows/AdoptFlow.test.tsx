/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/taskpane/workbook/memory";
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
});
