import { changedSince, productKey, resolveScope, serialFromYmd, visitKey, type Changed, type DateSystem, type Ledger } from "../core";
import { answerExplicit, answerFromLedger, type Context, type Formula } from "../functions/answers";
import { isOmitted } from "../functions/_lib/args";
import type { OutCell } from "../functions/_lib/keyCells";
import { systemTimers, type LiveLedger, type Snapshot, type Timers } from "./liveLedger";

/** What Excel hands a streaming function: where its results go, and when it is dropped. */
export interface StreamingInvocation {
  setResult(value: unknown): void;
  onCanceled?: () => void;
}

/** A clock, injected so tests choose the day and fire midnight themselves. */
export interface Clock extends Timers {
  now(): Date;
}

export const systemClock: Clock = { ...systemTimers, now: () => new Date() };

type Answer = OutCell[][] | { readonly thrown: unknown };

/** Formulas open with the same arguments share one answer (Excel may invoke one twice). */
interface Group {
  readonly key: string;
  readonly formula: Formula;
  readonly settings: readonly unknown[];
  /** `null`: from the live ledger; else the explicit tables it was given. */
  readonly tables: readonly unknown[] | null;
  readonly invocations: Set<StreamingInvocation>;
  readonly usesToday: boolean;
  last: Answer | null;
  /** The ledger `last` was answered from (live formulas only). */
  from: Ledger | null;
  /** A keyed formula's keys as its kind compares them (`keysOf`; `null` when one is not plain text or a number). */
  readonly keys: readonly string[] | null;
}

/**
 * Every open LOTBOOK formula, and the pushes that keep it current. A formula without tables
 * answers from the live ledger and is given a new value only when a new snapshot changes its
 * answer; all the pushes of one change go out together, once (each push may make Excel
 * recalculate what depends on the cell). A formula with tables answers once from exactly those
 * values. Either is pushed again after midnight when its `as_of` was left out, and a canceled
 * invocation is dropped.
 * @example streams.open(VISIT_COGS, [[["V1"]]], [null, null, null], invocation)
 */
export class FormulaStreams {
  private readonly groups = new Map<string, Group>();
  private midnight: unknown = null;
  /** Numbers formulas given tables, each its own group. */
  private explicit = 0;
  /** Answers computed since the last snapshot, for tests and the benchmark. */
  computed = 0;

  constructor(readonly live: LiveLedger, private readonly clock: Clock = systemClock) {
    live.subscribe((s) => this.push(s));
  }

  /** How many distinct formulas are open. */
  get openCount(): number {
    return this.groups.size;
  }

  /** Opens one invocation of a formula (what the streaming registration in `functions.ts` calls). */
  open(formula: Formula, settings: readonly unknown[], tables: readonly unknown[], invocation: StreamingInvocation): void {
    const live = tables.every(isOmitted);
    const usesToday = formula.asOfAt >= 0 && isOmitted(settings[formula.asOfAt]);
    // Explicit tables are never shared: their values may be as large as the table, so no key is made of them.
    const key = live ? `${formula.name}\u0000${JSON.stringify(settings)}` : `${formula.name}\u0001${++this.explicit}`;
    let group = this.groups.get(key);
    if (!group) {
      const keys = formula.keyedBy ? keysOf(formula.keyedBy, settings[0]) : null;
      group = { key, formula, settings, tables: live ? null : tables, invocations: new Set(), usesToday, last: null, from: null, keys };
      this.groups.set(key, group);
    }
    const g = group;
    g.invocations.add(invocation);
    invocation.onCanceled = () => {
      g.invocations.delete(invocation);
      if (g.invocations.size === 0) this.groups.delete(g.key);
    };
    if (usesToday) this.armMidnight();
    if (g.last) {
      deliver(invocation, g.last);
      return;
    }
    if (!live) {
      this.refresh(g, null);
      return;
    }
    const snapshot = this.live.snapshot;
    if (snapshot) this.refresh(g, snapshot);
    else this.live.start(); // the first read ends in a snapshot, which answers every open formula
  }

