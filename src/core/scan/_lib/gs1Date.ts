/** GS1 dates: six digits YYMMDD, the century chosen by the sliding window of GS1. */

export interface Gs1Date {
  readonly year: number;
  readonly month: number;
  /** The day meant: for day `00`, the last day of the month. */
  readonly day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The full year of a two-digit GS1 year: within 49 years before and 50 years after the
 * reference year (GS1 General Specifications, section 7.12). Without a reference year, 20YY.
 * @example fullYear(26, 2026) // 2026
 * @example fullYear(80, 2026) // 1980
 */
export function fullYear(yy: number, referenceYear?: number): number {
  if (referenceYear === undefined) return 2000 + yy;
  const century = referenceYear - (referenceYear % 100);
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * Reads YYMMDD. Day `00` (where allowed) means the last day of the month, leap years included:
 * "130200" is 28 February 2013, "160200" is 29 February 2016 (GS1 General Specifications,
 * section 3.4, the note under AI 17). Returns why it is no date when it is none.
 * @example readYymmdd("260200", 2026, true) // { year: 2026, month: 2, day: 28 }
 */
export function readYymmdd(digits: string, referenceYear: number | undefined, allowDay00: boolean): Gs1Date | { problem: string } {
  if (!/^\d{6}$/.test(digits)) return { problem: "it is not six digits" };
  const year = fullYear(Number(digits.slice(0, 2)), referenceYear);
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12) return { problem: `there is no month ${digits.slice(2, 4)}` };
  const last = daysInMonth(year, month);
  if (day === 0) return allowDay00 ? { year, month, day: last } : { problem: "the day is 00" };
  if (day > last) return { problem: `${MONTH_NAMES[month - 1]} ${year} has ${last} days` };
  return { year, month, day };
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
