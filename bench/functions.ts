/**
 * The function layer's cost over the engine, on the benchmark's synthetic practice (250,000
 * draws): LOTBOOK.VISIT_COGS for every visit id in one call (a whole column of keys), and for a
 * single visit, each against the engine doing the same work alone (build the ledger, cost the
 * visits). The wrapper may add at most 30 % to the whole-column call.
 *
 * Run: `npm run bench:functions` (add `-- --json` for one JSON object, `-- --runs N` for N
 * measured runs, at least 5). bench/run.ts can include it with `measureFunctionLayer`.
 */
import { performance } from "node:perf_hooks";
import { buildLedger, visitCogs as engineVisitCogs, type Grid } from "../src/core";
import { forgetLedgers } from "../src/functions/_lib/ledgerFrom";
import { visitCogs } from "../src/functions/answers";
import { generatePractice, type Practice } from "./practice";

/** The whole-column call may cost at most this much more than the engine alone. */
export const WRAPPER_BUDGET = 1.3;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed(run: () => number): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const used = run();
  const ms = performance.now() - start;
  if (!(used > 0)) throw new Error("the benchmark computed nothing");
  return ms;
}

/** What the function layer costs over the engine, as medians of `runs` measured runs. */
export interface FunctionLayerFigures {
  readonly draws: number;
  readonly visits: number;
  readonly runs: number;
  readonly whole_column: { function_ms: number; engine_ms: number; ratio: number };
  readonly single_visit: { function_ms: number; engine_ms: number; ratio: number };
  /**
   * One visit when the tables hold the same values as for the formula before (the other formulas
   * of the same recalculation, the Report sheet's seven among them): the remembered ledger, found
   * by comparing every cell of fresh copies.
   */
  readonly single_visit_unchanged_tables_ms: number;
  /**
   * One visit after an edit to the first draw, the worst case for telling the tables changed:
   * every remembered ledger's tables compared to the end, then the ledger built.
   */
  readonly single_visit_after_first_row_edit_ms: number;
  readonly budget: number;
  readonly within_budget: boolean;
}

/**
 * Times VISIT_COGS through the function layer and through the engine alone on a practice.
 * @example measureFunctionLayer(generatePractice(), 7).whole_column.ratio // 1.05
 */
export function measureFunctionLayer(p: Practice, runs: number): FunctionLayerFigures {
  const lots = p.lots as Grid;
  const draws = p.draws as Grid;
  const counts = p.counts as Grid;
  const column = p.visitIds.map((v) => [v]);
  const one = p.visitIds[Math.floor(p.visitIds.length / 2)];

  // Each run builds its ledger afresh, as the first formula of a recalculation after an edit does:
  // the function layer's remembered ledgers are forgotten first.
  const engineColumn = () => {
    const ledger = buildLedger({ lots, draws, counts });
    let ok = 0;
    for (const v of p.visitIds) if (engineVisitCogs(ledger, v).ok) ok++;
    return ok;
  };
  const functionColumn = () => {
    forgetLedgers();
    return visitCogs(column, draws as unknown[][], lots as unknown[][], counts as unknown[][]).filter((r) => typeof r[0] === "number").length;
  };
  const engineOne = () => (engineVisitCogs(buildLedger({ lots, draws, counts }), one).ok ? 1 : 0);
  const oneOf = (l: Grid, d: Grid, c: Grid) => (typeof visitCogs([[one]], d as unknown[][], l as unknown[][], c as unknown[][])[0][0] === "number" ? 1 : 0);
  const functionOne = () => {
    forgetLedgers();
    return oneOf(lots, draws, counts);
  };

  const cases = { engineColumn, functionColumn, engineOne, functionOne };
  const times: Record<keyof typeof cases, number[]> = { engineColumn: [], functionColumn: [], engineOne: [], functionOne: [] };
  for (const f of Object.values(cases)) f(); // warm-up
  for (let r = 0; r < runs; r++) for (const [k, f] of Object.entries(cases)) times[k as keyof typeof cases].push(timed(f));

  // The same values in fresh arrays, as Excel hands them to the next formula (copied untimed).
  const copy = (g: Grid) => g.map((r) => [...r]) as Grid;
  const unchanged: number[] = [];
  const edited: number[] = [];
  for (let r = 0; r < runs; r++) {
    forgetLedgers();
    oneOf(lots, draws, counts);
    const [l, d, c] = [copy(lots), copy(draws), copy(counts)];
    unchanged.push(timed(() => oneOf(l, d, c)));
    // Two ledgers remembered (as with and without Products); the edit is in the first draw.
    oneOf(copy(lots), copy(draws), copy(counts).slice(0, -1));
    const e = draws.map((row, i) => (i === 1 ? row.map((cell, j) => (j === 2 ? `${String(cell)}-edited` : cell)) : [...row])) as Grid;
    edited.push(timed(() => oneOf(l, e, c)));
  }

  const round = (x: number) => Math.round(x * 100) / 100;
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)])) as Record<keyof typeof cases, number>;
  const ratio = m.functionColumn / m.engineColumn;
  return {
    draws: draws.length - 1,
    visits: p.visitIds.length,
    runs,
    whole_column: { function_ms: round(m.functionColumn), engine_ms: round(m.engineColumn), ratio: round(ratio) },
    single_visit: { function_ms: round(m.functionOne), engine_ms: round(m.engineOne), ratio: round(m.functionOne / m.engineOne) },
    single_visit_unchanged_tables_ms: round(median(unchanged)),
    single_visit_after_first_row_edit_ms: round(median(edited)),
    budget: WRAPPER_BUDGET,
    within_budget: ratio <= WRAPPER_BUDGET,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const at = argv.indexOf("--runs");
  const runs = at >= 0 ? Math.max(5, Number(argv[at + 1]) || 0) : 7;
  const result = measureFunctionLayer(generatePractice(), runs);
  const withinBudget = result.within_budget;
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`LOTBOOK.VISIT_COGS on ${result.draws.toLocaleString("en-US")} draws, ${result.visits.toLocaleString("en-US")} visits; medians of ${runs} runs`);
    console.log(`  ${"".padEnd(34)}${"function ms".padStart(12)}${"engine ms".padStart(11)}${"ratio".padStart(8)}`);
    const row = (label: string, r: { function_ms: number; engine_ms: number; ratio: number }) =>
      console.log(`  ${label.padEnd(34)}${r.function_ms.toFixed(1).padStart(12)}${r.engine_ms.toFixed(1).padStart(11)}${r.ratio.toFixed(2).padStart(8)}`);
    row("every visit id in one call", result.whole_column);
    row("one visit", result.single_visit);
    console.log(`  ${"one visit, tables unchanged".padEnd(34)}${result.single_visit_unchanged_tables_ms.toFixed(1).padStart(12)}   (the ledger remembered from the formula before)`);
    console.log(`  ${"one visit, first draw edited".padEnd(34)}${result.single_visit_after_first_row_edit_ms.toFixed(1).padStart(12)}   (two remembered ledgers compared to the end, then a build)`);
    console.log(`  whole-column overhead ${withinBudget ? "within" : "OVER"} the ${Math.round((WRAPPER_BUDGET - 1) * 100)} % budget`);
  }
  if (!withinBudget) process.exitCode = 1;
}

if (require.main === module) main();
