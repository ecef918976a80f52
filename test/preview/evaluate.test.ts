import { evaluate, parseFormula, type EvaluationContext } from "../../src/preview/evaluate";
import { reportSpec, type ReportSpec } from "../../src/taskpane/report/reportSpec";
import type { MemoryWorkbook } from "../../src/taskpane/workbook/memory";
import { NOW, practice } from "../taskpane/_practice";

function contextOf(wb: MemoryWorkbook): EvaluationContext {
  return {
    table: (name) => {
      const t = wb.table(name);
      return t ? [t.header, ...t.rows] : undefined;
    },
    today: () => NOW,
  };
}

const spill = (formula: string, wb = practice()) => {
  const r = evaluate(formula, contextOf(wb));
  if (r.kind !== "spill") throw new Error(`not evaluated: ${formula}`);
  return r.cells;
};

describe("reading a report formula", () => {
  it("takes a LOTBOOK call with text, numbers, TODAY() and whole tables", () => {
    expect(parseFormula('=LOTBOOK.MARGIN_BY("say ""hi""", 365 ,TODAY(),Lots[#All])')).toEqual({
      name: "MARGIN_BY",
      args: [{ kind: "text", text: 'say "hi"' }, { kind: "number", value: 365 }, { kind: "today" }, { kind: "table", name: "Lots" }],
    });
  });

  it("takes every formula the report writes", () => {
    const spec = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;
    for (const b of spec.blocks) expect(parseFormula(b.formula)).not.toBeNull();
  });

  it("refuses anything else rather than guess", () => {
    for (const formula of ["=SUM(A1:A3)", "=LOTBOOK.STOCK_VALUE(A1,TODAY(),Lots[#All],Draws[#All])", '=LOTBOOK.STOCK_VALUE("*",TODAY(),Lots[#All],Draws[#All])+1', "=LOTBOOK.CHECK(Lots[Lot])", '=LOTBOOK.X("a"', "Lotbook report"]) {
      expect(parseFormula(formula)).toBeNull();
      expect(evaluate(formula, contextOf(practice()))).toEqual({ kind: "text", formula, reason: expect.stringMatching(/only LOTBOOK formulas/) });
    }
  });
});

describe("evaluating a report formula with the function code", () => {
  it("gives a visit's revenue, cost of goods and margin", () => {
    // V1001: 20 U of C3709C3 at $6.50 = $130 of goods, charged $280: margin $150, 150/280 of revenue.
    expect(spill('=LOTBOOK.MARGIN_BY("visit",Draws[#All],Lots[#All],Counts[#All])')).toEqual([
      ["Visit", "Date", "Revenue", "COGS", "Margin", "Margin %"],
      ["V1001", expect.any(Number), 280, 130, 150, 150 / 280],
    ]);
  });

  it("values stock by product as of TODAY(), and the products add up to STOCK_VALUE(\"*\")", () => {
    const rows = spill("=LOTBOOK.STOCK_BY_PRODUCT(TODAY(),Lots[#All],Draws[#All],Counts[#All])");
    // Botox: 180 U at $6.50 + 100 U at $6.80 + 50 U at $6.00 = $1,170 + $680 + $300; Juvederm: 2 mL for $700.
    expect(rows).toEqual([
      ["Product", "Unit", "Remaining", "Value", "Lots"],
      ["Botox 100U", "U", 330, 2150, 3],
      ["Juvederm Ultra XC", "mL", 2, 700, 1],
    ]);
    expect(spill('=LOTBOOK.STOCK_VALUE("*",TODAY(),Lots[#All],Draws[#All],Counts[#All])')).toEqual([[2850]]);
  });

  it("shows #REF! for a table the workbook lacks, as Excel does", () => {
    const wb = practice();
    wb.tables.delete("counts");
    expect(spill("=LOTBOOK.SHRINKAGE_LOG(Lots[#All],Draws[#All],Counts[#All])", wb)).toEqual([[{ code: "#REF!", message: "This workbook has no table called Counts." }]]);
  });

  it("shows the function's own error and message when it refuses its arguments", () => {
    expect(spill('=LOTBOOK.MARGIN_BY("color",Draws[#All],Lots[#All])')).toEqual([[{ code: "#VALUE!", message: expect.stringMatching(/group_by/) }]]);
    expect(spill("=LOTBOOK.NOT_A_FUNCTION(Lots[#All])")).toEqual([[{ code: "#NAME?", message: "There is no function LOTBOOK.NOT_A_FUNCTION." }]]);
  });
});
