import type { Serial } from "./dates";

/**
 * A point on the ledger's timeline. Events on one day run: counts of the day before (they stand
 * at its end), receipts, draws, then timed counts; ties keep row order.
 * `t` is a serial with time; `phase` orders events at the same `t`.
 */
export interface Instant {
  readonly t: number;
  readonly phase: number;
  /** The calendar day (serial) the instant falls on: an untimed as-of means the end of this day. */
  readonly day: Serial;
  /** The moment as a serial with time, for comparing with an open vial's use-by. */
  readonly moment: number;
}

export const PHASE_END_OF_DAY = -1;
export const PHASE_RECEIPT = 0;
export const PHASE_DRAW = 1;
export const PHASE_TIMED_COUNT = 2;
const PHASE_ALL = 3;

/**
 * The as-of instant for a serial: without a time of day it means the end of that day (so today's
 * counts are included); with a time, that moment.
 * @example asOfInstant(46096).day // 46096
 */
export function asOfInstant(asOf: Serial): Instant {
  const day = Math.floor(asOf) as Serial;
  if (asOf === day) return { t: day + 1, phase: PHASE_END_OF_DAY, day, moment: day + 1 };
  return { t: asOf, phase: PHASE_ALL, day, moment: asOf };
}

/** The end of time: every event is before it. */
export const END_OF_TIME: Instant = { t: Infinity, phase: PHASE_ALL, day: Infinity as Serial, moment: Infinity };

/** True when an event at (t, phase) has happened by the instant. */
export function isBy(t: number, phase: number, at: Instant): boolean {
  return t < at.t || (t === at.t && phase <= at.phase);
}

/** A key for caching results per instant. */
export function instantKey(at: Instant): string {
  return `${at.t}|${at.phase}`;
}
