import fc from "fast-check";
import { AmountColumn } from "../../src/core/_lib/amount";

describe("AmountColumn", () => {
  it("adds exactly past 2^53, where doubles alone would round", () => {
    const c = new AmountColumn(1);
    // 2^53 − 1 is the largest safe integer; 2^53 + 1 is not a double.
    c.set(0, Number.MAX_SAFE_INTEGER);
    c.add(0, 2);
    expect(c.get(0)).toBe(9_007_199_254_740_993n);
    // Further small additions keep counting from there.
    c.add(0, 7);
    c.add(0, -3);
    expect(c.get(0)).toBe(9_007_199_254_740_997n);
  });

  it("keeps every amount, carried parts included, when resized to hold more", () => {
    const c = new AmountColumn(2);
    c.set(0, 5);
    c.set(1, Number.MAX_SAFE_INTEGER);
    c.add(1, 10);
    const bigger = c.resized(4);
    expect([bigger.get(0), bigger.get(1), bigger.get(2), bigger.get(3)]).toEqual([5, 9_007_199_254_741_001n, 0, 0]);
    expect(bigger.length).toBe(4);
  });

  it("agrees with bigint arithmetic on any sequence of sets and adds (model test)", () => {
    const amount = fc.oneof(
      fc.integer({ min: -1e15, max: 1e15 }),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 52),
    );
    const op = fc.tuple(fc.constantFrom("set", "add"), fc.integer({ min: 0, max: 2 }), amount);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const c = new AmountColumn(3);
        const model = [0n, 0n, 0n];
        for (const [kind, i, a] of ops) {
          if (kind === "set") {
            c.set(i, a);
            model[i] = BigInt(a);
          } else {
            c.add(i, a);
            model[i] += BigInt(a);
          }
        }
        for (let i = 0; i < 3; i++) {
          const got = c.get(i);
          expect(BigInt(got)).toBe(model[i]);
          if (typeof got === "number") expect(Number.isSafeInteger(got)).toBe(true);
        }
      }),
      { seed: 20261127, numRuns: 500 },
    );
  });
});
