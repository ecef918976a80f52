/**
 * @jest-environment jsdom
 */
import { screen } from "@testing-library/react";
import { serialFromYmd } from "../../../src/core";
import { ReceiveFlow } from "../../../src/taskpane/flows/ReceiveFlow";
import { renderFlow } from "../_flow";
import { practice, TODAY } from "../_practice";

const openReceive = (wb = practice()) => renderFlow(wb, (p) => <ReceiveFlow {...p} />, "form", "Receive");
const echo = () => screen.getByRole("region", { name: "What will be recorded" }).textContent;

describe("Receive", () => {
  it("says back what it understood, appends the line, and keeps the PO for its next line", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Supplier"), "Allergan");
    await user.type(screen.getByLabelText("PO"), "PO-1003");
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C5001B2");
    // A month-only expiry means the month's last day.
    await user.type(screen.getByLabelText("Expires"), "2027-12");
    await user.type(screen.getByLabelText("Qty (U)"), "200");
    await user.type(screen.getByLabelText("Cost ($)"), "1300");
    // $1,300 for 200 U: $6.50 per U.
    expect(echo()).toBe("Botox 100U, lot C5001B2expires 31 Dec 2027 · 200 U in all · $6.50 per U · line total $1,300.00");
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Received 200 U of Botox 100U, lot C5001B2: expires 31 Dec 2027, 200 U in all, $6.50 per U, line total $1,300.00. Next line of PO-1003?")).toBeTruthy();
    expect(wb.table("Lots")?.rows[4]).toEqual(["Botox 100U", "C5001B2", serialFromYmd(2027, 12, 31), TODAY, 200, "U", null, 1300, "Allergan", "PO-1003"]);
    expect(screen.getByLabelText("Supplier")).toHaveProperty("value", "Allergan");
    expect(screen.getByLabelText("PO")).toHaveProperty("value", "PO-1003");
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "");

    await user.type(screen.getByLabelText("Product"), "Juvederm Ultra XC");
    await user.type(screen.getByLabelText("Lot"), "JU3000");
    await user.type(screen.getByLabelText("Expires"), "2027-05-31");
    await user.type(screen.getByLabelText("Qty (mL)"), "2");
    await user.type(screen.getByLabelText("Cost ($)"), "700{Enter}");
    await screen.findByText(/^Received 2 mL of Juvederm Ultra XC, lot JU3000/);
    expect(wb.table("Lots")?.rows[5].slice(8)).toEqual(["Allergan", "PO-1003"]);
    await user.click(screen.getByRole("button", { name: "New PO" }));
    expect(screen.getByLabelText("PO")).toHaveProperty("value", "");
  });

  it("counts packages times the vial size, with a cost per unit", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C5002");
    await user.type(screen.getByLabelText("Expires"), "2027-11-30");
    await user.click(screen.getByLabelText("Packages of 100 U"));
    await user.type(screen.getByLabelText("Packages"), "3");
    await user.click(screen.getByLabelText("Per U"));
    await user.type(screen.getByLabelText("Cost ($)"), "6.5");
    // 3 × 100 U at $6.50: $1,950.
    expect(echo()).toContain("30 Nov 2027 · 300 U in all · $6.50 per U · line total $1,950.00");
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/^Received 300 U of Botox 100U, lot C5002/)).toBeTruthy();
    expect(wb.table("Lots")?.rows[4]).toEqual(["Botox 100U", "C5002", serialFromYmd(2027, 11, 30), TODAY, 300, "U", 6.5, null, null, null]);
  });

  it("questions a unit cost far from the product's recent receipts: a per-unit amount typed as the line total", async () => {
    const { user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Qty (U)"), "200");
    await user.type(screen.getByLabelText("Cost ($)"), "3.25");
    // $3.25 for 200 U is $0.01625/U; Botox's lots cost $6.50, $6.80 and $6.00: the median is $6.50.
    expect(screen.getByText('$0.016 per U is far below this product\'s usual $6.50 per U (its recent receipts): was the per-unit amount typed as the line total? Choose "Per U" if so.')).toBeTruthy();
    await user.click(screen.getByLabelText("Per U"));
    expect(screen.queryByText(/is far below/)).toBeNull();
  });

  it("says how to write an amount with a decimal comma", async () => {
    const { user } = await openReceive();
    await user.type(screen.getByLabelText("Cost ($)"), "$6,25");
    expect(await screen.findByText("$6,25 is not a number: use a point: 6.25.")).toBeTruthy();
  });

  it("checks the line as it is typed, in the engine's words, leaves out what does not apply, and writes nothing while it has an error", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C3709C3");
    await user.type(screen.getByLabelText("Expires"), "2027-07-31");
    expect(await screen.findByText(/^lot C3709C3 expires 7\/31\/2027 here but 6\/30\/2027 in row 2; one lot has one expiry date/)).toBeTruthy();
    await user.clear(screen.getByLabelText("Lot"));
    await user.type(screen.getByLabelText("Lot"), "C9");
    await user.clear(screen.getByLabelText("Expires"));
    // A full date typed on the 1st is meant as typed: only the past expiry is said.
    await user.type(screen.getByLabelText("Expires"), "2026-03-01");
    expect(await screen.findByText("the lot expires before the date it was received; check both dates")).toBeTruthy();
    expect(screen.queryByText(/1st of a month/)).toBeNull();
    await user.type(screen.getByLabelText("Qty (U)"), "0{Enter}");
    expect(await screen.findByText(/^Not recorded: .*the quantity received must be more than 0 \(it is 0\)/)).toBeTruthy();
    expect(wb.table("Lots")?.rows).toHaveLength(4);
  });

  it("keeps a lot number with a leading zero as text", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Juvederm Ultra XC");
    await user.type(screen.getByLabelText("Lot"), "012345");
    await user.type(screen.getByLabelText("Expires"), "2027-05-31");
    await user.type(screen.getByLabelText("Qty (mL)"), "2");
    await user.type(screen.getByLabelText("Cost ($)"), "700{Enter}");
    await screen.findByText(/^Received 2 mL of Juvederm Ultra XC, lot 012345/);
    expect(wb.table("Lots")?.rows[4][1]).toBe("012345");
  });
});
