/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/taskpane/workbook/memory";
import { now } from "../_practice";

async function openSetUp(wb: MemoryWorkbook) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await user.click(await screen.findByRole("tab", { name: "Set up" }));
  return user;
}

describe("Set up", () => {
  it("creates the four tables with formats, dropdowns and expiry highlighting on TODAY()", async () => {
    const wb = new MemoryWorkbook();
    const user = await openSetUp(wb);
    await user.click(screen.getByRole("button", { name: "Set up the ledger tables" }));
    expect(await screen.findByText("Created Products, Lots, Draws, Counts.")).toBeTruthy();
    expect(wb.table("Draws")?.header).toEqual(["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price"]);
    const lots = wb.table("Lots")!;
    expect(lots.numberFormats[1]).toBe("@");
    expect(lots.numberFormats[2]).toBe("m/d/yyyy");
    // The colours follow each product's Alert Days: test/starter/expiry-highlighting.test.ts runs
    // these formulas in LibreOffice over a grid of cases.
    expect(lots.conditionalFormats.map((f) => [f.range, f.fill])).toEqual([
      ["A2:J10000", "#E7E6E6"],
      ["C2:C10000", "#F8696B"],
      ["C2:C10000", "#FFB26B"],
      ["C2:C10000", "#FFEB84"],
      ["C2:C10000", "#FFF7C8"],
    ]);
    expect(lots.conditionalFormats[0].formula).toBe('AND($B2<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),$B2)-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),$B2)<=0)');
    expect(lots.conditionalFormats[1].formula).toBe("AND(ISNUMBER($C2),$C2<TODAY())");
    for (const f of lots.conditionalFormats.slice(2)) expect(f.formula).toMatch(/^AND\(ISNUMBER\(\$C2\),.*INDIRECT\("Products\[Alert Days\]"\),MATCH\(TRIM\(\$A2\),INDIRECT\("Products\[Product\]"\),0\).*TODAY\(\)/);
    const products = wb.table("Products")!;
    expect(products.header).toEqual(["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit", "GTIN"]);
    expect(products.numberFormats[7]).toBe("@");
    expect(wb.table("Draws")?.validations.map((v) => [v.range, v.source, v.style])).toEqual([
      ["F2:F10000", { formula: 'INDIRECT("Products[Product]")' }, "warning"],
      ["G2:G10000", { formula: 'INDIRECT("Lots[Lot]")' }, "warning"],
      ["J2:J10000", { choices: ["Visit", "Waste", "Expired", "Sample", "Return"] }, "stop"],
    ]);
  });

  it("changes nothing when run a second time", async () => {
    const wb = new MemoryWorkbook();
    const user = await openSetUp(wb);
    const button = screen.getByRole("button", { name: "Set up the ledger tables" });
    await user.click(button);
    await screen.findByText("Created Products, Lots, Draws, Counts.");
    const before = JSON.stringify([...wb.tables]);
    await user.click(button);
    expect(await screen.findByText("Nothing to do: Products, Lots, Draws, Counts are already in this workbook.")).toBeTruthy();
    expect(JSON.stringify([...wb.tables])).toBe(before);
  });

  it("says which tables it made before a failure", async () => {
    const wb = MemoryWorkbook.with({ Lots: [["Product", "Lot"]] });
    wb.sheets.add("Draws");
    const user = await openSetUp(wb);
    await user.click(screen.getByRole("button", { name: "Set up the ledger tables" }));
    expect(
      await screen.findByText("The sheet Draws already holds cells but no Draws table. Rename that sheet or clear it, then run Set up again. Created before that: Products."),
    ).toBeTruthy();
  });
});
