import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { formatMoney, formatQty, formatSerial, lotRemaining, shrinkageLog, type ShrinkageEntry } from "../../core";
import type { Books } from "../app/books";
import { FlowForm } from "../app/FlowForm";
import { useAction, useMoment, useProduct, useTrial, type Checked } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { expiryNote, lotClash, notInLots, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { Entry, WorkbookPort } from "../workbook/port";
import { typedNumber } from "./DrawFlow";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%" },
  cell: { textAlign: "left", padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, verticalAlign: "top" },
  number: { textAlign: "right", padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, verticalAlign: "top" },
  counted: { width: "6em" },
  scanned: { backgroundColor: tokens.colorPaletteYellowBackground1 },
});

export interface CountFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
}

/** What a count found, as the shrinkage log will show it. */
export function varianceText(s: ShrinkageEntry, unit: string): string {
  const u = unit ? ` ${unit}` : "";
  if (s.shrinkage === 0) return "matches the books";
  if (s.shrinkage > 0) {
    const allowed = s.allowedLoss !== null && s.allowedLoss > 0 ? `, ${formatQty(Math.min(s.allowedLoss, s.shrinkage))}${u} of it within the loss allowance` : "";
    return `${formatQty(s.shrinkage)}${u} missing (${formatMoney(s.cost)})${allowed}`;
  }
  return `${formatQty(-s.shrinkage)}${u} found (${formatMoney(-s.cost)})`;
}

/** Count: the open lots of a product with their expected stock; variances shown before writing. */
export function CountFlow({ books, workbook, now, onWritten }: CountFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const { ledger, dateSystem } = books;
  const products = useMemo(() => [...ledger.productIndex.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b)), [ledger]);
  const [product, setProduct] = useProduct(products);
  const [counted, setCounted] = useState<Readonly<Record<string, string>>>({});
  const [by, setBy] = useState("");
  const [note, setNote] = useState("");
  const [attempted, setAttempted] = useState(false);

  const [at, refresh] = useMoment(now, dateSystem);
  const p = ledger.productByName(product);
  const unit = p?.settings?.unit ?? p?.lots[0]?.unit ?? "";
  const lots = (p?.lots ?? []).flatMap((l) => {
    const remaining = lotRemaining(ledger, l.lot, at);
    return remaining.ok && remaining.value !== 0 ? [{ lot: l, expected: remaining.value }] : [];
  });
  const filled = lots.filter((l) => (counted[l.lot.lot] ?? "").trim() !== "");
  const entries: Entry[] = filled.map((l) => ({ Date: at, Product: p?.name ?? product, Lot: l.lot.lot, Counted: typedNumber(counted[l.lot.lot]), By: by.trim(), Note: note.trim() }));

  const { checked, latest } = useTrial(books, "Counts", entries);
  const formError = checked.error;
  const issues = checked.issues;
  const variance = new Map<string, ShrinkageEntry>();
  if (checked.books && books.tables.Counts) {
    const first = books.tables.Counts.values.length + 1;
    for (const r of shrinkageLog(checked.books.ledger)) {
      if (r.ok && r.value.countRow >= first) variance.set(entries[r.value.countRow - first]?.Lot as string, r.value);
    }
  }
  const blockedBy = (c: Checked) => c.error !== null || entries.length === 0 || c.issues.some((d) => d.severity === "error");
  const issuesOf = (lot: string) => issues.filter((d) => entries[d.entry]?.Lot === lot);

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
    if (p !== undefined && target.key !== p.key && filled.length > 0) {
      return { refused: `Record the counts of ${p.name} first, or clear them, then scan ${target.name} again. Nothing was filled.` };
    }
    if (target.key !== p?.key) {
      setProduct(target.name);
      setCounted({});
    }
    setHighlighted(null);
    const notes: string[] = [];
    if (fill.lot !== null && known === null) {
      notes.push(notInLots(fill.lot, target.name));
    }
    if (known !== null) {
      const remaining = lotRemaining(ledger, known.lot.lot, at);
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

  const submit = async () => {
    setAttempted(true);
    if (blockedBy(latest())) return;
    const written = await run(async () => {
      const when = refresh();
      await workbook.appendRows("Counts", entries.map((e) => ({ ...e, Date: when })));
      return `Recorded ${entries.length} ${entries.length === 1 ? "count" : "counts"} of ${p?.name ?? product}.`;
    });
    if (!written) return;
    setCounted({});
    setAttempted(false);
    setHighlighted(null);
    scanner.reset();
    await onWritten();
  };

  return (
    <FlowForm label="Count" onSubmit={submit}>
      <ScanPanel scanner={scanner} />
      <Field label="Product">
        <Select
          value={product}
          onChange={(_, d) => {
            setProduct(d.value);
            setCounted({});
            setHighlighted(null);
          }}
        >
          {products.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </Select>
      </Field>
      {lots.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No lot of {product || "this product"} has stock on the books.</MessageBarBody>
        </MessageBar>
      ) : (
        <table className={styles.table} aria-label={`Open lots of ${product}`}>
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
              return (
                <tr key={lot.lot} className={lot.lot === highlighted ? styles.scanned : undefined} aria-current={lot.lot === highlighted ? "true" : undefined}>
                  <th scope="row" className={styles.cell}>
                    {lot.lot}
                    {lot.expires !== null ? ` (exp. ${formatSerial(lot.expires, dateSystem)})` : ""}
                  </th>
                  <td className={styles.number}>
                    {formatQty(expected)}
                    {unit ? ` ${unit}` : ""}
                  </td>
                  <td className={styles.cell}>
                    <Input
                      className={styles.counted}
                      aria-label={`Counted ${lot.lot}`}
                      inputMode="decimal"
                      value={counted[lot.lot] ?? ""}
                      ref={(el) => {
                        if (el) countedInputs.current.set(lot.lot, el);
                        else countedInputs.current.delete(lot.lot);
                      }}
                      onChange={(_, d) => setCounted((c) => ({ ...c, [lot.lot]: d.value }))}
                      onKeyDown={scanner.fieldKeys((before) => setCounted((c) => ({ ...c, [lot.lot]: before })))}
                    />
                  </td>
                  <td className={styles.cell}>{problems.length > 0 ? problems.map((d) => d.message).join("; ") : v ? varianceText(v, unit) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Field label="Counted by">
        <Input value={by} onChange={(_, d) => setBy(d.value)} onKeyDown={scanner.fieldKeys(setBy)} />
      </Field>
      <Field label="Note">
        <Input value={note} onChange={(_, d) => setNote(d.value)} onKeyDown={scanner.fieldKeys(setNote)} />
      </Field>
      {formError && (
        <MessageBar intent="warning">
          <MessageBarBody>{formError}</MessageBarBody>
        </MessageBar>
      )}
      {attempted && entries.length === 0 && !formError && (
        <MessageBar intent="error">
          <MessageBarBody>Enter what you counted for at least one lot.</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Record counts
        </Button>
      </div>
      <OutcomeBar outcome={outcome} />
    </FlowForm>
  );
}
