/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/taskpane/workbook/memory";
import { DRAWS_HEADER, LOTS_HEADER, now, practice } from "../_practice";

describe("the task pane", () => {
  it("says why it could not read the workbook, and reads again on request", async () => {
    const wb = practice();
    wb.failNext = "The workbook is busy";
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    expect(await screen.findByText(/could not read the workbook's tables: Excel could not complete this \(The workbook is busy\)\. It tries again/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("form", { name: "Visit draw" })).toBeTruthy();
  });

  it("works from the keyboard: labelled fields in reading order, Enter to submit and to pick a task", async () => {
    const wb = practice();
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    const form = await screen.findByRole("form", { name: "Visit draw" });
    // Nothing reorders focus (no positive tabindex), so Tab follows the order the fields are read in.
    expect(form.querySelectorAll("[tabindex]:not([tabindex='0']):not([tabindex='-1'])")).toHaveLength(0);
    const fields = Array.from(form.querySelectorAll("input, select, button")).filter((el) => !(el as HTMLElement).hidden);
    const labelled = ["Scan barcode", "Product", "Lot", "Qty (U)", "Visit", "Patient", "Provider", "Service", "Price"].map((name) => screen.getByLabelText(name));
    expect(labelled.map((el) => fields.indexOf(el))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fields[9]).toBe(screen.getByRole("button", { name: "Record draw" }));

    screen.getByLabelText("Qty (U)").focus();
    await user.keyboard("6");
    screen.getByLabelText("Visit").focus();
    await user.keyboard("V3001{Enter}");
    expect(await screen.findByText("Recorded 6 U of Botox 100U from lot C3709C3 for visit V3001.")).toBeTruthy();

    // Arrow keys between tabs are Fluent's focus manager, which needs a real layout; Enter picks a tab.
    screen.getByRole("tab", { name: "Receive" }).focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("form", { name: "Receive" })).toBeTruthy();
  });

  it("offers a product received in this session to the next draw", async () => {
    const wb = MemoryWorkbook.with({ Lots: [LOTS_HEADER], Draws: [DRAWS_HEADER] });
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    expect(await screen.findByText("There is no product in the Lots table yet: receive a lot first.")).toBeTruthy();
    await user.click(screen.getByRole("tab", { name: "Receive" }));
    await user.type(screen.getByLabelText("Product"), "Sculptra");
    await user.type(screen.getByLabelText("Lot"), "S1");
    await user.type(screen.getByLabelText("Expires"), "2027-01-31");
    await user.type(screen.getByLabelText("Qty"), "2");
    await user.type(screen.getByLabelText("Cost ($)"), "900{Enter}");
    await screen.findByText("Received 2 of Sculptra, lot S1.");
    await user.click(screen.getByRole("tab", { name: "Draw" }));
    expect(await screen.findByLabelText("Product")).toHaveProperty("value", "Sculptra");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "S1");
  });
});
