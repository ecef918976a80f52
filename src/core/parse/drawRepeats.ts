import type { Serial } from "../dates";
import type { DiagnosticKind } from "../diagnostic";
import { severityOf } from "../messages";
import type { DrawRow, Issue } from "../rows";
import { keepShape } from "../_lib/shapes";

/** A draw that repeats another: its position in the Draws rows, and the warning on it. */
export interface Repeat {
  readonly at: number;
  readonly issue: Issue;
}

/**
 * Finds the draws that repeat another, in the order of the rows: the same date, visit, lot,
 * quantity and kind (entered twice), and one visit id used for two patients or on two days (their
 * costs would merge). Each is one warning on the later row, naming the earlier one. `only`: the
 * positions to look at, in order (all rows when left out). A draw is compared only with the
 * earlier lines of its own visit, or the earlier loose draws of its minute, so the positions of
 * some visits' lines and some minutes' loose draws give exactly the repeats among them.
 * These are warnings only: nothing waits for them, so a ledger finds them when they are asked for
 * (`drawRepeats`), not while its rows are read.
 * @example findRepeats(rows, 85_111, { lot: "Lot", visit: "Visit" })[0] // { at: 7, issue: { column: "Lot", … } }
 */
export function findRepeats(rows: readonly DrawRow[], visits: number, names: Readonly<Record<string, string>>, only?: readonly number[]): Repeat[] {
  const found: Repeat[] = [];
  const repeats = new DrawRepeats(rows, Math.max(visits, rows.length), names, found);
  if (only) for (const at of only) repeats.check(rows[at], at);
  else for (let at = 0; at < rows.length; at++) repeats.check(rows[at], at);
  return found;
}

/** The minute of a time: loose draws (no visit) are compared with those of the same minute only. */
export function minuteOf(time: Serial): number {
  return Math.round(time * MINUTES_PER_DAY) | 0;
}

/**
 * The state of `findRepeats`. Draws are named by their position in the table's rows, and the lines
 * of a visit (or the loose draws of a minute) chain back through typed arrays: a quarter of a
 * million draws make no per-draw lists or map entries.
 */
class DrawRepeats {
  /** By position: the line of the same visit (or loose draw of the same minute) checked before it, −1 for none. */
  private readonly prev: Int32Array;
  /** By visit index: the positions of its first and latest lines (−1 before any). */
  private readonly firstOf: Int32Array;
  private readonly lastOf: Int32Array;
  /** By visit index: 1 once the visit is warned of (another patient or day). */
  private readonly warned: Uint8Array;
  /**
   * Draws without a visit (waste, samples), by the minute of their time: the latest one that
   * repeats no other. A whole number of minutes is a small integer, which a Map hashes at once,
   * where a fractional serial is a boxed double; draws of one minute are told apart by their times.
   */
  private readonly loose = new Map<number, number>();

  /** `size`: room for that many positions and visit indices. */
  constructor(
    private readonly rows: readonly DrawRow[],
    size: number,
    private readonly names: Readonly<Record<string, string>>,
    private readonly found: Repeat[],
  ) {
    this.prev = new Int32Array(size);
    this.firstOf = new Int32Array(size).fill(-1);
    this.lastOf = new Int32Array(size);
    this.warned = new Uint8Array(size);
  }

  /** Checks the draw at position `at` of the rows against those before it. */
  check(d: DrawRow, at: number): void {
    if (d.time === null || d.qty === null || !compared(d)) return;
    const rows = this.rows;
    if (d.visitIndex < 0) {
      // By time first (a number, no key text to build), then field by field: tens of thousands of waste rows.
      // Only draws that repeat no other are chained, so at most one of each time can match.
      const minute = minuteOf(d.time);
      const latest = this.loose.get(minute);
      for (let p = latest ?? -1; p >= 0; p = this.prev[p]) {
        if (rows[p].time === d.time && sameDraw(rows[p], d)) return this.warn(at, this.names.lot, { code: "repeated-draw", firstRow: rows[p].row });
      }
      this.prev[at] = latest ?? -1;
      this.loose.set(minute, at);
      return;
    }
    const v = d.visitIndex;
    if (this.firstOf[v] < 0) {
      this.firstOf[v] = this.lastOf[v] = at;
      this.prev[at] = -1;
      return;
    }
    const first = rows[this.firstOf[v]];
    this.prev[at] = this.lastOf[v];
    this.lastOf[v] = at;
    // Only the first time a visit is seen to disagree: one warning per visit says it all.
    if (this.warned[v] === 0) {
      const shown = this.names.visit;
      if (first.patient !== null && d.patient !== null && first.patient !== d.patient && first.patient.toUpperCase() !== d.patient.toUpperCase()) {
        this.warned[v] = 1;
        this.warn(at, shown, { code: "visit-other-patient", visitId: d.visit!, firstRow: first.row, firstPatient: first.patient, patient: d.patient });
      } else if (first.time !== null && Math.floor(first.time) !== Math.floor(d.time)) {
        this.warned[v] = 1;
        this.warn(at, shown, { code: "visit-other-day", visitId: d.visit!, firstRow: first.row });
      }
    }
    for (let p = this.prev[at], steps = 0; p >= 0 && steps < 64; p = this.prev[p], steps++) {
      if (rows[p].time === d.time && sameDraw(rows[p], d)) return this.warn(at, this.names.lot, { code: "repeated-draw", firstRow: rows[p].row });
    }
  }

  private warn(at: number, column: string, kind: DiagnosticKind): void {
    this.found.push({ at, issue: { column, severity: severityOf(kind.code), kind } });
  }
}

const MINUTES_PER_DAY = 1440;

/**
 * Whether a row is a draw to compare: not one whose kind is unknown (its one error says it all;
 * it may not be the Visit draw it would be read as) nor a subtotal row (which names no draw).
 */
function compared(d: DrawRow): boolean {
  return d.issues === null || !d.issues.some((i) => i.kind.code === "unknown-kind" || i.kind.code === "subtotal-row");
}

/** Whether two draws record the same thing, their time and visit aside. */
function sameDraw(e: DrawRow, d: DrawRow): boolean {
  return e.lotKey === d.lotKey && e.productKey === d.productKey && e.qty === d.qty && e.kind === d.kind && e.locationKey === d.locationKey && e.toKey === d.toKey;
}

// Its shape outlives every search (see `keepShape`).
keepShape(new DrawRepeats([], 0, {}, []));
