/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { MemoryWorkbook } from "../../../src/workbook/memory";
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
    expect(lots.conditionalFormats[0].formula).toBe('AND($B2<>"",SUMIFS(INDIRECT("Lots[Qty]"),INDIRECT("Lots[Lot]"),$B2)-SUMIFS(INDIRECT("Draws[Qty]"),INDIRECT("Draws[Lot]"),$B2,INDIRECT("Draws[Kind]"),"<>Transfer")<=0)');
    expect(lots.conditionalFormats[1].formula).toBe("AND(ISNUMBER($C2),$C2<TODAY())");
    // Each reads Alert Days through the defined names Set up makes (formulas kept under 255 characters).
    for (const f of lots.conditionalFormats.slice(2)) expect(f.formula).toMatch(/^AND\(ISNUMBER\(\$C2\),.*LotbookProducts=TRIM\(\$A2\).*LotbookDays.*TODAY\(\)/);
    expect([...wb.names.keys()]).toEqual(["LotbookProducts", "LotbookDays", "LotbookLater"]);
    const products = wb.table("Products")!;
    expect(products.header).toEqual(["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit", "GTIN", "Lead Days", "Cover Days", "Pack Size"]);
    expect(products.numberFormats[7]).toBe("@");
    expect(wb.table("Draws")?.validations.map((v) => [v.range, v.source, v.style])).toEqual([
      ["F2:F10000", { formula: 'INDIRECT("Products[Product]")' }, "warning"],
      ["G2:G10000", { formula: 'INDIRECT("Lots[Lot]")' }, "warning"],
      ["J2:J10000", { choices: ["Visit", "Waste", "Expired", "Sample", "Return", "Transfer"] }, "stop"],
    ]);
  });

  it("adds Location columns to Lots, Draws and Counts, and To to Draws, for a practice with several locations", async () => {
    const wb = new MemoryWorkbook();
    const user = await openSetUp(wb);
    await user.click(screen.getByRole("checkbox", { name: /^Stock is kept at more than one location/ }));
    await user.click(screen.getByRole("button", { name: "Set up the ledger tables" }));
    expect(await screen.findByText("Created Products, Lots, Draws, Counts.")).toBeTruthy();
    expect(wb.table("Lots")?.header.slice(-2)).toEqual(["PO", "Location"]);
    expect(wb.table("Draws")?.header).toEqual(["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price", "Location", "To"]);
    expect(wb.table("Counts")?.header).toEqual(["Date", "Product", "Lot", "Counted", "By", "Note", "Location"]);
    expect(wb.table("Products")?.header).not.toContain("Location");
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

  it("offers to complete a table a failed Set up left without highlighting, and adds it without changing a cell", async () => {
    const wb = new MemoryWorkbook();
    const user = await openSetUp(wb);
    await user.click(screen.getByRole("button", { name: "Set up the ledger tables" }));
    await screen.findByText("Created Products, Lots, Draws, Counts.");
    // As Excel leaves a request refused at its first conditional format: the rest is there.
    const lots = wb.table("Lots")!;
    lots.conditionalFormats.splice(0);
    wb.names.clear();
    wb.frozen.delete("Lots");
    lots.rows.push(["Botox 100U", "C1", 47000, 46000, 100, "U", 6.5, null, null, null]);
    const rows = JSON.stringify(lots.rows);
    await user.click(screen.getByRole("button", { name: "Set up the ledger tables" }));
    expect(await screen.findByText("Already in this workbook: Products, Lots, Draws, Counts. Lots lacks its expiry highlighting, frozen header row. Choose Complete the tables to add them; no cell is changed.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Complete the tables" }));
    expect(await screen.findByText("Added Lots: expiry highlighting, frozen header row. No cell was changed.")).toBeTruthy();
    expect(lots.conditionalFormats).toHaveLength(5);
    expect(wb.names.size).toBe(3);
    expect(JSON.stringify(lots.rows)).toBe(rows);
    expect(screen.queryByRole("button", { name: "Complete the tables" })).toBeNull();
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
