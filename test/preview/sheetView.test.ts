import { displayCell, drawnOutLots, expiryBand } from "../../src/preview/sheetView";
import type { MemoryTable } from "../../src/taskpane/workbook/memory";

describe("a cell in the preview's grids", () => {
  it("shows as its number format would: dates, money to the cent or to four places, percentages", () => {
    expect(displayCell(46353, "yyyy-mm-dd")).toBe("2026-11-27");
    expect(displayCell(46353.625, "yyyy-mm-dd")).toBe("2026-11-27");
    expect(displayCell(1234.5, "$#,##0.00")).toBe("$1,234.50");
    expect(displayCell(6.825, "$#,##0.00##")).toBe("$6.825");
    expect(displayCell(6.8, "$#,##0.00##")).toBe("$6.80");
    expect(displayCell(0.02, "0%")).toBe("2%");
    expect(displayCell(null, "yyyy-mm-dd")).toBe("");
    expect(displayCell("C5501A", "@")).toBe("C5501A");
  });

  it("is highlighted as Set up's rules colour an expiry: past, then within 30, 60 and 90 days", () => {
    const today = 46353;
    expect([-1, 0, 30, 31, 60, 61, 90, 91].map((d) => expiryBand(today + d, today))).toEqual(["expired", "within30", "within30", "within60", "within60", "within90", "within90", null]);
    expect(expiryBand("", today)).toBeNull();
  });

  it("is greyed when its lot's receipts are all drawn", () => {
    const table = (header: string[], rows: (string | number)[][]) => ({ name: "t", sheet: "t", header, rows, numberFormats: [], validations: [], conditionalFormats: [] }) as MemoryTable;
    const lots = table(["Lot", "Qty"], [["A", 10], ["B", 10], ["A", 5]]);
    const draws = table(["Lot", "Qty"], [["A", 15], ["B", 4]]);
    expect([...drawnOutLots(lots, draws)]).toEqual(["A"]);
  });
});
