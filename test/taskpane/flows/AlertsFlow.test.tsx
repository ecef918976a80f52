/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { AlertsFlow } from "../../../src/taskpane/flows/AlertsFlow";
import { renderFlow } from "../_flow";
import { AT, practice } from "../_practice";
import { reorderPractice } from "./_reorderPractice";

const openAlerts = (wb = practice()) => renderFlow(wb, (p) => <AlertsFlow {...p} />, "region", "Expired");
const group = (name: string) => screen.getByRole("region", { name });

describe("Alerts", () => {
  it("shows an expired lot with its value and records it as Expired in one click", async () => {
    const { wb, user } = await openAlerts();
    // OLD1: 50 U at $6/U.
    expect(screen.getByText("Botox 100U lot OLD1: 50 U ($300.00 at cost) expired on 3/1/2026.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record 50 U of OLD1 as Expired" }));
    expect(await screen.findByText("Recorded 50 U of lot OLD1 as Expired.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "OLD1", 50, "U", "Expired", null]);
    expect(await screen.findByText("Recorded 50 U of lot OLD1 as Expired.")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Expired" })).toBeNull();
  });

  it("groups the alerts by urgency, coloured as the sheet's highlighting, each with its total at cost", async () => {
    await openAlerts();
    const expired = group("Expired");
    expect(within(expired).getByText("1 lot, $300.00 at cost")).toBeTruthy();
    // Set up's red for expired lots.
    expect(expired.style.borderLeftColor).toBe("#F8696B");
    const risk = group("At risk of expiring unused");
    // C3709C3 $488.82 and JU2207 $700.00 (below); C4120A1 waits for C3709C3 to run out or expire
    // (30 June 2027), then 92 days at 2/9 U a day use 20.444 U of its 100: 79.556 U at $6.80 = $540.98.
    expect(within(risk).getByText("3 lots, $1,729.80 at cost")).toBeTruthy();
    expect(within(risk).getByText(/at each product's rate of use over the last 90 days, the lots used up in FEFO order/)).toBeTruthy();
    // The expired lot is under Expired, not forecast to expire.
    expect(within(risk).queryByText(/OLD1/)).toBeNull();
  });

  it("proposes the waste of what is left in a vial past its use-by", async () => {
    const wb = practice();
    // Botox opened on 12 January with 24 hours to use it: 80 U left in that vial.
    wb.editCell("Products", 0, "Use Within Hours", 24);
    const { user } = await openAlerts(wb);
    expect(screen.getByText("Botox 100U lot C3709C3: 80 U left in a vial past its use-by (1/13/2026).")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record 80 U left in the open vial of C3709C3 as Waste" }));
    await screen.findByText("Recorded 80 U of lot C3709C3 as Waste.");
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "C3709C3", 80, "U", "Waste", null]);
  });

  it("shows stock expected to expire unused at the recent rate of use", async () => {
    await openAlerts();
    // No Juvederm drawn in the last 90 days: both mL, bought for $700, will expire unused.
    expect(screen.getByText("Juvederm Ultra XC lot JU2207: 2 mL ($700.00) expected to be left when it expires 3/31/2027.")).toBeTruthy();
  });

  it("says a fractional forecast in tenths, as an estimate", async () => {
    await openAlerts();
    // Botox: 20 U drawn in the 90 days to now (10:00, 16 March 2026), 2/9 U a day. From now to the
    // end of C3709C3's expiry day (30 June 2027) is 471 days and 14 hours: 104.796 U used of the 180 left,
    // 75.204 U at risk at $6.50 = $488.82.
    expect(screen.getByText("Botox 100U lot C3709C3: about 75.2 U ($488.82) expected to be left when it expires 6/30/2027.")).toBeTruthy();
  });

  it("has a Reorder group after the expiry bands: each product to order now or this week, and why that much by then", async () => {
    await renderFlow(reorderPractice(), (p) => <AlertsFlow {...p} />, "region", "Reorder");
    const names = screen.getAllByRole("region").map((r) => r.getAttribute("aria-label"));
    expect(names).toEqual(["Expiring within 30 days", "Reorder", "At risk of expiring unused"]);
    const reorder = group("Reorder");
    expect(within(reorder).getByText("3 products to order: 1 now, 2 this week")).toBeTruthy();
    const items = within(reorder).getAllByRole("listitem").map((li) => Array.from(li.children).map((c) => c.textContent));
    expect(items).toEqual([
      [
        "Botox 100U: order 100 U now, it was due by 3/12/2026; at the recent rate it runs out on 3/26/2026.",
        // 180 U in 90 days; 20 U ÷ 2 U = 10 days; 14 + 30 days × 2 U = 88 U, less 20 usable = 68 U: one vial of 100 U.
        "At 2 U a day (Visit draws of the last 90 days), 20 U usable on hand lasts 10 days; delivery takes 14 days (Lead Days). " +
          "Lead Days + Cover Days (14 + 30) at that rate need 88 U, 68 U more than is usable: 1 pack of 100 U, rounded up to whole packs.",
      ],
      [
        "Restylane Lyft: order 3 syringes this week, by 3/22/2026; at the recent rate it runs out on 4/5/2026.",
        // 0.1 a day × 20 days 14 hours to the end of 5 April = 2.058333 of the 4 usable; 2.058333 ÷ 0.1 = 20.58 days.
        // 44 days × 0.1 = 4.4, less 2.058333 = 2.341667: 3 syringes (Pack Size blank, Vial Size 1).
        "At 0.1 syringes a day (Visit draws of the last 90 days), 4 syringes on hand, of which 2.06 syringes usable (the rest is expired or forecast to expire unused) lasts 20.6 days; " +
          "delivery takes 14 days (Lead Days). Lead Days + Cover Days (14 + 30) at that rate need 4.4 syringes, 2.34 syringes more than is usable: 3 syringes.",
      ],
      [
        "Juvederm Ultra XC: order 8 syringes this week, by 3/23/2026; at the recent rate it runs out on 3/26/2026.",
        // 18 in 90 days = 0.2 a day; 2 ÷ 0.2 = 10 days; 48 days × 0.2 = 9.6, less 2 = 7.6: 3.8 packs of 2, so 4.
        "At 0.2 syringes a day (Visit draws of the last 90 days), 2 syringes usable on hand lasts 10 days; delivery takes 3 days (Lead Days). " +
          "Lead Days + Cover Days (3 + 45) at that rate need 9.6 syringes, 7.6 syringes more than is usable: 4 packs of 2 syringes, rounded up to whole packs.",
      ],
    ]);
    // Xeomin was never drawn in the 90 days: no rate, nothing suggested.
    expect(within(reorder).queryByText(/Xeomin/)).toBeNull();
  });

  it("says when the shelf life caps a suggestion, so that no pack expires on the shelf", async () => {
    const wb = reorderPractice();
    // Botox to cover 600 days: 614 days × 2 U = 1,228 U, 13 vials. Its lot kept 576 days from
    // receipt (1 December 2025) to expiry (30 June 2027), in which 2 U a day use 1,152 U: 11 whole vials.
    wb.editCell("Products", 0, "Cover Days", 600);
    await renderFlow(wb, (p) => <AlertsFlow {...p} />, "region", "Reorder");
    const botox = within(group("Reorder")).getAllByRole("listitem")[0];
    expect(botox.children[0].textContent).toBe("Botox 100U: order 1,100 U now, it was due by 3/12/2026; at the recent rate it runs out on 3/26/2026.");
    expect(botox.children[1].textContent).toBe(
      "At 2 U a day (Visit draws of the last 90 days), 20 U usable on hand lasts 10 days; delivery takes 14 days (Lead Days). " +
        "Lead Days + Cover Days (14 + 600) at that rate need 1,228 U, 1,208 U more than is usable, but a lot keeps about 576 days from delivery to expiry, " +
        "in which 2 U a day uses only 1,152 U: capped at 11 packs of 100 U, so that nothing expires on the shelf.",
    );
  });

  it("says units in the plural where the unit is a word", async () => {
    await renderFlow(reorderPractice(), (p) => <AlertsFlow {...p} />, "region", "Reorder");
    expect(within(group("Expiring within 30 days")).getByText("Restylane Lyft lot R1: 4 syringes ($1,280.00 at cost) expires 4/5/2026, in 20 days.")).toBeTruthy();
  });

  it("shows a failure to record in the pane", async () => {
    const { wb, user } = await openAlerts();
    wb.failNext = "The sheet is protected";
    await user.click(screen.getByRole("button", { name: "Record 50 U of OLD1 as Expired" }));
    expect(await screen.findByText("Excel could not complete this (The sheet is protected). Nothing was written.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });
});
