/**
 * The live ledger on the benchmark's practice, through the in-memory workbook (its change events
 * are the ones Excel sends), with the open formulas of a realistic workbook: FEFO_LOT and
 * STOCK_VALUE for every product, VISIT_COGS for each of the 1,000 latest visits (one formula
 * each), EXPIRING(90), AT_RISK, SHRINKAGE_LOG, and the Report's MARGIN_BY("service") and
 * STOCK_BY_PRODUCT, all without tables and without as_of (the clock stands at the practice's
 * as-of day).
 * - live_cold:   read the tables and build, until every open formula has its value;
 * - live_append: one draw appended at the end, in date order, from the change event (the moment
 *                the in-memory workbook sends it, after writing the row) until every open
 *                formula whose answer changed has its new value;
 * - live_edit:   one draw's Qty changed mid-table, the same way.
 * The same three again with MARGIN_BY("visit") open as well (its answer is as large as the table).
 * Each stage starts from a collected heap that has been left idle for a moment (`rest`): right
 * after a forced collection of a heap this size the collector is still sweeping it, and the
 * first allocations wait for that, which no draw recorded in a workbook open for a while meets.
 */
import { performance } from "node:perf_hooks";
import { ymdFromSerial, type Cell, type Serial, type TableName } from "../src/core";
import { AT_RISK, EXPIRING, FEFO_LOT, MARGIN_BY, SHRINKAGE_LOG, STOCK_BY_PRODUCT, STOCK_VALUE, VISIT_COGS, type Formula } from "../src/functions/answers";
import { LiveLedger } from "../src/live/liveLedger";
import { FormulaStreams, type Clock, type StreamingInvocation } from "../src/live/streams";
import { MemoryWorkbook } from "../src/workbook/memory";
import type { CellValue } from "../src/workbook/port";
import type { Practice } from "./practice";

export interface LiveFigures {
  readonly live_cold: number[];
  readonly live_append: number[];
  readonly live_edit: number[];
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects the heap, then lets the collector finish its sweeping in the background. */
async function rest(): Promise<void> {
  gc?.();
  await new Promise((r) => setTimeout(r, 250));
}

function clockAt(serial: Serial): Clock {
  const { year, month, day } = ymdFromSerial(serial);
  const at = new Date(year, month - 1, day, 12);
  return { now: () => new Date(at), setTimeout: () => 0, clearTimeout: () => undefined };
}

/** Opens the workbook's formulas; returns how many have received a value. */
function openFormulas(streams: FormulaStreams, p: Practice, withVisits: boolean): () => number {
  const invocations: { got: number }[] = [];
  const open = (formula: Formula, settings: readonly unknown[], tables: readonly unknown[]) => {
    const counter = { got: 0 };
    const inv: StreamingInvocation = { setResult: () => void counter.got++ };
    invocations.push(counter);
    streams.open(formula, settings, tables, inv);
  };
  const none3 = [null, null, null];
  const none4 = [null, null, null, null];
  for (const name of p.productNames) {
    open(FEFO_LOT, [[[name]], null, null], none4);
    open(STOCK_VALUE, [[[name]], null, null], none3);
  }
  for (const v of p.visitIds.slice(-1000)) open(VISIT_COGS, [[[v]]], none3);
  open(EXPIRING, [90, null, null], none3);
  open(AT_RISK, [null, null, null], none3);
  open(SHRINKAGE_LOG, [null], none4);
  open(MARGIN_BY, ["service"], none3);
  open(STOCK_BY_PRODUCT, [null, null], none3);
  if (withVisits) open(MARGIN_BY, ["visit"], none3);
  return () => invocations.reduce((n, c) => n + (c.got > 0 ? 1 : 0), 0);
}

async function settle(live: LiveLedger): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await live.settled();
    await new Promise((r) => setImmediate(r));
  }
}

/** Runs the three stages `runs` times each on one workbook; medians are the caller's. */
export async function measureLive(p: Practice, runs: number, withVisits: boolean): Promise<LiveFigures> {
  const tables: Partial<Record<TableName, readonly (readonly CellValue[])[]>> = {
    Lots: p.lots as CellValue[][], Draws: p.draws as CellValue[][], Counts: p.counts as CellValue[][], Products: p.products as CellValue[][],
  };
  const out: LiveFigures = { live_cold: [], live_append: [], live_edit: [] };
  const last = p.draws[p.draws.length - 1];
  const header = p.draws[0].map(String);
  const col = (name: string) => header.indexOf(name);
  for (let r = 0; r < runs + 1; r++) {
    const wb = MemoryWorkbook.with(tables);
    // The moment each change event is sent: heard first (before the live ledger's own watcher),
    // so the workbook's own writing of the row is not counted as Lotbook's.
    let event = 0;
    await wb.watch(() => void (event = performance.now()));
    await rest();
    const t0 = performance.now();
    const live = new LiveLedger(wb, { timers: clockAt(p.asOf) });
    const streams = new FormulaStreams(live, clockAt(p.asOf));
    const answered = openFormulas(streams, p, withVisits);
    await live.ready();
    await settle(live);
    const cold = performance.now() - t0;
    if (answered() === 0) throw new Error("no formula was answered");

    // One draw appended at the end, in date order: the last draw's day, lot and product, a new visit.
    const entry: Record<string, Cell> = {};
    header.forEach((h, i) => (entry[h] = last[i]));
    entry.Visit = `VB${r}`;
    entry.Qty = 1;
    await rest();
    await wb.appendRows("Draws", [entry as Record<string, CellValue>]);
    const t1 = event;
    await settle(live);
    const append = performance.now() - t1;

    // One draw's Qty changed mid-table.
    const mid = Math.floor(wb.table("Draws")!.rows.length / 2);
    const qty = Number(wb.table("Draws")!.rows[mid][col("Qty")]);
    await rest();
    wb.editCell("Draws", mid, "Qty", qty + 0.25);
    const t2 = event;
    await settle(live);
    const edit = performance.now() - t2;

    if (r === 0) continue; // warm-up
    out.live_cold.push(cold);
    out.live_append.push(append);
    out.live_edit.push(edit);
  }
  return out;
}
