/**
 * Reading GS1 element strings (AI + data, run together) into parts, and checking each part's
 * content. Messages are for the person holding the scanner.
 */
import { gs1CheckDigit } from "../gtin";
import { aiAt, aiSpec, type AiSpec } from "./ais";
import { readYymmdd } from "./gs1Date";

/** One AI and its data as read from the scan. `cut`: it ended where a separator was missing. */
export interface Part {
  readonly spec: AiSpec;
  readonly value: string;
  readonly cut: boolean;
}

export type Reading = readonly Part[];

const SCAN_AGAIN = "scan again, or type the entry from the label";

function quoted(text: string, max = 24): string {
  return `"${text.length > max ? text.slice(0, max) + "…" : text}"`;
}

/**
 * The message for an AI Lotbook does not know, at position `at` of `segment`. `whole` is the scan
 * when the segment is its start (an unknown start means it is no GS1 code at all).
 */
function unknownAiMessage(segment: string, at: number, whole: string | undefined): string {
  if (at === 0 && whole !== undefined) {
    return `The scanned code ${quoted(whole)} is not a GS1 product barcode (those start with (01) and the product code); ` +
      "scan the code printed next to the lot and expiry, or type the entry";
  }
  const where = whole !== undefined ? ` at character ${at + 1}` : "";
  return `The scanned code has a part Lotbook does not recognise${where} (${quoted(segment.slice(at), 12)}); ${SCAN_AGAIN}`;
}

function shortMessage(spec: AiSpec, got: string): string {
  const need = spec.kind === "fixed" ? `${spec.length} ${spec.numeric ? "digits" : "characters"}` : "at least one character";
  const arrived = got === "" ? "nothing arrived" : `only ${quoted(got)} arrived`;
  return `The scan stopped short: the ${spec.title} (AI ${spec.ai}) needs ${need} but ${arrived}; scan again`;
}

function tooLongMessage(spec: AiSpec, value: string): string {
  return `The scanned ${spec.title} ${quoted(value, 40)} has ${value.length} characters, more than the ${spec.length} a barcode can hold; ${SCAN_AGAIN}`;
}

/**
 * Reads a segment (text between separators) the way the GS1 specifications do: each AI's data
 * has its fixed length or runs to the end. The only reading when separators are trusted.
 * `whole`: the scan, when this segment is its start.
 */
export function strictReading(segment: string, whole?: string): { reading: Reading } | { error: string } {
  const parts: Part[] = [];
  let i = 0;
  while (i < segment.length) {
    const spec = aiAt(segment, i);
    if (!spec) return { error: unknownAiMessage(segment, i, whole) };
    const start = i + spec.ai.length;
    if (spec.kind === "fixed") {
      if (start + spec.length > segment.length) return { error: shortMessage(spec, segment.slice(start)) };
      parts.push({ spec, value: segment.slice(start, start + spec.length), cut: false });
      i = start + spec.length;
    } else {
      const value = segment.slice(start);
      if (value === "") return { error: shortMessage(spec, "") };
      if (value.length > spec.length) return { error: tooLongMessage(spec, value) };
      parts.push({ spec, value, cut: false });
      i = segment.length;
    }
  }
  return { reading: parts };
}

/** More readings than this of one scan would only come from noise; stop looking. */
const MAX_READINGS = 256;

/**
 * Every way a segment can be read when the scanner may have dropped separators: a
 * variable-length part may also end where an AI that may follow a dropped separator begins.
 * The spec's own reading (each part runs to the end) is among them when it fits.
 */
export function possibleReadings(segment: string): Reading[] {
  const memo = new Map<number, Part[][]>();
  const from = (i: number): Part[][] => {
    if (i === segment.length) return [[]];
    const known = memo.get(i);
    if (known) return known;
    const out: Part[][] = [];
    const spec = aiAt(segment, i);
    const start = i + (spec?.ai.length ?? 0);
    if (spec?.kind === "fixed") {
      if (start + spec.length <= segment.length) {
        const part = { spec, value: segment.slice(start, start + spec.length), cut: false };
        for (const rest of from(start + spec.length)) out.push([part, ...rest]);
      }
    } else if (spec) {
      const last = Math.min(segment.length, start + spec.length);
      for (let end = start + 1; end <= last && out.length < MAX_READINGS; end++) {
        const value = segment.slice(start, end);
        if (end === segment.length) out.push([{ spec, value, cut: false }]);
        else if (aiAt(segment, end)?.afterDroppedSeparator) {
          for (const rest of from(end)) out.push([{ spec, value, cut: true }, ...rest]);
        }
      }
    }
    const capped = out.slice(0, MAX_READINGS);
    memo.set(i, capped);
    return capped;
  };
  return from(0);
}

/** Steps of the search below before it gives up on finding every valid reading. */
const SEARCH_BUDGET = 20_000;

/**
 * Every *valid* way a segment can be read when the scanner may have dropped separators: as
 * `possibleReadings`, but a part whose content is wrong (a check digit, a date) or that repeats
 * an AI with other data ends that reading at once, which keeps the search small. `complete` is
 * false when the budget ran out first (only noise-like scans get there).
 */
