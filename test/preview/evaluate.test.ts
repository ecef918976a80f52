import { answerFromLedger, FORMULAS, STOCK_BY_PRODUCT } from "../../src/functions/answers";
import { LiveLedger, type Snapshot } from "../../src/live/liveLedger";
import { BUSY, evaluate, parseFormula, readFormula, shownValue, type EvaluationContext } from "../../src/preview/evaluate";
import { reportCells, reportSpec, type ReportSpec } from "../../src/taskpane/report/reportSpec";
import type { MemoryWorkbook } from "../../src/workbook/memory";
import { NOW, practice, TODAY } from "../taskpane/_practice";

/** The live ledger's answer from a snapshot, as the streams would push it. */
function answered(snapshot: Snapshot): EvaluationContext["live"] {
  return (formula, settings) => {
    try {
      return shownValue(answerFromLedger(formula, settings, snapshot, { dateSystem: 1900, today: TODAY }));
    } catch (e) {
      return shownValue(e);
    }
  };
}

function contextOf(wb: MemoryWorkbook, live: EvaluationContext["live"] = () => BUSY): EvaluationContext {
  return {
    table: (name) => {
      const t = wb.table(name);
      return t ? [t.header, ...t.rows] : undefined;
    },
    today: () => NOW,
    live,
  };
}

const spill = (formula: string, context: EvaluationContext = contextOf(practice())) => {
  const r = evaluate(formula, context);
  if (r.kind !== "spill") throw new Error(`not evaluated: ${formula}`);
  return r.cells;
};

describe("reading a report formula", () => {
  it("takes a LOTBOOK call with text, numbers, TODAY(), arguments left out and whole tables", () => {
    expect(parseFormula('=LOTBOOK.MARGIN_BY("say ""hi""", 365 ,TODAY(),,Lots[#All])')).toEqual({
      name: "MARGIN_BY",
      args: [{ kind: "text", text: 'say "hi"' }, { kind: "number", value: 365 }, { kind: "today" }, { kind: "omitted" }, { kind: "table", name: "Lots" }],
    });
    expect(parseFormula("=LOTBOOK.CHECK()")).toEqual({ name: "CHECK", args: [] });
  });

  it("takes every formula the report writes, each table-free: answered by the live ledger, its omitted settings null", () => {
    const spec = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }, ["Main Street", "Suite B"]) as ReportSpec;
    const formulas = reportCells(spec).flatMap((c) => (c.value.startsWith("=") ? [c.value] : []));
    expect(formulas).toContain('=LOTBOOK.STOCK_VALUE("*",,"Suite B")');
    for (const f of formulas) expect(readFormula(f, () => NOW)).toMatchObject({ kind: "live", formula: FORMULAS[f.slice(9, f.indexOf("("))] });
    expect(readFormula('=LOTBOOK.STOCK_VALUE("*",,"Suite B")', () => NOW)).toMatchObject({ kind: "live", settings: ["*", null, "Suite B"] });
    expect(readFormula("=LOTBOOK.STOCK_BY_PRODUCT()", () => NOW)).toEqual({ kind: "live", formula: STOCK_BY_PRODUCT, settings: [null, null] });
    expect(readFormula("=LOTBOOK.EXPIRING(365)", () => NOW)).toMatchObject({ kind: "live", settings: [365, null, null] });
    expect(readFormula("=LOTBOOK.STOCK_BY_PRODUCT(TODAY())", () => NOW)).toMatchObject({ kind: "live", settings: [TODAY, null] });
  });

  it("refuses anything else rather than guess: other formulas, a table in a setting's place, too many arguments", () => {
    for (const formula of [
      "=SUM(A1:A3)",
      "=LOTBOOK.STOCK_VALUE(A1)",
      '=LOTBOOK.STOCK_VALUE("*")+1',
      "=LOTBOOK.CHECK(Lots[Lot])",
      '=LOTBOOK.X("a"',
      "Lotbook report",
      "=LOTBOOK.MARGIN_BY(Draws[#All],Lots[#All])",
      "=LOTBOOK.STOCK_BY_PRODUCT(TODAY(),Lots[#All],Draws[#All])",
      "=LOTBOOK.LOT_COST(\"C1\",Lots[#All],Draws[#All])",
    ]) {
      expect(evaluate(formula, contextOf(practice()))).toEqual({ kind: "text", formula, reason: expect.stringMatching(/only LOTBOOK formulas/) });
    }
  });
});

