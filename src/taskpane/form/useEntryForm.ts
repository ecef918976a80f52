import { useCallback, useState } from "react";
import type { Diagnostic, Serial, TableName } from "../../core";
import type { Entry } from "../../workbook/port";
import type { Books } from "./books";
import { checkEntries, useAction, useMoment, useTrial, type Checked, type Outcome } from "./hooks";

/** A message under a field: the engine's diagnostics on it, an error when any refuses the entry. */
export interface FieldMessage {
  readonly text: string;
  readonly state: "error" | "warning";
}

/** A diagnostic on one of the entries, with the form field it belongs to (null: none of the form's). */
export type FormIssue = Checked["issues"][number];

export interface EntryFormOptions<F extends string> {
  readonly books: Books;
  /** The table the entries are appended to. */
  readonly table: TableName;
  readonly now: () => Date;
  /** The text fields, empty. */
  readonly empty: Readonly<Record<F, string>>;
  /** The rows the form would write with these values, dated `when`. */
  readonly build: (values: Readonly<Record<F, string>>, when: Serial) => readonly Entry[];
  /** Which diagnostics refuse the entry (default: errors). */
  readonly refuses?: (d: Diagnostic) => boolean;
  /** Why the form cannot be written whatever the engine says (no product yet, say), or null. */
  readonly blocker?: (checked: Checked, entries: readonly Entry[], when: Serial) => string | null;
  /** A diagnostic in the form's own words (default: the engine's message). */
  readonly say?: (d: FormIssue) => string;
  /** A refusal the form makes itself before asking the engine (a lot not confirmed), or null. */
  readonly unconfirmed?: () => string | null;
}

export interface EntryForm<F extends string> {
  readonly values: Readonly<Record<F, string>>;
  /** Types into a field: marks it touched, and clears the last outcome (a new attempt has started). */
  readonly edit: (field: F, value: string) => void;
  /** Fills several fields at once (a scan), as if typed. */
  readonly fill: (patch: Partial<Record<F, string>>) => void;
  /** Marks a field that is not a text field (a lot chosen) as touched. */
  readonly touch: (field: string) => void;
  /** Whether the person has tried to write this entry since it was last written or cleared. */
  readonly attempted: boolean;
  /** The moment the form's entries are dated at until the next write. */
  readonly at: Serial;
  readonly entries: readonly Entry[];
  /** The engine's check of `entries` (deferred while typing). */
  readonly checked: Checked;
  readonly formError: string | null;
  /** Whether a diagnostic refuses the entry. */
  readonly refuses: (d: Diagnostic) => boolean;
  /** The message under a field, once it is touched or a write was attempted. */
  readonly message: (field: string, map?: (issue: FormIssue) => string | null) => FieldMessage | null;
  /** Diagnostics on none of `placed`, shown once a write was attempted (or at once when on no column). */
  readonly others: (placed: readonly string[], map?: (issue: FormIssue) => string | null) => readonly FormIssue[];
  readonly busy: boolean;
  readonly outcome: Outcome;
  readonly clearOutcome: () => void;
  /**
   * Checks the entries again, dated now, and writes them with `write` unless something refuses
   * them: then nothing is written, and the refusal is shown as an error. Returns whether they were
   * written; the form is then cleared but for the fields in `keep`. `rows` writes other rows than
   * the form's (a split, a write-off), checked the same way; `confirmed` skips `unconfirmed`.
   */
  readonly submit: (write: (entries: readonly Entry[], when: Serial) => Promise<string>, how?: SubmitOptions<F>) => Promise<boolean>;
  /** Clears the fields, but for those in `keep`, and the attempted mark. */
  readonly reset: (keep?: readonly F[]) => void;
}

export interface SubmitOptions<F extends string> {
  readonly keep?: readonly F[];
  readonly rows?: (when: Serial) => readonly Entry[];
  readonly confirmed?: boolean;
}

