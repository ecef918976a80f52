import fc from "fast-check";
import { AppendList, cut, growable, grown } from "../../src/core/_lib/grow";

describe("grown typed columns", () => {
  it("keeps the column it grew from as it was, and its values first", () => {
    const before = Int32Array.from([4, 5, 6]);
    const after = grown(before, 5);
    after[3] = 7;
    after[4] = 8;
    expect([...before]).toEqual([4, 5, 6]);
    expect([...after]).toEqual([4, 5, 6, 7, 8]);
  });

  it("grows a grown column in place, then gives a second growth of the same column its own copy", () => {
    const first = grown(Int32Array.from([1, 2]), 3);
    first[2] = 3;
    const second = grown(first, 4);
    second[3] = 4;
    expect(second.buffer).toBe(first.buffer); // room to spare: no copy
    // A trial grown from `first` beside `second` must not write over second's value at 3.
    const trial = grown(first, 4);
    trial[3] = 99;
    expect(trial.buffer).not.toBe(first.buffer);
    expect([...second]).toEqual([1, 2, 3, 4]);
    expect([...trial]).toEqual([1, 2, 3, 99]);
    expect([...first]).toEqual([1, 2, 3]);
  });

  it("every column in a random history of growths reads what was written to it", () => {
    // A history: each step grows one earlier column by a few values and writes them.
    const step = fc.record({ from: fc.nat(), by: fc.integer({ min: 1, max: 700 }), value: fc.integer({ min: 1, max: 250 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const columns: Uint8Array[] = [new Uint8Array(0)];
        const expected: number[][] = [[]];
        for (const s of steps) {
          const at = s.from % columns.length;
          const base = columns[at];
          const next = grown(base, base.length + s.by);
          for (let i = base.length; i < next.length; i++) next[i] = s.value;
          columns.push(next);
          expected.push([...expected[at], ...new Array<number>(s.by).fill(s.value)]);
        }
        columns.forEach((c, i) => expect([...c]).toEqual(expected[i]));
      }),
      { seed: 20261130, numRuns: 200 },
    );
  });

  it("grows a column cut from a growable one in place, with zeros past what it kept", () => {
    const made = growable(Int32Array, 10);
    made.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const kept = cut(made, 3);
    expect([...kept]).toEqual([1, 2, 3]);
    const more = grown(kept, 5);
    expect(more.buffer).toBe(made.buffer);
    expect([...more]).toEqual([1, 2, 3, 0, 0]);
  });
});

describe("AppendList", () => {
  it("grows onto the same array, and the list before still reads only its own items", () => {
    const before = AppendList.owning(["a", "b"]);
    const held = before.items;
    const after = before.concat(["c"]);
    expect(after.items).toBe(held); // pushed, not copied
    expect(after.items).toEqual(["a", "b", "c"]);
    expect(before.items).toEqual(["a", "b"]);
    expect(before.length).toBe(2);
  });

  it("every list in a random history of appends reads what was appended to it", () => {
    const step = fc.record({ from: fc.nat(), items: fc.array(fc.integer(), { minLength: 0, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const lists = [AppendList.owning<number>([])];
        const expected: number[][] = [[]];
        for (const s of steps) {
          const at = s.from % lists.length;
          lists.push(lists[at].concat(s.items));
          expected.push([...expected[at], ...s.items]);
          // Reading in between: a list read while it is the longest must not fix what the others read.
          if (s.from % 3 === 0) void lists[s.from % lists.length].items;
        }
        lists.forEach((l, i) => {
          expect([...l.items]).toEqual(expected[i]);
          expect(l.length).toBe(expected[i].length);
        });
      }),
      { seed: 20261130, numRuns: 200 },
    );
  });
});
