/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { serialFromYmd } from "../../../src/core";
import { AlertsFlow } from "../../../src/taskpane/flows/AlertsFlow";
import { CountFlow } from "../../../src/taskpane/flows/CountFlow";
import { DrawFlow } from "../../../src/taskpane/flows/DrawFlow";
import { Overview } from "../../../src/taskpane/flows/Overview";
import { ReceiveFlow } from "../../../src/taskpane/flows/ReceiveFlow";
import { TransferFlow } from "../../../src/taskpane/flows/TransferFlow";
import { renderFlow } from "../_flow";
import { AT, TODAY } from "../_practice";
import { twoSites } from "../_sites";

const selected = (label: string) => within(screen.getByLabelText(label)).getByRole("option", { selected: true }).textContent;
const options = (label: string) => within(screen.getByLabelText(label)).getAllByRole("option").map((o) => o.textContent);

describe("a practice at two locations", () => {
  it("proposes the lot that expires first at the location the pane works at, and writes that location", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <DrawFlow {...p} location="Suite B" />, "form", "Visit draw");
    // Suite B holds only B200; C300 expires sooner but is at Main Street.
    expect(selected("Lot")).toBe("B200: 100 U left, expires 12/31/2026, proposed");
    expect(options("Lot")).toEqual(["B200: 100 U left, expires 12/31/2026, proposed"]);
    await user.type(screen.getByLabelText("Qty (U)"), "10");
    await user.type(screen.getByLabelText("Visit"), "V2001");
    await user.type(screen.getByLabelText("Patient"), "P-2001{Enter}");
    expect(await screen.findByText("Recorded 10 U of Botox 100U from lot B200 at Suite B for visit V2001.")).toBeTruthy();
    // Price: 10 U at $14.
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, "V2001", "P-2001", null, null, "Botox 100U", "B200", 10, "U", "Visit", 140, "Suite B", null]);
    expect(await screen.findByRole("option", { name: "B200: 90 U left, expires 12/31/2026, proposed" })).toBeTruthy();
  });

  it("at Main Street proposes C300, which expires before A100", async () => {
    await renderFlow(twoSites(), (p) => <DrawFlow {...p} location="Main Street" />, "form", "Visit draw");
    expect(options("Lot")).toEqual(["C300: 100 U left, expires 9/30/2026, proposed", "A100: 180 U left, expires 6/30/2027"]);
  });

  it("records a transfer as one Draws row, from the FEFO lot at the source, and the stock moves", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    expect(selected("From")).toBe("Main Street");
    expect(selected("To")).toBe("Suite B");
    expect(options("To")).toEqual(["Suite B"]);
    expect(selected("Lot")).toBe("C300: 100 U at Main Street, expires 9/30/2026, proposed");
    await user.type(screen.getByLabelText("Qty (U)"), "40{Enter}");
    expect(await screen.findByText("Moved 40 U of Botox 100U, lot C300, from Main Street to Suite B.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(2);
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "C300", 40, "U", "Transfer", null, "Main Street", "Suite B"]);
    // Main Street: C300 100 − 40 = 60 U, A100 still 180 U.
    expect(await screen.findByRole("option", { name: "C300: 60 U at Main Street, expires 9/30/2026, proposed" })).toBeTruthy();
    expect(options("Lot")).toEqual(["C300: 60 U at Main Street, expires 9/30/2026, proposed", "A100: 180 U at Main Street, expires 6/30/2027"]);
    // Suite B: the 40 U of C300 arrived, and expire before B200, so FEFO now proposes them there.
    await user.selectOptions(screen.getByLabelText("From"), "Suite B");
    expect(options("Lot")).toEqual(["C300: 40 U at Suite B, expires 9/30/2026, proposed", "B200: 100 U at Suite B, expires 12/31/2026"]);
    expect(selected("To")).toBe("Main Street");
  });

  it("refuses to move more than the source holds, and writes nothing", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    await user.type(screen.getByLabelText("Qty (U)"), "120{Enter}");
    expect(await screen.findByText("Not recorded: Lot C300 has only 100 U at Main Street, less than the 120 U to move.")).toBeTruthy();
    // Said as errors: under the field, and as the outcome.
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual([
      "Lot C300 has only 100 U at Main Street, less than the 120 U to move.",
      "Not recorded: Lot C300 has only 100 U at Main Street, less than the 120 U to move.",
    ]);
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("says a transfer needs a second location when the workbook names only one", async () => {
    const wb = twoSites();
    wb.editCell("Lots", 1, "Location", "Main Street");
    const { user } = await renderFlow(wb, (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    expect(screen.getByText("Main Street is the only location named: a transfer needs another. Receive a delivery there, or write its name in a Location cell, first.")).toBeTruthy();
    await user.type(screen.getByLabelText("Qty (U)"), "5{Enter}");
    expect(await screen.findByText(/^Not recorded: Main Street is the only location named/)).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("counts only the lots of the location, writes it, and prices the shortage at that lot's cost", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <CountFlow {...p} location="Suite B" />, "form", "Count");
    const table = screen.getByRole("table", { name: "Open lots of Botox 100U at Suite B" });
    expect(within(table).getAllByRole("rowheader").map((r) => r.textContent)).toEqual(["B200 (exp. 12/31/2026)"]);
    await user.type(screen.getByLabelText("Counted B200"), "95");
    // 100 U on the books at Suite B, 95 counted: 5 U at $7.00.
    expect(await within(table).findByText("5 U missing ($35.00)")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record counts" }));
    expect(await screen.findByText("Recorded 1 count of Botox 100U at Suite B.")).toBeTruthy();
    expect(wb.table("Counts")?.rows).toEqual([[AT, "Botox 100U", "B200", 95, null, null, "Suite B"]]);
  });

  it("counts at Main Street its two lots, not Suite B's", async () => {
    await renderFlow(twoSites(), (p) => <CountFlow {...p} location="Main Street" />, "form", "Count");
    const table = screen.getByRole("table", { name: "Open lots of Botox 100U at Main Street" });
    expect(within(table).getAllByRole("rowheader").map((r) => r.textContent)).toEqual(["A100 (exp. 6/30/2027)", "C300 (exp. 9/30/2026)"]);
  });

  it("receives at the pane's location unless another is typed", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <ReceiveFlow {...p} location="Suite B" />, "form", "Receive");
    expect(screen.getByLabelText("Location")).toHaveProperty("value", "Suite B");
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "D400");
    await user.type(screen.getByLabelText("Expires"), "2027-12-31");
    await user.type(screen.getByLabelText("Qty (U)"), "100");
    await user.type(screen.getByLabelText("Cost ($)"), "650{Enter}");
    expect(await screen.findByText(/^Received 100 U of Botox 100U, lot D400 at Suite B: /)).toBeTruthy();
    expect(wb.table("Lots")?.rows[3]).toEqual(["Botox 100U", "D400", 46752, TODAY, 100, "U", null, 650, null, null, "Suite B"]);
  });

  it("gives the Overview's stock on hand for the location", async () => {
    await renderFlow(twoSites(), (p) => <Overview books={p.books} now={p.now} onOpen={() => {}} location="Main Street" />, "region", "Overview");
    const lines = screen.getAllByRole("button").map((b) => b.textContent);
    // Main Street: A100 180 U × $6.50 = $1,170.00 and C300 100 U × $6.00 = $600.00.
    expect(lines).toContain("Stock on hand at Main Street: $1,770.00 at cost");
    expect(lines).toContain("No expired lot holds stock");
    expect(lines).toContain("No count recorded yet: count the stock to measure shrinkage");
    expect(lines.filter((l) => l?.includes("all locations"))).toEqual([]);
  });

  it("gives Suite B's stock on hand at Suite B", async () => {
    await renderFlow(twoSites(), (p) => <Overview books={p.books} now={p.now} onOpen={() => {}} location="Suite B" />, "region", "Overview");
    // B200 100 U × $7.00.
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toContain("Stock on hand at Suite B: $700.00 at cost");
  });
});

