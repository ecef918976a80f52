import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import { Fragment, useId, useMemo, useRef, useState } from "react";
import { formatMoney, formatQty, formatSerial, lotRemaining, plural, type Qty, type Serial, type ShrinkageEntry, shrinkageLog, unitsText } from "../../core";
import { hasColumn, type Books } from "../form/books";
import { ChoiceField } from "../form/ChoiceField";
import { FlowForm } from "../form/FlowForm";
import { useProduct, useProducts } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { typedNumber } from "../form/typed";
import { useEntryForm } from "../form/useEntryForm";
import { expiryNote, lotClash, notInLots, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { Entry, WorkbookPort } from "../../workbook/port";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%" },
  cell: { textAlign: "left", padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, verticalAlign: "top" },
  number: { textAlign: "right", padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, verticalAlign: "top" },
  counted: { width: "6em" },
  scanned: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  hidden: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface CountFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
  /** The location counted at (the picker's): only its lots are listed; blank where the workbook keeps none. */
  readonly location?: string;
}

/** What a count found, as the shrinkage log will show it. */
export function varianceText(s: ShrinkageEntry, unit: string): string {
  const u = (q: Qty) => unitsText(formatQty(q), unit);
  if (s.shrinkage === 0) return "matches the books";
  if (s.shrinkage > 0) {
    const allowed = s.allowedLoss !== null && s.allowedLoss > 0 ? `, ${u(Math.min(s.allowedLoss, s.shrinkage) as Qty)} of it within the loss allowance` : "";
    return `${u(s.shrinkage)} missing (${formatMoney(s.cost)})${allowed}`;
  }
  return `${u(-s.shrinkage as Qty)} found (${formatMoney(-s.cost)})`;
}

// The counted boxes are keyed by lot; "By" and "Note" cannot clash with a key that starts with "#".
const lotField = (lot: string) => `#${lot}`;
type Mode = "one" | "all";

/**
 * Count: the open lots of a product with their expected stock; variances shown before writing.
 * A full count goes through every product in turn, blind (expected quantities hidden until every
 * lot of the product is counted) unless the person asks to see them.
 */
