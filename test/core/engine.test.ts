import {
  atRisk, check, conservation, expiring, expiryAlerts, fefoLot, fefoPlan, lotCost, lotRemaining, moneyToNumber,
  openVials, qtyFromNumber, qtyToNumber, recall, shrinkageLog, shrinkageTotal, stockValue, visitCogs, visitMargin, buildLedger,
  countOwner, drawOwner, drawRef, marginBy, visitKey,
} from "../../src/core";
import { d, dollars, ledgerOf, units, value } from "./_ledger";

describe("FEFO across lots of one product", () => {
  // January lot at $6.00/U expires in December; the March lot at $6.80/U expires in September.
  const lots = [
    ["Botox 100U", "JAN-1", d(2026, 12, 31), d(2026, 1, 10), 100, "U", 6.0],
    ["Botox 100U", "MAR-1", d(2026, 9, 30), d(2026, 3, 5), 100, "U", 6.8],
  ];

  it("proposes the lot that expires first, whatever order they arrived in", () => {
    const ledger = ledgerOf({ lots, draws: [] });
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 4, 1)))).toBe("MAR-1");
    // Before the March lot arrives, the January lot is the only one.
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 2, 1)))).toBe("JAN-1");
  });

  it("costs each visit from the lot it drew", () => {
    const ledger = ledgerOf({
      lots,
      draws: [
        [d(2026, 4, 2), "V1", "P1", "Botox 100U", "MAR-1", 20, "Visit", 300],
        [d(2026, 4, 3), "V2", "P2", "Botox 100U", "JAN-1", 20, "Visit", 300],
      ],
    });
    expect(dollars(visitCogs(ledger, "V1"))).toBe(136); // 20 × 6.80
    expect(dollars(visitCogs(ledger, "V2"))).toBe(120); // 20 × 6.00
    expect(dollars(visitMargin(ledger, "V1"))).toBe(164); // 300 − 136
  });

  it("skips an expired lot and the lot with no stock", () => {
    const ledger = ledgerOf({
      lots,
      draws: [[d(2026, 9, 1), null, null, "Botox 100U", "JAN-1", 100, "Waste", null]],
    });
    // MAR-1 expired on 9/30; JAN-1 was emptied on 9/1: nothing usable on 10/1.
    expect(fefoLot(ledger, "Botox 100U", d(2026, 10, 1))).toEqual({ ok: false, error: { kind: "na", message: "no usable stock of Botox 100U" } });
    // Through its expiry day the lot is still usable.
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 9, 30)))).toBe("MAR-1");
  });

  it("breaks expiry ties by earlier receipt, then lot number, and puts lots without expiry last", () => {
    const ledger = ledgerOf({
      lots: [
        ["Sculptra", "NOEXP", null, d(2026, 1, 1), 2, "vial", 400],
        ["Sculptra", "B-2", d(2027, 1, 31), d(2026, 2, 1), 2, "vial", 400],
        ["Sculptra", "B-1", d(2027, 1, 31), d(2026, 2, 1), 2, "vial", 400],
        ["Sculptra", "A-9", d(2027, 1, 31), d(2026, 1, 15), 2, "vial", 400],
      ],
    });
    const plan = value(fefoPlan(ledger, "Sculptra", qtyFromNumber(8).qty, d(2026, 3, 1)));
    expect(plan.lines.map((l) => l.lot)).toEqual(["A-9", "B-1", "B-2", "NOEXP"]);
    expect(plan.short).toBe(0);
  });

  it("plans a draw across lots and reports what stock cannot cover", () => {
    const ledger = ledgerOf({ lots, draws: [] });
    const plan = value(fefoPlan(ledger, "Botox 100U", qtyFromNumber(250).qty, d(2026, 4, 1)));
    expect(plan.lines.map((l) => [l.lot, qtyToNumber(l.qty)])).toEqual([["MAR-1", 100], ["JAN-1", 100]]);
    expect(qtyToNumber(plan.short)).toBe(50);
  });
});

