/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { AT, DRAWS_HEADER, now, practice } from "../_practice";

async function openDraw(wb = practice()) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await screen.findByRole("form", { name: "Visit draw" });
  return { wb, user };
}

describe("Visit draw", () => {
  it("proposes the lot that expires first with what is left, its expiry and the open vial", async () => {
    await openDraw();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
    const lot = screen.getByLabelText("Lot");
    expect(lot).toHaveProperty("value", "C3709C3");
    // 200 received − 20 drawn; the first draw opened a 100 U vial, 80 U of it left.
    expect(within(lot).getByRole("option", { selected: true }).textContent).toBe("C3709C3: 180 U left, expires 6/30/2027, open vial 80 U, FEFO");
  });

  it("records one Draws row from the keyboard, Enter submitting", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "20");
    await user.type(screen.getByLabelText("Visit"), "V2001");
    await user.type(screen.getByLabelText("Patient"), "P-2001{Enter}");
    expect(await screen.findByText("Recorded 20 U of Botox 100U from lot C3709C3 for visit V2001.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(2);
    // Price: 20 U at Products' $14 per unit.
    // Unit: the lot's, as in the rows typed by hand.
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, "V2001", "P-2001", null, null, "Botox 100U", "C3709C3", 20, "U", "Visit", 280]);
    expect(wb.table("Draws")?.header).toEqual(DRAWS_HEADER);
  });

  it("prefills the price from Products' Price per Unit until one is typed", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "12.5");
    expect(screen.getByLabelText("Price")).toHaveProperty("value", "175");
    await user.clear(screen.getByLabelText("Price"));
    await user.type(screen.getByLabelText("Price"), "150");
    await user.type(screen.getByLabelText("Visit"), "V2005");
    await user.type(screen.getByLabelText("Patient"), "P-2005{Enter}");
    await screen.findByText(/^Recorded 12.5 U/);
    expect(wb.table("Draws")?.rows[1][10]).toBe(150);
  });

  it("says what is wrong with the quantity as it is typed, in the engine's words", async () => {
    const { user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "0");
    expect(await screen.findByText("the quantity drawn must be more than 0 (it is 0); record a correction as its own row, never a negative draw")).toBeTruthy();
  });

  it("refuses an overdraw with the reason and writes nothing", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "500");
    await user.type(screen.getByLabelText("Visit"), "V2001{Enter}");
    expect(await screen.findByText(/^overdraw: 500 drawn but lot C3709C3 had 180 left on the books/)).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("asks for a confirmation before drawing from another lot than FEFO's", async () => {
    const { wb, user } = await openDraw();
    await user.selectOptions(screen.getByLabelText("Lot"), "C4120A1");
    await user.type(screen.getByLabelText("Qty (U)"), "10");
    await user.type(screen.getByLabelText("Visit"), "V2002{Enter}");
    expect(await screen.findByText("Confirm the lot: C4120A1 is not the lot FEFO proposes (C3709C3).")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
    await user.click(screen.getByLabelText("Draw from lot C4120A1, not C3709C3, the lot that expires first"));
    await user.click(screen.getByRole("button", { name: "Record draw" }));
    expect(await screen.findByText("Recorded 10 U of Botox 100U from lot C4120A1 for visit V2002.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1][6]).toBe("C4120A1");
  });

  it("refuses an expired lot with the reason as soon as it is chosen", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "5");
    await user.selectOptions(screen.getByLabelText("Lot"), "OLD1");
    expect(await screen.findByText("lot OLD1 expired on 3/1/2026, before this draw on 3/16/2026")).toBeTruthy();
    await user.click(screen.getByLabelText("Draw from lot OLD1, not C3709C3, the lot that expires first"));
    await user.type(screen.getByLabelText("Visit"), "V2003{Enter}");
    expect(await screen.findByText("lot OLD1 expired on 3/1/2026, before this draw on 3/16/2026")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("keeps a visit id that looks like a formula as text", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "4");
    await user.type(screen.getByLabelText("Visit"), "=1+1{Enter}");
    await screen.findByText(/^Recorded 4 U/);
    expect(wb.table("Draws")?.rows[1][1]).toBe("=1+1");
  });

  it("shows a failure to write in the pane and writes nothing", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "4");
    await user.type(screen.getByLabelText("Visit"), "V2004");
    await user.type(screen.getByLabelText("Patient"), "P-2004");
    wb.failNext = "The workbook is read-only";
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Excel could not complete this (The workbook is read-only). Nothing was written.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });
});
