import { type Serial, serialFromYmd } from "../../../src/core/dates";
import { checkScannedExpiry, gtinIndex, mapScanToEntry, parseScan, type ScannedCode } from "../../../src/core/scan";

const GS = "\u001d";
// 0036123456789· → 0 and 735001234567· → 9 (worked out in parseScan.test.ts)
const TOXIN = "00361234567890";
const FILLER = "07350012345679";

function scan(text: string): ScannedCode {
  const r = parseScan(text, { today: serialFromYmd(2026, 5, 17) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("the Products table's GTIN column", () => {
  it("maps each GTIN, as 14 digits, to its product: UPC-A, EAN-13, a number that lost its zeros, several in one cell", () => {
    const { byGtin, problems } = gtinIndex([
      { row: 2, product: "Botox 100U", gtin: "361234567890" },
      { row: 3, product: "Restylane Lyft 1mL", gtin: "7350012345679; 07350012345686" },
      { row: 4, product: "Sculptra", gtin: null },
      { row: 5, product: "Xeomin 100U", gtin: "96385074" },
    ]);
    expect(problems).toEqual([]);
    expect([...byGtin]).toEqual([
      [TOXIN, "Botox 100U"],
      [FILLER, "Restylane Lyft 1mL"],
      // 0735001234568·: 8·3 + 6 + 5·3 + 4 + 3·3 + 2 + 1·3 + 0 + 0 + 5 + 3·3 + 7 + 0 = 84 → 6
      ["07350012345686", "Restylane Lyft 1mL"],
      ["00000096385074", "Xeomin 100U"],
    ]);
  });

  it("warns about a GTIN that is not one, and leaves it out", () => {
    const { byGtin, problems } = gtinIndex([
      { row: 2, product: "Botox 100U", gtin: "361234567891" },
      { row: 3, product: "Dysport 300U", gtin: "12345" },
    ]);
    expect(byGtin.size).toBe(0);
    expect(problems).toEqual([
      {
        table: "Products", row: 2, column: "GTIN", severity: "warning", code: "gtin-check-digit", gtin: "361234567891", expected: 0,
        message: "the GTIN 361234567891 has a wrong check digit (it should end in 0); copy it again from the box",
      },
      {
        table: "Products", row: 3, column: "GTIN", severity: "warning", code: "not-a-gtin", text: "12345", productName: "Dysport 300U",
        message: "'12345' is not a GTIN (a GTIN has 8, 12, 13 or 14 digits); scans cannot find Dysport 300U by it",
      },
    ]);
  });

  it("leaves out a GTIN given for two products, so that a scan of it asks, and does not mind one given twice for the same product", () => {
    const { byGtin, problems } = gtinIndex([
      { row: 2, product: "Botox 100U", gtin: TOXIN },
      { row: 3, product: "botox  100u", gtin: "361234567890" },
      { row: 4, product: "Botox 200U", gtin: TOXIN },
      { row: 5, product: "Botox 50U", gtin: TOXIN },
    ]);
    expect(byGtin.has(TOXIN)).toBe(false);
    expect(problems).toEqual([4, 5].map((row) => ({
      table: "Products", row, column: "GTIN", severity: "warning",
      code: "gtin-of-two-products", gtin: TOXIN, otherProduct: "Botox 100U", otherRow: 2,
      message: `the GTIN ${TOXIN} is also given for Botox 100U (row 2); a scan of it will ask which product it is`,
    })));
  });
});

describe("a scan mapped to an entry", () => {
  const byGtin = gtinIndex([{ row: 2, product: "Botox 100U", gtin: "361234567890" }]).byGtin;

  it("fills product, lot and expiry when the GTIN is in Products", () => {
    expect(mapScanToEntry(scan("]d2" + "01" + TOXIN + "17270131" + "10C1234C3" + GS + "21SN1"), byGtin)).toEqual({
      product: "Botox 100U", lot: "C1234C3", expires: serialFromYmd(2027, 1, 31), expiresText: "2027-01-31", warnings: [],
    });
  });

  it("finds the product whichever form the GTIN came in", () => {
    expect(mapScanToEntry(scan("]E0361234567890"), byGtin).product).toBe("Botox 100U");
    expect(mapScanToEntry(scan(`https://id.example.com/01/${TOXIN}/10/C9`), byGtin)).toMatchObject({ product: "Botox 100U", lot: "C9" });
  });

  it("asks which product an unknown GTIN is, and still fills lot and expiry", () => {
    expect(mapScanToEntry(scan(`(01)${FILLER}(17)280500(10)W12345`), byGtin)).toEqual({
      needsProductFor: FILLER, lot: "W12345", expires: serialFromYmd(2028, 5, 31), expiresText: "2028-05-31", warnings: [],
    });
  });

  it("fills only the lot from a lot-only label, and passes the scan's warnings on", () => {
    expect(mapScanToEntry(scan("]C1" + "10C1234C3"), byGtin)).toEqual({ lot: "C1234C3", warnings: [] });
    const entry = mapScanToEntry(scan("01" + TOXIN + "17250131" + "10OLD1"), byGtin);
    expect(entry.warnings).toEqual(["The scanned expiry 1/31/2025 has already passed"]);
  });
});

describe("a scanned expiry checked against a lot already received", () => {
  const scanned = serialFromYmd(2026, 6, 30);

  it("says nothing when they agree, when the lot is new, or when the scan has no expiry", () => {
    expect(checkScannedExpiry(scanned, scanned, { lot: "C1" })).toBeNull();
    expect(checkScannedExpiry(scanned, (scanned + 0.5) as Serial, { lot: "C1" })).toBeNull();
    expect(checkScannedExpiry(scanned, undefined, { lot: "C1" })).toBeNull();
    expect(checkScannedExpiry(undefined, scanned, { lot: "C1" })).toBeNull();
  });

  it("warns when Lots has another expiry for the lot", () => {
    expect(checkScannedExpiry(scanned, serialFromYmd(2026, 5, 31), { lot: "C1234C3" })).toBe(
      "Lot C1234C3 is already in Lots with expiry 5/31/2026, but the scanned code says 6/30/2026; check the label before saving, as one of them is wrong",
    );
  });

  it("explains a month typed into Excel as the 1st", () => {
    expect(checkScannedExpiry(scanned, serialFromYmd(2026, 6, 1), { lot: "C1" })).toBe(
      "Lot C1 is already in Lots with expiry 6/1/2026 (Excel makes a typed month such as 06/2026 the 1st; labels mean the last day), but the scanned code says 6/30/2026; check the label before saving, as one of them is wrong",
    );
  });

  it("warns when Lots has the lot without an expiry, and works in the 1904 date system", () => {
    expect(checkScannedExpiry(scanned, null)).toBe(
      "This lot is already in Lots without an expiry, but the scanned code says 6/30/2026; check the label and fill in Expires in Lots",
    );
    const s1904 = serialFromYmd(2026, 6, 30, 1904);
    expect(checkScannedExpiry(s1904, (s1904 - 30) as Serial, { lot: "C1", dateSystem: 1904 })).toMatch(/with expiry 5\/31\/2026, but the scanned code says 6\/30\/2026/);
  });
});
