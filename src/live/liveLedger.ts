import { AppendList, buildLedger, sameGrid, sameRow, updateLedger, type Cell, type DateSystem, type Grid, type Ledger, type TableName } from "../core";
import type { LedgerSource, TableChange } from "./source";

export const LEDGER_TABLES: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];

/** The workbook's books at one moment: its tables as read, and the ledger built from them. */
export interface Snapshot {
  readonly ledger: Ledger;
  /** The tables as read, header row first: each copied out of the live ledger when first asked for. */
  readonly tables: Readonly<Record<TableName, Grid | null>>;
  /** How many rows a table has, its header row included (0: no such table), without copying it. */
  size(table: TableName): number;
  readonly dateSystem: DateSystem;
  /** Counts the snapshots made: a new one means the books changed. */
  readonly version: number;
  /** Whether the workbook has a table of that name. */
  has(table: TableName): boolean;
}

/**
 * What the live ledger is doing: reading the tables for the first time, ready, reading a change
 * (formulas keep their last value meanwhile), or failed to read one (the previous books are kept
 * and the read is tried again).
 */
export type LiveStatus =
  | { readonly state: "idle" | "reading" | "ready" | "updating" }
  | { readonly state: "failed"; readonly message: string };

/** Timers, injected so tests run without waiting. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LiveOptions {
  readonly timers?: Timers;
  /** How long to wait before trying a failed read again. */
  readonly retryMs?: number;
}

/**
 * The tables as read. A draw appended is pushed onto its table's list rather than copied with it
 * (see `AppendList`): so a snapshot hands out copies of them, never the lists' own arrays.
 */
type Grids = Record<TableName, AppendList<readonly Cell[]> | null>;

/**
 * One ledger per open workbook, kept current as its tables change, serving every LOTBOOK formula
 * and the task pane alike. It reads the four tables once, when first asked; afterwards each
 * change event re-reads only the rows it names (the whole table where that cannot be told), and
 * Lotbook's own writes are read at once (`workbook/liveWrites.ts`). A new snapshot is made
 * only when a value changed; grids are replaced, never changed in place, so a snapshot keeps its rows.
 * @example const live = new LiveLedger(source); const books = await live.ready(); books.ledger
 */
export class LiveLedger {
  private readonly timers: Timers;
  private readonly retryMs: number;
  private grids: Grids = { Lots: null, Draws: null, Counts: null, Products: null };
  private system: DateSystem = 1900;
  private current: Snapshot | null = null;
  /** What changed since the current snapshot: Draws rows by grid index, or a table as a whole. */
  private edits: Partial<Record<TableName, Set<number> | "whole">> = {};
  private state: LiveStatus = { state: "idle" };
  private started: Promise<void> | null = null;
  /** Changes heard but not yet read, by table: `whole` wins over rows. */
  private pending = new Map<TableName, TableChange[]>();
  private working = false;
  private retry: unknown = null;
  /** Ends the wait before the first read is tried again. */
  private retryFirstRead: (() => void) | null = null;
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private readyWaiters: ((s: Snapshot) => void)[] = [];
  private settleWaiters: (() => void)[] = [];

  constructor(private readonly source: LedgerSource, options: LiveOptions = {}) {
    this.timers = options.timers ?? systemTimers;
    this.retryMs = options.retryMs ?? 5000;
  }

  /** The books as last read; `null` until the first read has finished. */
  get snapshot(): Snapshot | null {
    return this.current;
  }

  get status(): LiveStatus {
    return this.state;
  }

  /** Starts the first read if nothing has started it yet. */
  start(): void {
    if (this.started) return;
    this.started = this.firstRead();
  }

  /** The books once they have been read (starting the read if needed). */
  ready(): Promise<Snapshot> {
    this.start();
    if (this.current) return Promise.resolve(this.current);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Resolves once every change heard so far has been read (or has failed and waits for its retry). */
  settled(): Promise<void> {
    if (!this.working && (this.pending.size === 0 || this.state.state === "failed") && this.state.state !== "reading") return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const w of waiters) w();
  }

