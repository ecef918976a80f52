/**
 * `npm run bench`: times the engine on a deterministic synthetic practice (bench/practice.ts:
 * 20 products, 5,000 receipts, 250,000 draws, 2,000 counts) against a baseline pass that reads
 * every input cell once, in the same process. `npm run bench -- --json` prints one JSON object.
 * `--runs N` sets the number of measured runs per stage (at least 5).
 *
 * What each stage includes. The engine memoises per ledger object (row diagnostics, replays to an
 * as-of, visit totals), so every stage but parse runs on a FRESH ledger built outside the timed
 * region: reusing one would time a cache hit.
 * - parse:         buildLedger on the four arrays: read and validate every row, index lots and
 *                  products, cross-check draws and counts against lots, and post the ledger (replay
 *                  every product to the end of time: each draw and count booked against its lot's
 *                  FIFO cost layers). Every result but LOT_COST reads those books.
 * - visit_cogs:    VISIT_COGS for every visit id: row diagnostics and their blocking index, the
 *                  per-visit totals over the booked draws, then one lookup per visit.
 * - shrinkage_log: row diagnostics, the log from the booked counts.
 * - fefo:          FEFO_LOT for every product at as-of: row diagnostics, then the choice (an as-of
 *                  after the last event shares the posted books; an earlier one replays to it).
 * - expiring:      EXPIRING(90, as-of): the same, then the list.
 * - at_risk:       AT_RISK(as-of): the same, then the forecast.
 * - reorder:       REORDER(as-of): the same forecast, then one pass over the products (shelf life,
 *                  suggestion); on its own fresh ledger, so it pays for the replay to as-of too.
 * - check:         CHECK: row diagnostics, replay diagnostics, blank-price warnings, sort.
 * - report:        the Report sheet's two new spills: MARGIN_BY by visit, service, provider and
 *                  product (row diagnostics, visit totals, one pass over the Draws rows and the
 *                  booked draws per grouping), and STOCK_BY_PRODUCT at as-of.
 * Whole recompute: a fresh buildLedger and every stage once on it, timed together (replays shared).
 * Whole recompute, three sites: the same on the practice generated with a Location column and
 * three sites (receipts and visits at each, fillers moved between them by Transfer rows), against
 * its own read-every-cell baseline (its tables have the extra Location and To columns).
 */
import * as os from "node:os";
import { performance } from "node:perf_hooks";
import {
  atRisk, buildLedger, check, conservation, expiring, fefoLot, MARGIN_GROUPS, marginBy, reorder, shrinkageLog, stockByProduct, visitCogs,
  type Cell, type Grid, type Ledger, type LedgerInput,
} from "../src/core";
import { DEFAULT_SEED, generatePractice, type Practice } from "./practice";
import { measureFunctionLayer, WRAPPER_BUDGET } from "./functions";
import { measureLive } from "./live";

interface Stage {
  readonly key: "parse" | "visit_cogs" | "shrinkage_log" | "fefo" | "expiring" | "at_risk" | "reorder" | "check" | "report";
  readonly label: string;
  /** Not one of the results issue #2's whole-recompute target covers: timed apart, and with them. */
  readonly report?: true;
  /** Runs the stage on a ledger; returns a number derived from the results so they are used. */
  readonly run: (ledger: Ledger, p: Practice) => number;
}

const EXPIRING_DAYS = 90;

