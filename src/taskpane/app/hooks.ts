import { useCallback, useEffect, useMemo, useState } from "react";
import { LEDGER_TABLES, type LiveLedger, type LiveStatus, type Snapshot } from "../../live/liveLedger";
import type { Books } from "../form/books";
import type { CellValue } from "../../workbook/port";

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
