/**
 * What a barcode scan says about a pack: product code (GTIN), lot, expiry, serial number.
 * Pure: the task pane feeds it the text a scanner typed and shows the result for confirmation;
 * nothing here writes anywhere.
 */
import { serialFromYmd, ymdFromSerial, type DateSystem, type Serial } from "../dates";
import { fail, ok, type Result } from "../result";
import { checkReading, delimitedReading, possibleReadings, strictReading, validReadings, type Checked, type Reading } from "./_lib/elements";
import { scanForm, GTIN_SYMBOLOGIES } from "./_lib/forms";
import { readYymmdd } from "./_lib/gs1Date";
import { gtin14, hasValidCheckDigit } from "./gtin";

export interface ScanOptions {
  /** The workbook's date system, for the expiry serial. Default 1900. */
  readonly dateSystem?: DateSystem;
  /**
   * Today, as a serial in that date system. It sets the century of two-digit years (GS1's window
   * of 49 years back to 50 ahead) and lets an expiry already past be pointed out. Without it a
   * year `YY` is read as 20YY.
   */
  readonly today?: Serial;
  /**
   * The scanner is known to pass separators on (an earlier scan had one): a scan without them
   * needed none, so it is read as the specification says, with no guessing where one was lost.
   */
  readonly separatorsArrive?: boolean;
}

/** How the scan arrived. `gtinOnly`: a linear UPC/EAN/ITF-14 barcode carrying just the GTIN. */
export type ScanFormName = "elementString" | "humanReadable" | "digitalLink" | "gtinOnly";

/** A scan read into Lotbook's terms. Fields the code does not carry are absent. */
export interface ScannedCode {
  readonly form: ScanFormName;
  /** The product code as 14 digits (GTIN-8, -12 and -13 padded with zeros). */
  readonly gtin?: string;
  readonly lot?: string;
  /** The expiry (AI 17, else the date of AI 7003) as an Excel serial; day `00` is the month's last day. */
  readonly expires?: Serial;
  /** The same expiry as `YYYY-MM-DD`. */
  readonly expiresText?: string;
  readonly serial?: string;
  /** The text as scanned, without the Enter or Tab a scanner adds. */
  readonly raw: string;
  /** Every AI read, with its data as scanned. */
  readonly ais: Readonly<Record<string, string>>;
  /** Things the person confirming the entry should look at. */
  readonly warnings: readonly string[];
}

/**
 * Reads a barcode scan: a GS1 element string (with its separators as ASCII 29, as a stand-in
 * such as `<GS>` or `^]`, or dropped), optionally after a symbology identifier such as `]d2`;
 * the printed `(01)…(17)…(10)…` form; a GS1 Digital Link web address; or a bare UPC/EAN.
 * @example parseScan("]d2010031234567890617260600" + "10AB12C")
 * // ok: { gtin: "00312345678906", expires: 46203 (June 30, 2026), lot: "AB12C", … }
 */
export function parseScan(text: string, options: ScanOptions = {}): Result<ScannedCode> {
  const system = options.dateSystem ?? 1900;
  const referenceYear = options.today === undefined ? undefined : ymdFromSerial(options.today, system).year;
  const raw = text.trim();
  const f = scanForm(text);
  switch (f.form) {
    case "error":
      return fail("value", f.message);
    case "humanReadable":
    case "digitalLink": {
      const r = delimitedReading(f.pairs);
      if ("error" in r) return fail("value", r.error);
      const checked = checkReading(r.reading, referenceYear);
      if (checked.error) return fail("value", checked.error);
      return ok(scannedCode(f.form, raw, checked, [], options, referenceYear));
    }
    case "elementString": {
      const only = f.segments.length === 1 ? f.segments[0] : "";
      const gtinLength = /^\d+$/.test(only) && [8, 12, 13, 14].includes(only.length);
      if (gtinLength && f.symbology !== undefined && GTIN_SYMBOLOGIES.has(f.symbology)) return bareGtin(only, raw);
      if (gtinLength && f.symbology === undefined && hasValidCheckDigit(only)) return bareGtin(only, raw);
      const read = f.separated || options.separatorsArrive
        ? readSeparated(f.segments, raw, referenceYear)
        : readRunTogether(only, raw, referenceYear);
      if ("error" in read) {
        // Twelve to fourteen digits that do not even start like an element string (with an SSCC
        // or GTIN) were meant as a UPC/EAN whose check digit is off.
        if (gtinLength && only.length >= 12 && f.symbology === undefined && !/^0[012]/.test(only)) return bareGtin(only, raw);
        return fail("value", read.error);
      }
      return ok(scannedCode("elementString", raw, read.checked, read.warnings, options, referenceYear));
    }
  }
}

