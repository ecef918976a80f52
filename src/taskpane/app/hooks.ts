import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { DateSystem, Serial, TableName } from "../../core";
import { failureMessage, WorkbookError, type Entry, type WorkbookPort } from "../workbook/port";
import { books, localSerial, TABLES, trial, type Books, type Trial } from "./books";

export type BooksState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly books: Books }
  | { readonly status: "failed"; readonly message: string };

/** Reads the four ledger tables and builds the ledger; `reload` after every write. */
export function useBooks(workbook: WorkbookPort): { state: BooksState; reload: () => Promise<void> } {
  const [state, setState] = useState<BooksState>({ status: "loading" });
  const alive = useRef(true);
  const reload = useCallback(async () => {
    try {
      const [tables, system] = await Promise.all([workbook.readTables(TABLES), workbook.dateSystem()]);
      if (alive.current) setState({ status: "ready", books: books(tables, system) });
    } catch (e) {
      if (alive.current) setState({ status: "failed", message: failureMessage(e) });
    }
  }, [workbook]);
  useEffect(() => {
    alive.current = true;
    void reload();
    return () => {
      alive.current = false;
    };
  }, [reload]);
  return { state, reload };
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
