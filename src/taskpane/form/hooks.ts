import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { DateSystem, Serial, TableName } from "../../core";
import { failureMessage, WorkbookError, type Entry } from "../../workbook/port";
import { localSerial, trial, type Books, type Trial } from "./books";

export type Outcome = { readonly intent: "success" | "error"; readonly text: string } | null;

/**
 * Runs one workbook action at a time: `busy` while it runs, and its outcome as a message for the
 * pane — a failure is always shown, never only logged. `refuse` shows why an action was not run.
 */
export function useAction(): {
  busy: boolean;
  outcome: Outcome;
  run: (action: () => Promise<string>) => Promise<boolean>;
  refuse: (text: string) => void;
  clear: () => void;
} {
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
  const refuse = useCallback((text: string) => setOutcome({ intent: "error", text }), []);
  const clear = useCallback(() => setOutcome(null), []);
  return { busy, outcome, run, refuse, clear };
}

/**
 * The moment a flow works at, read from the clock when the flow opens and again by `refresh`
 * (when an entry is about to be written), so that rendering stays pure.
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

/** The products that have lots, by name, sorted. */
export function useProducts(books: Books): string[] {
  const { ledger } = books;
  return useMemo(() => [...ledger.productIndex.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b)), [ledger]);
}

/** What the engine says of a form's entries: its diagnostics, the ledger with them, or why it cannot say. */
export interface Checked {
  readonly issues: Trial["issues"];
  readonly books: Books | null;
  readonly error: string | null;
}

/** The engine's check of `entries` as the next rows of `table`, now. */
export function checkEntries(current: Books, table: TableName, entries: readonly Entry[]): Checked {
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
 * Checks a form's entries with the engine as the user types: the live ledger brought up to date
 * with them as the next rows (`withRows`: only the products they touch are posted again, never
 * the whole ledger). It runs on a deferred copy, so typing stays quick on a large workbook.
 * The moment of writing checks its own entries again (`checkEntries`), at the time it writes.
 */
export function useTrial(current: Books, table: TableName, entries: readonly Entry[]): Checked {
  const key = JSON.stringify(entries);
  const deferred = useDeferredValue(key);
  return useMemo(() => checkEntries(current, table, JSON.parse(deferred) as Entry[]), [current, table, deferred]);
}
