import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import type { DateSystem, Serial, TableName } from "../../core";
import { LEDGER_TABLES, type LiveLedger, type LiveStatus, type Snapshot } from "../../live/liveLedger";
import { failureMessage, WorkbookError, type CellValue, type Entry } from "../workbook/port";
import { localSerial, trial, type Books, type Trial } from "./books";

export type BooksState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly books: Books }
  | { readonly status: "failed"; readonly message: string };

/** The books of a live ledger's snapshot, as the flows read them. */
export function booksOf(snapshot: Snapshot): Books {
  const tables: Books["tables"] = Object.fromEntries(
    LEDGER_TABLES.map((t) => {
      const grid = snapshot.tables[t];
      return [t, grid ? { name: t, address: t, values: grid as readonly (readonly CellValue[])[] } : null];
    }),
  );
  return { tables, dateSystem: snapshot.dateSystem, ledger: snapshot.ledger };
}

/**
 * The books from the live ledger the formulas share: the pane never reads or builds them itself.
 * `notice` says when the figures are being brought up to date or could not be; `reload` waits
 * until every change heard so far is in (after a write), `reread` reads every table again.
 */
export function useBooks(live: LiveLedger): { state: BooksState; notice: LiveStatus; reload: () => Promise<void>; reread: () => Promise<void> } {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(live.snapshot);
  const [status, setStatus] = useState<LiveStatus>(live.status);
  useEffect(() => {
    const stopSnapshots = live.subscribe(setSnapshot);
    const stopStatus = live.onStatus(setStatus);
    setSnapshot(live.snapshot);
    setStatus(live.status);
    live.start();
    return () => {
      stopSnapshots();
      stopStatus();
    };
  }, [live]);
  const state = useMemo<BooksState>(() => {
    if (snapshot) return { status: "ready", books: booksOf(snapshot) };
    if (status.state === "failed") return { status: "failed", message: status.message };
    return { status: "loading" };
  }, [snapshot, status]);
  const reload = useCallback(() => live.settled(), [live]);
  const reread = useCallback(async () => {
    live.rereadAll();
    await live.settled();
  }, [live]);
  return { state, notice: status, reload, reread };
}

export type Outcome = { readonly intent: "success" | "error"; readonly text: string } | null;

/**
 * Runs one workbook action at a time: `busy` while it runs, and its outcome as a message for the
 * pane — a failure is always shown, never only logged.
 */
export function useAction(): { busy: boolean; outcome: Outcome; run: (action: () => Promise<string>) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = useCallback(async (action: () => Promise<string>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ intent: "success", text: await action() });
      return true;
    } catch (e) {
      setOutcome({ intent: "error", text: failureMessage(e) });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setOutcome(null), []);
  return { busy, outcome, run, clear };
}

/**
 * The moment a flow works at, read from the clock when the flow opens and again by `refresh`
 * (when an entry is written), so that rendering stays pure.
 */
export function useMoment(now: () => Date, system: DateSystem): [Serial, () => Serial] {
  const [at, setAt] = useState(() => localSerial(now(), system));
  const refresh = useCallback(() => {
    const next = localSerial(now(), system);
    setAt(next);
    return next;
  }, [now, system]);
  return [at, refresh];
}

/** The product a flow is about: the one chosen while it exists, else the first. */
export function useProduct(products: readonly string[]): [string, (name: string) => void] {
  const [choice, setChoice] = useState<string | null>(null);
  return [choice !== null && products.includes(choice) ? choice : (products[0] ?? ""), setChoice];
}

/** What the engine says of a form's entries: its diagnostics, the ledger with them, or why it cannot say. */
export interface Checked {
  readonly issues: Trial["issues"];
  readonly books: Books | null;
  readonly error: string | null;
}

function checkEntries(current: Books, table: TableName, entries: readonly Entry[]): Checked {
  if (!current.tables[table]) return { issues: [], books: null, error: `This workbook has no ${table} table. Create it under Set up.` };
  if (entries.length === 0) return { issues: [], books: null, error: null };
  try {
    const t = trial(current, table, entries);
    return { issues: t.issues, books: t.books, error: null };
  } catch (e) {
    if (e instanceof WorkbookError) return { issues: [], books: null, error: e.message };
    throw e;
  }
}

/**
 * Checks a form's entries with the engine as the user types. Rebuilding the ledger takes a
 * noticeable moment on a large workbook, so it runs on a deferred copy and typing stays quick;
 * `latest()` is the check of exactly what is in the form, for the moment of writing.
 */
export function useTrial(current: Books, table: TableName, entries: readonly Entry[]): { checked: Checked; latest: () => Checked } {
  const key = JSON.stringify(entries);
  const deferred = useDeferredValue(key);
  const checked = useMemo(() => checkEntries(current, table, JSON.parse(deferred) as Entry[]), [current, table, deferred]);
  return { checked, latest: () => (deferred === key ? checked : checkEntries(current, table, entries)) };
}
