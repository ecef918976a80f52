import fc from "fast-check";
import { NameIndex } from "../../src/core/parse/nameIndex";
import { KeyTable } from "../../src/core/parse/keyTable";
import { locationKey } from "../../src/core";

/** A table filled as the Draws parse fills it: each key looked up, and added when it has no index. */
function fill(keys: readonly string[], expected: number): KeyTable {
  const table = new KeyTable(expected);
  for (const key of keys) if (table.indexOf(key) < 0) table.add(key);
  return table;
}

describe("the key table", () => {
  it("answers as a Map of each key to the order it was first seen in, whatever size it was made for", () => {
    // Short keys from a small alphabet repeat often; `expected` from 0 makes the table grow many times.
    const key = fc.string({ unit: fc.constantFrom("V", "1", "2", "3", "a", "é", " "), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.nat(400), (keys, expected) => {
        const map = new Map<string, number>();
        for (const k of keys) if (!map.has(k)) map.set(k, map.size);
        const table = fill(keys, expected);
        expect(table.size).toBe(map.size);
        expect([...table.entries()]).toEqual([...map.entries()]);
        expect([...table]).toEqual([...map]);
        expect([...table.keys()]).toEqual([...map.keys()]);
        expect([...table.values()]).toEqual([...map.values()]);
        for (const k of [...keys, "absent", ""]) {
          expect(table.get(k)).toBe(map.get(k));
          expect(table.has(k)).toBe(map.has(k));
        }
        const seen: [string, number][] = [];
        table.forEach((v, k, m) => {
          expect(m).toBe(table);
          seen.push([k, v]);
        });
        expect(seen).toEqual([...map]);
      }),
    );
  });

  it("keeps every one of many thousands of ids, made for a hundredth of them", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `V${String(i).padStart(7, "0")}`);
    const table = fill([...ids, ...ids.slice(0, 500)], 200);
    expect(table.size).toBe(20_000);
    expect(table.get("V0000000")).toBe(0);
    expect(table.get("V0019999")).toBe(19_999);
    expect(table.indexOf("V0020000")).toBe(-1);
    expect(table.keyList()).toEqual(ids);
  });
});

describe("the location index of the Draws parse", () => {
  it("gives names of one key one index, in the order keys are first seen, and the first spelling of each", () => {
    const places = new NameIndex(locationKey);
    const indices = ["Main", "Suite  B", "main", " MAIN ", "suite b", "Mobile kit"].map((n) => places.indexOf(n));
    expect(indices).toEqual([0, 1, 0, 0, 1, 2]);
    expect(places.keys).toEqual(["main", "suite b", "mobile kit"]);
    expect(places.key(" Mobile  KIT")).toBe("mobile kit");
    expect([...places.firstNames()]).toEqual([["main", "Main"], ["suite b", "Suite  B"], ["mobile kit", "Mobile kit"]]);
  });
});