describe("FIFO cost layers within one lot", () => {
  // The same lot bought twice: 100 U at $6.00, then 100 U at $7.00.
  const lots = [
    ["Dysport", "D-77", d(2027, 6, 30), d(2026, 1, 1), 100, "U", 6],
    ["Dysport", "D-77", d(2027, 6, 30), d(2026, 2, 1), 100, "U", 7],
  ];

  it("takes the older price first and splits a draw across the two layers", () => {
    const ledger = ledgerOf({
      lots,
      draws: [
        [d(2026, 2, 2), "V1", "P1", "Dysport", "D-77", 80, "Visit", null],
        [d(2026, 2, 3), "V2", "P2", "Dysport", "D-77", 40, "Visit", null],
      ],
    });
    expect(dollars(visitCogs(ledger, "V1"))).toBe(480); // 80 × 6
    expect(dollars(visitCogs(ledger, "V2"))).toBe(260); // 20 × 6 + 20 × 7
    expect(dollars(stockValue(ledger, "D-77", d(2026, 2, 3)))).toBe(560); // 80 × 7
    expect(dollars(lotCost(ledger, "D-77"))).toBe(6.5); // (600 + 700) / 200
  });

  it("takes missing units at a count from the oldest layer and puts found units in the newest", () => {
    const ledger = ledgerOf({
      lots,
      draws: [[d(2026, 2, 2), "V1", "P1", "Dysport", "D-77", 50, "Visit", null]],
      counts: [
        [d(2026, 2, 10), "Dysport", "D-77", 140], // expected 150: 10 missing from the $6 layer
        [d(2026, 2, 20), "Dysport", "D-77", 145], // expected 140: 5 found, back into the $7 layer
      ],
    });
    const log = shrinkageLog(ledger).map(value);
    expect(log.map((e) => [qtyToNumber(e.expected), qtyToNumber(e.counted), qtyToNumber(e.shrinkage), moneyToNumber(e.cost)]))
      .toEqual([[150, 140, 10, 60], [140, 145, -5, -35]]);
    // Visit V2 after the counts takes the remaining 40 U of the $6 layer, then 5 U at $7.
    expect(units(lotRemaining(ledger, "D-77", d(2026, 2, 20)))).toBe(145);
    expect(dollars(shrinkageTotal(ledger, "Dysport", "cost"))).toBe(25);
    expect(units(shrinkageTotal(ledger, "*", "units"))).toBe(5);
  });
});

describe("event order", () => {
  const lots = [["Juvederm", "J1", d(2027, 1, 31), d(2026, 5, 1), 10, "mL", 300]];

  it("lets a draw on the day of receipt use it, and an untimed count stand at the end of its day", () => {
    const ledger = ledgerOf({
      lots,
      draws: [
        [d(2026, 5, 1), "V1", "P1", "Juvederm", "J1", 1, "Visit", null],
        [d(2026, 5, 2, 15, 30), "V2", "P2", "Juvederm", "J1", 0.5, "Visit", null],
      ],
      counts: [[d(2026, 5, 2), "Juvederm", "J1", 8.5]],
    });
    expect(check(ledger).filter((x) => x.severity === "error")).toEqual([]);
    // The count on 5/2 comes after the 3:30 pm draw that day: expected 8.5, no shrinkage.
    expect(shrinkageLog(ledger).map((e) => qtyToNumber(value(e).shrinkage))).toEqual([0]);
    // As of 5/2 10:00 (a time), the afternoon draw has not happened yet.
    expect(units(lotRemaining(ledger, "J1", d(2026, 5, 2, 10)))).toBe(9);
    expect(units(lotRemaining(ledger, "J1", d(2026, 5, 2)))).toBe(8.5);
  });

  it("resets remaining to the counted quantity and goes negative on an overdraw, never clamped", () => {
    const ledger = ledgerOf({
      lots,
      draws: [[d(2026, 5, 3), "V1", "P1", "Juvederm", "J1", 12, "Visit", null]],
    });
    expect(units(lotRemaining(ledger, "J1", d(2026, 5, 3)))).toBe(-2);
    expect(check(ledger).map((x) => [x.table, x.row, x.severity, x.code])).toEqual([["Draws", 2, "warning", "overdraw"]]);
    // The 2 mL beyond stock are charged at the lot's cost too: 12 × 300.
    expect(dollars(visitCogs(ledger, "V1"))).toBe(3600);
  });
});