/**
 * The two sites with alerts of their own: Suite B also holds OLD9 (30 U at $5.00, expired
 * 1 March 2026) and drew 90 U of B200 on 10 March, so on 16 March 2026, 10:00:
 *   Main Street  A100 180 U, C300 100 U; Visit draws in the 90 days: 20 U (V1001), 2/9 U a day
 *   Suite B      B200  10 U, OLD9 30 U expired; Visit draws in the 90 days: 90 U, 1 U a day
 */
function sitesWithAlerts() {
  const wb = twoSites();
  const d = serialFromYmd;
  wb.table("Lots")!.rows.push(["Botox 100U", "OLD9", d(2026, 3, 1), d(2025, 12, 1), 30, "U", 5, null, "Allergan", "PO-0999", "Suite B"]);
  wb.table("Draws")!.rows.push([d(2026, 3, 10), "V1002", "P-1002", "Dr. Reyes", "Glabella", "Botox 100U", "B200", 90, "U", "Visit", 1260, "Suite B", null]);
  return wb;
}

const overviewAt = async (location: string) => {
  await renderFlow(sitesWithAlerts(), (p) => <Overview books={p.books} now={p.now} onOpen={() => {}} location={location} />, "region", "Overview");
  return screen.getAllByRole("button").map((b) => b.textContent);
};

