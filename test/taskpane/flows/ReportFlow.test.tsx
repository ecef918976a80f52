/**
 * @jest-environment jsdom
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { DRAWS_HEADER, LOTS_HEADER, now, practice } from "../_practice";

async function openReport(wb: MemoryWorkbook) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await user.click(await screen.findByRole("tab", { name: "Report" }));
  return user;
}

describe("Report", () => {
  it("says what the report holds, inserts it, then offers to refresh it", async () => {
    const wb = practice();
    const user = await openReport(wb);
    const report = screen.getByRole("region", { name: "Report" });
    expect(within(report).getAllByRole("listitem").map((li) => li.textContent?.split(":")[0])).toEqual([
      "Margin by service", "Margin by provider", "Stock value by product", "Expiry timeline (next 365 days)", "Shrinkage log", "Margin by visit", "Margin by product", "Reorder",
    ]);
    await user.click(await screen.findByRole("button", { name: "Insert report" }));
    expect(await screen.findByText("Inserted the Report sheet with 4 charts. Its figures are LOTBOOK formulas, so they stay up to date.")).toBeTruthy();
    expect(wb.report?.cells.find((c) => c.address === "O24")?.value).toBe("=LOTBOOK.STOCK_BY_PRODUCT()");
    await user.click(await screen.findByRole("button", { name: "Refresh report" }));
    expect(await screen.findByText(/^Refreshed the Report sheet/)).toBeTruthy();
  });

  it("leaves a Report sheet Lotbook did not make alone and says to rename it", async () => {
    const wb = practice().withSheet("Report", [["Owner's notes"]]);
    const user = await openReport(wb);
    expect(await screen.findByText(/^This workbook already has a sheet called Report that Lotbook did not make/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Insert report" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toMatch(/Rename that sheet .*Nothing was changed\.$/);
    expect(wb.plain.get("Report")).toEqual([["Owner's notes"]]);
    expect(wb.report).toBeNull();
  });

  it("shows Excel's refusal as a message in the pane", async () => {
    const wb = practice();
    const user = await openReport(wb);
    const insert = await screen.findByRole("button", { name: "Insert report" });
    wb.failNext = "The request failed";
    await user.click(insert);
    expect((await screen.findByRole("alert")).textContent).toBe("Excel could not complete this (The request failed). Nothing was changed.");
  });

  it("leaves out the shrinkage log without a Counts table", async () => {
    const wb = MemoryWorkbook.with({ Lots: [LOTS_HEADER], Draws: [DRAWS_HEADER] });
    await openReport(wb);
    expect(await screen.findByText("There is no Counts table, so the shrinkage log is left out.")).toBeTruthy();
    expect(screen.queryByText(/^Shrinkage log/)).toBeNull();
  });

  it("asks for Set up when Lots or Draws is missing", async () => {
    const wb = MemoryWorkbook.with({ Lots: [LOTS_HEADER] });
    await openReport(wb);
    expect(await screen.findByText(/lacks at least one of them\. Create them under Set up\./)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Insert report" })).toBeNull();
  });

  it("is used with the keyboard alone: the one button takes focus in reading order, and Enter inserts", async () => {
    const wb = practice();
    const user = await openReport(wb);
    const insert = await screen.findByRole("button", { name: "Insert report" });
    await waitFor(() => expect((insert as HTMLButtonElement).disabled).toBe(false));
    const region = screen.getByRole("region", { name: "Report" });
    expect(region.querySelectorAll("[tabindex]:not([tabindex='0']):not([tabindex='-1'])")).toHaveLength(0);
    expect(Array.from(region.querySelectorAll("button, input, select, a[href]"))).toEqual([insert]);
    insert.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/^Inserted the Report sheet/)).toBeTruthy();
  });
});