describe("money is exact", () => {
  it("charges 3 U at $6.80 as exactly 20.40, not 20.400000000000002", () => {
    const ledger = ledgerOf({
      lots: [["Botox 100U", "L1", d(2027, 1, 1), d(2026, 1, 1), 100, "U", 6.8]],
      draws: [[d(2026, 1, 2), "V1", "P1", "Botox 100U", "L1", 3, "Visit", null]],
    });
    expect(dollars(visitCogs(ledger, "V1"))).toBe(20.4);
  });

  it("relieves a Total Cost that does not divide evenly so the lot still costs exactly what was paid", () => {
    // $1,000 for 3 syringes: $333.333… each. Three draws of 1 must add up to $1,000.00.
    const ledger = buildLedger({
      lots: [["Product", "Lot", "Expires", "Received", "Qty", "Total Cost"], ["Radiesse", "R1", d(2027, 1, 1), d(2026, 1, 1), 3, "$1,000.00"]],
      draws: [
        ["Date", "Visit", "Patient", "Product", "Lot", "Qty"],
        [d(2026, 1, 2), "V1", "P1", "Radiesse", "R1", 1],
        [d(2026, 1, 3), "V2", "P2", "Radiesse", "R1", 1],
        [d(2026, 1, 4), "V3", "P3", "Radiesse", "R1", 1],
      ],
    });
    const costs = ["V1", "V2", "V3"].map((v) => value(visitCogs(ledger, v)));
    expect(costs.reduce((a, b) => a + b, 0n)).toBe(1000n * 10n ** 12n);
    for (const c of costs) expect(moneyToNumber(c)).toBeCloseTo(333.333333, 6);
    expect(conservation(ledger).residue).toBe(0n);
  });
});

describe("opened vials", () => {
  const products = [
    ["Product", "Unit", "Vial Size", "Use Within Hours"],
    ["Botox 100U", "U", 100, 24],
  ];
  const lots = [
    ["Botox 100U", "EARLY", d(2026, 8, 31), d(2026, 1, 1), 200, "U", 6],
    ["Botox 100U", "LATE", d(2026, 12, 31), d(2026, 1, 1), 200, "U", 6],
  ];

  it("draws from an opened vial still within its use-by before the earlier-expiring lot", () => {
    const ledger = ledgerOf({
      lots,
      products,
      draws: [[d(2026, 3, 1, 9), "V1", "P1", "Botox 100U", "LATE", 30, "Visit", null]],
    });
    // LATE's vial was opened at 9:00 with 70 U left: it goes first until 9:00 next day.
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 3, 1, 17)))).toBe("LATE");
    expect(value(fefoLot(ledger, "Botox 100U", d(2026, 3, 2, 10)))).toBe("EARLY");
    const plan = value(fefoPlan(ledger, "Botox 100U", qtyFromNumber(100).qty, d(2026, 3, 1, 17)));
    expect(plan.lines.map((l) => [l.lot, qtyToNumber(l.qty)])).toEqual([["LATE", 70], ["EARLY", 30]]);
  });

  it("reports what is left in a vial past its use-by instead of writing it off", () => {
    const ledger = ledgerOf({
      lots,
      products,
      draws: [[d(2026, 3, 1, 9), "V1", "P1", "Botox 100U", "EARLY", 30, "Visit", null]],
    });
    const vials = openVials(ledger, d(2026, 3, 2, 12)).map(value);
    expect(vials).toEqual([
      { product: "Botox 100U", lot: "EARLY", opened: d(2026, 3, 1, 9), useBy: d(2026, 3, 2, 9), left: 70_000_000, pastUseBy: true },
    ]);
    // The units stay on the books (never written off silently) but FEFO no longer counts them.
    expect(units(lotRemaining(ledger, "EARLY", d(2026, 3, 2, 12)))).toBe(170);
    const plan = value(fefoPlan(ledger, "Botox 100U", qtyFromNumber(200).qty, d(2026, 3, 2, 12)));
    expect(plan.lines.map((l) => [l.lot, qtyToNumber(l.qty)])).toEqual([["EARLY", 100], ["LATE", 100]]);
  });
});

