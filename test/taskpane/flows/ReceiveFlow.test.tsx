/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { serialFromYmd } from "../../../src/core";
import { App } from "../../../src/taskpane/app/App";
import { now, practice, TODAY } from "../_practice";

async function openReceive(wb = practice()) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await user.click(await screen.findByRole("tab", { name: "Receive" }));
  await screen.findByRole("form", { name: "Receive" });
  return { wb, user };
}

describe("Receive", () => {
  it("appends a purchase-order line with its line total; a month-only expiry means the month's last day", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C5001B2");
    await user.type(screen.getByLabelText("Expires"), "2027-12");
    await user.type(screen.getByLabelText("Qty (U)"), "200");
    await user.type(screen.getByLabelText("Cost ($)"), "1300");
    await user.type(screen.getByLabelText("Supplier"), "Allergan");
    await user.type(screen.getByLabelText("PO"), "PO-1003{Enter}");
    expect(await screen.findByText("Received 200 U of Botox 100U, lot C5001B2.")).toBeTruthy();
    expect(wb.table("Lots")?.rows[4]).toEqual(["Botox 100U", "C5001B2", serialFromYmd(2027, 12, 31), TODAY, 200, "U", null, 1300, "Allergan", "PO-1003"]);
  });

  it("counts packages times the vial size, with a cost per unit", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C5002");
    await user.type(screen.getByLabelText("Expires"), "2027-11-30");
    await user.click(screen.getByLabelText("Packages of 100 U"));
    await user.type(screen.getByLabelText("Packages"), "3");
    expect(screen.getByText("300 U in all")).toBeTruthy();
    await user.click(screen.getByLabelText("Per U"));
    await user.type(screen.getByLabelText("Cost ($)"), "6.5{Enter}");
    expect(await screen.findByText("Received 300 U of Botox 100U, lot C5002.")).toBeTruthy();
    expect(wb.table("Lots")?.rows[4]).toEqual(["Botox 100U", "C5002", serialFromYmd(2027, 11, 30), TODAY, 300, "U", 6.5, null, null, null]);
  });

  it("checks the line as it is typed, in the engine's words, and writes nothing while it has an error", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "C3709C3");
    await user.type(screen.getByLabelText("Expires"), "2027-07-31");
    expect(await screen.findByText(/^lot C3709C3 expires 7\/31\/2027 here but 6\/30\/2027 in row 2; one lot has one expiry date/)).toBeTruthy();
    await user.type(screen.getByLabelText("Qty (U)"), "0{Enter}");
    expect(await screen.findByText("the quantity received must be more than 0 (it is 0)")).toBeTruthy();
    expect(wb.table("Lots")?.rows).toHaveLength(4);
  });

  it("keeps a lot number with a leading zero as text", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Product"), "Juvederm Ultra XC");
    await user.type(screen.getByLabelText("Lot"), "012345");
    await user.type(screen.getByLabelText("Expires"), "2027-05-31");
    await user.type(screen.getByLabelText("Qty (mL)"), "2");
    await user.type(screen.getByLabelText("Cost ($)"), "700{Enter}");
    await screen.findByText("Received 2 mL of Juvederm Ultra XC, lot 012345.");
    expect(wb.table("Lots")?.rows[4][1]).toBe("012345");
  });
});