function bareGtin(digits: string, raw: string): Result<ScannedCode> {
  const g = gtin14(digits);
  if ("problem" in g) {
    return fail("value", `The scanned code's GTIN check digit is wrong (${digits} should end in ${g.expected}); scan again or type the lot`);
  }
  return ok({
    form: "gtinOnly", gtin: g.gtin, raw, ais: { "01": g.gtin },
    warnings: ["This barcode carries only the product code; type the lot and expiry from the label, or scan the square 2D code if the box has one"],
  });
}

type Read = { checked: Checked; warnings: string[] } | { error: string };

/** Separators arrived (or were not needed): the specification's reading is the only one. */
function readSeparated(segments: readonly string[], raw: string, referenceYear: number | undefined): Read {
  const parts: Reading[number][] = [];
  for (const [i, segment] of segments.entries()) {
    const r = strictReading(segment, i === 0 ? raw : undefined);
    if ("error" in r) return r;
    parts.push(...r.reading);
  }
  const checked = checkReading(parts, referenceYear);
  return checked.error ? { error: checked.error } : { checked, warnings: [] };
}

interface Candidate {
  readonly reading: Reading;
  readonly checked: Checked;
  readonly cuts: number;
}

/**
 * Better first: more of the parts that prove themselves (a GTIN whose check digit holds, an
 * expiry that is a real date), then one with a lot (every pack of an injectable has one), then fewer places
 * where a missing separator was assumed, then the reading whose earlier parts run longer (the
 * specification's own reading, where it is valid).
 */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.checked.proven !== b.checked.proven) return b.checked.proven - a.checked.proven;
  const lots = Number(b.checked.ais.has("10")) - Number(a.checked.ais.has("10"));
  if (lots !== 0) return lots;
  if (a.cuts !== b.cuts) return a.cuts - b.cuts;
  for (let i = 0; i < Math.min(a.reading.length, b.reading.length); i++) {
    const d = b.reading[i].value.length - a.reading[i].value.length;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * No separator arrived, so a variable-length part (a lot, a serial number) may have swallowed
 * the parts after it. Every reading is tried; the best valid one wins, and where another valid
 * reading is as good and gives a different lot or expiry, the person is told to check the label.
 */
function readRunTogether(segment: string, raw: string, referenceYear: number | undefined): Read {
  const toCandidate = (reading: Reading): Candidate => ({
    reading, checked: checkReading(reading, referenceYear), cuts: reading.filter((p) => p.cut).length,
  });
  const search = validReadings(segment, referenceYear);
  const valid = search.readings.map(toCandidate).filter((c) => !c.checked.error).sort(compareCandidates);
  if (valid.length === 0) {
    // Say what is wrong with the likeliest reading, valid or not; else why nothing fits at all.
    const structural = possibleReadings(segment).map(toCandidate).sort(compareCandidates);
    if (structural.length > 0) return { error: structural[0].checked.error! };
    const strict = strictReading(segment, raw);
    return { error: "error" in strict ? strict.error : "The scanned code cannot be read; scan again, or type the entry from the label" };
  }
  const best = valid[0];
  const warnings: string[] = [];
  const key = (c: Candidate) => [c.checked.ais.get("10"), c.checked.ais.get("17"), c.checked.ais.get("01")].join("\u0000");
  const hasLot = (c: Candidate) => c.checked.ais.has("10");
  const rivals = valid.filter((c) => c.checked.proven === best.checked.proven && hasLot(c) === hasLot(best) && key(c) !== key(best));
  if (rivals.length > 0) warnings.push(ambiguityWarning(best, rivals));
  else if (!search.complete) {
    warnings.push("The scanner sent no separators and this code can be read in too many ways to check them all; check the lot and expiry against the label before saving");
  } else if (!best.checked.ais.has("17") && best.checked.ais.has("10") && possibleReadings(segment).some((r) => r.some((p) => p.spec.ai === "17"))) {
    warnings.push(`The scanner sent no separators and the code's expiry could not be told apart from the lot, so the lot "${best.checked.ais.get("10")}" may include trailing characters; check the lot and expiry against the label`);
  }
  return { checked: best.checked, warnings };
}

function ambiguityWarning(best: Candidate, rivals: readonly Candidate[]): string {
  const lots = [best, ...rivals].map((c) => c.checked.ais.get("10")).filter((l): l is string => l !== undefined);
  const distinctLots = [...new Set(lots)];
  if (distinctLots.length > 1) {
    const shown = distinctLots.slice(0, 4).map((l) => `"${l}"`).join(" or ");
    return `The scanner sent no separators, so the lot may include trailing characters: it reads as ${shown}. Lotbook took "${distinctLots[0]}"; check the lot against the label before saving`;
  }
  return "The scanner sent no separators, so the parts of this code can be read more than one way; check the lot and expiry against the label before saving";
}

function scannedCode(
  form: ScanFormName, raw: string, checked: Checked, warnings: string[], options: ScanOptions, referenceYear: number | undefined,
): ScannedCode {
  const ais = Object.fromEntries(checked.ais);
  const system = options.dateSystem ?? 1900;
  const out: { -readonly [K in keyof ScannedCode]: ScannedCode[K] } = { form, raw, ais, warnings };
  const gtin = checked.ais.get("01");
  if (gtin !== undefined) out.gtin = gtin;
  const lot = checked.ais.get("10");
  if (lot !== undefined) out.lot = lot;
  const serial = checked.ais.get("21");
  if (serial !== undefined) out.serial = serial;
  const expiry = checked.ais.get("17") ?? checked.ais.get("7003")?.slice(0, 6);
  if (expiry !== undefined) {
    const d = readYymmdd(expiry, referenceYear, true);
    if (!("problem" in d)) {
      out.expires = serialFromYmd(d.year, d.month, d.day, system);
      out.expiresText = `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
      if (options.today !== undefined && out.expires < Math.floor(options.today)) {
        warnings.push(`The scanned expiry ${d.month}/${d.day}/${d.year} has already passed`);
      }
    }
  } else if (checked.ais.has("15")) {
    warnings.push("The scanned code gives a best-before date, not an expiry; type the expiry from the label");
  }
  return out;
}

/**
 * True when typed text is evidently a scan rather than something a person typed: a symbology
 * identifier, a group separator or stand-in, the `(01)` form, a GS1 Digital Link, or a raw
 * element string starting with a GTIN. For the task pane to treat a scan into any field as one.
 * @example looksLikeScan("0100312345678906" + "17260630" + "10AB12C") // true
 * @example looksLikeScan("AB12C") // false
 */
export function looksLikeScan(text: string): boolean {
  const t = text.trim();
  return (
    /^\][A-Za-z][0-9A-Za-z]/.test(t) ||
    // eslint-disable-next-line no-control-regex -- ASCII 29 is the group separator itself
    /\u001d|<GS>|\{GS\}|\[GS\]|\^\]|\u241d/i.test(t) ||
    /^\((?:00|01|02|10|17|21)\)\s*[0-9A-Za-z]/.test(t) ||
    /^https?:\/\/[^/?#]+\/(?:[^?#]*\/)?(?:01|gtin)\/\d{8,14}(?:[/?#]|$)/i.test(t) ||
    (/^0[012]\d{14}/.test(t) && t.length > 16)
  );
}
