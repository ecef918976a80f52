/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { LOTS_HEADER, now, practice } from "../_practice";

async function openCheck(wb: MemoryWorkbook) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await screen.findByRole("form", { name: "Visit draw" }).catch(() => undefined);
  await user.click(await screen.findByRole("tab", { name: "Check" }));
  return user;
}

describe("Check", () => {
  it("lists every diagnostic, and one selects the cell it points at", async () => {
    const wb = MemoryWorkbook.with({
      Lots: [LOTS_HEADER, ["Botox 100U", "C3709C3", "soon", 46027, 200, "U", 6.5, null, null, null], ["Botox 100U", "C4120A1", 46660, 46055, 0, "U", 6.8, null, null, null]],
    });
    const user = await openCheck(wb);
    expect(screen.getByText("2 errors, 0 warnings. Choose one to go to its cell.")).toBeTruthy();
    const expires = screen.getByRole("button", { name: "Lots row 2, Expires: 'soon' is not a date; type it as 3/15/2026 or 2026-03-15" });
    screen.getByRole("button", { name: "Lots row 3, Qty: the quantity received must be more than 0 (it is 0)" });
    await user.click(expires);
    expect(wb.selection).toEqual({ sheet: "Lots", address: "C2" });
    expect(await screen.findByText("Selected Lots row 2, Expires.")).toBeTruthy();
  });

  it("lists the first 200 of a long list and says where to see them all", async () => {
    const rows = Array.from({ length: 205 }, (_, i) => ["Botox 100U", `L${i}`, "soon", 46027, 10, "U", 6.5, null, null, null]);
    await openCheck(MemoryWorkbook.with({ Lots: [LOTS_HEADER, ...rows] }));
    expect(screen.getByText("205 errors, 0 warnings. Choose one to go to its cell. The first 200 are listed; =LOTBOOK.CHECK lists them all.")).toBeTruthy();
    expect(screen.getAllByRole("listitem")).toHaveLength(200);
  });

  it("says so when the ledger is clean", async () => {
    const wb = practice();
    wb.table("Lots")?.rows.splice(2, 1);
    await openCheck(wb);
    expect(await screen.findByText("No problems: every row of the ledger reads cleanly.")).toBeTruthy();
  });

  it("shows in the pane when the cell cannot be selected", async () => {
    const wb = MemoryWorkbook.with({ Lots: [LOTS_HEADER, ["Botox 100U", "C3709C3", "soon", 46027, 200, "U", 6.5, null, null, null]] });
    const user = await openCheck(wb);
    wb.failNext = "The sheet is hidden";
    await user.click(screen.getByRole("button", { name: "Lots row 2, Expires: 'soon' is not a date; type it as 3/15/2026 or 2026-03-15" }));
    expect(await screen.findByText("Excel could not complete this (The sheet is hidden).")).toBeTruthy();
  });
});
