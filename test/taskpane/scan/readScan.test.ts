import { buildLedger, type Serial, serialFromYmd } from "../../../src/core";
import { findScan, gtinsOf, knownProducts, readScan, scanSummary } from "../../../src/taskpane/scan/readScan";
import { BOTOX_GTIN, GS, JUVEDERM_GTIN } from "./_scanPractice";

const ELEMENTS = `01${BOTOX_GTIN}17270930` + "10C4120A1";

const ledger = buildLedger({
  lots: [
    ["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"],
    ["Botox 100U", "C4120A1", serialFromYmd(2027, 9, 30), serialFromYmd(2026, 2, 2), 100, 6.8],
  ],
  products: [
    ["Product", "GTIN"],
    ["Botox 100U", BOTOX_GTIN],
    ["Sculptra", null],
  ],
});

describe("finding a scan in what a field holds", () => {
  it("finds none in what people type", () => {
    expect(findScan("")).toBeNull();
    expect(findScan("V2001")).toBeNull();
    expect(findScan("P-1001")).toBeNull();
    expect(findScan("12.5")).toBeNull();
  });

  it("takes the whole field when the scan is all of it", () => {
    expect(findScan(`(01)${BOTOX_GTIN}(17)270930(10)C4120A1`)).toEqual({ before: "", scan: `(01)${BOTOX_GTIN}(17)270930(10)C4120A1` });
  });

  it("gives back what was typed before the scan: text, or digits run into an element string", () => {
    expect(findScan(`V20]d2${ELEMENTS}`)).toEqual({ before: "V20", scan: `]d2${ELEMENTS}` });
    expect(findScan(`170${ELEMENTS}`)).toEqual({ before: "170", scan: ELEMENTS });
    expect(findScan(`Allergan01${BOTOX_GTIN}10C4120A1${GS}17270930`)).toEqual({ before: "Allergan", scan: `01${BOTOX_GTIN}10C4120A1${GS}17270930` });
  });

  it("still finds a scan it cannot read when it is unmistakably one, so the pane says what is wrong instead of submitting", () => {
    const broken = `]d201${BOTOX_GTIN.slice(0, 13)}1` + "10C4120A1";
    expect(findScan(`V20${broken}`)).toEqual({ before: "V20", scan: broken, problem: expect.stringMatching(/check digit/) });
  });

  it("leaves alone typing that only resembles the printed form", () => {
    expect(findScan("(01) 555-1234")).toBeNull();
  });
});

describe("reading a scan against the workbook", () => {
  it("finds the product by the Products GTIN column and says whether separators arrived", () => {
    expect(readScan(`]d2${ELEMENTS}`, ledger, { today: serialFromYmd(2026, 3, 16) })).toEqual({
      ok: true,
      fill: { product: "Botox 100U", lot: "C4120A1", expires: serialFromYmd(2027, 9, 30), expiresText: "2027-09-30", warnings: [] },
      unknownGtin: null,
      separated: false,
    });
    const separated = readScan(`01${BOTOX_GTIN}10C4120A1${GS}17270930`, ledger);
    expect(separated.ok && separated.separated).toBe(true);
  });

  it("gives the expiry as a serial of the workbook's date system", () => {
    const ledger1904 = buildLedger({ lots: [["Product", "Lot", "Expires", "Received", "Qty", "Unit Cost"]], products: [["Product", "GTIN"], ["Botox 100U", BOTOX_GTIN]], dateSystem: 1904 });
    const r = readScan(`]d2${ELEMENTS}`, ledger1904, { dateSystem: 1904 });
    // The same day is 1462 serials earlier in a 1904 workbook.
    expect(r.ok && r.fill.expires).toBe(serialFromYmd(2027, 9, 30) - 1462);
  });

  it("hands back a GTIN no product has, to ask about", () => {
    const r = readScan(`01${JUVEDERM_GTIN}10JU2207`, ledger);
    expect(r.ok && r.unknownGtin).toBe(JUVEDERM_GTIN);
    expect(r.ok && r.fill.product).toBeNull();
  });

  it("indexes a ledger's GTINs once", () => {
    expect(gtinsOf(ledger)).toBe(gtinsOf(ledger));
  });

  it("lists products from Lots and from Products", () => {
    expect(knownProducts(ledger)).toEqual(["Botox 100U", "Sculptra"]);
  });
});

describe("saying what a scan filled", () => {
  it("names product, lot and expiry as a US date", () => {
    expect(scanSummary({ product: "Botox 100U", lot: "C3709C3", expires: serialFromYmd(2027, 6, 30) }, 1900)).toBe("Scanned Botox 100U, lot C3709C3, expires 6/30/2027.");
    expect(scanSummary({ product: "Botox 100U" }, 1900)).toBe("Scanned Botox 100U.");
    // 1904 serials are 1462 days smaller for the same day.
    expect(scanSummary({ lot: "A1", expires: (serialFromYmd(2027, 6, 30) - 1462) as Serial }, 1904)).toBe("Scanned lot A1, expires 6/30/2027.");
  });
});
