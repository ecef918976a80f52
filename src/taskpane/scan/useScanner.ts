import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { localSerial, type Books } from "../form/books";
import type { Serial } from "../../core";
import { failureMessage, type WorkbookPort } from "../../workbook/port";
import { planGtin } from "./gtinPlan";
import { findScan, knownProducts, readScan, scannedLot, scanSummary, type ScanFill } from "./readScan";

/** What a flow did with a scan: the product it filled, and anything the person should check. */
export interface ScanApplied {
  readonly product?: string | null;
  readonly notes?: readonly string[];
  /** The flow could not take this scan, and why; nothing was filled. */
  readonly refused?: string;
}

/** The last scan's outcome, for the pane. */
export interface ScanNotice {
  readonly intent: "success" | "info" | "error";
  readonly text: string;
  readonly details: readonly string[];
}

/** A scanned GTIN no product has: the pane asks which product it is before filling the form. */
export interface UnknownGtin {
  readonly gtin: string;
  readonly fill: ScanFill;
  readonly choice: string;
}

export interface ScannerOptions {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  /** Reloads the ledger after a GTIN is recorded. */
  readonly onWritten: () => Promise<void>;
  /** Fills the flow's form from a scan. Called only when the product is settled. */
  readonly apply: (fill: ScanFill) => ScanApplied;
}

export interface Scanner {
  readonly books: Books;
  /** The Scan field's text. */
  readonly text: string;
  /** The Scan field, for a flow to put the cursor back in after an entry is written. */
  readonly fieldRef: RefObject<HTMLInputElement>;
  readonly setText: (text: string) => void;
  readonly notice: ScanNotice | null;
  readonly unknown: UnknownGtin | null;
  readonly products: readonly string[];
  readonly busy: boolean;
  /** Key handling for the Scan field: Enter or Tab reads what it holds. */
  readonly scanFieldKeys: (e: KeyboardEvent<HTMLInputElement>) => void;
  /**
   * Key handling for any other text field: a scan typed into it, ended by Enter or Tab, fills the
   * form instead of submitting it, and the field gets back the text it held before the scan.
   */
  readonly fieldKeys: (restore: (before: string) => void) => (e: KeyboardEvent<HTMLInputElement>) => void;
  readonly choose: (product: string) => void;
  /** Records the unknown GTIN for the chosen product (where Products can take it) and fills the form. */
  readonly confirmProduct: () => Promise<void>;
  readonly dismiss: () => void;
  /** Forgets the last scan's notice and question, once its entry is written. */
  readonly reset: () => void;
}

/**
 * Scanning in a form: reads a scan from the Scan field or any text field, asks once for the
 * product of an unknown GTIN, and hands the fields to the flow. A scan never writes to the
 * workbook; only recording a GTIN does, on the person's click.
 */
