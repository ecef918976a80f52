/**
 * @jest-environment jsdom
 */
import { screen } from "@testing-library/react";
import { CountFlow } from "../../../src/taskpane/flows/CountFlow";
import { renderFlow } from "../_flow";
import { BOTOX_GTIN, BOTOX_ROW, JUVEDERM_GTIN, JUVEDERM_ROW, scanPractice } from "./_scanPractice";

const openCount = (wb = scanPractice([BOTOX_ROW, JUVEDERM_ROW])) => renderFlow(wb, (p) => <CountFlow {...p} />, "form", "Count");

const rowOf = (lot: string) => screen.getByLabelText(`Counted ${lot}`).closest("tr");

describe("scanning into the Count form", () => {
  it("puts the cursor in the scanned lot's Counted box and marks its row", async () => {
    const { wb, user } = await openCount();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17270930` + "10C4120A1{Enter}");
    expect(await screen.findByText("Scanned Botox 100U, lot C4120A1, expires 9/30/2027.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Counted C4120A1"));
    expect(rowOf("C4120A1")?.getAttribute("aria-current")).toBe("true");
    expect(rowOf("C3709C3")?.getAttribute("aria-current")).toBeNull();
    // C4120A1: 100 received, nothing drawn, so 100 counted matches.
    await user.keyboard("100{Enter}");
    expect(await screen.findByText("Recorded 1 count of Botox 100U.")).toBeTruthy();
    expect(wb.table("Counts")?.rows.map((r) => [r[2], r[3]])).toEqual([["C4120A1", 100]]);
  });

  it("switches to the scanned product", async () => {
    const { user } = await openCount();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${JUVEDERM_GTIN}17270331` + "10JU2207{Enter}");
    expect(await screen.findByText("Scanned Juvederm Ultra XC, lot JU2207, expires 3/31/2027.")).toBeTruthy();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Juvederm Ultra XC");
    expect(document.activeElement).toBe(screen.getByLabelText("Counted JU2207"));
  });

  it("takes a scan typed into another lot's Counted box without losing or submitting what was typed there", async () => {
    const { wb, user } = await openCount();
    const first = screen.getByLabelText("Counted C3709C3");
    await user.type(first, "170");
    await user.type(first, `]d201${BOTOX_GTIN}17270930` + "10C4120A1{Enter}");
    await screen.findByText("Scanned Botox 100U, lot C4120A1, expires 9/30/2027.");
    expect(first).toHaveProperty("value", "170");
    expect(document.activeElement).toBe(screen.getByLabelText("Counted C4120A1"));
    expect(wb.table("Counts")?.rows).toHaveLength(0);
  });

  it("keeps counts not yet recorded: a scan of another product asks to record them first", async () => {
    const { wb, user } = await openCount();
    await user.type(screen.getByLabelText("Counted C3709C3"), "170");
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${JUVEDERM_GTIN}17270331` + "10JU2207{Enter}");
    expect(await screen.findByText("Record the counts of Botox 100U first, or clear them, then scan Juvederm Ultra XC again. Nothing was filled.")).toBeTruthy();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
    expect(screen.getByLabelText("Counted C3709C3")).toHaveProperty("value", "170");
    expect(wb.table("Counts")?.rows).toHaveLength(0);
  });
});
