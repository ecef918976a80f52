/**
 * The forms a scan arrives in, turned into AI/data pairs or separator-delimited segments:
 * raw element strings (with the separator as ASCII 29, as a stand-in, or dropped), the printed
 * `(01)…(17)…(10)…` form, and GS1 Digital Link web addresses from QR codes.
 */

const GS = "\u001d";

/**
 * Symbology identifiers (ISO/IEC 15424) a scanner may put first: `]C1` GS1-128, `]d2` GS1
 * DataMatrix, `]Q3` GS1 QR Code, `]e0` GS1 DataBar, `]J1` GS1 DotCode, `]E0` EAN-13/UPC-A,
 * `]E4` EAN-8, `]I1` ITF-14, `]Q1` a plain QR code (a web address), …
 */
const SYMBOLOGY = /^\](?<code>[A-Za-z][0-9A-Za-z])/;

/** Symbologies that carry a bare GTIN (no AIs). */
export const GTIN_SYMBOLOGIES: ReadonlySet<string> = new Set(["E0", "E4", "I1"]);

/**
 * What scanners and the software around them put where the group separator (ASCII 29) belongs,
 * longest first. None of these characters can occur in GS1 data (its character set 82 has no
 * `^ ~ [ ] { } ␝ ↔ Ê`), except `<GS>` and `<FNC1>`, which no lot number plausibly contains.
 * - `<GS>`, `[GS]`, `{GS}`, `<FNC1>`: how scanner utilities and GS1's own Syntax Engine show it;
 * - `^]`: caret notation of Ctrl+], the keystroke a keyboard-wedge scanner sends for it;
 * - `^`: GS1 Syntax Engine's "unbracketed" notation for FNC1;
 * - `␝` (U+241D), the printable symbol for it;
 * - `↔` (U+2194): what Windows types for Alt+029 under the OEM code page;
 * - `~1` and `Ê` (character 202): label-software escapes for FNC1, in text pasted from a label design.
 */
// eslint-disable-next-line no-control-regex -- ASCII 29 is the group separator itself
const SEPARATOR_STAND_INS = /<GS>|\[GS\]|\{GS\}|<FNC1>|\[FNC1\]|\{FNC1\}|\^\]|\^|\u241d|\u2194|~1|\u00ca|\u001d/gi;

// eslint-disable-next-line no-control-regex -- ASCII 29 is the group separator itself
const SEPARATOR_OR_SPACE = /[\u001d\s]+/;

export type ScanForm =
  | { readonly form: "elementString"; readonly segments: readonly string[]; readonly separated: boolean; readonly symbology?: string }
  | { readonly form: "humanReadable"; readonly pairs: ReadonlyArray<readonly [string, string]> }
  | { readonly form: "digitalLink"; readonly pairs: ReadonlyArray<readonly [string, string]> }
  | { readonly form: "error"; readonly message: string };

/**
 * Recognises the form of a scan and splits it into its parts.
 * @example scanForm("]d20100312345678906\u001d17260630").form // "elementString"
 */
