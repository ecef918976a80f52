import type { Ledger } from "./ledger";
import { findRepeats, minuteOf, type Repeat } from "./parse/drawRepeats";

const found = new WeakMap<Ledger, readonly Repeat[]>();

/**
 * The Draws rows that repeat another (see `findRepeats`), found once per ledger when first asked
 * for: only CHECK and the full list of diagnostics show them, so a sheet of other formulas never
 * pays for a search of a quarter of a million draws.
 * @example drawRepeats(ledger).length // 21155
 */
export function drawRepeats(ledger: Ledger): readonly Repeat[] {
  let repeats = found.get(ledger);
  if (!repeats) found.set(ledger, (repeats = findRepeats(ledger.draws.rows, visitCount(ledger), ledger.draws.columnNames)));
  return repeats;
}

/**
 * The repeats among Draws rows numbered `from` to `to` (exclusive): what a form shows for the
 * draws it is about to add. Only the lines of their visits and the loose draws of their minutes are
 * looked at, which gives the same warnings as the whole table would (see `findRepeats`).
 * @example drawRepeatsIn(ledger, 250_002, 250_003)
 */
export function drawRepeatsIn(ledger: Ledger, from: number, to: number): readonly Repeat[] {
  const whole = found.get(ledger);
  const rows = ledger.draws.rows;
  const first = firstAtOrAfter(ledger, from);
  let end = first;
  while (end < rows.length && rows[end].row < to) end++;
  if (whole) return whole.filter((r) => r.at >= first && r.at < end);
  if (end === first) return [];
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

/** The position of the first Draws row numbered `row` or later (rows are in the order of their numbers). */
function firstAtOrAfter(ledger: Ledger, row: number): number {
  const rows = ledger.draws.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
