import { formatSerial, isFirstOfMonth, parseTextDate, serialFromDate, serialFromYmd, type Serial, ymdFromSerial } from "../../src/core/dates";
import { asOfInstant, isBy, PHASE_END_OF_DAY, PHASE_RECEIPT } from "../../src/core/instant";

describe("Excel serial dates", () => {
  it("match Excel's 1900 system (3/15/2026 is 46096) and the 1904 system (1462 days less)", () => {
    expect(serialFromYmd(2026, 3, 15)).toBe(46096);
    expect(serialFromYmd(2026, 3, 15, 1904)).toBe(46096 - 1462);
    expect(ymdFromSerial(46096 as Serial)).toEqual({ year: 2026, month: 3, day: 15 });
    expect(ymdFromSerial((46096 - 1462) as Serial, 1904)).toEqual({ year: 2026, month: 3, day: 15 });
    expect(formatSerial(46096.75 as Serial)).toBe("3/15/2026");
  });

  it("reads a JS Date from a file by the date and time it shows", () => {
    expect(serialFromDate(new Date(Date.UTC(2026, 2, 15, 18)))).toBe(46096.75);
  });

  it("reads ISO, US and named dates, with times", () => {
    expect(parseTextDate("2026-03-15", 1900, false)).toEqual({ serial: 46096, monthOnly: false });
    expect(parseTextDate("3/15/2026", 1900, false)).toEqual({ serial: 46096, monthOnly: false });
    expect(parseTextDate("3/15/26", 1900, false)).toEqual({ serial: 46096, monthOnly: false });
    expect(parseTextDate("15 Mar 2026", 1900, false)?.serial).toBe(46096);
    expect(parseTextDate("2026-03-15 18:00", 1900, false)?.serial).toBe(46096.75);
    expect(parseTextDate("3/15/2026 6:00 PM", 1900, false)?.serial).toBe(46096.75);
  });

  it("reads a month-only expiry as the last day of that month, only where allowed", () => {
    expect(parseTextDate("2026-02", 1900, true)).toEqual({ serial: serialFromYmd(2026, 2, 28), monthOnly: true });
    expect(parseTextDate("02/2028", 1900, true)).toEqual({ serial: serialFromYmd(2028, 2, 29), monthOnly: true });
    expect(parseTextDate("2026-02", 1900, false)).toBeNull();
  });

  it("refuses what is not a calendar date instead of guessing", () => {
    for (const t of ["2026-02-30", "13/15/2026", "15/03/2026", "soon", "2026-13", "3/15/2026 25:00"]) {
      expect(parseTextDate(t, 1900, true)).toBeNull();
    }
  });

  it("knows a first of the month", () => {
    expect(isFirstOfMonth(serialFromYmd(2026, 3, 1), 1900)).toBe(true);
    expect(isFirstOfMonth(serialFromYmd(2026, 3, 31), 1900)).toBe(false);
  });
});

describe("the Serial brand", () => {
  it("keeps a plain number (a quantity, a count of days) from passing for a date", () => {
    // @ts-expect-error a plain number is not a serial; make one with serialFromYmd
    const plain: Serial = 46096;
    const made: Serial = serialFromYmd(2026, 3, 15);
    expect(made).toBe(plain);
  });
});

describe("as-of instants", () => {
  it("take a date without time as the end of that day: the day's counts are in, the next day's receipts are not", () => {
    const at = asOfInstant(46096 as Serial);
    expect(isBy(46097, PHASE_END_OF_DAY, at)).toBe(true);
    expect(isBy(46097, PHASE_RECEIPT, at)).toBe(false);
    expect(at.day).toBe(46096);
  });
});

describe("the start of Excel's 1900 system", () => {
  it("numbers 1/1/1900 as 1 and keeps Excel's phantom 2/29/1900 as 60", () => {
    expect(serialFromYmd(1900, 1, 1)).toBe(1);
    expect(serialFromYmd(1900, 2, 28)).toBe(59);
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(ymdFromSerial(1 as Serial)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(ymdFromSerial(60 as Serial)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(ymdFromSerial(61 as Serial)).toEqual({ year: 1900, month: 3, day: 1 });
  });
});
