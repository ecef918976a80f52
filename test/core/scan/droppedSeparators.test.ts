import { serialFromYmd } from "../../../src/core/dates";
import { parseScan, type ScannedCode } from "../../../src/core/scan";

// Keyboard-wedge scanners often drop the group separator (the browser swallows the Ctrl+] they
// type for it), so a variable-length lot or serial number runs into the parts after it.

const GS = "\u001d";
const TODAY = serialFromYmd(2026, 5, 17);
// 0036123456789· → check digit 0 (worked out in parseScan.test.ts)
const TOXIN = "00361234567890";

function read(text: string): ScannedCode {
  const r = parseScan(text, { today: TODAY });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("a scan whose separators were dropped", () => {
  it("ends the lot where a real expiry date begins: 10 ABC123 17 270131 is lot ABC123, not ABC12317270131", () => {
    expect(read("01" + TOXIN + "10ABC123" + "17270131")).toMatchObject({
      lot: "ABC123", expires: serialFromYmd(2027, 1, 31), warnings: [],
    });
  });

  it("ends a serial number where the expiry begins and the lot after it (the US drug order 01 21 17 10)", () => {
    expect(read("01" + TOXIN + "21SER123" + "17270131" + "10LOT9")).toMatchObject({
      serial: "SER123", expiresText: "2027-01-31", lot: "LOT9", warnings: [],
    });
  });

  it("ends a lot where a GTIN whose check digit holds begins", () => {
    expect(read("10ABC" + "01" + TOXIN + "17270131")).toMatchObject({ lot: "ABC", gtin: TOXIN, expiresText: "2027-01-31", warnings: [] });
  });

  it("keeps a lot whole when what follows it is no real date, but warns that it may include trailing characters", () => {
    const scan = read("01" + TOXIN + "10ABC123" + "17271399");
    expect(scan.lot).toBe("ABC12317271399");
    expect(scan).not.toHaveProperty("expires");
    expect(scan.warnings).toEqual([
      'The scanner sent no separators and the code\'s expiry could not be told apart from the lot, so the lot "ABC12317271399" may include trailing characters; check the lot and expiry against the label',
    ]);
  });

  it("cannot tell lot ABCD1234 + serial 10 from lot ABCD12342110 (the GS1 DataMatrix Guideline's example 2 without its separator), so it reads the whole and asks to check", () => {
    const scan = read("0109501101020917" + "17190508" + "10ABCD1234" + "2110");
    expect(scan.lot).toBe("ABCD12342110");
    expect(scan.warnings).toEqual([
      'The scanner sent no separators, so the lot may include trailing characters: it reads as "ABCD12342110" or "ABCD1234". Lotbook took "ABCD12342110"; check the lot against the label before saving',
      "The scanned expiry 5/8/2019 has already passed",
    ]);
  });

  it("prefers a reading with a lot when a serial number could have swallowed it (01 17 21 10)", () => {
    expect(read("01" + TOXIN + "17270131" + "21SN42" + "10C77")).toMatchObject({ serial: "SN42", lot: "C77", warnings: [] });
  });

  it("trusts separators that did arrive: the lot runs to the separator, even if it looks like lot + expiry", () => {
    expect(read("01" + TOXIN + "10A17270131" + GS + "17280229")).toMatchObject({ lot: "A17270131", expiresText: "2028-02-29", warnings: [] });
  });

  it("does not split at a repeated expiry: a lot containing 17 and a date before the real expiry stays whole", () => {
    expect(read("01" + TOXIN + "10A17270131" + "17280229")).toMatchObject({ lot: "A17270131", expiresText: "2028-02-29" });
  });

  it("does not let a production date hidden in a numeric lot win: lot 4111250615 is kept whole, with a warning", () => {
    const scan = read("01" + TOXIN + "17270131" + "104111250615");
    expect(scan.lot).toBe("4111250615");
    expect(scan.warnings).toEqual([
      'The scanner sent no separators, so the lot may include trailing characters: it reads as "4111250615" or "41". Lotbook took "4111250615"; check the lot against the label before saving',
    ]);
  });

  it("reads strictly, with no warning, once the scanner is known to pass separators on", () => {
    const scan = parseScan("01" + TOXIN + "17270131" + "104111250615", { today: TODAY, separatorsArrive: true });
    expect(scan.ok && scan.value).toMatchObject({ lot: "4111250615", warnings: [] });
    const lotFirst = parseScan("01" + TOXIN + "10ABC123" + "17270131", { today: TODAY, separatorsArrive: true });
    expect(lotFirst.ok && lotFirst.value).toMatchObject({ lot: "ABC12317270131", warnings: [] });
  });

  it("refuses the scan with the problem of the best reading when none is valid", () => {
    const r = parseScan("01" + "00361234567891" + "10ABC" + "17270131", { today: TODAY });
    expect(r).toEqual({
      ok: false,
      error: { kind: "value", message: "The scanned code's GTIN check digit is wrong (00361234567891 should end in 0); scan again or type the lot" },
    });
  });

  it("reads a long run of look-alike digits in bounded time", () => {
    const start = Date.now();
    const scan = parseScan("01" + TOXIN + "10" + "1721".repeat(5) + "21" + "1710".repeat(4) + "17270131", { today: TODAY });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(scan.ok).toBe(true);
  });
});