describe("evaluating a table-free formula", () => {
  it("shows what the live ledger gives it, #BUSY! before the first value", async () => {
    const wb = practice();
    expect(spill('=LOTBOOK.MARGIN_BY("visit")', contextOf(wb))).toEqual([[{ code: "#BUSY!", message: expect.any(String) }]]);
    const snapshot = await new LiveLedger(wb).ready();
    // V1001: 20 U of C3709C3 at $6.50 = $130 of goods, charged $280: margin $150, 150/280 of revenue.
    expect(spill('=LOTBOOK.MARGIN_BY("visit")', contextOf(wb, answered(snapshot)))).toEqual([
      ["Visit", "Date", "Revenue", "COGS", "Margin", "Margin %"],
      ["V1001", expect.any(Number), 280, 130, 150, 150 / 280],
    ]);
    // The same as the formula that passes its tables.
    expect(spill('=LOTBOOK.MARGIN_BY("visit",Draws[#All],Lots[#All],Counts[#All])', contextOf(wb))).toEqual(spill('=LOTBOOK.MARGIN_BY("visit")', contextOf(wb, answered(snapshot))));
  });

  it("shows the function's own error and message when it refuses its arguments", async () => {
    const wb = practice();
    const snapshot = await new LiveLedger(wb).ready();
    expect(spill('=LOTBOOK.MARGIN_BY("color")', contextOf(wb, answered(snapshot)))).toEqual([[{ code: "#VALUE!", message: expect.stringMatching(/group_by/) }]]);
    expect(spill("=LOTBOOK.NOT_A_FUNCTION()")).toEqual([[{ code: "#NAME?", message: "There is no function LOTBOOK.NOT_A_FUNCTION." }]]);
  });
});

describe("evaluating a formula that passes its tables, in the new order (settings first)", () => {
  it("values stock by product as of TODAY(), and the products add up to STOCK_VALUE(\"*\")", () => {
    const rows = spill("=LOTBOOK.STOCK_BY_PRODUCT(TODAY(),,Lots[#All],Draws[#All],Counts[#All])");
    // Botox: 180 U at $6.50 + 100 U at $6.80 + 50 U at $6.00 = $1,170 + $680 + $300; Juvederm: 2 mL for $700.
    expect(rows).toEqual([
      ["Product", "Unit", "Remaining", "Value", "Lots"],
      ["Botox 100U", "U", 330, 2150, 3],
      ["Juvederm Ultra XC", "mL", 2, 700, 1],
    ]);
    expect(spill('=LOTBOOK.STOCK_VALUE("*",,,Lots[#All],Draws[#All],Counts[#All])')).toEqual([[2850]]);
  });

  it("shows #REF! for a table the workbook lacks, as Excel does", () => {
    const wb = practice();
    wb.tables.delete("counts");
    expect(spill("=LOTBOOK.SHRINKAGE_LOG(,Lots[#All],Draws[#All],Counts[#All])", contextOf(wb))).toEqual([[{ code: "#REF!", message: "This workbook has no table called Counts." }]]);
  });

  it("shows the function's own error when a table it needs is left out", () => {
    expect(spill('=LOTBOOK.MARGIN_BY("service",Draws[#All])')).toEqual([[{ code: "#VALUE!", message: expect.stringMatching(/^lots is missing/) }]]);
  });
});
