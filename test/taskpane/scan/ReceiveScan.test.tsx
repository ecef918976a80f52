/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { serialFromYmd } from "../../../src/core";
import { ReceiveFlow } from "../../../src/taskpane/flows/ReceiveFlow";
import { renderFlow } from "../_flow";
import { TODAY } from "../_practice";
import { BOTOX_GTIN, JUVEDERM_GTIN, scanPractice } from "./_scanPractice";

const openReceive = (wb = scanPractice()) => renderFlow(wb, (p) => <ReceiveFlow {...p} />, "form", "Receive");

describe("scanning into the Receive form", () => {
  it("fills product, lot and expiry, and warns in the engine's words when Lots already has that lot with another expiry", async () => {
    const { wb, user } = await openReceive();
    // Lot C3709C3 is in Lots expiring 6/30/2027; this label says 5/31/2027.
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17270531` + "10C3709C3{Enter}");
    expect(await screen.findByText("Scanned Botox 100U, lot C3709C3, expires 5/31/2027.")).toBeTruthy();
    expect(
      screen.getByText("Lot C3709C3 is already in Lots with expiry 6/30/2027, but the scanned code says 5/31/2027; check the label before saving, as one of them is wrong"),
    ).toBeTruthy();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "C3709C3");
    expect(screen.getByLabelText("Expires")).toHaveProperty("value", "2027-05-31");
    expect(document.activeElement).toBe(screen.getByLabelText("Qty (U)"));
    expect(wb.table("Lots")?.rows).toHaveLength(4);
  });

  it("takes a scan into the Supplier field with <GS> standing in for the separator, and adds the lot only when confirmed", async () => {
    const { wb, user } = await openReceive();
    const supplier = screen.getByLabelText("Supplier");
    await user.type(supplier, "Allergan");
    await user.type(supplier, `01${BOTOX_GTIN}10C5001B2<GS>17280228{Enter}`);
    expect(await screen.findByText("Scanned Botox 100U, lot C5001B2, expires 2/28/2028.")).toBeTruthy();
    expect(supplier).toHaveProperty("value", "Allergan");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "C5001B2");
    expect(screen.getByLabelText("Expires")).toHaveProperty("value", "2028-02-28");
    expect(wb.table("Lots")?.rows).toHaveLength(4);
    await user.keyboard("100");
    await user.type(screen.getByLabelText("Cost ($)"), "650{Enter}");
    expect(await screen.findByText(/^Received 100 U of Botox 100U, lot C5001B2: /)).toBeTruthy();
    expect(wb.table("Lots")?.rows[4]).toEqual(["Botox 100U", "C5001B2", serialFromYmd(2028, 2, 28), TODAY, 100, "U", null, 650, "Allergan", null]);
  });

  it("asks for an unknown GTIN's product from the keyboard alone, then fills the form with it", async () => {
    const { wb, user } = await openReceive();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${JUVEDERM_GTIN}17280430` + "10JU3001{Enter}");
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    const choice = within(ask).getByLabelText(`Product for GTIN ${JUVEDERM_GTIN}`);
    // A new lot says nothing about the product: the person chooses.
    expect(document.activeElement).toBe(choice);
    expect(choice).toHaveProperty("value", "");
    await user.selectOptions(choice, "Juvederm Ultra XC");
    expect(within(ask).getByText(`A row will be added to Products: Juvederm Ultra XC, GTIN ${JUVEDERM_GTIN}, unit mL.`)).toBeTruthy();
    // The button comes next in tab order (jsdom has no layout for Fluent's Tab handling to move focus by).
    const record = within(ask).getByRole("button", { name: "Record GTIN" });
    expect(choice.compareDocumentPosition(record) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    record.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByText(`Scanned Juvederm Ultra XC, lot JU3001, expires 4/30/2028. GTIN ${JUVEDERM_GTIN} is now recorded for Juvederm Ultra XC in Products.`)).toBeTruthy();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Juvederm Ultra XC");
    expect(screen.getByLabelText("Lot")).toHaveProperty("value", "JU3001");
    expect(wb.table("Products")?.rows[1]).toEqual(["Juvederm Ultra XC", "mL", null, null, null, null, null, JUVEDERM_GTIN]);
    expect(wb.table("Lots")?.rows).toHaveLength(4);
  });
});