export function CountFlow({ books, workbook, now, onWritten, location = "" }: CountFlowProps) {
  const styles = useStyles();
  const progressId = useId();
  const { ledger, dateSystem } = books;
  const products = useProducts(books);
  const [product, setProduct] = useProduct(products);
  const [mode, setMode] = useState<Mode>("one");
  const [expectedChoice, setExpectedChoice] = useState<boolean | null>(null);
  const [done, setDone] = useState<readonly string[]>([]);

  const where = location.trim() === "" ? null : location;
  const placed = hasColumn(books, "Counts", "Location") && where !== null ? where : null;
  const p = ledger.productByName(product);
  const unit = p?.settings?.unit ?? p?.lots[0]?.unit ?? "";
  const lotsAt = (when: Serial) =>
    (p?.lots ?? []).flatMap((l) => {
      const remaining = lotRemaining(ledger, l.lot, when, where);
      return remaining.ok && remaining.value !== 0 ? [{ lot: l, expected: remaining.value }] : [];
    });

  const form = useEntryForm<string>({
    books,
    table: "Counts",
    now,
    empty: {},
    build: (values, when): Entry[] =>
      lotsAt(when)
        .filter((l) => (values[lotField(l.lot.lot)] ?? "").trim() !== "")
        .map((l) => ({ Date: when, Product: p?.name ?? product, Lot: l.lot.lot, Counted: typedNumber(values[lotField(l.lot.lot)]), By: (values.By ?? "").trim(), Note: (values.Note ?? "").trim(), Location: placed })),
    blocker: (c, rows) => c.error ?? (rows.length === 0 ? "Enter what you counted for at least one lot." : null),
  });
  const { values, checked, entries } = form;
  const lots = lotsAt(form.at);
  const allCounted = lots.length > 0 && lots.every((l) => (values[lotField(l.lot.lot)] ?? "").trim() !== "");
  const showExpected = (expectedChoice ?? mode === "one") || allCounted;

  const variance = new Map<string, ShrinkageEntry>();
  if (checked.books && books.tables.Counts) {
    const first = books.tables.Counts.values.length + 1;
    for (const r of shrinkageLog(checked.books.ledger)) {
      if (r.ok && r.value.countRow >= first) variance.set(entries[r.value.countRow - first]?.Lot as string, r.value);
    }
  }
  const issuesOf = (lot: string) => checked.issues.filter((d) => entries[d.entry]?.Lot === lot);
  const switchTo = (name: string) => {
    setProduct(name);
    form.reset(["By", "Note"]);
    setHighlighted(null);
  };

  // A scan picks the product and puts the cursor in its lot's Counted box.
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const countedInputs = useRef(new Map<string, HTMLInputElement>());
  const focusLater = useFocusLater();
  const applyScan = (fill: ScanFill): ScanApplied => {
    const known = scannedLot(ledger, fill.lot);
    const clash = lotClash(known, fill.product);
    if (clash !== null) return { refused: `${clash} Nothing was filled.` };
    const name = fill.product ?? known?.product ?? null;
    const target = name === null ? p : ledger.productByName(name);
    if (target === undefined) return { refused: `${name ?? "This product"} has no lot in the Lots table, so there is nothing of it to count. Nothing was filled.` };
    if (p !== undefined && target.key !== p.key && entries.length > 0) {
      return { refused: `Record the counts of ${p.name} first, or clear them, then scan ${target.name} again. Nothing was filled.` };
    }
    if (target.key !== p?.key) switchTo(target.name);
    setHighlighted(null);
    const notes: string[] = [];
    if (fill.lot !== null && known === null) {
      notes.push(notInLots(fill.lot, target.name));
    }
    if (known !== null) {
      const remaining = lotRemaining(ledger, known.lot.lot, form.at, where);
      if (remaining.ok && remaining.value !== 0) {
        setHighlighted(known.lot.lot);
        focusLater(() => countedInputs.current.get(known.lot.lot));
      } else {
        notes.push(`Lot ${known.lot.lot} has no line to count here: ${remaining.ok ? "nothing is left of it on the books" : remaining.error.message}.`);
      }
      const expiry = expiryNote(ledger, fill, known);
      if (expiry !== null) notes.push(expiry);
    }
    return { product: target.name, notes };
  };
  const scanner = useScanner({ books, workbook, now, onWritten, apply: applyScan });

  // In a full count, the products still to count, in list order after this one.
  const counted = useMemo(() => new Set([...done, product]), [done, product]);
  const next = mode === "all" ? (products.find((name) => !counted.has(name)) ?? null) : null;

  const submit = async () => {
    const name = p?.name ?? product;
    const written = await form.submit(async (rows, when) => {
      await workbook.appendRows("Counts", rows.map((e) => ({ ...e, Date: when })));
      const said = `Recorded ${plural(rows.length, "count")} of ${name}${where !== null ? ` at ${where}` : ""}.`;
      if (mode !== "all") return said;
      return next === null ? `${said} Full count finished: every product is counted.` : `${said} Next: ${next}.`;
    }, { keep: ["By", "Note"] });
    if (!written) return;
    setHighlighted(null);
    scanner.reset();
    if (mode === "all") {
      setDone((d) => [...d, product]);
      if (next !== null) setProduct(next);
    }
    await onWritten();
  };

  const skip = () => {
    if (next === null) return;
    setDone((d) => [...d, product]);
    switchTo(next);
  };

  const position = products.indexOf(product) + 1;
  return (
    <FlowForm label="Count" onSubmit={submit}>
      <Field label="Count">
        <RadioGroup
          layout="horizontal"
          value={mode}
          onChange={(_, d) => {
            setMode(d.value as Mode);
            setDone([]);
            setExpectedChoice(null);
          }}
        >
          <Radio value="one" label="Spot check" />
          <Radio value="all" label="Full count, all in turn" />
        </RadioGroup>
      </Field>
      <ScanPanel scanner={scanner} />
      <ChoiceField
        label="Product"
        hint={mode === "all" ? `Product ${position} of ${products.length}; ${done.length} counted so far.` : undefined}
        value={product}
        choices={products}
        onChange={switchTo}
      />
      <Checkbox
        checked={showExpected}
        disabled={allCounted}
        onChange={(_, d) => setExpectedChoice(d.checked === true)}
        label="Show expected quantities"
      />
      {!showExpected && lots.length > 0 && (
        <Text>Blind count: what the books expect is hidden until every lot below is counted, so the count is what is on the shelf.</Text>
      )}
      {lots.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No lot of {product || "this product"} has stock on the books{where !== null ? ` at ${where}` : ""}.</MessageBarBody>
        </MessageBar>
      ) : (
        <table className={styles.table} aria-label={`Open lots of ${product}${where !== null ? ` at ${where}` : ""}`}>
          <thead>
            <tr>
              <th scope="col" className={styles.cell}>Lot</th>
              <th scope="col" className={styles.number}>Expected</th>
              <th scope="col" className={styles.cell}>Counted</th>
              <th scope="col" className={styles.cell}>Variance</th>
            </tr>
          </thead>
          <tbody>
            {lots.map(({ lot, expected }) => {
              const v = variance.get(lot.lot);
              const problems = issuesOf(lot.lot);
              const refused = problems.some(form.refuses);
              const messageId = `${progressId}-${lot.index}`;
              return (
                <Fragment key={lot.lot}>
                  <tr className={lot.lot === highlighted ? styles.scanned : undefined} aria-current={lot.lot === highlighted ? "true" : undefined}>
                    <th scope="row" className={styles.cell}>
                      {lot.lot}
                      {lot.expires !== null ? ` (exp. ${formatSerial(lot.expires, dateSystem)})` : ""}
                    </th>
                    <td className={styles.number}>
                      {showExpected ? (
                        unitsText(formatQty(expected), unit)
                      ) : (
                        <span className={styles.hidden} aria-label="Expected quantity hidden until every lot is counted">
                          hidden
                        </span>
                      )}
                    </td>
                    <td className={styles.cell}>
                      <Input
                        className={styles.counted}
                        aria-label={`Counted ${lot.lot}`}
                        aria-invalid={refused || undefined}
                        aria-describedby={problems.length > 0 ? messageId : undefined}
                        inputMode="decimal"
                        value={values[lotField(lot.lot)] ?? ""}
                        ref={(el) => {
                          if (el) countedInputs.current.set(lot.lot, el);
                          else countedInputs.current.delete(lot.lot);
                        }}
                        onChange={(_, d) => form.edit(lotField(lot.lot), d.value)}
                        onKeyDown={scanner.fieldKeys((before) => form.edit(lotField(lot.lot), before))}
                      />
                    </td>
                    <td className={styles.cell}>{problems.length === 0 && v && showExpected ? varianceText(v, unit) : ""}</td>
                  </tr>
                  {/* What refuses a lot's count, under its row across the table: an error, never plain text. */}
                  {problems.length > 0 && (
                    <tr>
                      <td colSpan={4} className={styles.cell}>
                        <MessageBar id={messageId} intent={refused ? "error" : "warning"} layout="multiline">
                          <MessageBarBody>
                            {lot.lot}: {refused ? "Error: " : "Check: "}
                            {problems.map((d) => d.message).join("; ")}
                          </MessageBarBody>
                        </MessageBar>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      <Field label="Counted by">
        <Input value={values.By ?? ""} onChange={(_, d) => form.edit("By", d.value)} onKeyDown={scanner.fieldKeys((before) => form.edit("By", before))} />
      </Field>
      <Field label="Note">
        <Input value={values.Note ?? ""} onChange={(_, d) => form.edit("Note", d.value)} onKeyDown={scanner.fieldKeys((before) => form.edit("Note", before))} />
      </Field>
      {checked.error && (
        <MessageBar intent="error">
          <MessageBarBody>{checked.error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.busy}>
          Record counts
        </Button>
        {mode === "all" && next !== null && (
          <Button onClick={skip} disabled={form.busy}>
            Skip to {next}
          </Button>
        )}
      </div>
      <OutcomeBar outcome={form.outcome} />
    </FlowForm>
  );
}
