/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { Overview } from "../../../src/taskpane/flows/Overview";
import type { OverviewTarget } from "../../../src/taskpane/flows/overviewFigures";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { renderFlow } from "../_flow";
import { practice } from "../_practice";
import { reorderPractice } from "./_reorderPractice";

async function openOverview(wb: MemoryWorkbook) {
  const opened: OverviewTarget[] = [];
  const rendered = await renderFlow(wb, (p) => <Overview books={p.books} now={p.now} onOpen={(t) => opened.push(t)} />, "region", "Overview");
  const lines = () => within(screen.getByRole("list")).getAllByRole("button").map((b) => b.textContent);
  return { ...rendered, opened, lines };
}

describe("the Overview", () => {
  it("lists what to order now and this week, with the quantities and order-by dates, soonest first", async () => {
    const { lines } = await openOverview(reorderPractice());
    expect(lines()).toEqual([
      "No expired lot holds stock",
      // R1: 4 syringes at $320, expiring 5 April 2026, inside its 30 days.
      "1 lot expiring within their alert days, $1,280.00 at cost",
      // R1: 0.1 a day from now (10:00) to the end of 5 April, 20 days 14 hours, uses 2.058333 of its
      // 4 syringes: 1.941667 × $320 = $621.33. Xeomin, never drawn: 100 U × $5.40 = $540.00.
      "$1,161.33 at risk of expiring unused at the recent rate of use",
      "No open vial is past its use-by",
      // Botox: 20 U at 2 U a day last 10 days (to 26 March); less 14 Lead Days, it was due on 12 March.
      // 44 days at 2 U need 88 U, 68 beyond the 20 usable: one 100 U vial.
      "Order now: 100 U of Botox 100U (was due by 3/12/2026)",
      // Restylane: 2.058333 usable at 0.1 a day last 20.58 days (to 5 April); less 14 Lead Days: 22 March.
      // 44 days at 0.1 need 4.4, 2.34 beyond what is usable: 3 syringes, one a pack.
      "Order this week: 3 syringes of Restylane Lyft (order by 3/22/2026)",
      // Juvederm: 2 at 0.2 a day last 10 days (to 26 March); less 3 Lead Days: 23 March.
      // 48 days at 0.2 need 9.6, 7.6 beyond the 2 usable: 4 packs of 2.
      "Order this week: 8 syringes of Juvederm Ultra XC (order by 3/23/2026)",
      "No count recorded yet: count the stock to measure shrinkage",
      // 20 U × $6.50 + 2 × $300 + 4 × $320 + 100 U × $5.40 = $130 + $600 + $1,280 + $540.
      "Stock on hand: $2,550.00 at cost",
      "Check: every row of the tables reads cleanly",
    ]);
  });

  it("opens Alerts, where each suggestion says why, from a line to order", async () => {
    const { user, opened } = await openOverview(reorderPractice());
    await user.click(screen.getByRole("button", { name: "Order now: 100 U of Botox 100U (was due by 3/12/2026)" }));
    expect(opened).toEqual(["Alerts"]);
  });

  it("says when nothing needs ordering this week", async () => {
    // The small practice's Botox: 20 U drawn in 90 days, 125 U usable: enough for about 560 days.
    const { lines } = await openOverview(practice());
    expect(lines()).toContain("Nothing needs ordering this week");
    expect(lines().filter((l) => l?.startsWith("Order "))).toEqual([]);
  });

  it("offers Set up and Adopt first on a workbook without the tables", async () => {
    const opened: OverviewTarget[] = [];
    const { user } = await renderFlow(MemoryWorkbook.with({}), (p) => <Overview books={p.books} now={p.now} onOpen={(t) => opened.push(t)} />, "region", "Overview");
    expect(screen.getByText("This workbook has no Lots table yet. Create the tables, or adopt a sheet you already keep.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Set up the tables" }));
    await user.click(screen.getByRole("button", { name: "Adopt a sheet" }));
    expect(opened).toEqual(["Set up", "Set up"]);
  });
});