  /** Calls `listener` with every new snapshot; returns the function that stops it. */
  subscribe(listener: (s: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Calls `listener` whenever the status changes. */
  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Reads every table again now (a person asked to), rather than at the next retry. */
  rereadAll(): void {
    if (this.retryFirstRead) {
      this.retryFirstRead();
      return;
    }
    this.changed(LEDGER_TABLES.map((table) => ({ table, kind: "whole" as const })));
  }

  /** Hears a change event (the source's `watch` calls this). */
  changed(changes: readonly TableChange[]): void {
    for (const c of changes) {
      const list = this.pending.get(c.table) ?? [];
      if (c.kind === "whole") this.pending.set(c.table, [c]);
      else if (!list.some((x) => x.kind === "whole")) this.pending.set(c.table, [...list, c]);
      else this.pending.set(c.table, list);
    }
    if (this.current) void this.drain();
  }

  private setStatus(next: LiveStatus): void {
    this.state = next;
    for (const l of this.statusListeners) l(next);
  }

  private async firstRead(): Promise<void> {
    this.setStatus({ state: "reading" });
    let watching = false;
    for (;;) {
      try {
        // Watch before reading, so a change made during the read is read again after it.
        if (!watching) await this.source.watch((changes) => this.changed(changes));
        watching = true;
        this.system = await this.source.dateSystem();
        const read = await Promise.all(LEDGER_TABLES.map((t) => this.source.readTable(t)));
        LEDGER_TABLES.forEach((t, i) => (this.grids[t] = owned(read[i])));
        this.rebuild();
        this.setStatus({ state: "ready" });
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w(this.current!);
        if (this.pending.size > 0) void this.drain();
        else this.wake();
        return;
      } catch (e) {
        this.setStatus({ state: "failed", message: readFailure(e, false) });
        await new Promise<void>((resolve) => {
          const handle = this.timers.setTimeout(resolve, this.retryMs);
          this.retryFirstRead = () => {
            this.timers.clearTimeout(handle);
            resolve();
          };
        });
        this.retryFirstRead = null;
        this.setStatus({ state: "reading" });
        this.wake();
      }
    }
  }

  /** Reads what the pending changes name, one table at a time, then makes one new snapshot. */
  private async drain(): Promise<void> {
    if (this.working) return;
    this.working = true;
    if (this.retry !== null) {
      this.timers.clearTimeout(this.retry);
      this.retry = null;
    }
    this.setStatus({ state: "updating" });
    let changed = false;
    try {
      while (this.pending.size > 0) {
        // Taken off the list before the read: a change heard while it runs is read after it.
        const [table, changes] = this.pending.entries().next().value as [TableName, TableChange[]];
        this.pending.delete(table);
        try {
          if (await this.read(table, changes)) changed = true;
        } catch (e) {
          this.changed(changes);
          throw e;
        }
      }
      if (changed) this.rebuild();
      this.setStatus({ state: "ready" });
    } catch (e) {
      // The previous books stay; what is still pending is read again shortly.
      if (changed) this.rebuild();
      this.setStatus({ state: "failed", message: readFailure(e, true) });
      this.retry = this.timers.setTimeout(() => {
        this.retry = null;
        void this.drain();
      }, this.retryMs);
    } finally {
      this.working = false;
      this.wake();
    }
  }

  /**
   * Applies one table's changes to its grid; true when a value differs from what was held. Each
   * read is applied to the grid as it stands when the read returns, so rows Lotbook appended
   * meanwhile are kept.
   */
  private async read(table: TableName, changes: readonly TableChange[]): Promise<boolean> {
    if (changes.some((c) => c.kind === "whole") || !this.grids[table]) {
      const fresh = await this.source.readTable(table);
      if (sameGrid(this.grids[table]?.items, fresh)) return false;
      this.grids[table] = owned(fresh);
      this.edits[table] = "whole";
      return true;
    }
    let differs = false;
    for (const c of changes) {
      if (c.kind !== "rows" || c.count <= 0) continue;
      const rows = await this.source.readRows(table, c.first, c.count);
      const list: AppendList<readonly Cell[]> | null = this.grids[table];
      if (!list) continue;
      const current: Grid = list.items;
      const differing: number[] = [];
      rows.forEach((row, i) => {
        const at = c.first + 1 + i;
        if (at >= current.length || !sameRow(current[at], row)) differing.push(i);
      });
      if (differing.length === 0) continue;
      differs = true;
      for (const i of differing) this.noteRow(table, c.first + 1 + i);
      // Rows only added at the end (a draw recorded) go on the end of the list, which grows
      // without a copy; a hole (an event for row 9 of 5) is a gap in the table. Rows edited
      // make a copy to change: the snapshot before keeps its rows.
      const edited: boolean = c.first + 1 + differing[0] < current.length;
      if (edited) {
        const next: (readonly Cell[])[] = current.slice();
        for (const i of differing) next[c.first + 1 + i] = rows[i];
        this.grids[table] = AppendList.owning(next);
      } else {
        const added: (readonly Cell[])[] = new Array<readonly Cell[]>(c.first + 1 + rows.length - current.length).fill([]);
        for (const i of differing) added[c.first + 1 + i - current.length] = rows[i];
        this.grids[table] = list.concat(added);
      }
    }
    return differs;
  }

  private noteRow(table: TableName, at: number): void {
    const held = this.edits[table];
    if (held === "whole") return;
    if (held) held.add(at);
    else this.edits[table] = new Set([at]);
  }

  /**
   * Makes the ledger of the grids as they now stand: from the current one, reading again only the
   * changed rows and posting again only the products they touch (`updateLedger`), or whole at first.
   */
  private rebuild(): void {
    const g = this.grids;
    const input = { lots: itemsOf(g.Lots), draws: itemsOf(g.Draws), counts: itemsOf(g.Counts), products: itemsOf(g.Products), dateSystem: this.system };
    const edits = this.edits;
    this.edits = {};
    const change = Object.fromEntries(Object.entries(edits).map(([t, e]) => [t, e === "whole" ? "whole" : [...e].sort((a, b) => a - b)]));
    const ledger = this.current ? updateLedger(this.current.ledger, input, change) : buildLedger(input);
    const lists = { ...g };
    const copies: Partial<Record<TableName, Grid | null>> = {};
    const tables = {} as Record<TableName, Grid | null>;
    for (const t of LEDGER_TABLES) Object.defineProperty(tables, t, { enumerable: true, get: () => (copies[t] ??= lists[t]?.items.slice() ?? null) });
    const version = (this.current?.version ?? 0) + 1;
    this.current = { ledger, tables, dateSystem: this.system, version, has: (t) => lists[t] !== null, size: (t) => lists[t]?.length ?? 0 };
    for (const l of this.snapshotListeners) l(this.current);
  }
}

function owned(grid: Grid | null): AppendList<readonly Cell[]> | null {
  // A source's reads are the caller's own (see `LedgerSource`).
  return grid === null ? null : AppendList.owning(grid as (readonly Cell[])[]);
}

function itemsOf(list: AppendList<readonly Cell[]> | null): Grid | null {
  return list === null ? null : list.items;
}

function readFailure(e: unknown, kept: boolean): string {
  const why = (e instanceof Error ? e.message : String(e)) || "no reason was given";
  return `Lotbook could not read the workbook's tables: ${why} ${kept ? "It shows the figures it had and" : "It"} tries again in a moment.`;
}