describe("draws with a blank lot", () => {
  it("are costed as if FEFO had been followed, split across lots, and flagged", () => {
    const ledger = ledgerOf({
      lots: [
        ["Botox 100U", "A", d(2026, 6, 30), d(2026, 1, 1), 10, "U", 6],
        ["Botox 100U", "B", d(2026, 9, 30), d(2026, 1, 1), 100, "U", 7],
      ],
      draws: [[d(2026, 2, 1), "V1", "P1", "Botox 100U", null, 15, "Visit", null]],
    });
    expect(dollars(visitCogs(ledger, "V1"))).toBe(95); // 10 × 6 + 5 × 7
    const warnings = check(ledger);
    expect(warnings.map((w) => [w.table, w.row, w.column, w.severity])).toEqual([["Draws", 2, "Lot", "warning"]]);
    expect(warnings[0].message).toContain("costed as A (10) and B (5)");
    const r = recall(ledger, "B", true).map(value);
    expect(r).toEqual([{ date: d(2026, 2, 1), visit: "V1", patient: "P1", provider: null, product: "Botox 100U", qty: 5_000_000, drawRow: 2, assumed: true }]);
  });
});

describe("visit margin", () => {
  const lots = [["Botox 100U", "L1", d(2027, 1, 31), d(2026, 1, 1), 100, "U", 6.5]];

  it("is Σ price − COGS, counting a blank price as 0 with a warning", () => {
    const ledger = ledgerOf({
      lots,
      draws: [
        [d(2026, 1, 2), "V1", "P1", "Botox 100U", "L1", 20, "Visit", 400],
        [d(2026, 1, 2), "V1", "P1", "Botox 100U", "L1", 10, "Visit", null],
      ],
    });
    expect(dollars(visitMargin(ledger, "V1"))).toBe(205); // 400 − 30 × 6.5
    expect(check(ledger).map((x) => [x.row, x.column, x.severity])).toEqual([[3, "Price", "warning"]]);
  });

  it("is not available when no line of the visit has a price", () => {
    const ledger = ledgerOf({ lots, draws: [[d(2026, 1, 2), "V1", "P1", "Botox 100U", "L1", 20, "Visit", null]] });
    expect(visitMargin(ledger, "V1")).toMatchObject({ ok: false, error: { kind: "na" } });
    expect(visitCogs(ledger, "v1 ")).toEqual({ ok: true, value: 130n * 10n ** 12n });
  });
});

describe("shrinkage with a loss allowance", () => {
  it("shows the expected dead-space loss apart from unexplained shrinkage", () => {
    const ledger = ledgerOf({
      lots: [["Botox 100U", "L1", d(2027, 1, 1), d(2026, 1, 1), 200, "U", 6]],
      products: [["Product", "Loss Allowance"], ["Botox 100U", "5%"]],
      draws: [
        [d(2026, 1, 5), "V1", "P1", "Botox 100U", "L1", 50, "Visit", null],
        [d(2026, 1, 6), "V2", "P2", "Botox 100U", "L1", 50, "Visit", null],
      ],
      counts: [[d(2026, 1, 31), "Botox 100U", "L1", 92]],
    });
    const [e] = shrinkageLog(ledger).map(value);
    // Expected 100, counted 92: 8 U missing; 5 % of the 100 U injected (5 U) is allowed; 3 U unexplained.
    expect([e.expected, e.counted, e.shrinkage, e.allowedLoss!, e.unexplained!].map(qtyToNumber)).toEqual([100, 92, 8, 5, 3]);
    expect(moneyToNumber(e.cost)).toBe(48);
  });
});

describe("expiry alerts", () => {
  const lots = [
    ["Botox 100U", "OLD", d(2026, 3, 31), d(2025, 6, 1), 100, "U", 6],
    ["Botox 100U", "SOON", d(2026, 4, 20), d(2025, 9, 1), 100, "U", 6],
    ["Botox 100U", "LATER", d(2026, 6, 15), d(2025, 9, 1), 100, "U", 6],
    ["Botox 100U", "FAR", d(2027, 6, 15), d(2025, 9, 1), 100, "U", 6],
    ["Botox 100U", "DUST", d(2027, 9, 15), d(2025, 9, 1), 100, "U", 6],
  ];
  const draws = [[d(2026, 1, 2), "V1", "P1", "Botox 100U", "DUST", 99, "Visit", null]];

  it("lists lots with stock expiring within the window, expired ones included, soonest first", () => {
    const ledger = ledgerOf({ lots, draws });
    const rows = expiring(ledger, 60, d(2026, 4, 1)).map(value);
    // OLD expired yesterday (−1 day); SOON in 19 days; LATER in 75 days (outside 60).
    expect(rows.map((r) => [r.lot, r.daysLeft, qtyToNumber(r.remaining), moneyToNumber(r.value)])).toEqual([
      ["OLD", -1, 100, 600],
      ["SOON", 19, 100, 600],
    ]);
  });

  it("places each lot in the smallest threshold it is within and lists residues", () => {
    const ledger = ledgerOf({ lots, draws });
    const alerts = expiryAlerts(ledger, d(2026, 4, 1)).map(value);
    expect(alerts.map((a) => [a.lot, a.threshold, a.residue])).toEqual([
      ["OLD", 0, false],
      ["SOON", 30, false],
      ["LATER", 90, false],
      ["DUST", -1, true],
    ]);
  });
});

