/**
 * Dates in the engine are Excel serial numbers: whole days, with the time of day as a fraction.
 * Comparisons never need to know the workbook's date system; turning text such as `2026-03-15`
 * into a serial, or a serial into a calendar date, does (1900 or 1904).
 * Branded so that a plain number (a quantity, a count of days, a row index) is not taken for a
 * date by mistake: one is made by `serialFromYmd`, `serialFromDate`, the parser, or a cast where
 * Excel hands over a date cell's number.
 */
export type Serial = number & { readonly __serial: unique symbol };
export type DateSystem = 1900 | 1904;

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31 in the 1900 system: the last date Excel can show. */
export const MAX_SERIAL = 2_958_465;

/**
 * The serial of a calendar date (month 1–12).
 * @example serialFromYmd(2026, 3, 15) // 46096
 */
export function serialFromYmd(year: number, month: number, day: number, system: DateSystem = 1900): Serial {
  const ms = Date.UTC(year, month - 1, day);
  const serial = Math.round((ms - (system === 1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS);
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60): before it, one less.
  return (system === 1900 && serial < 61 ? serial - 1 : serial) as Serial;
}

/**
 * The calendar date of a serial (time of day ignored).
 * @example ymdFromSerial(46096) // { year: 2026, month: 3, day: 15 }
 */
export function ymdFromSerial(serial: Serial, system: DateSystem = 1900): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  if (system === 1900 && whole === 60) return { year: 1900, month: 2, day: 29 };
  const d = new Date((system === 1904 ? EPOCH_1904 : EPOCH_1900) + (system === 1900 && whole < 60 ? whole + 1 : whole) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A serial as a US-style date for messages, e.g. `3/15/2026`.
 * @example formatSerial(46096) // "3/15/2026"
 */
export function formatSerial(serial: Serial, system: DateSystem = 1900): string {
  const { year, month, day } = ymdFromSerial(serial, system);
  return `${month}/${day}/${year}`;
}

/**
 * The serial of a JS Date as ExcelJS reads it (its UTC fields are the date and time shown).
 * @example serialFromDate(new Date(Date.UTC(2026, 2, 15, 12))) // 46096.5
 */
export function serialFromDate(d: Date, system: DateSystem = 1900): Serial {
  return ((d.getTime() - (system === 1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS) as Serial;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** What a date typed as text turned out to be. `monthOnly` means "the last day of that month". */
export interface TextDate {
  readonly serial: Serial;
  readonly monthOnly: boolean;
}

function valid(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

function fullYear(y: string): number {
  const n = parseInt(y, 10);
  return y.length <= 2 ? 2000 + n : n;
}

function timeFraction(h?: string, mi?: string, s?: string, ampm?: string): number | null {
  if (h === undefined) return 0;
  let hour = parseInt(h, 10);
  const minute = parseInt(mi ?? "0", 10);
  const second = parseInt(s ?? "0", 10);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm.toLowerCase() === "pm";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return (hour * 3600 + minute * 60 + second) / 86400;
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?Z?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` + TIME + "$");
const US = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})` + TIME + "$");
const ISO_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const US_MONTH = /^(\d{1,2})[/-](\d{4})$/;
const NAMED_DMY = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/;
const NAMED_MDY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const NAMED_MY = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/;

function monthNamed(name: string): number | undefined {
  return MONTHS[name.slice(0, name.toLowerCase().startsWith("sept") ? 4 : 3).toLowerCase()];
}

/**
 * A date typed as text: ISO `2026-03-15` (optionally with a time), US `3/15/2026`, `15 Mar 2026`,
 * `Mar 15, 2026`, and month-only `2026-03`, `03/2026`, `Mar 2026` (month-only only where
 * `allowMonthOnly`, and then it means the last day of the month). `null` when it is not a date.
 * @example parseTextDate("03/2026", 1900, true) // { serial: 46112, monthOnly: true }
 */
export function parseTextDate(text: string, system: DateSystem, allowMonthOnly: boolean): TextDate | null {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) return dayWithTime(+m[1], +m[2], +m[3], system, m[4], m[5], m[6], m[7]);
  m = US.exec(t);
  if (m) return dayWithTime(fullYear(m[3]), +m[1], +m[2], system, m[4], m[5], m[6], m[7]);
  m = NAMED_DMY.exec(t);
  if (m) return dayWithTime(+m[3], monthNamed(m[2]) ?? 0, +m[1], system);
  m = NAMED_MDY.exec(t);
  if (m) return dayWithTime(+m[3], monthNamed(m[1]) ?? 0, +m[2], system);
  if (!allowMonthOnly) return null;
  m = ISO_MONTH.exec(t);
  if (m) return monthEnd(+m[1], +m[2], system);
  m = US_MONTH.exec(t);
  if (m) return monthEnd(+m[2], +m[1], system);
  m = NAMED_MY.exec(t);
  if (m) return monthEnd(+m[2], monthNamed(m[1]) ?? 0, system);
  return null;
}

function dayWithTime(
  year: number, month: number, day: number, system: DateSystem,
  h?: string, mi?: string, s?: string, ampm?: string,
): TextDate | null {
  if (!valid(year, month, day)) return null;
  const frac = timeFraction(h, mi, s, ampm);
  if (frac === null) return null;
  return { serial: (serialFromYmd(year, month, day, system) + frac) as Serial, monthOnly: false };
}

function monthEnd(year: number, month: number, system: DateSystem): TextDate | null {
  if (!valid(year, month, 1)) return null;
  return { serial: serialFromYmd(year, month, lastDayOfMonth(year, month), system), monthOnly: true };
}

/** True when the serial falls on the first day of a month (Excel turned a typed `03/2026` into March 1st). */
export function isFirstOfMonth(serial: Serial, system: DateSystem): boolean {
  return ymdFromSerial(serial, system).day === 1;
}
