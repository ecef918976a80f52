// A small practice for the pane's component tests: three Botox lots (one expired), a filler, one
// visit. "Now" is 16 March 2026, 10:00 local time.
import { serialFromYmd } from "../../src/core";
import { MemoryWorkbook } from "../../src/workbook/memory";

export const NOW = new Date(2026, 2, 16, 10, 0);
export const now = () => NOW;
export const TODAY = serialFromYmd(2026, 3, 16);
export const AT = TODAY + 10 / 24;
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

export const LOTS_HEADER = ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO"];
export const DRAWS_HEADER = ["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price"];
export const COUNTS_HEADER = ["Date", "Product", "Lot", "Counted", "By", "Note"];

export function practice(): MemoryWorkbook {
  return MemoryWorkbook.with({
    Lots: [
      LOTS_HEADER,
      ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 1, 5), 200, "U", 6.5, null, "Allergan", "PO-1001"],
      ["Botox 100U", "C4120A1", d(2027, 9, 30), d(2026, 2, 2), 100, "U", null, 680, "Allergan", "PO-1002"],
      ["Botox 100U", "OLD1", d(2026, 3, 1), d(2025, 6, 2), 50, "U", 6, null, "Allergan", "PO-0990"],
      ["Juvederm Ultra XC", "JU2207", d(2027, 3, 31), d(2026, 1, 5), 2, "mL", null, 700, "Allergan", "PO-1001"],
    ],
    Draws: [DRAWS_HEADER, [d(2026, 1, 12), "V1001", "P-1001", "Dr. Reyes", "Glabella", "Botox 100U", "C3709C3", 20, "U", "Visit", 280]],
    Counts: [COUNTS_HEADER],
    Products: [
      ["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit"],
      ["Botox 100U", "U", 100, null, "90,60,30", 0.05, 14],
    ],
  });
}
