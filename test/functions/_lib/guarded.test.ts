import { excelError } from "../../../src/functions/_lib/excelError";
import { guarded } from "../../../src/functions/_lib/guarded";
import { thrown } from "../_ledger";


describe("guarded", () => {
  it("returns what the body returns", () => {
    expect(guarded(() => [[260]])).toEqual([[260]]);
  });

  it("lets an Excel error through unchanged", () => {
    const e = excelError("na", "no usable stock of Botox 100U");
    expect(thrown(() => guarded(() => { throw e; }))).toBe(e);
  });

  it("turns an unexpected failure into #VALUE! that says what happened, never a bare error", () => {
    expect(thrown(() => guarded(() => { throw new RangeError("not a finite number: NaN"); }))).toEqual({
      code: "#VALUE!",
      message: "Lotbook could not compute this formula (not a finite number: NaN); please report it with the shape of your tables",
    });
  });
});
