/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { DrawFlow } from "../../../src/taskpane/flows/DrawFlow";
import { renderFlow } from "../_flow";
import { AT, DRAWS_HEADER, practice } from "../_practice";

const openDraw = (wb = practice()) => renderFlow(wb, (p) => <DrawFlow {...p} />, "form", "Visit draw");
const visitSummary = (visit: string) => {
  const totals = screen.getByRole("region", { name: "Running totals" }).textContent ?? "";
  expect(totals.startsWith(`Visit ${visit}`)).toBe(true);
  return totals;
};

describe("Visit draw", () => {
  it("proposes the lot that expires first, says why, and lists the expired lot last, for write-off", async () => {
    await openDraw();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
    const lot = screen.getByLabelText("Lot");
    expect(lot).toHaveProperty("value", "C3709C3");
    // 200 received − 20 drawn; the first draw opened a 100 U vial, 80 U of it left.
    expect(within(lot).getByRole("option", { selected: true }).textContent).toBe("C3709C3: 180 U left, expires 6/30/2027, open vial 80 U, proposed");
    expect(screen.getByText("Why C3709C3: its vial is already open (80 U left), so it is used first, and it expires first of the usable lots (6/30/2027); OLD1 expired 3/1/2026 and is skipped.")).toBeTruthy();
    const group = within(lot).getByRole("group", { name: "Expired — write off" });
    expect(within(group).getAllByRole("option").map((o) => o.textContent)).toEqual(["OLD1: 50 U left, expired 3/1/2026"]);
    expect(within(lot).getAllByRole("option").at(-1)?.textContent).toBe("OLD1: 50 U left, expired 3/1/2026");
  });

  it("records the lines of one visit, keeping the visit, its running cost and margin, and the cursor back at Scan", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "20");
    await user.type(screen.getByLabelText("Visit"), "V2001");
    await user.type(screen.getByLabelText("Patient"), "P-2001");
    await user.type(screen.getByLabelText("Provider"), "Dr. Reyes{Enter}");
    expect(await screen.findByText("Recorded 20 U of Botox 100U from lot C3709C3 for visit V2001.")).toBeTruthy();
    // Price: 20 U at Products' $14 per unit. Unit: the lot's, as in the rows typed by hand.
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, "V2001", "P-2001", "Dr. Reyes", null, "Botox 100U", "C3709C3", 20, "U", "Visit", 280]);
    expect(wb.table("Draws")?.header).toEqual(DRAWS_HEADER);
    expect(screen.getByLabelText("Visit")).toHaveProperty("value", "V2001");
    expect(screen.getByLabelText("Patient")).toHaveProperty("value", "P-2001");
    expect(screen.getByLabelText("Qty (U)")).toHaveProperty("value", "");
    expect(document.activeElement).toBe(screen.getByLabelText("Scan barcode"));
    // 20 U at $6.50: $130.00 of product, $280.00 charged.
    expect(visitSummary("V2001")).toContain("1 line so far: cost of goods $130.00, charged $280.00, margin $150.00.");

    await user.type(screen.getByLabelText("Qty (U)"), "10{Enter}");
    expect(await screen.findByText("Recorded 10 U of Botox 100U from lot C3709C3 for visit V2001.")).toBeTruthy();
    // 30 U at $6.50 = $195.00; charged 280 + 140.
    expect(visitSummary("V2001")).toContain("2 lines so far: cost of goods $195.00, charged $420.00, margin $225.00.");
    expect(wb.table("Draws")?.rows[2].slice(1, 4)).toEqual(["V2001", "P-2001", "Dr. Reyes"]);

    await user.click(screen.getByRole("button", { name: "End visit" }));
    expect(screen.getByLabelText("Visit")).toHaveProperty("value", "");
    expect(screen.getByLabelText("Patient")).toHaveProperty("value", "");
    expect(screen.queryByText(/^Recorded/)).toBeNull();
  });

  it("offers an overdraw as two lines: what is left of the lot, the rest from the next lot by FEFO", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "200");
    await user.type(screen.getByLabelText("Visit"), "V2002");
    await user.type(screen.getByLabelText("Patient"), "P-2002{Enter}");
    expect(await screen.findByText("Not recorded: Lot C3709C3 has only 180 U left on the books, less than the 200 U asked for.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
    expect(screen.getByText(/Take what is left of it and the rest from the next lot by FEFO: 180 U from C3709C3, 20 U from C4120A1\./)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record as 2 lines" }));
    expect(await screen.findByText("Recorded 180 U of Botox 100U from lot C3709C3 and 20 U from lot C4120A1 for visit V2002.")).toBeTruthy();
    // The price of 200 U at $14 ($2,800) shared by units: $2,520 and $280.
    expect(wb.table("Draws")?.rows.slice(1)).toEqual([
      [AT, "V2002", "P-2002", null, null, "Botox 100U", "C3709C3", 180, "U", "Visit", 2520],
      [AT, "V2002", "P-2002", null, null, "Botox 100U", "C4120A1", 20, "U", "Visit", 280],
    ]);
    // 180 U at $6.50 + 20 U at $6.80 = $1,170 + $136.
    expect(visitSummary("V2002")).toContain("2 lines so far: cost of goods $1,306.00, charged $2,800.00, margin $1,494.00.");
  });

  it("offers an expired lot for write-off, never for a draw", async () => {
    const { wb, user } = await openDraw();
    await user.selectOptions(screen.getByLabelText("Lot"), "OLD1");
    expect(screen.queryByLabelText(/^Draw from lot OLD1/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Write off 50 U as Expired" }));
    expect(await screen.findByText("Recorded 50 U of lot OLD1 as Expired.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "OLD1", 50, "U", "Expired", null]);
  });

  it("records waste without a visit, patient or price", async () => {
    const { wb, user } = await openDraw();
    await user.selectOptions(screen.getByLabelText("Kind"), "Waste");
    expect(screen.queryByLabelText("Visit")).toBeNull();
    await user.type(screen.getByLabelText("Qty (U)"), "3{Enter}");
    expect(await screen.findByText("Recorded 3 U of Botox 100U from lot C3709C3 as Waste.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "C3709C3", 3, "U", "Waste", null]);
  });

  it("warns of a blank patient before recording, because a recall needs it", async () => {
    const { user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "5");
    expect(screen.getByText("The patient is blank: a recall of this lot could not name who received it.")).toBeTruthy();
    await user.type(screen.getByLabelText("Patient"), "P-1");
    expect(screen.queryByText(/The patient is blank/)).toBeNull();
  });

  it("prefills the price from Products' Price per Unit until one is typed, and says how to write a decimal", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "12,5");
    expect(await screen.findByText("12,5 is not a number: use a point: 12.5.")).toBeTruthy();
    await user.clear(screen.getByLabelText("Qty (U)"));
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

  it("asks for a confirmation before drawing from another usable lot than FEFO's", async () => {
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