export function scanForm(text: string): ScanForm {
  // Keyboard wedges end a scan with Enter or Tab; the surrounding white space is not data.
  let t = text.trim();
  let symbology: string | undefined;
  const id = SYMBOLOGY.exec(t);
  if (id) {
    symbology = id.groups!.code;
    t = t.slice(id[0].length).trim();
  }
  if (t === "") return { form: "error", message: "Nothing was scanned; scan the barcode again" };
  if (/^https?:\/\//i.test(t)) return digitalLink(t);
  if (/^\(\d{2,4}\)/.test(t)) return humanReadable(t);
  const marked = t.replace(SEPARATOR_STAND_INS, GS);
  // White space inside a raw element string is not GS1 data either: some wedges send it for GS.
  const pieces = marked.split(SEPARATOR_OR_SPACE);
  const segments = pieces.filter((p) => p !== "");
  if (segments.length === 0) return { form: "error", message: "Nothing was scanned; scan the barcode again" };
  return { form: "elementString", segments, separated: pieces.length > 1, symbology };
}

/** `(01) 00312345678906 (17) 260630 (10) ABC123`, spaces optional. */
function humanReadable(t: string): ScanForm {
  const pairs: [string, string][] = [];
  const re = /\((\d{2,4})\)([^(]*)/y;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) pairs.push([m[1], m[2].trim()]);
  // Anything the pattern skipped (text outside the parentheses' reach) shows up as a difference.
  const rebuilt = pairs.map(([ai, v]) => `(${ai})${v}`).join("");
  if (rebuilt.replace(/\s/g, "") !== t.replace(/\s/g, "")) {
    return { form: "error", message: `The scanned text "${t}" looks like a printed barcode line but cannot be read as (AI)data parts; scan the barcode itself` };
  }
  return { form: "humanReadable", pairs };
}

/** Path words that GS1 Digital Link 1.0 allowed in place of AI numbers. */
const DL_ALIASES: Readonly<Record<string, string>> = {
  gtin: "01", cpv: "22", lot: "10", ser: "21", exp: "17", expdt: "7003",
};

const DL_PATH_QUALIFIERS = new Set(["22", "10", "21"]);

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * `https://any.host/any/prefix/01/<gtin>[/22/<cpv>][/10/<lot>][/21/<serial>][?17=<yymmdd>&…]`.
 * Query parameters that are not AIs (`linkType`, `context`, …) are ignored, as the standard says.
 */
function digitalLink(t: string): ScanForm {
  const m = /^https?:\/\/[^/?#]+(?<path>\/[^?#]*)?(?:\?(?<query>[^#]*))?(?:#.*)?$/i.exec(t);
  if (!m) return { form: "error", message: `The scanned web address "${t}" cannot be read; scan the barcode again` };
  const segments = (m.groups!.path ?? "").split("/").filter((s) => s !== "");
  const keyAt = segments.findIndex((s, i) => (s === "01" || s.toLowerCase() === "gtin") && i + 1 < segments.length);
  if (keyAt < 0) {
    return {
      form: "error",
      message: "The scanned QR code is a web address without a product code (no /01/ part), so it is not a GS1 Digital Link Lotbook can read; scan the other barcode on the box, or type the entry",
    };
  }
  const pairs: [string, string][] = [];
  for (let i = keyAt; i < segments.length; i += 2) {
    const key = DL_ALIASES[segments[i].toLowerCase()] ?? segments[i];
    const value = i + 1 < segments.length ? decode(segments[i + 1]) : null;
    if (i > keyAt && !DL_PATH_QUALIFIERS.has(key)) {
      return { form: "error", message: `The scanned web address has a part "/${segments[i]}/" that a GS1 Digital Link does not have there; scan the other barcode on the box, or type the entry` };
    }
    if (value === null) return { form: "error", message: `The scanned web address ends in "/${segments[i]}/" without its value, or has a broken %-code; scan again` };
    // The standard wants 14 digits after /01/; a GTIN-8, -12 or -13 as printed is padded.
    pairs.push([key, key === "01" && /^(?:\d{8}|\d{12,13})$/.test(value) ? value.padStart(14, "0") : value]);
  }
  for (const param of (m.groups!.query ?? "").split("&")) {
    if (param === "") continue;
    const eq = param.indexOf("=");
    const rawKey = decode(eq < 0 ? param : param.slice(0, eq)) ?? "";
    const key = DL_ALIASES[rawKey.toLowerCase()] ?? rawKey;
    if (!/^\d{2,4}$/.test(key)) continue;
    const value = decode(eq < 0 ? "" : param.slice(eq + 1));
    if (value === null) return { form: "error", message: `The scanned web address has a broken %-code in "${param}"; scan again` };
    pairs.push([key, value]);
  }
  return { form: "digitalLink", pairs };
}
