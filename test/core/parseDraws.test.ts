import fc from "fast-check";
import type { Cell, Grid } from "../../src/core";
import { parseDraws } from "../../src/core/parse";
import * as readers from "../../src/core/parse/readers";

// The Draws parser reads a row whose cells all read at once (a serial date, texts with nothing to
// trim, numbers for Qty and Price, a kind as written) without the checks only other cells need,
// and every other row in full. Both must make the same row of the same cells. A space after the
// lot number changes nothing a row means (the reader trims it) but sends the row the full way:
// so a table and its copy with every lot number spaced must parse alike, field for field.

const FULL_HEADER = ["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price", "Location", "To"];
const SHORT_HEADER = ["Date", "Visit", "Patient", "Product", "Lot", "Qty", "Kind", "Price"];

/** Cells for each column: mostly plain, with the spellings and mistakes real sheets hold. */
const CELLS: Record<string, readonly Cell[]> = {
  Date: [46000.5, 46001, 46001.75, 46001, "2025-12-09", "12/10/2025", null, 0, -3, "soon", 3_000_000],
  Visit: ["V1", "V2", "V3", "v1", " V2", "", null, 1024, "#N/A"],
  Patient: ["MRN1", "MRN2", "mrn1", null, " MRN3 ", ""],
  Provider: ["Dr Amin", "Hannah Kim, RN", null, " Dr Amin", "#REF!"],
  Service: ["Forehead lines", "Cheek augmentation", null, "forehead lines ", 7],
  Product: ["Botox 100U", "botox 100u", "Juvederm Ultra", null, " Sculptra", ""],
  Lot: ["C3709C3", "c3709c3", "JU1234", "D5512", null, "", 12345, "#REF!", " JU1234"],
  Qty: [1, 2.5, 0.25, 0.1, 1 / 3, 40, 0, -1, "2", "two", null, 1e-9, 2500],
  Unit: [null, "U", "mL", " U", ""],
  Kind: [null, "Visit", "Waste", "Expired", "Sample", "Return", "visit", "RETURN", "Transfer", "Other", ""],
  Price: [null, 450, 12.3456, 0, "", " ", "$450.00", "abc", 1e20],
  Location: [null, "Main Street", "Suite B", " suite b", ""],
  To: [null, null, null, "Suite B", "Main Street", ""],
};

const rowOf = (header: readonly string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.tuple(...header.map((h) => fc.constantFrom(...CELLS[h]))) as fc.Arbitrary<Cell[]> },
    // The odd row a sheet holds: blank, or a total under the lot column.
    { weight: 1, arbitrary: fc.constantFrom<Cell[]>(header.map(() => null), header.map((h) => (h === "Visit" ? "Total" : h === "Qty" ? 99 : null))) },
  );

const table = fc.constantFrom(FULL_HEADER, SHORT_HEADER).chain((header) =>
  fc.array(rowOf(header), { minLength: 1, maxLength: 40 }).map((rows): Grid => [header, ...rows]),
);

/** The same table with a space after every lot number: each such row is then read in full. */
function spacedLots(grid: Grid): Grid {
  const lot = (grid[0] as string[]).indexOf("Lot");
  return grid.map((r, i) => (i > 0 && typeof r[lot] === "string" && r[lot] !== "" ? r.map((c, j) => (j === lot ? `${c as string} ` : c)) : r));
}

/** What a parse says, in plain values: every row's fields, the visits and the table's errors. */
function parsed(grid: Grid) {
  const t = parseDraws(grid);
  return {
    rows: t.rows.map((r) => ({ ...r })),
    tableErrors: t.tableErrors,
    visits: t.visits && { ids: t.visits.ids, byKey: [...t.visits.byKey], unpriced: t.visits.unpriced.map((r) => r.row), priced: [...t.visits.priced] },
    visitOf: t.visitOf && [...t.visitOf],
  };
}

describe("reading the Draws table", () => {
  it("reads a row at once exactly as it reads the same row in full", () => {
    fc.assert(
      fc.property(table, (grid) => {
        expect(parsed(grid)).toEqual(parsed(spacedLots(grid)));
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it("reads a clean row at once, and the same row with a spaced lot number in full", () => {
    // The property above compares the two ways only if clean rows really take the quick one.
    const clean: Grid = [FULL_HEADER, [46001.5, "V1", "MRN1", "Dr Amin", "Forehead lines", "Botox 100U", "C3709C3", 2.5, "U", "Visit", 450, "Main Street", null]];
    const textAt = jest.spyOn(readers, "textAt");
    try {
      const quick = parseDraws(clean).rows[0];
      expect(textAt).not.toHaveBeenCalled();
      const full = parseDraws(spacedLots(clean)).rows[0];
      expect(textAt).toHaveBeenCalled();
      // 2.5 U in millionths; $450 in 10⁻¹² dollars; keys folded as names match (see names.ts).
      expect(quick).toEqual({
        row: 2, issues: null, usable: true, time: 46001.5, visit: "V1", visitKey: "V1", visitIndex: 0, patient: "MRN1",
        provider: "Dr Amin", service: "Forehead lines", product: "Botox 100U", productKey: "botox 100u", lot: "C3709C3", lotKey: "C3709C3",
        qty: 2_500_000, unit: "U", kind: "Visit", price: 450_000_000_000_000, location: "Main Street", locationKey: "main street", to: null, toKey: null,
      });
      expect(full).toEqual(quick);
    } finally {
      textAt.mockRestore();
    }
  });
});
