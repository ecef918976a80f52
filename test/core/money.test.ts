import { formatMoney, MONEY_ONE, moneyFromNumber, moneyToNumber } from "../../src/core/money";
import { addQty, QTY_ONE, type Qty, qtyFromNumber, subQty, ZERO_QTY } from "../../src/core/quantity";
import { decimalToScaled, divRound, scaledToText } from "../../src/core/_lib/decimalText";

describe("money", () => {
  it("holds what Excel shows, not the binary float behind it", () => {
    expect(moneyFromNumber(6.8)).toBe(6_800_000_000_000n);
    expect(moneyFromNumber(0.1) + moneyFromNumber(0.2)).toBe(moneyFromNumber(0.3));
    expect(moneyFromNumber(1e-7)).toBe(100_000n);
    expect(moneyFromNumber(-12.5)).toBe(-12_500_000_000_000n);
  });

  it("hands Excel the nearest double, so $20.40 is exactly 20.4", () => {
    expect(moneyToNumber(3n * moneyFromNumber(6.8))).toBe(20.4);
    expect(moneyToNumber(123_456_789n * MONEY_ONE + 10n ** 10n)).toBe(123456789.01);
    expect(moneyToNumber(-227_500_000_000_000n)).toBe(-227.5);
    expect(moneyToNumber(1n)).toBe(1e-12);
  });

  it("formats dollars and cents for messages", () => {
    expect(formatMoney(1_234_505_000_000_000n)).toBe("$1,234.51");
    expect(formatMoney(-260n * MONEY_ONE)).toBe("-$260.00");
  });
});

describe("quantities", () => {
  it("are branded: a plain number (a serial, a count of days) is not a Qty", () => {
    // @ts-expect-error a plain number is not a quantity; make one with qtyFromNumber
    const plain: Qty = 40_000_000;
    const made: Qty = qtyFromNumber(40).qty;
    expect(made).toBe(plain);
    expect(addQty(made, QTY_ONE)).toBe(41_000_000);
    expect(subQty(ZERO_QTY, made)).toBe(-40_000_000);
  });
});

describe("decimal text", () => {
  it("parses plain and exponent forms exactly, rounding half to even past the scale", () => {
    expect(decimalToScaled("12.345", 2)).toBe(1234n);
    expect(decimalToScaled("12.355", 2)).toBe(1236n);
    expect(decimalToScaled(".5", 1)).toBe(5n);
    expect(decimalToScaled("1.5e-3", 6)).toBe(1500n);
    expect(decimalToScaled("2E3", 0)).toBe(2000n);
    expect(decimalToScaled("abc", 2)).toBeNull();
    expect(decimalToScaled(".", 2)).toBeNull();
  });

  it("prints without trailing zeros", () => {
    expect(scaledToText(2_605_000n, 4)).toBe("260.5");
    expect(scaledToText(-5n, 3)).toBe("-0.005");
  });

  it("rounds division half away from zero, the same for units taken and units found", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(7n, 3n)).toBe(2n);
    expect(divRound(-7n, 3n)).toBe(-2n);
  });
});