const STAGES: readonly Stage[] = [
  { key: "parse", label: "parse + index", run: () => 0 },
  {
    key: "visit_cogs", label: "COGS, every visit",
    run: (ledger, p) => {
      let ok = 0;
      for (const v of p.visitIds) if (visitCogs(ledger, v).ok) ok++;
      return ok;
    },
  },
  { key: "shrinkage_log", label: "shrinkage log", run: (ledger) => shrinkageLog(ledger).length },
  {
    key: "fefo", label: "FEFO lot, every product",
    run: (ledger, p) => {
      let ok = 0;
      for (const name of p.productNames) if (fefoLot(ledger, name, p.asOf).ok) ok++;
      return ok;
    },
  },
  { key: "expiring", label: `expiring (${EXPIRING_DAYS} days)`, run: (ledger, p) => expiring(ledger, EXPIRING_DAYS, p.asOf).length },
  { key: "at_risk", label: "at risk", run: (ledger, p) => atRisk(ledger, p.asOf).length },
  { key: "reorder", label: "reorder", report: true, run: (ledger, p) => reorder(ledger, p.asOf).length },
  { key: "check", label: "check", run: (ledger) => check(ledger).length },
  {
    key: "report", label: "report: margins, stock", report: true,
    run: (ledger, p) => MARGIN_GROUPS.reduce((n, by) => n + marginBy(ledger, by).length, 0) + stockByProduct(ledger, p.asOf).length,
  },
];

const TARGET_TOTAL_RATIO = 20;
const TARGET_TOTAL_MS = 1500;
const TARGET_COGS_RATIO = 5;
/** The three-site practice of issue #17's benchmark. */
const THREE_SITES = ["Main Street", "Suite B", "Mobile kit"];

const gc = (globalThis as { gc?: () => void }).gc;
/** Every stage's result feeds this module-level total, so no work can be optimised away. */
let sink = 0;

/**
 * The tables as a custom function receives them: Excel marshals ranges as JSON, so the engine reads
 * freshly deserialised arrays (every cell its own value), not the generator's shared strings.
 */
function asMarshalled(p: Practice): Practice {
  const copy = (g: Cell[][]) => JSON.parse(JSON.stringify(g)) as Cell[][];
  return { ...p, lots: copy(p.lots), draws: copy(p.draws), counts: copy(p.counts), products: copy(p.products) };
}

function inputOf(p: Practice): LedgerInput {
  return { lots: p.lots, draws: p.draws, counts: p.counts, products: p.products };
}

/** The baseline: one pass reading every cell of the four arrays, touching each value minimally. */
function readEveryCell(grids: readonly Grid[]): number {
  let acc = 0;
  for (const grid of grids) {
    for (let i = 0; i < grid.length; i++) {
      const row = grid[i];
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        if (typeof c === "number") acc += c;
        else if (typeof c === "string") acc += c.length;
        else if (c !== null && c !== undefined) acc++;
      }
    }
  }
  return acc;
}

