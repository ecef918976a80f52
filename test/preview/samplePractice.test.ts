// The preview's sample practice, as the engine reads it on a fixed day (Friday 27 November 2026).
import {
  buildLedger, check, describe as describeDiagnostic, fefoLot, formatMoney, formatQty, lotRemaining, openVials, serialFromYmd, shrinkageLog, stockValue, type Grid, type Serial,
} from "../../src/core";
import { samplePractice } from "../../src/preview/samplePractice";
import { expiryBand } from "../../src/preview/sheetView";

const TODAY = new Date(2026, 10, 27, 9, 0);
const T = serialFromYmd(2026, 11, 27);
const grids = samplePractice(TODAY);
const ledger = buildLedger({ lots: grids.Lots as Grid, draws: grids.Draws as Grid, counts: grids.Counts as Grid, products: grids.Products as Grid, dateSystem: 1900 });

describe("the sample practice", () => {
  it("is the same practice every time it is made for the same day", () => {
    expect(samplePractice(new Date(2026, 10, 27, 17, 30))).toEqual(grids);
  });

  it("holds lots in every expiry band, counted from the day it is made", () => {
    const band = (lot: string) => expiryBand(grids.Lots.find((r) => r[1] === lot)![2], T);
    expect(["C5501A", "RL2290", "C6120B", "JU4410", "D88201", "D90417", "C7033D"].map(band)).toEqual(["expired", "expired", "within30", "within30", "within60", "within90", null]);
  });

  it("has a year of visits, four toxins (one not yet received) and two fillers", () => {
    const dates = grids.Draws.slice(1).map((r) => r[0] as number);
    expect(Math.min(...dates)).toBeLessThan(T - 359);
    expect(grids.Draws.length - 1).toBeGreaterThan(80);
    expect(grids.Products.slice(1).map((r) => r[0])).toEqual(["Botox 100U", "Dysport 300U", "Xeomin 100U", "Juvederm Ultra XC", "Restylane Lyft", "Jeuveau 100U"]);
  });

  it("has one count that finds a unit of Botox missing, worth its $6.50 unit cost, and Suite B's opening count that finds all there", () => {
    const log = shrinkageLog(ledger).map((r) => (r.ok ? { lot: r.value.lot, location: r.value.location, missing: formatQty(r.value.shrinkage), cost: formatMoney(r.value.cost) } : r.error.message));
    expect(log).toEqual([
      { lot: "C5501A", location: "Main Street", missing: "1", cost: "$6.50" },
      { lot: "C7033D", location: "Suite B", missing: "0", cost: "$0.00" },
    ]);
  });

  it("keeps stock at two locations: Suite B holds the 50 U of C7033D sent from Main Street, at their cost", () => {
    expect([...ledger.sites.names.values()]).toEqual(["Main Street", "Suite B"]);
    // C7033D: 200 U received at $6.80, none drawn (FEFO takes C6120B first); 50 U moved.
    expect([lotRemaining(ledger, "C7033D", T, "Main Street"), lotRemaining(ledger, "C7033D", T, "Suite B")].map((r) => r.ok && formatQty(r.value))).toEqual(["150", "50"]);
    // 50 U × $6.80 = $340.00 at Suite B; and FEFO there is the one lot it holds.
    const atB = stockValue(ledger, "*", T, "Suite B");
    expect(atB.ok && formatMoney(atB.value)).toBe("$340.00");
    expect(fefoLot(ledger, "Botox 100U", T, "Suite B")).toEqual({ ok: true, value: "C7033D" });
    // The transfer moves cost, it does not spend it: the practice's stock value is the same with or without it.
    const withoutTransfer = buildLedger({ lots: grids.Lots as Grid, draws: grids.Draws.filter((r) => r[9] !== "Transfer") as Grid, counts: grids.Counts.slice(0, 2) as Grid, products: grids.Products as Grid, dateSystem: 1900 });
    expect(stockValue(ledger, "*", T)).toEqual(stockValue(withoutTransfer, "*", T));
  });

  it("has one open vial with a use-by, yesterday's Dysport, good for 72 hours (the practice keeps no use-by for the others)", () => {
    const open = openVials(ledger, (T + 0.5) as Serial).flatMap((r) => (r.ok && r.value.useBy !== null ? [r.value] : []));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ product: "Dysport 300U", lot: "D88201", pastUseBy: false });
  });

  it("reads cleanly but for a visit line left without a price, whatever the day", () => {
    // 400 days after 27 November 2026 is 1 January 2028: a label's expiry, the day before.
    expect(grids.Lots.find((r) => r[1] === "RL3012")![2]).toBe(serialFromYmd(2027, 12, 31));
    expect(check(ledger).map(describeDiagnostic)).toEqual([
      expect.stringMatching(/^Draws row \d+, Price: the price is blank while other lines of visit V\d+ have one/),
    ]);
    for (let d = 0; d < 366; d += 1) {
      const g = samplePractice(new Date(2026, 0, 1 + d));
      const l = buildLedger({ lots: g.Lots as Grid, draws: g.Draws as Grid, counts: g.Counts as Grid, products: g.Products as Grid, dateSystem: 1900 });
      expect(check(l).map((x) => `${x.table} ${x.column}`)).toEqual(["Draws Price"]);
    }
  });
});
