import { buildLedger, fefoLot, lotRemaining, moneyToNumber, qtyToNumber, serialFromYmd, visitCogs } from "../../src/core";

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

describe("the worked example from the domain notes", () => {
  // One 100 U vial of Botox at $6.50/U, drawn 40, 35 and 25 U in three visits.
  const lots = [
    ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"],
    ["Botox 100U", "C3709C3", d(2027, 6, 30), d(2026, 9, 1), 100, "U", 6.5],
  ];
  const draws = [
    ["Date", "Visit", "Patient", "Product", "Lot", "Qty"],
    [d(2026, 9, 2), "V1", "P-001", "Botox 100U", "C3709C3", 40],
    [d(2026, 9, 3), "V2", "P-002", "Botox 100U", "C3709C3", 35],
    [d(2026, 9, 4), "V3", "P-003", "Botox 100U", "C3709C3", 25],
  ];
  const ledger = buildLedger({ lots, draws });

  it("costs each visit at its fractional draw times the lot's unit cost", () => {
    // 40 × 6.50 = 260.00; 35 × 6.50 = 227.50; 25 × 6.50 = 162.50
    expect(visitCogs(ledger, "V1")).toEqual({ ok: true, value: 260_000_000_000_000n });
    expect(moneyToNumber((visitCogs(ledger, "V2") as { value: bigint }).value)).toBe(227.5);
    expect(moneyToNumber((visitCogs(ledger, "V3") as { value: bigint }).value)).toBe(162.5);
  });

  it("does not charge the whole vial to the first visit", () => {
    const v1 = visitCogs(ledger, "V1");
    expect(v1.ok && moneyToNumber(v1.value)).not.toBe(650);
    const v2 = visitCogs(ledger, "V2");
    expect(v2.ok && moneyToNumber(v2.value)).toBeGreaterThan(0);
  });

  it("leaves nothing in the lot, so FEFO has no stock to propose", () => {
    const left = lotRemaining(ledger, "C3709C3", d(2026, 9, 4));
    expect(left.ok && qtyToNumber(left.value)).toBe(0);
    const next = fefoLot(ledger, "Botox 100U", d(2026, 9, 4));
    expect(next).toEqual({ ok: false, error: { kind: "na", message: "no usable stock of Botox 100U" } });
  });
});
