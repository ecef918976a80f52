/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { COUNTS_HEADER, DRAWS_HEADER, LOTS_HEADER, now, practice } from "../_practice";

describe("the task pane", () => {
  it("says why it could not read the workbook, and reads again on request", async () => {
    const wb = practice();
    wb.failNext = "The workbook is busy";
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    expect(await screen.findByText(/could not read the workbook's tables: Excel could not complete this \(The workbook is busy\)\. It tries again/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "Overview" })).toBeTruthy();
  });

  it("opens on the Overview: the state of the books, each line a way into the task that acts on it", async () => {
    const wb = practice();
    wb.table("Counts")!.rows.push([serial(2026, 3, 2), "Botox 100U", "C3709C3", 178, null, null]);
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    const overview = await screen.findByRole("region", { name: "Overview" });
    expect(screen.getByRole("tab", { name: "Overview", selected: true })).toBeTruthy();
    const lines = within(overview).getAllByRole("button").map((b) => b.textContent);
    // OLD1: 50 U at $6.00. At risk: C3709C3 $488.82, C4120A1 $540.98, JU2207 $700.00 (see Alerts).
    // The count of 2 March found 178 of the 180 U on the books: 2 U at $6.50. On hand: 178 U at
    // $6.50, 100 U at $6.80, 50 U at $6.00 and 2 mL for $700: $2,837.00.
    expect(lines).toEqual([
      "1 lot expired with stock, $300.00 at cost",
      "No lot is inside its alert days",
      expect.stringMatching(/^\$[\d,.]+ at risk of expiring unused at the recent rate of use$/),
      "No open vial is past its use-by",
      "Nothing needs ordering this week",
      "Shrinkage at the last counts: $13.00 at cost over 1 product (latest 3/2/2026)",
      "Stock on hand: $2,837.00 at cost",
      // OLD1 expires on the 1st of a month, which Check questions.
      "Check: 0 errors and 1 warning in the tables",
      "Record a draw",
      "Receive a delivery",
      "Count stock",
    ]);
    await user.click(within(overview).getByRole("button", { name: "1 lot expired with stock, $300.00 at cost" }));
    expect(await screen.findByRole("region", { name: "Expired" })).toBeTruthy();
  });

  it("offers Set up and Adopt first on a workbook without the tables", async () => {
    const user = userEvent.setup({ delay: null });
    render(<App workbook={MemoryWorkbook.with({})} now={now} />);
    expect(await screen.findByText("This workbook has no Lots table yet. Create the tables, or adopt a sheet you already keep.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Set up the tables" }));
    expect(await screen.findByRole("button", { name: "Set up the ledger tables" })).toBeTruthy();
  });

  it("works from the keyboard: labelled fields in reading order, Enter to submit and to pick a task", async () => {
    const wb = practice();
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    screen.getByRole("tab", { name: "Draw" }).focus();
    await user.keyboard("{Enter}");
    const form = await screen.findByRole("form", { name: "Visit draw" });
    // Nothing reorders focus (no positive tabindex), so Tab follows the order the fields are read in.
    expect(form.querySelectorAll("[tabindex]:not([tabindex='0']):not([tabindex='-1'])")).toHaveLength(0);
    const fields = Array.from(form.querySelectorAll("input, select, button")).filter((el) => !(el as HTMLElement).hidden);
    const labelled = ["Scan barcode", "Product", "Lot", "Kind", "Qty (U)", "Visit", "Patient", "Provider", "Service", "Price"].map((name) => screen.getByLabelText(name));
    expect(labelled.map((el) => fields.indexOf(el))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fields[10]).toBe(screen.getByRole("button", { name: "Record draw" }));

    screen.getByLabelText("Qty (U)").focus();
    await user.keyboard("6");
    screen.getByLabelText("Visit").focus();
    await user.keyboard("V3001{Enter}");
    expect(await screen.findByText("Recorded 6 U of Botox 100U from lot C3709C3 for visit V3001.")).toBeTruthy();
  });

  it("offers a product received in this session to the next draw", async () => {
    const wb = MemoryWorkbook.with({ Lots: [LOTS_HEADER], Draws: [DRAWS_HEADER], Counts: [COUNTS_HEADER] });
    const user = userEvent.setup({ delay: null });
    render(<App workbook={wb} now={now} />);
    await user.click(await screen.findByRole("tab", { name: "Receive" }));
    await user.type(screen.getByLabelText("Product"), "Sculptra");
    await user.type(screen.getByLabelText("Lot"), "S1");
    await user.type(screen.getByLabelText("Expires"), "2027-01-31");
    await user.type(screen.getByLabelText("Qty"), "2");
    await user.type(screen.getByLabelText("Cost ($)"), "900{Enter}");
    await screen.findByText(/^Received 2 of Sculptra, lot S1/);
    // jsdom has no layout, so the tab list may have put Draw under More.
    const tab = screen.queryByRole("tab", { name: "Draw" });
    if (tab) await user.click(tab);
    else {
      await user.click(screen.getByRole("button", { name: /^More tasks/ }));
      await user.click(await screen.findByRole("menuitem", { name: "Draw" }));
    }
    expect(await screen.findByLabelText("Product")).toHaveProperty("value", "Sculptra");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "S1");
  });
});

function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}
