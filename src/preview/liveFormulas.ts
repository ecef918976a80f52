import type { Grid } from "../core";
import { VISIT_COGS, VISIT_MARGIN, type Formula } from "../functions/answers";
import { LiveLedger, systemTimers, type Snapshot } from "../live/liveLedger";
import { setSharedStreams } from "../live/runtime";
import { FormulaStreams, type Clock, type StreamingInvocation } from "../live/streams";
import type { MemoryReport } from "../workbook/memory";
import { BUSY, readFormula, shownValue, type Evaluated } from "./evaluate";
import type { LiveWorkbook } from "./liveWorkbook";

/** A formula cell kept open: its streaming invocation, and the key its value is filed under. */
interface OpenCell {
  readonly invocation: StreamingInvocation;
  readonly key: string;
}

/** A formula and its settings, as the streams group them: the same arguments share one value. */
const keyOf = (formula: Formula, settings: readonly unknown[]): string => `${formula.name}\u0000${JSON.stringify(settings)}`;

/** The latest visit in Draws, with what LOTBOOK.VISIT_COGS and VISIT_MARGIN show for it. */
export interface LatestVisit {
  readonly visit: string;
  readonly cogs: Evaluated;
  readonly margin: Evaluated;
}

/**
 * The preview's formulas, as Excel's shared runtime has them: ONE live ledger over the in-memory
 * workbook and ONE set of formula streams (installed as the page's shared streams by
 * `previewFormulas`), and one open streaming invocation per table-free formula cell — each of the
 * Report sheet's, and the latest visit's cost of goods and margin above the sheets. The live
 * ledger hears the workbook's change events, so every value is pushed again as the pane records
 * entries, with no refresh; the views read the last value pushed (`value`) and redraw on `subscribe`.
 * A formula cell that goes (the report rewritten without it, another visit the latest) has its
 * invocation canceled, as Excel cancels a deleted formula's.
 * @example const formulas = previewFormulas(workbook); formulas.value(STOCK_BY_PRODUCT, [null, null])
 */
export class PreviewFormulas {
  readonly live: LiveLedger;
  readonly streams: FormulaStreams;
  /** Counts the values pushed: a snapshot for `useSyncExternalStore`. */
  version = 0;
  private readonly cells = new Map<string, OpenCell>();
  private readonly values = new Map<string, unknown>();
  private readonly listeners = new Set<() => void>();
  private report: MemoryReport | null = null;
  private visit: string | null = null;

  constructor(private readonly workbook: LiveWorkbook, private readonly clock: Clock) {
    this.live = new LiveLedger(workbook, { timers: clock });
    this.streams = new FormulaStreams(this.live, clock);
    // After the streams' own listener: the formulas already open have been pushed their new values.
    this.live.subscribe((s) => this.openLatestVisit(s));
    workbook.subscribe(() => this.openReport());
    this.openReport();
    this.live.start();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What a table-free formula with these settings shows: the value last pushed to it, `BUSY` before the first. */
  value(formula: Formula, settings: readonly unknown[]): Evaluated {
    const key = keyOf(formula, settings);
    return this.values.has(key) ? shownValue(this.values.get(key)) : BUSY;
  }

  /** The latest visit and its figures; null until the tables are read, or when Draws has no visit. */
  get latestVisit(): LatestVisit | null {
    const visit = this.visit;
    return visit === null ? null : { visit, cogs: this.value(VISIT_COGS, [visit]), margin: this.value(VISIT_MARGIN, [visit]) };
  }

  /** How many formula cells are open (the report's table-free ones and the latest visit's two). */
  get openCells(): number {
    return this.cells.size;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Opens an invocation for each table-free formula of a report just written; cancels those of the one it replaced. */
  private openReport(): void {
    const report = this.workbook.report;
    if (report === this.report) return;
    this.report = report;
    const wanted = new Map<string, { formula: Formula; settings: readonly unknown[] }>();
    for (const c of report?.cells ?? []) {
      if (!c.value.startsWith("=")) continue;
      const read = readFormula(c.value, () => this.clock.now());
      if (read.kind === "live") wanted.set(`report\u0000${c.address}\u0000${c.value}`, read);
    }
    this.keep("report\u0000", wanted);
  }

  /** Follows the latest visit of each new snapshot: its two formulas are opened, the previous visit's canceled. */
  private openLatestVisit(snapshot: Snapshot): void {
    const visit = latestVisitIn(snapshot.tables.Draws);
    if (visit === this.visit) return;
    this.visit = visit;
    const wanted = new Map<string, { formula: Formula; settings: readonly unknown[] }>();
    if (visit !== null) {
      wanted.set(`visit\u0000cogs\u0000${visit}`, { formula: VISIT_COGS, settings: [visit] });
      wanted.set(`visit\u0000margin\u0000${visit}`, { formula: VISIT_MARGIN, settings: [visit] });
    }
    this.keep("visit\u0000", wanted);
    this.changed();
  }

  /** Keeps open exactly the `wanted` cells among those whose key starts with `prefix`. */
  private keep(prefix: string, wanted: ReadonlyMap<string, { formula: Formula; settings: readonly unknown[] }>): void {
    for (const cell of [...this.cells.keys()]) if (cell.startsWith(prefix) && !wanted.has(cell)) this.cancel(cell);
    for (const [cell, { formula, settings }] of wanted) if (!this.cells.has(cell)) this.open(cell, formula, settings);
  }

  private open(cell: string, formula: Formula, settings: readonly unknown[]): void {
    const key = keyOf(formula, settings);
    const invocation: StreamingInvocation = {
      setResult: (value) => {
        this.values.set(key, value);
        this.changed();
      },
    };
    this.cells.set(cell, { invocation, key });
    // Every table left out, as Excel passes omitted arguments: the live ledger answers.
    this.streams.open(formula, settings, formula.tables.map(() => null), invocation);
  }

  private cancel(cell: string): void {
    const open = this.cells.get(cell);
    if (!open) return;
    this.cells.delete(cell);
    open.invocation.onCanceled?.();
    if (![...this.cells.values()].some((c) => c.key === open.key)) this.values.delete(open.key);
  }
}

/** The last visit in a Draws grid (header first): the last row with a Visit whose Kind is Visit or blank. */
function latestVisitIn(draws: Grid | null): string | null {
  if (!draws || draws.length < 2) return null;
  const header = draws[0].map((h) => (typeof h === "string" ? h.trim() : h));
  const visitAt = header.indexOf("Visit");
  const kindAt = header.indexOf("Kind");
  if (visitAt < 0) return null;
  for (let i = draws.length - 1; i >= 1; i--) {
    const row = draws[i];
    const visit = row[visitAt];
    const kind = kindAt < 0 ? null : row[kindAt];
    if (typeof visit === "string" && visit !== "" && (kind === null || kind === undefined || kind === "" || kind === "Visit")) return visit;
  }
  return null;
}

const made = new WeakMap<LiveWorkbook, PreviewFormulas>();

/**
 * The preview's formulas over `workbook`: made on first use, with `now` as the clock an omitted
 * as_of reads (the page's real today; a fixed day in tests), and installed as the page's shared
 * formula streams, as Excel's shared runtime has one. The same workbook always gets the same one.
 */
export function previewFormulas(workbook: LiveWorkbook, now: () => Date = () => new Date()): PreviewFormulas {
  let formulas = made.get(workbook);
  if (!formulas) {
    formulas = new PreviewFormulas(workbook, { ...systemTimers, now });
    made.set(workbook, formulas);
    setSharedStreams(formulas.streams);
  }
  return formulas;
}
