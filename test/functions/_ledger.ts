/**
 * A small practice as Excel hands it to a custom function: header row first, dates as serial
 * numbers, empty cells as null, "" or (older desktop builds, text columns) 0, some numbers
 * stored as text. Every expected figure in the tests is worked out by hand from these rows.
 */
import { serialFromYmd, type Serial } from "../../src/core";

/** The serial of a calendar date, optionally at an hour of the day. */
export const day = (y: number, m: number, d: number, hour = 0): Serial => (serialFromYmd(y, m, d) + hour / 24) as Serial;

/** Excel passes `null` for an optional argument left out; the signatures say `?` for the metadata. */
export const OMITTED = null as unknown as undefined;

// Botox C3709C3 at $6.50/U (the worked example), Botox C4000A1 at $6.00/U (cost typed as text),
// Juvederm V100: 2 syringes for a $600 line total, so $300/mL.
export const LOTS = [
  ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO"],
  ["Botox 100U", "C3709C3", day(2027, 6, 30), day(2026, 9, 1), 100, "U", 6.5, null, "Allergan", "PO-1"],
  ["Botox 100U", "C4000A1", day(2027, 1, 31), day(2026, 9, 10), 100, "U", "6.00", "", 0, ""],
  ["Juvederm Ultra XC 1mL", "V100", day(2026, 12, 31), day(2026, 8, 15), 2, "mL", null, 600, "Allergan", "PO-2"],
];

// V1–V3 are the worked example's three visits; V4 uses a syringe and a second Botox lot.
export const DRAWS = [
  ["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price"],
  [day(2026, 9, 2), "V1", "P-001", "Dr. Adams", "Glabella", "Botox 100U", "C3709C3", 40, "U", "Visit", 520],
  [day(2026, 9, 3), "V2", "P-002", "Dr. Baker", "Forehead", "Botox 100U", "C3709C3", "35", 0, "Visit", 455],
  [day(2026, 9, 4), "V3", "P-003", "Dr. Adams", "Crow's feet", "Botox 100U", "C3709C3", 25, "", "", 325],
  [day(2026, 9, 12), "V4", "P-001", "Dr. Adams", "Lips", "Juvederm Ultra XC 1mL", "V100", 1, "mL", "Visit", 750],
  [day(2026, 9, 12), "V4", "P-001", "Dr. Adams", "Glabella", "Botox 100U", "C4000A1", 20, null, "Visit", 260],
];

// On Sept 30 two units of C4000A1 are missing (80 expected, 78 counted); V100 is as expected.
export const COUNTS = [
  ["Date", "Product", "Lot", "Counted", "By", "Note"],
  [day(2026, 9, 30), "Botox 100U", "C4000A1", 78, "Kim", null],
  [day(2026, 9, 30), "Juvederm Ultra XC 1mL", "V100", 1, "Kim", ""],
];

// A 5 % loss allowance for Botox: 5 % of the 20 U injected since receipt explains one missing unit.
export const PRODUCTS = [
  ["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit"],
  ["Botox 100U", "U", null, null, null, "5%", 13],
];

/** The error a call throws for its whole cell. */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw");
}
