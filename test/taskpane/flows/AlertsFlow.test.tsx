/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { AlertsFlow } from "../../../src/taskpane/flows/AlertsFlow";
import { renderFlow } from "../_flow";
import { AT, practice } from "../_practice";

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
    wb.table("Products")!.rows[0][3] = 24;
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

  it("shows a failure to record in the pane", async () => {
    const { wb, user } = await openAlerts();
    wb.failNext = "The sheet is protected";
    await user.click(screen.getByRole("button", { name: "Record 50 U of OLD1 as Expired" }));
    expect(await screen.findByText("Excel could not complete this (The sheet is protected). Nothing was written.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });
});
