/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { now, practice } from "../_practice";
import { twoSites } from "../_sites";

describe("the location picker", () => {
  it("is not shown, and there is no Transfer task, in a workbook without a Location column", async () => {
    render(<App workbook={practice()} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    expect(screen.queryByLabelText("Working at")).toBeNull();
    expect(screen.queryByRole("tab", { name: "Transfer" })).toBeNull();
  });

  it("offers the workbook's locations and keeps the one chosen from task to task", async () => {
    const user = userEvent.setup({ delay: null });
    render(<App workbook={twoSites()} now={now} />);
    const picker = await screen.findByLabelText("Working at");
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual(["Main Street", "Suite B"]);
    expect(picker).toHaveProperty("value", "Main Street");
    await user.selectOptions(picker, "Suite B");
    // jsdom has no layout, so the tab list may put any task under More: the pane's own ways in are used.
    await user.click(screen.getByRole("button", { name: "Record a draw" }));
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "B200");
    await user.click(screen.getByRole("tab", { name: "Overview" }));
    await user.click(await screen.findByRole("button", { name: "Count stock" }));
    expect(screen.getByRole("table", { name: "Open lots of Botox 100U at Suite B" })).toBeTruthy();
    await user.click(screen.getByRole("tab", { name: "Overview" }));
    await user.click(await screen.findByRole("button", { name: "Record a draw" }));
    expect(screen.getByLabelText("Working at")).toHaveProperty("value", "Suite B");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "B200");
    // Choosing Main Street again proposes its lot that expires first.
    await user.selectOptions(screen.getByLabelText("Working at"), "Main Street");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "C300");
  });
});
