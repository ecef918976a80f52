import { serialFromYmd } from "../../../src/core";
import { dateArg } from "../../../src/functions/_lib/args";
import { thrown } from "../_ledger";

describe("a date argument", () => {
  it("reads text in the workbook's date system: a 1904 workbook's day is 1,462 less", () => {
    expect(dateArg("as_of", "2026-03-15")).toBe(46096);
    expect(dateArg("as_of", "2026-03-15", 1900)).toBe(46096);
    expect(dateArg("as_of", "2026-03-15", 1904)).toBe(46096 - 1462);
    expect(dateArg("as_of", "3/15/2026", 1904)).toBe(serialFromYmd(2026, 3, 15, 1904));
  });

  it("takes a serial number as is, in either system", () => {
    expect(dateArg("as_of", 44634, 1904)).toBe(44634);
    expect(dateArg("as_of", 46096.5)).toBe(46096.5);
  });

  it("refuses what is not a date, in either system, naming the argument", () => {
    expect(thrown(() => dateArg("as_of", "soon", 1904))).toMatchObject({ message: "as_of: 'soon' is not a date; pass a date, for example TODAY()" });
    expect(thrown(() => dateArg("as_of", 0, 1904))).toMatchObject({ message: "as_of: 0 is not a date; pass a date, for example TODAY()" });
    expect(thrown(() => dateArg("as_of", null))).toMatchObject({ message: "as_of is blank; pass a date, for example TODAY()" });
  });
});