describe("at-risk forecast", () => {
  it("simulates FEFO use at the look-back rate and values what each lot will still hold at expiry", () => {
    // 90 U used in the 90 days to 4/1: 1 U a day. A expires in 30 days holding 50 U: 30 used
    // (end of 4/1 to end of 5/1), 20 at risk. B then gets used from the end of 5/1 until the end of
    // 6/10 (40 days): 40 used, 60 at risk. C has no expiry: never at risk.
    const lots = [
      ["Botox 100U", "A", d(2026, 5, 1), d(2025, 12, 1), 50, "U", 6],
      ["Botox 100U", "B", d(2026, 6, 10), d(2025, 12, 1), 100, "U", 7],
      ["Botox 100U", "C", null, d(2025, 12, 1), 100, "U", 8],
      ["Botox 100U", "USED", d(2026, 12, 1), d(2025, 12, 1), 90, "U", 5],
      ["Botox 100U", "GONE", d(2026, 3, 1), d(2025, 12, 1), 10, "U", 5],
    ];
    const draws = [[d(2026, 2, 1), "V1", "P1", "Botox 100U", "USED", 90, "Visit", null]];
    const ledger = ledgerOf({ lots, draws });
    const rows = atRisk(ledger, d(2026, 4, 1), 90).map(value);
    expect(rows.map((r) => [r.lot, qtyToNumber(r.remaining), qtyToNumber(r.projectedUse), qtyToNumber(r.atRisk), moneyToNumber(r.atRiskValue)])).toEqual([
      ["GONE", 10, 0, 10, 50], // expired on 3/1: wholly at risk
      ["A", 50, 30, 20, 120],
      ["B", 100, 40, 60, 420],
      ["C", 100, 100, 0, 0],
    ]);
  });
});

describe("conservation", () => {
  it("accounts for every dollar: purchases = COGS + other draws + shrinkage + on hand", () => {
    const ledger = ledgerOf({
      lots: [
        ["Botox 100U", "L1", d(2027, 1, 1), d(2026, 1, 1), 100, "U", 6.5],
        ["Botox 100U", "L1", d(2027, 1, 1), d(2026, 2, 1), 100, "U", 7.25],
      ],
      draws: [
        [d(2026, 1, 2), "V1", "P1", "Botox 100U", "L1", 40, "Visit", null],
        [d(2026, 1, 3), null, null, "Botox 100U", "L1", 5, "Waste", null],
        [d(2026, 2, 3), null, null, "Botox 100U", "L1", 10, "Return", null],
      ],
      counts: [[d(2026, 2, 10), "Botox 100U", "L1", 140]],
    });
    const c = conservation(ledger);
    expect(moneyToNumber(c.purchases)).toBe(1375); // 650 + 725
    expect(moneyToNumber(c.cogs)).toBe(260); // 40 × 6.5
    expect(moneyToNumber(c.otherDraws.Waste)).toBe(32.5); // 5 × 6.5
    expect(moneyToNumber(c.otherDraws.Return)).toBe(65); // 10 × 6.5
    // Expected 200 − 55 = 145, counted 140: 5 U missing, taken from the older $6.50 layer.
    expect(moneyToNumber(c.shrinkage)).toBe(32.5);
    // Left: layer 1: 100 − 40 − 5 − 10 − 5 = 40 U × 6.5 = 260; layer 2: 100 U × 7.25 = 725.
    expect(moneyToNumber(c.onHand)).toBe(985);
    expect(c.residue).toBe(0n);
  });
});