const errorsFirst = (ds: readonly Diagnostic[], refuses: (d: Diagnostic) => boolean) => [...ds].sort((a, b) => Number(refuses(b)) - Number(refuses(a)));

/**
 * The state every entry form of the pane shares: its text fields and which were touched, the
 * "attempted" mark that shows every message, the engine's check of its rows as they are typed,
 * the refusals, and a submit that dates the rows at the moment of writing and checks them at that
 * moment — never at the time of the previous write.
 * @example const form = useEntryForm({ books, table: "Counts", now, empty, build: (v, when) => [...] });
 */
export function useEntryForm<F extends string>(options: EntryFormOptions<F>): EntryForm<F> {
  const { books, table, now, empty, build, blocker, unconfirmed } = options;
  const refuses = options.refuses ?? ((d: Diagnostic) => d.severity === "error");
  const { busy, outcome, run, refuse, clear } = useAction();
  const [values, setValues] = useState(empty);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [at, refresh] = useMoment(now, books.dateSystem);

  const entries = build(values, at);
  const checked = useTrial(books, table, entries);
  const formError = blocker?.(checked, entries, at) ?? checked.error;
  const shown = (field: string | null) => attempted || (field !== null && touched.has(field));

  // Typing starts a new entry, dated from now: never the moment of the entry written before it.
  const edit = (field: F, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => new Set(t).add(field));
    refresh();
    clear();
  };
  const fill = (patch: Partial<Record<F, string>>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((t) => new Set([...t, ...Object.keys(patch)]));
    refresh();
    clear();
  };
  const touch = useCallback((field: string) => {
    setTouched((t) => new Set(t).add(field));
    refresh();
    clear();
  }, [clear, refresh]);

  const text = (issue: FormIssue, map?: (issue: FormIssue) => string | null) => map?.(issue) ?? issue.field;
  const message = (field: string, map?: (issue: FormIssue) => string | null): FieldMessage | null => {
    if (!shown(field)) return null;
    const mine = errorsFirst(checked.issues.filter((d) => text(d, map) === field), refuses);
    return mine.length ? { text: mine.map((d) => d.message).join("; "), state: mine.some(refuses) ? "error" : "warning" } : null;
  };
  const others = (placed: readonly string[], map?: (issue: FormIssue) => string | null) =>
    checked.issues.filter((d) => {
      const field = text(d, map);
      return (field === null || !placed.includes(field)) && (attempted || d.field === null);
    });

  const reset = (keep: readonly F[] = []) => {
    setValues((v) => ({ ...empty, ...Object.fromEntries(keep.map((k) => [k, v[k]])) }));
    setTouched(new Set());
    setAttempted(false);
  };

  const submit = async (write: (entries: readonly Entry[], when: Serial) => Promise<string>, how: SubmitOptions<F> = {}) => {
    setAttempted(true);
    // A new attempt: whatever the last one said no longer applies.
    clear();
    const own = how.confirmed ? null : (unconfirmed?.() ?? null);
    // The rows are dated now, and checked as dated now: a recount a minute after a count is a new count.
    const when = refresh();
    const rows = how.rows ? how.rows(when) : build(values, when);
    const latest = checkEntries(books, table, rows);
    const blocked = blocker?.(latest, rows, when) ?? latest.error;
    const refused = latest.issues.filter(refuses);
    if (blocked !== null || refused.length > 0 || own !== null) {
      const reasons = [blocked, own, ...refused.map((d) => options.say?.(d) ?? d.message)].flatMap((r) => (r === null ? [] : [r.replace(/\.$/, "")]));
      refuse(`Not recorded: ${reasons.join("; ")}.`);
      return false;
    }
    const written = await run(() => write(rows, when));
    if (written) reset(how.keep);
    return written;
  };

  return { values, edit, fill, touch, attempted, at, entries, checked, formError, refuses, message, others, busy, outcome, clearOutcome: clear, submit, reset };
}