export function useScanner({ books, workbook, now, onWritten, apply }: ScannerOptions): Scanner {
  const { ledger, dateSystem } = books;
  const [text, setText] = useState("");
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const [unknown, setUnknown] = useState<UnknownGtin | null>(null);
  const [busy, setBusy] = useState(false);
  const products = useMemo(() => knownProducts(ledger), [ledger]);
  // Once a scan arrives with a separator, this scanner is known to send them.
  const separatorsArrive = useRef(false);

  const options = () => ({ dateSystem, today: Math.floor(localSerial(now(), dateSystem)) as Serial, separatorsArrive: separatorsArrive.current });

  const fieldRef = useRef<HTMLInputElement>(null);

  /** Fills the form from a scan; false when the flow refused it. */
  const fill = (f: ScanFill, more: { readonly said?: string; readonly check?: string } = {}): boolean => {
    const done = apply(f);
    if (done.refused !== undefined) {
      setNotice({ intent: "error", text: [more.said, done.refused].filter(Boolean).join(" "), details: f.warnings });
      return false;
    }
    const details = [...f.warnings, ...(done.notes ?? []), ...(more.check === undefined ? [] : [more.check])];
    const summary = scanSummary({ product: done.product ?? f.product, lot: f.lot, expires: f.expires }, dateSystem);
    setNotice({ intent: details.length > 0 ? "info" : "success", text: [summary, more.said].filter(Boolean).join(" "), details });
    return true;
  };

  /** Reads a scan into the form; false when it could not be read or the flow refused it. */
  const read = (scan: string): boolean => {
    const reading = readScan(scan, ledger, options());
    if (!reading.ok) {
      setNotice({ intent: "error", text: reading.message, details: [] });
      return false;
    }
    if (reading.separated) separatorsArrive.current = true;
    if (reading.unknownGtin === null) {
      setUnknown(null);
      return fill(reading.fill);
    }
    // A lot already in Lots tells which product it probably is; the person still confirms.
    const known = scannedLot(ledger, reading.fill.lot);
    setUnknown({ gtin: reading.unknownGtin, fill: reading.fill, choice: known?.product ?? "" });
    setNotice(null);
    return true;
  };

  const scanFieldKeys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter" && e.key !== "Tab") return;
    const value = e.currentTarget.value;
    // Enter here never submits the form: this field is for scans.
    if (e.key === "Enter") e.preventDefault();
    if (value.trim() === "") return;
    e.preventDefault();
    // A scan that is refused stays in the field, to be read and cleared by the person.
    if (read(value)) setText("");
  };

  const fieldKeys = (restore: (before: string) => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key !== "Enter" && e.key !== "Tab") || e.shiftKey) return;
    const found = findScan(e.currentTarget.value, options());
    if (found === null) return;
    e.preventDefault();
    if (found.problem !== undefined) {
      // The field keeps all it holds, for the person to see and clear; the form is not submitted.
      setNotice({ intent: "error", text: found.problem, details: [] });
      return;
    }
    if (read(found.scan)) restore(found.before);
  };

  const choose = (product: string) => setUnknown((u) => (u === null ? null : { ...u, choice: product }));

  const confirmProduct = async () => {
    if (unknown === null) return;
    const product = unknown.choice;
    if (product === "") {
      setNotice({ intent: "error", text: `Choose the product whose barcode has GTIN ${unknown.gtin}.`, details: [] });
      return;
    }
    const plan = planGtin(books, product, unknown.gtin);
    if (plan.kind === "none") {
      setUnknown(null);
      fill({ ...unknown.fill, product }, { check: plan.says });
      return;
    }
    setBusy(true);
    try {
      await workbook.recordGtin(plan.change);
    } catch (e) {
      // Whatever changed in Products meanwhile is read again, so the next scan asks afresh.
      setNotice({ intent: "error", text: failureMessage(e), details: [] });
      setUnknown(null);
      await onWritten();
      return;
    } finally {
      setBusy(false);
    }
    setUnknown(null);
    fill({ ...unknown.fill, product }, { said: `GTIN ${unknown.gtin} is now recorded for ${product} in Products.` });
    await onWritten();
  };

  const dismiss = useCallback(() => setUnknown(null), []);
  const reset = useCallback(() => {
    setUnknown(null);
    setNotice(null);
  }, []);

  return {
    books, text, fieldRef, setText, notice, unknown, products, busy,
    scanFieldKeys, fieldKeys, choose, confirmProduct, dismiss, reset,
  };
}

/**
 * Focuses an element after the next render, once it exists (a scan may first switch product).
 * @example const focusLater = useFocusLater(); focusLater(() => qtyRef.current);
 */
export function useFocusLater(): (target: () => HTMLElement | null | undefined) => void {
  const [request, setRequest] = useState<{ target: () => HTMLElement | null | undefined } | null>(null);
  useEffect(() => {
    request?.target()?.focus();
  }, [request]);
  return useCallback((target) => setRequest({ target }), []);
}
