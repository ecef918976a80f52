/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { DrawFlow } from "../../../src/taskpane/flows/DrawFlow";
import { renderFlow } from "../_flow";
import type { MemoryWorkbook } from "../../../src/workbook/memory";
import { practice } from "../_practice";
import { BOTOX_CARTON_GTIN, BOTOX_GTIN, BOTOX_ROW, GS, JUVEDERM_GTIN, scanPractice } from "./_scanPractice";

const openDraw = (wb: MemoryWorkbook = scanPractice()) => renderFlow(wb, (p) => <DrawFlow {...p} />, "form", "Visit draw");

const lotField = () => screen.getByLabelText("Lot") as HTMLSelectElement;

describe("scanning into the Visit draw form", () => {
  it("fills product and lot from a DataMatrix scan into the Scan field; Enter does not submit, and a lot that is not FEFO's needs confirming", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17270930` + "10C4120A1{Enter}");
    expect(await screen.findByText("Scanned Botox 100U, lot C4120A1, expires 9/30/2027.")).toBeTruthy();
    expect(lotField().value).toBe("C4120A1");
    // Focus waits on the quantity, the next thing the person must fill.
    expect(document.activeElement).toBe(screen.getByLabelText("Qty (U)"));
    expect(screen.getByLabelText("Scan barcode")).toHaveProperty("value", "");
    expect(wb.table("Draws")?.rows).toHaveLength(1);

    await user.keyboard("10");
    await user.type(screen.getByLabelText("Visit"), "V3001{Enter}");
    expect(await screen.findByText("Confirm the lot: C4120A1 is not the lot FEFO proposes (C3709C3).")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
    await user.click(screen.getByLabelText("Draw from lot C4120A1, not C3709C3, the lot that expires first"));
    await user.click(screen.getByRole("button", { name: "Record draw" }));
    expect(await screen.findByText("Recorded 10 U of Botox 100U from lot C4120A1 for visit V3001.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1].slice(1, 8)).toEqual(["V3001", null, null, null, "Botox 100U", "C4120A1", 10]);
  });

  it("takes a scan typed into the Visit field after what was typed there, separators as ASCII 29, and gives the field its text back", async () => {
    const { wb, user } = await openDraw();
    const visit = screen.getByLabelText("Visit");
    await user.type(visit, "V3002");
    await user.type(visit, `]d201${BOTOX_GTIN}10C4120A1${GS}17270930{Enter}`);
    expect(await screen.findByText("Scanned Botox 100U, lot C4120A1, expires 9/30/2027.")).toBeTruthy();
    expect(visit).toHaveProperty("value", "V3002");
    expect(lotField().value).toBe("C4120A1");
    expect(screen.getByLabelText("Draw from lot C4120A1, not C3709C3, the lot that expires first")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("reads the printed (01)(17)(10) form, and offers an expired lot for write-off, refusing a draw from it", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `(01)${BOTOX_GTIN}(17)260301(10)OLD1{Enter}`);
    expect(await screen.findByText("Scanned Botox 100U, lot OLD1, expires 3/1/2026.")).toBeTruthy();
    expect(screen.getByText("The scanned expiry 3/1/2026 has already passed")).toBeTruthy();
    expect(await screen.findByText("lot OLD1 expired on 3/1/2026, before this draw on 3/16/2026")).toBeTruthy();
    expect(screen.queryByLabelText(/^Draw from lot OLD1/)).toBeNull();
    expect(screen.getByRole("button", { name: "Write off 50 U as Expired" })).toBeTruthy();
    await user.keyboard("5");
    await user.type(screen.getByLabelText("Visit"), "V3003{Enter}");
    expect(await screen.findByText("Not recorded: lot OLD1 expired on 3/1/2026, before this draw on 3/16/2026.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("reads a GS1 Digital Link from a QR code into the Qty field: the FEFO lot needs no confirmation", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), `https://id.gs1.org/01/${BOTOX_GTIN}/10/C3709C3?17=270630{Enter}`);
    expect(await screen.findByText("Scanned Botox 100U, lot C3709C3, expires 6/30/2027.")).toBeTruthy();
    expect(screen.getByLabelText("Qty (U)")).toHaveProperty("value", "");
    expect(screen.queryByLabelText(/^Draw from lot/)).toBeNull();
    await user.keyboard("20");
    await user.type(screen.getByLabelText("Visit"), "V3004{Enter}");
    expect(await screen.findByText("Recorded 20 U of Botox 100U from lot C3709C3 for visit V3004.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1][6]).toBe("C3709C3");
  });

  it("never submits on the Enter or Tab that ends a scan, even when the form is complete", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "20");
    await user.type(screen.getByLabelText("Visit"), "V3005");
    const patient = screen.getByLabelText("Patient");
    await user.type(patient, `]d201${BOTOX_GTIN}17270630` + "10C3709C3{Enter}");
    expect(await screen.findByText("Scanned Botox 100U, lot C3709C3, expires 6/30/2027.")).toBeTruthy();
    await user.type(patient, `]d201${BOTOX_GTIN}17270630` + "10C3709C3{Tab}");
    expect(patient).toHaveProperty("value", "");
    expect(document.activeElement).toBe(screen.getByLabelText("Qty (U)"));
    expect(wb.table("Draws")?.rows).toHaveLength(1);
    // The person confirms with Enter of their own.
    await user.type(patient, "P-3005{Enter}");
    expect(await screen.findByText("Recorded 20 U of Botox 100U from lot C3709C3 for visit V3005.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1].slice(1, 3)).toEqual(["V3005", "P-3005"]);
  });

  it("says so when the scanned lot is not in Lots, and refuses to record it", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17280131` + "10ZZ999{Enter}");
    expect(await screen.findByText("Lot ZZ999 of Botox 100U is not in the Lots table: check the lot number against the label, or receive the lot first.")).toBeTruthy();
    expect(lotField().value).toBe("ZZ999");
    await user.keyboard("5");
    await user.click(screen.getByLabelText("Draw from lot ZZ999, not C3709C3, the lot that expires first"));
    await user.click(screen.getByRole("button", { name: "Record draw" }));
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("refuses a scan whose lot Lots has under another product, filling nothing", async () => {
    const { user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17270331` + "10JU2207{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Lot JU2207 is in the Lots table under Juvederm Ultra XC, but the barcode is Botox 100U's; check the label. Nothing was filled.",
    );
    expect(lotField().value).toBe("C3709C3");
  });

  it("asks once which product an unknown GTIN is, shows what it will add to Products, records it on the click, and the next scan needs no question", async () => {
    const { wb, user } = await openDraw();
    const scan = `]d201${JUVEDERM_GTIN}17270331` + "10JU2207{Enter}";
    await user.type(screen.getByLabelText("Scan barcode"), scan);
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    // Lot JU2207 is Juvederm's in Lots, so that product is offered first.
    const choice = within(ask).getByLabelText(`Product for GTIN ${JUVEDERM_GTIN}`);
    expect(choice).toHaveProperty("value", "Juvederm Ultra XC");
    expect(document.activeElement).toBe(choice);
    expect(within(ask).getByText(`A row will be added to Products: Juvederm Ultra XC, GTIN ${JUVEDERM_GTIN}, unit mL.`)).toBeTruthy();
    expect(wb.table("Products")?.rows).toHaveLength(1);

    await user.click(within(ask).getByRole("button", { name: "Record GTIN" }));
    expect(await screen.findByText(`Scanned Juvederm Ultra XC, lot JU2207, expires 3/31/2027. GTIN ${JUVEDERM_GTIN} is now recorded for Juvederm Ultra XC in Products.`)).toBeTruthy();
    expect(wb.table("Products")?.rows[1]).toEqual(["Juvederm Ultra XC", "mL", null, null, null, null, null, JUVEDERM_GTIN]);
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Juvederm Ultra XC");
    expect(lotField().value).toBe("JU2207");

    await user.type(screen.getByLabelText("Scan barcode"), scan);
    await screen.findByText("Scanned Juvederm Ultra XC, lot JU2207, expires 3/31/2027.");
    expect(screen.queryByRole("group", { name: "Unknown barcode" })).toBeNull();
    expect(wb.table("Products")?.rows).toHaveLength(2);
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("adds a carton's GTIN after the vial's in the product's GTIN cell", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `01${BOTOX_CARTON_GTIN}17270630` + "10C3709C3{Enter}");
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    expect(within(ask).getByText(`GTIN ${BOTOX_CARTON_GTIN} will be added to Products row 2, Botox 100U, after the GTIN already there (${BOTOX_GTIN}).`)).toBeTruthy();
    await user.click(within(ask).getByRole("button", { name: "Record GTIN" }));
    await screen.findByText(`Scanned Botox 100U, lot C3709C3, expires 6/30/2027. GTIN ${BOTOX_CARTON_GTIN} is now recorded for Botox 100U in Products.`);
    expect(wb.table("Products")?.rows[0][7]).toBe(`${BOTOX_GTIN}, ${BOTOX_CARTON_GTIN}`);
  });

  it("fills the product's empty GTIN cell, and writes nothing when someone typed in that cell meanwhile", async () => {
    const { wb, user } = await openDraw(scanPractice([BOTOX_ROW, ["Juvederm Ultra XC", "mL", null, null, null, null, null, null]]));
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${JUVEDERM_GTIN}17270331` + "10JU2207{Enter}");
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    expect(within(ask).getByText(`GTIN ${JUVEDERM_GTIN} will be added to Products row 3, Juvederm Ultra XC.`)).toBeTruthy();
    wb.editCell("Products", 1, "GTIN", "typed by hand");
    await user.click(within(ask).getByRole("button", { name: "Record GTIN" }));
    expect(await screen.findByText("The GTIN cell of Products row 3 (Juvederm Ultra XC) changed since Lotbook read it. Nothing was written; scan again.")).toBeTruthy();
    expect(wb.table("Products")?.rows[1][7]).toBe("typed by hand");
  });

  it("shows a failure to record the GTIN in the pane, and fills nothing", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${JUVEDERM_GTIN}17270331` + "10JU2207{Enter}");
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    wb.failNext = "The workbook is read-only";
    await user.click(within(ask).getByRole("button", { name: "Record GTIN" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Excel could not complete this (The workbook is read-only). Nothing was written.");
    expect(wb.table("Products")?.rows).toHaveLength(1);
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Botox 100U");
  });

  it("without a GTIN column, says to add one and still fills the form for this scan, writing nothing", async () => {
    const wb = practice();
    const { user } = await openDraw(wb);
    await user.type(screen.getByLabelText("Scan barcode"), `]d201${BOTOX_GTIN}17270930` + "10C4120A1{Enter}");
    const ask = await screen.findByRole("group", { name: "Unknown barcode" });
    // Lot C4120A1 is Botox's in Lots.
    expect(within(ask).getByText("Add a column headed GTIN to the Products table so that Lotbook can remember this barcode. This scan still fills the form.")).toBeTruthy();
    await user.click(within(ask).getByRole("button", { name: "Use for this scan" }));
    expect(await screen.findByText("Scanned Botox 100U, lot C4120A1, expires 9/30/2027.")).toBeTruthy();
    expect(lotField().value).toBe("C4120A1");
    expect(wb.table("Products")?.header).not.toContain("GTIN");
    expect(wb.table("Products")?.rows).toHaveLength(1);
  });

  it("keeps a scan it cannot read in the field it was typed into, says why, and does not submit", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "20");
    const visit = screen.getByLabelText("Visit");
    const broken = `]d201${BOTOX_GTIN.slice(0, 13)}1` + "10C3709C3";
    await user.type(visit, `V3006${broken}{Enter}`);
    expect((await screen.findAllByRole("alert")).some((a) => /check digit/.test(a.textContent ?? ""))).toBe(true);
    expect(visit).toHaveProperty("value", `V3006${broken}`);
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("takes typing that only resembles a printed code as typed, Enter submitting", async () => {
    const { wb, user } = await openDraw();
    await user.type(screen.getByLabelText("Qty (U)"), "20");
    await user.type(screen.getByLabelText("Visit"), "V3007");
    await user.type(screen.getByLabelText("Patient"), "(01) 555-1234{Enter}");
    expect(await screen.findByText("Recorded 20 U of Botox 100U from lot C3709C3 for visit V3007.")).toBeTruthy();
    expect(wb.table("Draws")?.rows[1][2]).toBe("(01) 555-1234");
  });

  it("says what is wrong with a code it cannot read", async () => {
    const { user } = await openDraw();
    const code = `https://id.gs1.org/01/${BOTOX_GTIN.slice(0, 13)}1/10/C3709C3`;
    await user.type(screen.getByLabelText("Scan barcode"), `${code}{Enter}`);
    expect((await screen.findByRole("alert")).textContent).toMatch(/check digit/);
    // The refused scan stays in its field, to be read against the label.
    expect(screen.getByLabelText("Scan barcode")).toHaveProperty("value", code);
  });
});
