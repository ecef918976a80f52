import { alertDaysByProduct, displayCell, drawnOutLots, expiryBand, expiryLook } from "../../src/preview/sheetView";
import type { MemoryTable } from "../../src/workbook/memory";
import type { Serial } from "../../src/core";

const table = (header: string[], rows: (string | number | null)[][]) => ({ name: "t", sheet: "t", header, rows, numberFormats: [], validations: [], conditionalFormats: [] }) as MemoryTable;

describe("a cell in the preview's grids", () => {
  it("shows as its number format would: dates, money to the cent or to four places, percentages", () => {
    expect(displayCell(46353, "m/d/yyyy")).toBe("11/27/2026");
    expect(displayCell(46353, "yyyy-mm-dd")).toBe("2026-11-27");
    expect(displayCell(46353.625, "yyyy-mm-dd")).toBe("2026-11-27");
    expect(displayCell(1234.5, "$#,##0.00")).toBe("$1,234.50");
    expect(displayCell(6.825, "$#,##0.00##")).toBe("$6.825");
    expect(displayCell(6.8, "$#,##0.00##")).toBe("$6.80");
    expect(displayCell(0.02, "0%")).toBe("2%");
    expect(displayCell(null, "yyyy-mm-dd")).toBe("");
    expect(displayCell("C5501A", "@")).toBe("C5501A");
  });

  it("is highlighted as Set up's rules colour an expiry by default: past, then within 30, 60 and 90 days", () => {
    const today = 46353 as Serial;
    expect([-1, 0, 30, 31, 60, 61, 90, 91].map((d) => expiryBand((today + d) as Serial, today))).toEqual(["expired", "within30", "within30", "within60", "within60", "within90", "within90", null]);
    expect(expiryBand("", today)).toBeNull();
    expect(expiryLook((today + 45) as Serial, today)).toEqual({ band: "within60", fill: "#FFEB84", text: "expires within 60 days" });
  });

  it("follows each product's Alert Days from Products, matched as the engine matches names", () => {
    const products = table(["Product", "Alert Days"], [["Botox 100U", "14,7"], ["Filler", "120 60 30"], ["Odd", "soon"], ["Blank", null]]);
    const days = alertDaysByProduct(products);
    const today = 46353 as Serial;
    const look = (product: string, d: number) => expiryLook((today + d) as Serial, today, days(product));
    expect([7, 8, 14, 15].map((d) => look(" botox  100u", d)?.band ?? null)).toEqual(["within7", "within14", "within14", null]);
    expect([30, 60, 61, 120].map((d) => look("Filler", d)?.fill)).toEqual(["#FFB26B", "#FFEB84", "#FFF7C8", "#FFF7C8"]);
    // Not a list of days: only expired shows (CHECK names the cell); not listed or blank: 90, 60, 30.
    expect([look("Odd", -1)?.band, look("Odd", 5)]).toEqual(["expired", null]);
    expect([look("Blank", 90)?.band, look("Unknown", 60)?.band]).toEqual(["within90", "within60"]);
  });

  it("is greyed when its lot's receipts are all drawn", () => {
    const lots = table(["Lot", "Qty"], [["A", 10], ["B", 10], ["A", 5]]);
    const draws = table(["Lot", "Qty"], [["A", 15], ["B", 4]]);
    expect([...drawnOutLots(lots, draws)]).toEqual(["A"]);
  });
});