function timed(f: () => number): number {
  const t0 = performance.now();
  sink += f();
  return performance.now() - t0;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function recompute(p: Practice, withReport: boolean): number {
  const ledger = buildLedger(inputOf(p));
  let n = 0;
  for (const s of STAGES) if (withReport || !s.report) n += s.run(ledger, p);
  return n;
}

/** One measured sample of a stage: build its fresh ledger untimed, then time the stage alone. */
function sample(stage: Stage, p: Practice): number {
  gc?.();
  if (stage.key === "parse") return timed(() => buildLedger(inputOf(p)).draws.rows.length);
  const ledger = buildLedger(inputOf(p));
  gc?.();
  return timed(() => stage.run(ledger, p));
}

/** What the engine makes of the practice, untimed: a benchmark of failures would time nothing. */
function inspect(p: Practice): { errors: number; warnings: number; visitsOk: number; residue: bigint } {
  const ledger = buildLedger(inputOf(p));
  const diagnostics = check(ledger);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return {
    errors,
    warnings: diagnostics.length - errors,
    visitsOk: p.visitIds.filter((v) => visitCogs(ledger, v).ok).length,
    residue: conservation(ledger).residue,
  };
}

function parseArgs(argv: readonly string[]): { json: boolean; runs: number } {
  const json = argv.includes("--json");
  const at = argv.indexOf("--runs");
  const runs = at >= 0 ? Math.max(5, Number(argv[at + 1]) || 0) : 7;
  return { json, runs };
}

async function main(): Promise<void> {
  const { json, runs } = parseArgs(process.argv.slice(2));
  const log = json ? () => undefined : (line = "") => console.log(line);

  const t0 = performance.now();
  const practice = asMarshalled(generatePractice());
  const genMs = performance.now() - t0;
  const grids: Grid[] = [practice.lots, practice.draws, practice.counts, practice.products];
  const cells = grids.reduce((n, g) => n + g.reduce((m, r) => m + r.length, 0), 0);

  gc?.();
  const inputRssMb = process.memoryUsage().rss / 2 ** 20;
  const { errors, warnings, visitsOk, residue } = inspect(practice);
  const sited = asMarshalled(generatePractice({ sites: THREE_SITES }));
  const sitedGrids: Grid[] = [sited.lots, sited.draws, sited.counts, sited.products];
  const sitedInspection = inspect(sited);

  const st = practice.stats;
  log(`Lotbook bench: synthetic practice, seed ${DEFAULT_SEED} (generated and marshalled in ${genMs.toFixed(0)} ms)`);
  log(`  ${practice.productNames.length} products, ${practice.lots.length - 1} receipts of ${st.lots} lots (${st.relotted} lot numbers received again, ` +
    `${st.totalCostRows} with Total Cost), ${practice.draws.length - 1} draws in ${st.visits} visits, ${practice.counts.length - 1} counts (${st.shrinkCounts} off)`);
  log(`  draws by kind: ${Object.entries(st.byKind).map(([k, n]) => `${k} ${n}`).join(", ")}; ${st.blankLot} blank-lot, ${st.fractionalQty} not in quarter units`);
  log(`  engine: ${errors} errors, ${warnings} warnings; ${visitsOk}/${practice.visitIds.length} visits costed; conservation residue ${residue}`);
  if (errors > 0 || visitsOk < practice.visitIds.length) log("  WARNING: the ledger is not clean, so some stages time failures rather than results");
  log(`  three sites (${THREE_SITES.join(", ")}): the same size with a Location column, ${sited.stats.transfers} of its draws transfers; ` +
    `engine: ${sitedInspection.errors} errors, ${sitedInspection.warnings} warnings; ${sitedInspection.visitsOk}/${sited.visitIds.length} visits costed; residue ${sitedInspection.residue}`);
  log(`  ${cells.toLocaleString("en-US")} input cells; ${runs} measured runs per stage, medians; gc between runs: ${gc ? "yes" : "no (run with node --expose-gc)"}`);
  log(`  ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)} at start (other processes skew the figures)`);
  log();

  // Warm-up: let the JIT see every path before anything is measured.
  for (let i = 0; i < 3; i++) sink += readEveryCell(grids);
  for (let i = 0; i < 2; i++) sink += recompute(practice, true);
  for (let i = 0; i < 2; i++) sink += recompute(sited, false);
  for (const s of STAGES) sample(s, practice);

  // Runs are interleaved (baseline, each stage, whole recompute, then again) so drift hits all alike.
  const baseline: number[] = [];
  const stageTimes = new Map<Stage["key"], number[]>(STAGES.map((s) => [s.key, []]));
  const total: number[] = [];
  const withReport: number[] = [];
  const sitedBaseline: number[] = [];
  const sitedTotal: number[] = [];
  for (let r = 0; r < runs; r++) {
    // The baseline is short and jumpy: several samples a round steady its median, the denominator of every ratio.
    for (let k = 0; k < 5; k++) {
      gc?.();
      baseline.push(timed(() => readEveryCell(grids)));
    }
    for (const s of STAGES) stageTimes.get(s.key)!.push(sample(s, practice));
    gc?.();
    total.push(timed(() => recompute(practice, false)));
    gc?.();
    withReport.push(timed(() => recompute(practice, true)));
    for (let k = 0; k < 5; k++) {
      gc?.();
      sitedBaseline.push(timed(() => readEveryCell(sitedGrids)));
    }
    gc?.();
    sitedTotal.push(timed(() => recompute(sited, false)));
  }

  if (!Number.isFinite(sink)) throw new Error("a stage returned something other than a count");

  const baseMs = median(baseline);
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  const figure = (ms: number) => ({ median_ms: round(ms, 2), ratio: round(ms / baseMs, 2) });
  const stages = Object.fromEntries(STAGES.map((s) => [s.key, figure(median(stageTimes.get(s.key)!))]));
  const totalMs = median(total);
  const reportMs = median(withReport);
  const sitedBaseMs = median(sitedBaseline);
  const sitedMs = median(sitedTotal);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // The function layer: LOTBOOK.VISIT_COGS for a whole column of visit ids, and for one, against the engine.
  const functionLayer = measureFunctionLayer(practice, runs);
  // The live ledger (bench/live.ts): its stages join the others, measured against the same baseline.
  const liveRuns = Math.max(3, Math.min(runs, 5));
  const live = await measureLive(practice, liveRuns, false);
  const liveVisits = await measureLive(practice, liveRuns, true);
  Object.assign(stages, {
    live_cold: figure(median(live.live_cold)), live_append: figure(median(live.live_append)), live_edit: figure(median(live.live_edit)),
    // Against the three-site practice's own baseline.
    whole_recompute_three_sites: { median_ms: round(sitedMs, 2), ratio: round(sitedMs / sitedBaseMs, 2), baseline_ms: round(sitedBaseMs, 3) },
  });
  const withVisitMargins = {
    live_cold: figure(median(liveVisits.live_cold)), live_append: figure(median(liveVisits.live_append)), live_edit: figure(median(liveVisits.live_edit)),
  };
  const result = {
    baseline_ms: round(baseMs, 3), stages, total: figure(totalMs), total_with_report: figure(reportMs), peak_rss_mb: round(peakRssMb, 1), function_layer: functionLayer,
    live_with_margin_by_visit: withVisitMargins,
  };

  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const row = (name: string, ms: number) => `  ${name.padEnd(26)}${ms.toFixed(1).padStart(10)}${(ms / baseMs).toFixed(1).padStart(10)}×`;
  log(`  ${"stage".padEnd(26)}${"median ms".padStart(10)}${"baseline".padStart(11)}`);
  log(`  ${"baseline (read each cell)".padEnd(26)}${baseMs.toFixed(2).padStart(10)}${"1.0".padStart(10)}×`);
  for (const s of STAGES) log(row(s.label, median(stageTimes.get(s.key)!)));
  log(row("whole recompute", totalMs));
  log(row("  + the Report sheet", reportMs));
  log(`  ${"whole recompute, 3 sites".padEnd(26)}${sitedMs.toFixed(1).padStart(10)}${(sitedMs / sitedBaseMs).toFixed(1).padStart(10)}×  (its own baseline ${sitedBaseMs.toFixed(2)} ms)`);
  log(`  peak RSS ${peakRssMb.toFixed(0)} MB (whole process; ${inputRssMb.toFixed(0)} MB with only the generated tables loaded)`);
  log();
  log("  Parse + index includes posting: every draw and count booked against its lot's cost layers.");
  log("  Every other stage is timed on a fresh (posted) ledger built outside the timed region.");
  log("  Whole recompute: a fresh ledger and every stage once on it, replays shared. See bench/run.ts.");
  log("  Its targets cover issue #2's results; '+ the Report sheet' adds MARGIN_BY four ways, STOCK_BY_PRODUCT and REORDER.");
  log();
  const verdict = (pass: boolean, text: string) => log(`${pass ? "PASS" : "FAIL"}  ${text}`);
  const cogsRatio = median(stageTimes.get("visit_cogs")!) / baseMs;
  verdict(totalMs / baseMs < TARGET_TOTAL_RATIO, `whole recompute under ${TARGET_TOTAL_RATIO}× baseline (${(totalMs / baseMs).toFixed(1)}×)`);
  verdict(totalMs < TARGET_TOTAL_MS, `whole recompute under ${TARGET_TOTAL_MS} ms (${totalMs.toFixed(0)} ms)`);
  verdict(sitedMs / sitedBaseMs < TARGET_TOTAL_RATIO && sitedMs < TARGET_TOTAL_MS,
    `whole recompute, three sites, under ${TARGET_TOTAL_RATIO}× its baseline and ${TARGET_TOTAL_MS} ms (${(sitedMs / sitedBaseMs).toFixed(1)}×, ${sitedMs.toFixed(0)} ms)`);
  verdict(reportMs < TARGET_TOTAL_MS, `whole recompute with the Report sheet under ${TARGET_TOTAL_MS} ms (${reportMs.toFixed(0)} ms, ${(reportMs / baseMs).toFixed(1)}×)`);
  verdict(cogsRatio < TARGET_COGS_RATIO, `COGS for every visit under ${TARGET_COGS_RATIO}× baseline (${cogsRatio.toFixed(1)}×)`);
  log();
  log(`  LOTBOOK.VISIT_COGS (function layer; each call builds its ledger, as the first formula after an edit does)`);
  log(`  ${"".padEnd(30)}${"function ms".padStart(12)}${"engine ms".padStart(11)}${"ratio".padStart(8)}`);
  const fl = (label: string, r: { function_ms: number; engine_ms: number; ratio: number }) =>
    log(`  ${label.padEnd(30)}${r.function_ms.toFixed(1).padStart(12)}${r.engine_ms.toFixed(1).padStart(11)}${r.ratio.toFixed(2).padStart(8)}`);
  fl("every visit id in one call", functionLayer.whole_column);
  fl("one visit", functionLayer.single_visit);
  log(`  ${"one visit, tables unchanged".padEnd(30)}${functionLayer.single_visit_unchanged_tables_ms.toFixed(1).padStart(12)}  (ledger remembered from the formula before)`);
  log(`  ${"one visit, first draw edited".padEnd(30)}${functionLayer.single_visit_after_first_row_edit_ms.toFixed(1).padStart(12)}  (two remembered ledgers compared, then a build)`);
  log();
  log(`  The live ledger (bench/live.ts): the workbook's formulas open, ${liveRuns} runs each, medians`);
  log(`  ${"".padEnd(26)}${"median ms".padStart(10)}${"baseline".padStart(11)}${"+ MARGIN_BY(visit)".padStart(22)}`);
  for (const [key, label] of [["live_cold", "cold: read, build, answer"], ["live_append", "one draw appended"], ["live_edit", "one draw's Qty edited"]] as const) {
    const ms = median(live[key]);
    const mv = median(liveVisits[key]);
    log(`  ${label.padEnd(26)}${ms.toFixed(1).padStart(10)}${(ms / baseMs).toFixed(1).padStart(10)}×${`${mv.toFixed(1)} ms, ${(mv / baseMs).toFixed(1)}×`.padStart(22)}`);
  }
  const coldMs = median(live.live_cold);
  verdict(coldMs / baseMs < TARGET_TOTAL_RATIO && coldMs < TARGET_TOTAL_MS, `live_cold within the whole-recompute target (${(coldMs / baseMs).toFixed(1)}×, ${coldMs.toFixed(0)} ms)`);
  verdict(median(live.live_append) / baseMs <= 0.5, `live_append at most 0.5× baseline (${(median(live.live_append) / baseMs).toFixed(1)}×)`);
  verdict(median(live.live_edit) / baseMs <= 5, `live_edit at most 5× baseline (${(median(live.live_edit) / baseMs).toFixed(1)}×)`);
  verdict(functionLayer.within_budget, `function layer within ${Math.round((WRAPPER_BUDGET - 1) * 100)} % of the engine for the whole column (${functionLayer.whole_column.ratio.toFixed(2)}×)`);
}

void main();