describe("the alerts at the location the pane works at", () => {
  it("at Main Street: nothing expired or to order, and what is at risk at its own rate of use", async () => {
    const lines = await overviewAt("Main Street");
    expect(lines).toContain("No expired lot holds stock");
    // At 2/9 U a day: from now to the end of 30 September 2026 (C300's expiry) is 198 days and
    // 14 hours, 44.130 U used of C300's 100, so 55.870 U × $6.00 = $335.22 at risk; then 273 days
    // to the end of 30 June 2027 use 60.667 U of A100's 180, so 119.333 U × $6.50 = $775.67.
    expect(lines).toContain("$1,110.89 at risk of expiring unused at the recent rate of use");
    // Usable 280 − 55.870 − 119.333 = 104.796 U lasts 471.6 days at 2/9 U a day.
    expect(lines).toContain("Nothing needs ordering this week");
    expect(lines).toContain("Stock on hand at Main Street: $1,770.00 at cost");
  });

  it("at Suite B: its expired lot, nothing at risk, and an order this week at its own rate", async () => {
    const lines = await overviewAt("Suite B");
    // OLD9: 30 U × $5.00.
    expect(lines).toContain("1 lot expired with stock, $150.00 at cost");
    // B200's 10 U last 10 days at 1 U a day, long before 31 December.
    expect(lines).toContain("No stock is expected to expire unused");
    // Runs out on 3/26/2026, less 7 Lead Days: order by 3/19. Lead + Cover Days (7 + 30) need 37 U, 27 U more than the 10 usable.
    expect(lines).toContain("Order this week: 27 U of Botox 100U (order by 3/19/2026)");
    // B200 10 U × $7.00 + OLD9 30 U × $5.00.
    expect(lines).toContain("Stock on hand at Suite B: $220.00 at cost");
  });

  it("lists in Alerts only the location's lots, and writes the write-off at that location", async () => {
    const { wb, user } = await renderFlow(sitesWithAlerts(), (p) => <AlertsFlow {...p} location="Suite B" />, "region", "Expired");
    expect(screen.getAllByRole("heading").map((h) => h.textContent)).toEqual(["Expired", "Reorder"]);
    expect(screen.getByText("Botox 100U lot OLD9: 30 U ($150.00 at cost) expired on 3/1/2026.")).toBeTruthy();
    expect(screen.getByText("Botox 100U: order 27 U this week, by 3/19/2026; at the recent rate it runs out on 3/26/2026.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record 30 U of OLD9 as Expired" }));
    expect(await screen.findByText("Recorded 30 U of lot OLD9 as Expired.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[2]).toEqual([AT, null, null, null, null, "Botox 100U", "OLD9", 30, "U", "Expired", null, "Suite B", null]);
  });

  it("at Main Street lists its at-risk lots, forecast at Main Street's use", async () => {
    await renderFlow(sitesWithAlerts(), (p) => <AlertsFlow {...p} location="Main Street" />, "region", "At risk of expiring unused");
    expect(screen.getAllByRole("heading").map((h) => h.textContent)).toEqual(["At risk of expiring unused"]);
    const risk = screen.getByRole("region", { name: "At risk of expiring unused" });
    expect(within(risk).getByText("2 lots, $1,110.89 at cost")).toBeTruthy();
    expect(within(risk).getByText(/^Estimated at each product's rate of use at Main Street over the last 90 days/)).toBeTruthy();
    expect(within(risk).getByText("Botox 100U lot C300: about 55.9 U ($335.22) expected to be left when it expires 9/30/2026.")).toBeTruthy();
    expect(within(risk).getByText("Botox 100U lot A100: about 119.3 U ($775.67) expected to be left when it expires 6/30/2027.")).toBeTruthy();
  });
});
