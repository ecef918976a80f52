import { type Serial, serialFromYmd } from "../../../src/core/dates";
import { looksLikeScan, parseScan, type ScannedCode, type ScanOptions } from "../../../src/core/scan";

const GS = "\u001d";
const TODAY = serialFromYmd(2026, 5, 17);
const AT_TODAY: ScanOptions = { today: TODAY };

/** The scan's fields, or the test fails with the scan's error message. */
function read(text: string, options: ScanOptions = AT_TODAY): ScannedCode {
  const r = parseScan(text, options);
  if (!r.ok) throw new Error(`expected a reading of ${JSON.stringify(text)}, got: ${r.error.message}`);
  return r.value;
}

function refusal(text: string, options: ScanOptions = AT_TODAY): string {
  const r = parseScan(text, options);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(r.value)}`);
  expect(r.error.kind).toBe("value");
  return r.error.message;
}

// Made-up packs laid out as real ones are. Check digits by hand (weights 3, 1, 3, … from the right):
// - a toxin carton with a US NDC-style GTIN 0036123456789·:
//   9·3 + 8 + 7·3 + 6 + 5·3 + 4 + 3·3 + 2 + 1·3 + 6 + 3·3 + 0 + 0·3 = 110 → check digit 0
const TOXIN = "00361234567890";
// - a filler syringe box with a GTIN-13 7350012345679 (as 14 digits 07350012345679):
//   7·3 + 6 + 5·3 + 4 + 3·3 + 2 + 1·3 + 0 + 0·3 + 5 + 3·3 + 7 + 0·3 = 81 → check digit 9
const FILLER = "07350012345679";

describe("GS1's own examples", () => {
  it("reads the GS1 DataMatrix Guideline's example 2 (section 2.3): (01)09501101020917(17)190508(10)ABCD1234(21)10", () => {
    const scan = read("]d2" + "0109501101020917" + "17190508" + "10ABCD1234" + GS + "2110");
    expect(scan).toMatchObject({
      form: "elementString", gtin: "09501101020917", lot: "ABCD1234", serial: "10",
      expires: serialFromYmd(2019, 5, 8), expiresText: "2019-05-08",
    });
    expect(scan.ais).toEqual({ "01": "09501101020917", "17": "190508", "10": "ABCD1234", "21": "10" });
  });

  it("reads the GS1 DataMatrix Guideline's example 1: (01)03453120000011(17)191125(10)ABCD1234", () => {
    // 0345312000001: 1·3 + 0 + 0 + 0 + 0 + 0 + 2·3 + 1 + 3·3 + 5 + 4·3 + 3 + 0 = 39 → 1
    expect(read("]d2" + "0103453120000011" + "17191125" + "10ABCD1234")).toMatchObject({
      gtin: "03453120000011", lot: "ABCD1234", expires: serialFromYmd(2019, 11, 25),
    });
  });

  it("reads day 00 as the month's last day, leap years included, as the General Specifications' note under AI 17 says (130200 is 28 Feb 2013, 160200 is 29 Feb 2016)", () => {
    expect(read("0109501101020917" + "17130200" + "10A").expiresText).toBe("2013-02-28");
    expect(read("0109501101020917" + "17160200" + "10A").expiresText).toBe("2016-02-29");
    expect(read("0109501101020917" + "17160200" + "10A").expires).toBe(serialFromYmd(2016, 2, 29));
  });

  it("reads the GS1 DataBar Expanded example of ISO/IEC 24724, (01)98898765432106(3202)012345(15)991231, and says a best-before is no expiry", () => {
    // 9889876543210: 0·3 + 1 + 2·3 + 3 + 4·3 + 5 + 6·3 + 7 + 8·3 + 9 + 8·3 + 8 + 9·3 = 144 → 6
    const scan = read("]e0" + "0198898765432106" + "3202012345" + "15991231");
    expect(scan.gtin).toBe("98898765432106");
    expect(scan.ais).toEqual({ "01": "98898765432106", "3202": "012345", "15": "991231" });
    expect(scan.expires).toBeUndefined();
    expect(scan.warnings).toEqual(["The scanned code gives a best-before date, not an expiry; type the expiry from the label"]);
  });

  it("reads the GS1 DataBar Expanded Stacked example (01)09501101530003(17)140704(10)AB-123", () => {
    // 0950110153000: 0 + 0 + 0 + 3 + 5·3 + 1 + 0 + 1 + 1·3 + 0 + 5·3 + 9 + 0 = 47 → 3
    expect(read("]e0" + "0109501101530003" + "17140704" + "10AB-123")).toMatchObject({
      gtin: "09501101530003", lot: "AB-123", expiresText: "2014-07-04",
    });
  });

  it("reads a European medicine pack whose expiry has day 00, with the separator shown as ␝ (Solidsoft Reply's GS1 data example)", () => {
    // 0506091751001: 1·3 + 0 + 0 + 1 + 5·3 + 7 + 1·3 + 9 + 0 + 6 + 0 + 5 + 0 = 49 → 1
    const scan = read("010506091751001110628S93R\u241d17241000218898847482518646");
    expect(scan).toMatchObject({ gtin: "05060917510011", lot: "628S93R", serial: "8898847482518646", expiresText: "2024-10-31" });
    expect(scan.warnings).toEqual(["The scanned expiry 10/31/2024 has already passed"]);
  });
});

describe("injectable carton layouts", () => {
  const toxin = { gtin: TOXIN, lot: "C1234C3", expires: serialFromYmd(2027, 1, 31), expiresText: "2027-01-31" };

  it("reads GTIN, expiry, then lot: the lot is last, so no separator is needed", () => {
    expect(read("]d2" + "01" + TOXIN + "17270131" + "10C1234C3")).toMatchObject({ ...toxin, warnings: [] });
  });

  it("reads GTIN, lot, then expiry, with the separator after the lot or without it", () => {
    expect(read("]d2" + "01" + TOXIN + "10C1234C3" + GS + "17270131")).toMatchObject({ ...toxin, warnings: [] });
    expect(read("01" + TOXIN + "10C1234C3" + "17270131")).toMatchObject({ ...toxin, warnings: [] });
  });

  it("reads the US drug order GTIN, serial, expiry, lot with or without the separator after the serial", () => {
    const withSerial = { ...toxin, serial: "100000123456", warnings: [] };
    expect(read("]d2" + "01" + TOXIN + "21100000123456" + GS + "17270131" + "10C1234C3")).toMatchObject(withSerial);
    expect(read("01" + TOXIN + "21100000123456" + "17270131" + "10C1234C3")).toMatchObject(withSerial);
  });

  it("reads GTIN, expiry, lot, serial with the separator after the lot", () => {
    expect(read("]d2" + "01" + TOXIN + "17270131" + "10C1234C3" + GS + "21SN8842")).toMatchObject({ ...toxin, serial: "SN8842" });
  });

  it("reads a filler box with a national healthcare number after the serial", () => {
    const scan = read("]d2" + "01" + FILLER + "17280500" + "10W12345" + GS + "21AB77" + GS + "71012345678");
    expect(scan).toMatchObject({ gtin: FILLER, lot: "W12345", serial: "AB77", expiresText: "2028-05-31" });
    expect(scan.ais["710"]).toBe("12345678");
  });

  it("reads a GS1-128 carton label with its ]C1 identifier, and the lot-only and expiry-only labels of older cartons", () => {
    expect(read("]C1" + "01" + TOXIN + "17270131" + "10C1234C3")).toMatchObject(toxin);
    expect(read("]C1" + "10C1234C3")).toEqual({ form: "elementString", lot: "C1234C3", raw: "]C110C1234C3", ais: { "10": "C1234C3" }, warnings: [] });
    const expiryOnly = read("]C1" + "17270131");
    expect(expiryOnly).toMatchObject({ expiresText: "2027-01-31" });
    expect(expiryOnly).not.toHaveProperty("gtin");
    expect(expiryOnly).not.toHaveProperty("lot");
  });

  it("ignores the Enter or Tab a keyboard-wedge scanner sends at the end", () => {
    expect(read("01" + TOXIN + "17270131" + "10C1234C3\r\n")).toMatchObject({ ...toxin, raw: "01" + TOXIN + "17270131" + "10C1234C3" });
    expect(read("\t01" + TOXIN + "17270131" + "10C1234C3\t")).toMatchObject(toxin);
  });
});

describe("separators as scanners and their software really send them", () => {
  const expected = { gtin: TOXIN, lot: "C1234C3", serial: "SN8842", expiresText: "2027-01-31", warnings: [] };
  const layout = (sep: string) => "01" + TOXIN + "10C1234C3" + sep + "21SN8842" + sep + "17270131";

  it.each([
    ["ASCII 29 itself", GS],
    ["<GS> as scanner utilities show it", "<GS>"],
    ["{GS} as GS1's Syntax Engine writes it", "{GS}"],
    ["[GS]", "[GS]"],
    ["<FNC1>", "<FNC1>"],
    ["^] (caret notation of Ctrl+])", "^]"],
    ["^ (GS1 Syntax Engine's FNC1)", "^"],
    ["␝ (the printable symbol for GS)", "\u241d"],
    ["↔ (what Windows types for Alt+029)", "\u2194"],
    ["~1 (label software's FNC1 escape)", "~1"],
    ["a space", " "],
  ])("reads the separator written as %s", (_name, sep) => {
    expect(read(layout(sep))).toMatchObject(expected);
  });

  it("accepts a leading separator (FNC1 in first position) and a trailing one", () => {
    expect(read(GS + layout(GS) + GS)).toMatchObject(expected);
    expect(read("^" + layout("^"))).toMatchObject(expected);
  });

  it("strips the symbology identifiers of GS1 DataMatrix, GS1-128, GS1 QR Code, GS1 DataBar and GS1 DotCode", () => {
    for (const id of ["]d2", "]C1", "]Q3", "]e0", "]J1"]) expect(read(id + layout(GS))).toMatchObject(expected);
  });
});

describe("the printed (human-readable) form", () => {
  it("reads (01)…(17)…(10)… with or without spaces", () => {
    const expected = { form: "humanReadable", gtin: TOXIN, lot: "C1234C3", expiresText: "2027-01-31" };
    expect(read(`(01)${TOXIN}(17)270131(10)C1234C3`)).toMatchObject(expected);
    expect(read(`(01) ${TOXIN} (17) 270131 (10) C1234C3`)).toMatchObject(expected);
    expect(read(`(01)${TOXIN}(10)C1234C3(17)270100`)).toMatchObject(expected);
  });

  it("refuses a printed line that is not all (AI)data parts", () => {
    expect(refusal(`(01)${TOXIN} LOT C1234C3`)).toBe(
      `The scanned product code "${TOXIN} LOT C1234C3" has 26 characters, more than the 14 a barcode can hold; scan again, or type the entry from the label`,
    );
    expect(refusal(`LOT (10)C1234C3`)).toMatch(/^The scanned code "LOT \(10\)C1234C3" is not a GS1 product barcode/);
    expect(refusal(`(01)${TOXIN}(17)270131 (exp)`)).toMatch(/^The scanned text .* cannot be read as \(AI\)data parts/);
  });
});

describe("GS1 Digital Link web addresses from QR codes", () => {
  it("reads the GTIN, lot and serial from the path and the expiry from the query, ignoring other parameters", () => {
    // 09506000134352 is the GTIN of the GS1 Digital Link standard's examples (check digit 2, see gtin.test.ts)
    const scan = read("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ99?17=270131&linkType=gs1:pip");
    expect(scan).toMatchObject({ form: "digitalLink", gtin: "09506000134352", lot: "ABC123", serial: "XYZ99", expiresText: "2027-01-31" });
  });

  it("accepts any host and path prefix, a QR symbology identifier, and %-encoded values", () => {
    expect(read("]Q1HTTPS://Brand.example/p/us/01/09506000134352/10/AB%2F12+3?17=270100#top")).toMatchObject({
      gtin: "09506000134352", lot: "AB/12+3", expiresText: "2027-01-31",
    });
  });

  it("pads a GTIN-13 in the path and understands the old word forms gtin, lot and exp", () => {
    expect(read("https://example.com/gtin/7350012345679/lot/W12345?exp=280500")).toMatchObject({
      gtin: FILLER, lot: "W12345", expiresText: "2028-05-31",
    });
  });

  it("checks the GTIN's check digit and the expiry as in any other form", () => {
    expect(refusal("https://id.gs1.org/01/09506000134353/10/ABC")).toBe(
      "The scanned code's GTIN check digit is wrong (09506000134353 should end in 2); scan again or type the lot",
    );
    expect(refusal("https://id.gs1.org/01/09506000134352/10/ABC?17=271301")).toMatch(/^The scanned expiry date 271301 is not a real date \(there is no month 13\)/);
  });

  it("refuses a web address that is no product link, and one with a part a Digital Link does not have", () => {
    expect(refusal("https://www.example.com/products/botox")).toMatch(/^The scanned QR code is a web address without a product code/);
    expect(refusal("https://id.gs1.org/01/09506000134352/99/X")).toMatch(/has a part "\/99\/"/);
    expect(refusal("https://id.gs1.org/01/09506000134352/10/%E0%A4%A")).toMatch(/broken %-code/);
  });
});

describe("barcodes that carry only the GTIN", () => {
  const onlyProduct = "This barcode carries only the product code; type the lot and expiry from the label, or scan the square 2D code if the box has one";

  it("reads a UPC-A, an EAN-13 and an EAN-8 as the GTIN, padded to 14 digits", () => {
    // UPC-A 36123456789·: 9·3 + 8 + 7·3 + 6 + 5·3 + 4 + 3·3 + 2 + 1·3 + 6 + 3·3 = 110 → 0
    expect(read("361234567890")).toEqual({ form: "gtinOnly", gtin: TOXIN, raw: "361234567890", ais: { "01": TOXIN }, warnings: [onlyProduct] });
    expect(read("]E0361234567890").gtin).toBe(TOXIN);
    expect(read("7350012345679").gtin).toBe(FILLER);
    expect(read("]E496385074").gtin).toBe("00000096385074");
  });

  it("tells GTIN-13 and GTIN-14 apart from the element string (01) by length", () => {
    expect(read("0" + "7350012345679").gtin).toBe(FILLER);
    expect(read("01" + FILLER).gtin).toBe(FILLER);
  });

  it("refuses a UPC with a wrong check digit", () => {
    expect(refusal("]E0361234567891")).toBe("The scanned code's GTIN check digit is wrong (361234567891 should end in 0); scan again or type the lot");
    expect(refusal("361234567891")).toBe("The scanned code's GTIN check digit is wrong (361234567891 should end in 0); scan again or type the lot");
  });
});

describe("scans that are refused, with what to do", () => {
  it("names a wrong GTIN check digit and the digit it should end in", () => {
    expect(refusal("]d2" + "0100361234567891" + "17270131" + "10C1234C3")).toBe(
      "The scanned code's GTIN check digit is wrong (00361234567891 should end in 0); scan again or type the lot",
    );
  });

  it("names what a truncated scan is missing", () => {
    expect(refusal("]d2" + "01003612345678")).toBe(
      'The scan stopped short: the product code (AI 01) needs 14 digits but only "003612345678" arrived; scan again',
    );
    expect(refusal("01" + TOXIN + "1727")).toBe('The scan stopped short: the expiry date (AI 17) needs 6 digits but only "27" arrived; scan again');
    expect(refusal("01" + TOXIN + "17270131" + "10")).toBe(
      "The scan stopped short: the lot number (AI 10) needs at least one character but nothing arrived; scan again",
    );
    expect(refusal("01" + TOXIN + "10C1234C3" + GS + "17")).toMatch(/^The scan stopped short: the expiry date \(AI 17\) needs 6 digits but nothing arrived/);
  });

  it("refuses an AI Lotbook does not know, and a barcode that is no GS1 code at all", () => {
    expect(refusal("01" + TOXIN + "8912")).toBe(
      'The scanned code has a part Lotbook does not recognise at character 17 ("8912"); scan again, or type the entry from the label',
    );
    expect(refusal("hello")).toMatch(/^The scanned code "hello" is not a GS1 product barcode/);
  });

  it("refuses an expiry that is no calendar date", () => {
    expect(refusal("01" + TOXIN + "17271301" + "10C1")).toMatch(/^The scanned expiry date 271301 is not a real date \(there is no month 13\)/);
    expect(refusal("01" + TOXIN + "17270230" + "10C1")).toMatch(/\(February 2027 has 28 days\)/);
  });

  it("refuses a code with two different expiries, and a lot longer than a barcode can hold", () => {
    expect(refusal(`(01)${TOXIN}(17)270131(17)270228`)).toMatch(/^The scanned code has two different expiry dates \("270131" and "270228"\)/);
    expect(refusal("01" + TOXIN + "10" + "ABCDEFGHIJKLMNOPQRSTU" + GS + "17270131")).toMatch(/^The scanned lot number "ABCDEFGHIJKLMNOPQRSTU" has 21 characters, more than the 20/);
  });

  it("says so when nothing was scanned", () => {
    expect(refusal(" \r\n")).toBe("Nothing was scanned; scan the barcode again");
    expect(refusal("]d2")).toBe("Nothing was scanned; scan the barcode again");
    expect(refusal("<GS>")).toBe("Nothing was scanned; scan the barcode again");
  });
});

describe("expiry dates", () => {
  it("are Excel serials in the workbook's date system", () => {
    expect(read("01" + TOXIN + "17270131").expires).toBe(serialFromYmd(2027, 1, 31));
    expect(read("01" + TOXIN + "17270131", { dateSystem: 1904, today: (TODAY - 1462) as Serial }).expires).toBe(serialFromYmd(2027, 1, 31, 1904));
  });

  it("take the century from today: 49 years back to 50 ahead (GS1 General Specifications, section 7.12)", () => {
    expect(read("01" + TOXIN + "17760101").expiresText).toBe("2076-01-01");
    expect(read("01" + TOXIN + "17770101").expiresText).toBe("1977-01-01");
    expect(read("01" + TOXIN + "17290101", { today: serialFromYmd(2080, 1, 1) }).expiresText).toBe("2129-01-01");
    expect(read("01" + TOXIN + "17800101", {}).expiresText).toBe("2080-01-01");
  });

  it("point out an expiry already past, when today is given", () => {
    expect(read("01" + TOXIN + "17260516").warnings).toEqual(["The scanned expiry 5/16/2026 has already passed"]);
    expect(read("01" + TOXIN + "17260517").warnings).toEqual([]);
    expect(read("01" + TOXIN + "17260516", {}).warnings).toEqual([]);
  });

  it("come from the expiry date and time (AI 7003) when there is no AI 17", () => {
    expect(read("01" + TOXIN + "70032701311530" + GS + "10C1").expiresText).toBe("2027-01-31");
    expect(refusal("01" + TOXIN + "70032701312575")).toMatch(/no real time of day \(2575\)/);
  });
});

describe("telling a scan from typing", () => {
  it("recognises scans in any of their forms", () => {
    for (const t of [
      "]d2" + "01" + TOXIN, "01" + TOXIN + "10C1234C3" + GS + "17270131", `(01)${TOXIN}(17)270131`,
      "https://id.gs1.org/01/09506000134352/10/ABC", "01" + TOXIN + "17270131", "10C1" + "<GS>" + "17270131",
    ]) expect(looksLikeScan(t)).toBe(true);
  });

  it("leaves what a person types alone", () => {
    for (const t of ["C1234C3", "Botox 100U", "40", "3/15/2026", "https://example.com/about", "(555) 010-0000"]) {
      expect(looksLikeScan(t)).toBe(false);
    }
  });
});
