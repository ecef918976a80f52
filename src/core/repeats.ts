import type { Ledger } from "./ledger";
import { findRepeats, minuteOf, type Repeat } from "./parse/drawRepeats";
import { rowPosition, type DrawRow } from "./rows";
import { lineageOf } from "./update";

const found = new WeakMap<Ledger, readonly Repeat[]>();

/**
 * The Draws rows that repeat another (see `findRepeats`), found once per ledger when first asked
 * for: only CHECK and the full list of diagnostics show them, so a sheet of other formulas never
 * pays for a search of a quarter of a million draws.
 * @example drawRepeats(ledger).length // 21155
 */
export function drawRepeats(ledger: Ledger): readonly Repeat[] {
  let repeats = found.get(ledger);
  if (!repeats) found.set(ledger, (repeats = appended(ledger) ?? findRepeats(ledger.draws.rows, visitCount(ledger), ledger.draws.columnNames)));
  return repeats;
}

/**
 * The repeats of a ledger updated from another (`updateLedger`) by rows appended to Draws, from the
 * earlier ledger's: a draw is compared only with those above it, so the rows kept say the same,
 * and only the appended ones are looked at. `null` when a kept row reads differently (an edit, a
 * row read again that changed) or the earlier ledger's repeats were never found.
 */
function appended(ledger: Ledger): readonly Repeat[] | null {
  const lineage = lineageOf(ledger);
  const earlier = lineage && found.get(lineage.prev);
  if (!lineage || !earlier) return null;
  const kept = lineage.prev.draws.rows.length;
  for (const { before, after, at } of lineage.redrawn) {
    if (before === null ? at < kept : !sameToCompare(before, after)) return null;
  }
  const rows = ledger.draws.rows;
  return rows.length === kept ? earlier : [...earlier, ...repeatsAt(ledger, kept, rows.length)];
}

/** Two readings of a kept Draws row that every repeat check reads alike. */
function sameToCompare(a: DrawRow, b: DrawRow): boolean {
  return a.row === b.row && a.time === b.time && a.visit === b.visit && a.visitIndex === b.visitIndex && a.patient === b.patient &&
    a.productKey === b.productKey && a.lotKey === b.lotKey && a.qty === b.qty && a.kind === b.kind && a.locationKey === b.locationKey &&
    a.toKey === b.toKey && JSON.stringify(a.issues) === JSON.stringify(b.issues);
}

/**
 * The repeats among Draws rows numbered `from` to `to` (exclusive): what a form shows for the
 * draws it is about to add. Only the lines of their visits and the loose draws of their minutes are
 * looked at, which gives the same warnings as the whole table would (see `findRepeats`).
 * @example drawRepeatsIn(ledger, 250_002, 250_003)
 */
export function drawRepeatsIn(ledger: Ledger, from: number, to: number): readonly Repeat[] {
  const rows = ledger.draws.rows;
  const first = rowPosition(rows, from);
  let end = first;
  while (end < rows.length && rows[end].row < to) end++;
  const whole = found.get(ledger);
  return whole ? whole.filter((r) => r.at >= first && r.at < end) : repeatsAt(ledger, first, end);
}

/** The repeats among the Draws rows at positions `first` to `end` (exclusive), from their visits' lines and their minutes' loose draws. */
function repeatsAt(ledger: Ledger, first: number, end: number): Repeat[] {
  const rows = ledger.draws.rows;
  if (end <= first) return [];
  const visits = new Set<number>();
  const minutes = new Set<number>();
  for (let at = first; at < end; at++) {
    const { visitIndex, time } = rows[at];
    if (visitIndex >= 0) visits.add(visitIndex);
    else if (time !== null) minutes.add(minuteOf(time));
  }
  const visitOf = ledger.draws.visitOf;
  const only: number[] = [];
  for (let at = 0; at < end; at++) {
    const v = visitOf && at < visitOf.length ? visitOf[at] : rows[at].visitIndex;
    if (v >= 0 ? visits.has(v) : minutes.size > 0 && rows[at].time !== null && minutes.has(minuteOf(rows[at].time!))) only.push(at);
  }
  return findRepeats(rows, visitCount(ledger), ledger.draws.columnNames, only).filter((r) => r.at >= first);
}

function visitCount(ledger: Ledger): number {
  return ledger.draws.visits?.ids.length ?? 0;
}
