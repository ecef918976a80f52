// A practice with something to order, for the Overview's and Alerts' reorder tests. "Now" is
// 16 March 2026, 10:00 (as in _practice.ts); every lot came in on 1 December 2025, 105 days ago.
// Over the 90 days of use the engine looks back (from 10:00 on 16 December 2025):
// - Botox 100U: 9 visits of 20 U, 180 U, 2 U a day; 20 U left, all usable (its lot expires
//   30 June 2027). Lead Days 14, Cover Days 30, packs of a 100 U vial.
// - Juvederm Ultra XC: 18 visits of 1 syringe, 0.2 a day; 2 left, usable. Lead Days 3, Cover
//   Days 45, Pack Size 2.
// - Restylane Lyft: 9 visits of 1 syringe, 0.1 a day; 4 left in a lot that expires 5 April 2026,
//   of which only what 0.1 a day uses by then is usable. Lead Days 14, Cover Days 30, one syringe a pack.
// - Xeomin 100U: never drawn, so no rate of use and no suggestion.
import { serialFromYmd } from "../../../src/core";
import { MemoryWorkbook } from "../../../src/workbook/memory";
import { COUNTS_HEADER, DRAWS_HEADER, LOTS_HEADER, TODAY } from "../_practice";

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
const RECEIVED = d(2025, 12, 1);

function visits(product: string, lot: string, unit: string, qty: number, first: number, every: number, n: number) {
  return Array.from({ length: n }, (_, k) => [TODAY - first + every * k, `${lot}-V${k + 1}`, `P-${lot}-${k + 1}`, "Dr. Reyes", "Treatment", product, lot, qty, unit, "Visit", null]);
}

export function reorderPractice(): MemoryWorkbook {
  return MemoryWorkbook.with({
    Lots: [
      LOTS_HEADER,
      ["Botox 100U", "B1", d(2027, 6, 30), RECEIVED, 200, "U", 6.5, null, "Allergan", "PO-1"],
      ["Juvederm Ultra XC", "J1", d(2027, 3, 31), RECEIVED, 20, "syringe", 300, null, "Allergan", "PO-1"],
      ["Restylane Lyft", "R1", d(2026, 4, 5), RECEIVED, 13, "syringe", 320, null, "Galderma", "PO-2"],
      ["Xeomin 100U", "X1", d(2027, 1, 31), RECEIVED, 100, "U", 5.4, null, "Merz", "PO-3"],
    ],
    Draws: [
      DRAWS_HEADER,
      // 81, 71, …, 1 days ago; 86, 81, …, 1 days ago; 85, 75, …, 5 days ago.
      ...visits("Botox 100U", "B1", "U", 20, 81, 10, 9),
      ...visits("Juvederm Ultra XC", "J1", "syringe", 1, 86, 5, 18),
      ...visits("Restylane Lyft", "R1", "syringe", 1, 85, 10, 9),
    ],
    Counts: [COUNTS_HEADER],
    Products: [
      ["Product", "Unit", "Vial Size", "Alert Days", "Lead Days", "Cover Days", "Pack Size"],
      ["Botox 100U", "U", 100, "90,60,30", 14, 30, null],
      ["Juvederm Ultra XC", "syringe", 1, "90,60,30", 3, 45, 2],
      ["Restylane Lyft", "syringe", 1, "90,60,30", 14, 30, null],
      ["Xeomin 100U", "U", 100, "90,60,30", null, null, null],
    ],
  });
}