describe("a shrinkage log that cannot be read", () => {
  const lots = [["Botox 100U", "L1", d(2027, 1, 31), d(2026, 1, 1), 100, "U", 6]];

  it("says why when the Counts table has no Counted column, instead of an empty log", () => {
    const ledger = buildLedger({
      lots: [["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"], ...lots],
      draws: [["Date", "Visit", "Patient", "Product", "Lot", "Qty"]],
      counts: [["Date", "Product", "Lot"], [d(2026, 2, 1), "Botox 100U", "L1"]],
    });
    expect(shrinkageLog(ledger)).toEqual([
      { ok: false, error: { kind: "value", message: expect.stringMatching(/^Counts row 1, Counted: the table has no Counted column/) } },
    ]);
  });

  it("asks for the Counts table when it was not passed", () => {
    const ledger = ledgerOf({ lots, draws: [] });
    expect(shrinkageLog(ledger)).toMatchObject([{ ok: false, error: { kind: "value" } }]);
  });
});

describe("rows that name only their lot", () => {
  // A draw of 10 U and a count of 90 U, both naming lot L1 and leaving Product blank: L1 is Botox's.
  const ledger = ledgerOf({
    lots: [["Botox 100U", "L1", d(2027, 1, 31), d(2026, 1, 1), 100, "U", 6.5]],
    draws: [[d(2026, 2, 1), "V1", "P1", null, "L1", 10, "Visit", 140]],
    counts: [[d(2026, 2, 2), null, "L1", 90]],
  });

  it("stay as the user wrote them, with what they refer to resolved beside them", () => {
    expect(ledger.draws.rows[0].product).toBeNull();
    expect(ledger.counts.rows[0].product).toBeNull();
    expect(drawOwner(ledger, 0)?.name).toBe("Botox 100U");
    expect(drawRef(ledger, 0).lot?.lot).toBe("L1");
    expect(countOwner(ledger, 0)?.name).toBe("Botox 100U");
  });

  it("are costed, counted, recalled and grouped as their lot's product", () => {
    // 10 U × $6.50 = $65.00; 100 − 10 = 90 expected, 90 counted: no shrinkage.
    expect(dollars(visitCogs(ledger, "V1"))).toBe(65);
    expect(shrinkageLog(ledger).map(value).map((e) => [e.product, units({ ok: true, value: e.shrinkage })])).toEqual([["Botox 100U", 0]]);
    expect(recall(ledger, "L1", false).map(value).map((e) => e.product)).toEqual(["Botox 100U"]);
    expect(marginBy(ledger, "product").map(value).map((m) => m.group)).toEqual(["Botox 100U"]);
  });

  it("refer to nothing when their lot is another product's, and say so", () => {
    const other = ledgerOf({
      lots: [["Botox 100U", "L1", d(2027, 1, 31), d(2026, 1, 1), 100, "U", 6.5]],
      draws: [[d(2026, 2, 1), "V1", "P1", "Dysport 300U", "L1", 10, "Visit", 140]],
    });
    expect(drawRef(other, 0)).toEqual({ owner: null, lot: null });
    expect(other.draws.rows[0].issues?.map((i) => i.kind.code)).toEqual(["lot-of-other-product"]);
  });
});

describe("visit ids", () => {
  it("match case-insensitively, as lot numbers do: two lines written V7 and v7 are one visit", () => {
    const ledger = ledgerOf({
      lots: [["Botox 100U", "L1", d(2027, 1, 31), d(2026, 1, 1), 100, "U", 6.5]],
      draws: [
        [d(2026, 2, 1, 10), "V7", "P1", "Botox 100U", "L1", 10, "Visit", 140],
        [d(2026, 2, 1, 10), "v7", "P1", "Botox 100U", "L1", 4, "Visit", 56],
      ],
    });
    // 14 U × $6.50 = $91.00 of goods, whichever way the id is written.
    expect(dollars(visitCogs(ledger, "V7"))).toBe(91);
    expect(dollars(visitCogs(ledger, "v7"))).toBe(91);
    expect(ledger.draws.visits?.ids).toEqual(["V7"]);
  });

  it("are keyed in upper case, beyond ASCII too", () => {
    expect(visitKey("v1024")).toBe("V1024");
    expect(visitKey("V1024")).toBe("V1024");
    expect(visitKey("visite-é12")).toBe("VISITE-É12");
    expect(visitKey("2026-03-15/A")).toBe("2026-03-15/A");
  });
});