export function validReadings(segment: string, referenceYear: number | undefined): { readings: Reading[]; complete: boolean } {
  const readings: Reading[] = [];
  const parts: Part[] = [];
  const used = new Map<string, string>();
  let steps = 0;
  const visit = (i: number): void => {
    if (++steps > SEARCH_BUDGET) return;
    if (i === segment.length) {
      readings.push([...parts]);
      return;
    }
    const spec = aiAt(segment, i);
    if (!spec) return;
    const start = i + spec.ai.length;
    const take = (value: string, cut: boolean, next: number) => {
      if (partProblem(spec, value, referenceYear)) return;
      const seen = used.get(spec.ai);
      if (seen !== undefined && seen !== value) return;
      parts.push({ spec, value, cut });
      if (seen === undefined) used.set(spec.ai, value);
      visit(next);
      parts.pop();
      if (seen === undefined) used.delete(spec.ai);
    };
    if (spec.kind === "fixed") {
      if (start + spec.length <= segment.length) take(segment.slice(start, start + spec.length), false, start + spec.length);
      return;
    }
    for (let end = Math.min(segment.length, start + spec.length); end > start; end--) {
      if (end === segment.length) take(segment.slice(start), false, end);
      else if (aiAt(segment, end)?.afterDroppedSeparator) take(segment.slice(start, end), true, end);
    }
  };
  visit(0);
  return { readings, complete: steps <= SEARCH_BUDGET };
}

/** Reads delimited pairs (from the `(01)…` form or a Digital Link): lengths must fit exactly. */
export function delimitedReading(pairs: ReadonlyArray<readonly [string, string]>): { reading: Reading } | { error: string } {
  const parts: Part[] = [];
  for (const [ai, value] of pairs) {
    const spec = aiSpec(ai);
    if (!spec) return { error: `The scanned code has a part (AI ${ai}) that Lotbook does not recognise; ${SCAN_AGAIN}` };
    if (value === "" || (spec.kind === "fixed" && value.length < spec.length)) return { error: shortMessage(spec, value) };
    if (value.length > spec.length) return { error: tooLongMessage(spec, value) };
    parts.push({ spec, value, cut: false });
  }
  return { reading: parts };
}

/** The GTIN and the expiry (as a date, or with its time). */
const PROVING = new Set(["01", "17", "7003"]);

/** What checking a reading's content found. */
export interface Checked {
  /** The first problem, if any: the reading is then not a valid one. */
  readonly error?: string;
  /**
   * How many of the parts every injectable pack carries proved themselves: a GTIN whose check
   * digit holds, an expiry that is a real date. Other dates (production, best-before) are not
   * counted: a lot such as "4111250615" ends in what reads as production date 2025-06-15, and
   * must not lose to it.
   */
  readonly proven: number;
  /** AI → data, duplicates (same data) merged. */
  readonly ais: ReadonlyMap<string, string>;
}

/**
 * Checks the content of every part: digits where digits belong, check digits, calendar dates,
 * and no AI twice with different data.
 */
export function checkReading(reading: Reading, referenceYear: number | undefined): Checked {
  const ais = new Map<string, string>();
  const proven = new Set<string>();
  let error: string | undefined;
  for (const { spec, value } of reading) {
    const problem = partProblem(spec, value, referenceYear);
    if (problem) error ??= problem;
    else if (PROVING.has(spec.ai)) proven.add(spec.ai === "7003" ? "17" : spec.ai);
    const seen = ais.get(spec.ai);
    if (seen === undefined) ais.set(spec.ai, value);
    else if (seen !== value) {
      error ??= `The scanned code has two different ${spec.title}s (${quoted(seen)} and ${quoted(value)}); ${SCAN_AGAIN}`;
    }
  }
  return { error, proven: proven.size, ais };
}

function partProblem(spec: AiSpec, value: string, referenceYear: number | undefined): string | undefined {
  if (spec.numeric && !/^\d+$/.test(value)) {
    return `The scanned ${spec.title} should be digits only but reads ${quoted(value)}; ${SCAN_AGAIN}`;
  }
  if (!spec.numeric && !/^[\x21-\x7e]+$/.test(value)) {
    return `The scanned ${spec.title} ${quoted(value)} has characters a barcode cannot carry; ${SCAN_AGAIN}`;
  }
  if (spec.check === "gs1CheckDigit") {
    const expected = gs1CheckDigit(value.slice(0, -1));
    if (String(expected) !== value.slice(-1)) {
      const what = spec.ai === "00" ? "SSCC" : "GTIN";
      return `The scanned code's ${what} check digit is wrong (${value} should end in ${expected}); scan again or type the lot`;
    }
  }
  if (spec.check === "date" || spec.check === "dateTime") {
    const date = readYymmdd(value.slice(0, 6), referenceYear, spec.check === "date");
    if ("problem" in date) {
      return `The scanned ${spec.title} ${value.slice(0, 6)} is not a real date (${date.problem}); scan again or type the expiry`;
    }
    if (spec.check === "dateTime") {
      const hh = Number(value.slice(6, 8));
      const mm = Number(value.slice(8, 10));
      if (hh > 23 || mm > 59) return `The scanned ${spec.title} has no real time of day (${value.slice(6, 10)}); scan again or type the expiry`;
    }
  }
  return undefined;
}
