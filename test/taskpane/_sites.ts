// A practice at two locations for the pane's component tests: Botox at Main Street (A100, C300)
// and Suite B (B200), no vial tracking, so FEFO is by expiry alone. "Now" is 16 March 2026, 10:00.
import { serialFromYmd } from "../../src/core";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { COUNTS_HEADER, DRAWS_HEADER, LOTS_HEADER } from "./_practice";

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

export const SITE_LOTS_HEADER = [...LOTS_HEADER, "Location"];
export const SITE_DRAWS_HEADER = [...DRAWS_HEADER, "Location", "To"];
export const SITE_COUNTS_HEADER = [...COUNTS_HEADER, "Location"];

/**
 * On the books at 16 March 2026:
 *   Main Street  A100  200 − 20 = 180 U at $6.50, expires 6/30/2027
 *                C300  100 U at $6.00, expires 9/30/2026
 *   Suite B      B200  100 U at $7.00, expires 12/31/2026
 */
export function twoSites(): MemoryWorkbook {
  return MemoryWorkbook.with({
    Lots: [
      SITE_LOTS_HEADER,
      ["Botox 100U", "A100", d(2027, 6, 30), d(2026, 1, 5), 200, "U", 6.5, null, "Allergan", "PO-1001", "Main Street"],
      ["Botox 100U", "B200", d(2026, 12, 31), d(2026, 2, 2), 100, "U", 7, null, "Allergan", "PO-1002", "Suite B"],
      ["Botox 100U", "C300", d(2026, 9, 30), d(2026, 2, 10), 100, "U", 6, null, "Allergan", "PO-1003", "Main Street"],
    ],
    Draws: [SITE_DRAWS_HEADER, [d(2026, 1, 12), "V1001", "P-1001", "Dr. Reyes", "Glabella", "Botox 100U", "A100", 20, "U", "Visit", 280, "Main Street", null]],
    Counts: [SITE_COUNTS_HEADER],
    Products: [
      ["Product", "Unit", "Price per Unit"],
      ["Botox 100U", "U", 14],
    ],
  });
}
