import { excelError, isExcelError } from "../../../src/functions/_lib/excelError";

describe("excelError outside Excel", () => {
  it("is a plain error value carrying the Excel code and the message", () => {
    expect(excelError("value", "Lots row 14, Expires: 'soon' is not a date")).toEqual({
      code: "#VALUE!",
      message: "Lots row 14, Expires: 'soon' is not a date",
    });
    expect(excelError("na", "no usable stock of Botox 100U")).toEqual({ code: "#N/A", message: "no usable stock of Botox 100U" });
  });

  it("is recognised as an Excel error, unlike other thrown values", () => {
    expect(isExcelError(excelError("na", "x"))).toBe(true);
    expect(isExcelError(new Error("x"))).toBe(false);
    expect(isExcelError({ code: "#REF!", message: "x" })).toBe(false);
    expect(isExcelError(null)).toBe(false);
  });
});

describe("excelError inside Excel", () => {
  // The custom functions runtime defines CustomFunctions.Error and its ErrorCode enum globally.
  class RuntimeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const runtime = { Error: RuntimeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };

  beforeEach(() => {
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime;
  });
  afterEach(() => {
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  });

  it("is a CustomFunctions.Error with the matching code and the message", () => {
    const e = excelError("value", "as_of: 'soon' is not a date");
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e).toEqual(new RuntimeError("#VALUE!", "as_of: 'soon' is not a date"));
    expect(excelError("na", "lot X1 is not in the Lots table")).toEqual(new RuntimeError("#N/A", "lot X1 is not in the Lots table"));
  });

  it("is still recognised, so a function rethrows it as it is", () => {
    expect(isExcelError(excelError("na", "x"))).toBe(true);
  });
});