  /** The context formulas answer in: the workbook's date system, and today by the clock. */
  context(system: DateSystem): Context {
    const d = this.clock.now();
    return { dateSystem: system, today: serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate(), system) };
  }

  private answer(g: Group, snapshot: Snapshot | null): Answer {
    this.computed++;
    try {
      if (g.tables) return answerExplicit(g.formula, g.settings, g.tables, this.context(snapshot?.dateSystem ?? this.live.snapshot?.dateSystem ?? 1900));
      return answerFromLedger(g.formula, g.settings, snapshot!, this.context(snapshot!.dateSystem));
    } catch (thrown) {
      return { thrown };
    }
  }

  /** Computes a group's answer and pushes it to its invocations when it differs from the last. */
  private refresh(g: Group, snapshot: Snapshot | null): void {
    const next = this.answer(g, snapshot);
    g.from = snapshot?.ledger ?? null;
    if (g.last && sameAnswer(g.last, next)) return;
    g.last = next;
    for (const inv of g.invocations) deliver(inv, next);
  }

  /**
   * Answers every live formula from a new snapshot, except a keyed formula (VISIT_COGS of a visit,
   * FEFO_LOT of a product, …) whose keys the change did not touch: its answer reads the same.
   */
  private push(snapshot: Snapshot): void {
    const changes = new Map<Ledger, Changed | null>();
    for (const g of [...this.groups.values()]) {
      if (g.tables !== null) continue;
      if (g.formula.keyedBy && g.from && g.last) {
        let changed = changes.get(g.from);
        if (changed === undefined) changes.set(g.from, (changed = changedSince(snapshot.ledger, g.from)));
        if (changed && !touches(g.formula.keyedBy, g.keys, changed, snapshot.ledger, g.from)) {
          g.from = snapshot.ledger;
          continue;
        }
      }
      this.refresh(g, snapshot);
    }
  }

  /** Pushes again, just after the next local midnight, every formula whose `as_of` means today. */
  private armMidnight(): void {
    if (this.midnight !== null) return;
    const now = this.clock.now();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
    this.midnight = this.clock.setTimeout(() => {
      this.midnight = null;
      const snapshot = this.live.snapshot;
      let more = false;
      for (const g of [...this.groups.values()]) {
        if (!g.usesToday) continue;
        more = true;
        if (g.tables) this.refresh(g, null);
        else if (snapshot) this.refresh(g, snapshot);
      }
      if (more) this.armMidnight();
    }, next.getTime() - now.getTime());
  }
}

/**
 * Whether a change may move the answer for any of a formula's keys: a visit whose cost, revenue
 * or blocking moved, a product posted again, a scope (product, lot or `*`) over one; for a formula
 * keyed by counts, any count booked otherwise. A key that is not plain text or a number, or a scope
 * that names nothing, is asked again to be sure.
 */
function touches(kind: NonNullable<Formula["keyedBy"]>, keys: readonly string[] | null, changed: Changed, ledger: Ledger, earlier: Ledger): boolean {
  if (kind === "counts") return changed.counts.size > 0;
  if (keys === null) return true;
  for (const text of keys) {
    if (kind === "visit" && changed.visits.has(text)) return true;
    if (kind === "product" && changed.products.has(text)) return true;
    if (kind === "scope") {
      if (text === "*") {
        if (changed.products.size > 0) return true;
        continue;
      }
      for (const l of [ledger, earlier]) {
        const scope = resolveScope(l, text);
        if (!scope.ok || scope.value.lots.some((lot) => changed.products.has(lot.productKey))) return true;
      }
    }
  }
  return false;
}

/**
 * A keyed formula's key cells as `touches` compares them: a visit id by its key (`visitKey`), a product by
 * its key, a scope as written (trimmed); blank cells left out. `null` when a cell is not plain
 * text or a number: such a formula is asked again at every change.
 */
function keysOf(kind: NonNullable<Formula["keyedBy"]>, keyArg: unknown): readonly string[] | null {
  const out: string[] = [];
  for (const cell of Array.isArray(keyArg) ? (keyArg as unknown[]).flat() : [keyArg]) {
    if (cell === null || cell === undefined || cell === "") continue;
    if (typeof cell !== "string" && typeof cell !== "number") return null;
    const text = String(cell).trim();
    out.push(kind === "visit" ? visitKey(text) : kind === "product" ? productKey(text) : text);
  }
  return out;
}

function deliver(inv: StreamingInvocation, a: Answer): void {
  inv.setResult("thrown" in a ? a.thrown : a);
}

function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const x = a as { code?: unknown; message?: unknown };
  const y = b as { code?: unknown; message?: unknown };
  return x.code === y.code && x.message === y.message;
}

function sameAnswer(a: Answer, b: Answer): boolean {
  if ("thrown" in a || "thrown" in b) return "thrown" in a && "thrown" in b && sameCell(a.thrown, b.thrown);
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (!sameCell(x[c], y[c])) return false;
  }
  return true;
}
