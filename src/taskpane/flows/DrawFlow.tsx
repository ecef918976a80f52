import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { fefoLot, findLot, formatQty, formatSerial, isExpiredOn, lotRemaining, moneyToNumber, openVials, type Diagnostic } from "../../core";
import { hasColumn, type Books } from "../app/books";
import { FlowForm } from "../app/FlowForm";
import { useAction, useMoment, useProduct, useTrial, type Checked } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { expiryNote, lotClash, notInLots, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { CellValue, Entry, WorkbookPort } from "../workbook/port";

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

export interface DrawFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
}

const FIELDS = ["Visit", "Patient", "Provider", "Service", "Qty", "Price"] as const;
type FieldName = (typeof FIELDS)[number];
const EMPTY: Record<FieldName, string> = { Visit: "", Patient: "", Provider: "", Service: "", Qty: "", Price: "" };

/**
 * A diagnostic that refuses the draw: any error, and the two warnings a draw must not be written
 * with — an overdraw and a lot past its expiry.
 */
export function refuses(d: Diagnostic): boolean {
  return d.severity === "error" || d.code === "overdraw" || d.code === "expired-lot";
}

/** A number typed in a form, or the text as typed so the engine names what is wrong with it. */
export function typedNumber(text: string): CellValue {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Visit draw: the FEFO lot proposed with its stock, expiry and open vial; one Draws row per entry. */
export function DrawFlow({ books, workbook, now, onWritten }: DrawFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const { ledger, dateSystem } = books;
  const products = useMemo(() => [...ledger.productIndex.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b)), [ledger]);
  const [product, setProduct] = useProduct(products);
  const [lotChoice, setLotChoice] = useState<string | null>(null);
  const [values, setValues] = useState(EMPTY);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [confirmed, setConfirmed] = useState(false);

  const [at, refresh] = useMoment(now, dateSystem);
  const day = Math.floor(at);
  const fefo = product ? fefoLot(ledger, product, at) : null;
  const proposed = fefo?.ok ? fefo.value : null;
  const lot = lotChoice ?? proposed ?? "";
  const lots = useMemo(() => {
    const p = ledger.productByName(product);
    if (!p) return [];
    const vials = new Map(openVials(ledger, at).flatMap((r) => (r.ok && r.value.product === p.name ? [[r.value.lot, r.value] as const] : [])));
    return p.lots.flatMap((l) => {
      const remaining = lotRemaining(ledger, l.lot, at);
      if (!remaining.ok || remaining.value <= 0) return [];
      return [{ lot: l, remaining: remaining.value, vial: vials.get(l.lot) ?? null, expired: isExpiredOn(l, day) }];
    });
  }, [ledger, product, at, day]);
  const unit = ledger.productByName(product)?.lots[0]?.unit ?? "";
  const chosen = lots.find((l) => l.lot.lot === lot) ?? null;

  // Products' Price per Unit prefills the line's price until the user types one.
  const pricePerUnit = ledger.productByName(product)?.settings?.pricePerUnit ?? null;
  const qtyTyped = typedNumber(values.Qty);
  const price =
    touched.has("Price") || pricePerUnit === null || typeof qtyTyped !== "number" || !(qtyTyped > 0) || !hasColumn(books, "Draws", "Price")
      ? values.Price
      : String(Math.round(qtyTyped * moneyToNumber(pricePerUnit) * 100) / 100);
  const shownValues = { ...values, Price: price };

  const entry: Entry = {
    Date: at,
    Visit: values.Visit.trim(),
    Patient: values.Patient.trim(),
    Provider: values.Provider.trim(),
    Service: values.Service.trim(),
    Product: product,
    Lot: lot,
    Qty: typedNumber(values.Qty),
    // The lot's unit, as the rows typed by hand carry it, where the table has the column.
    Unit: hasColumn(books, "Draws", "Unit") ? (chosen?.lot.unit ?? (unit || null)) : null,
    // Visit is also what a blank Kind means: written only where the table has the column.
    Kind: hasColumn(books, "Draws", "Kind") ? "Visit" : null,
    Price: typedNumber(price),
  };
  const ready = Boolean(books.tables.Draws && product && lot);
  const { checked, latest } = useTrial(books, "Draws", ready ? [entry] : []);
  const formErrorOf = (c: Checked): string | null => {
    if (c.error) return c.error;
    if (!product) return "There is no product in the Lots table yet: receive a lot first.";
    if (!lot) return fefo && !fefo.ok ? `${fefo.error.message[0].toUpperCase()}${fefo.error.message.slice(1)}.` : "Choose a lot.";
    return null;
  };
  const formError = formErrorOf(checked);
  const issues = checked.issues;
  const needsConfirmation = proposed !== null && lot !== proposed;
  const blockedBy = (c: Checked) => formErrorOf(c) !== null || c.issues.some(refuses) || (needsConfirmation && !confirmed);
  const shown = (field: string | null) => attempted || (field !== null && touched.has(field));
  const fieldMessage = (field: FieldName | "Lot") => {
    const mine = issues.filter((d) => d.field === field && shown(field));
    return mine.length ? { text: mine.map((d) => d.message).join("; "), state: mine.some(refuses) ? ("error" as const) : ("warning" as const) } : null;
  };
  const others = issues.filter((d) => !FIELDS.includes(d.field as FieldName) && d.field !== "Lot" && (attempted || d.field === null));

  const edit = (field: FieldName, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => new Set(t).add(field));
  };

  // A scanned lot replaces the proposed one; FEFO's confirmation and the engine's refusals then apply as to a chosen lot.
  const qtyRef = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  const applyScan = (fill: ScanFill): ScanApplied => {
    const known = scannedLot(ledger, fill.lot);
    const clash = lotClash(known, fill.product);
    if (clash !== null) return { refused: `${clash} Nothing was filled.` };
    const name = fill.product ?? known?.product ?? null;
    const target = ledger.productByName(name ?? product);
    if (target === undefined) {
      return { refused: `${name ?? "This product"} has no lot in the Lots table yet, so there is nothing of it to draw: receive it first. Nothing was filled.` };
    }
    const notes: string[] = [];
    setProduct(target.name);
    if (fill.lot !== null) {
      setLotChoice(known?.lot.lot ?? fill.lot.trim());
      setConfirmed(false);
      setTouched((t) => new Set(t).add("Lot"));
      if (known === null) notes.push(notInLots(fill.lot, target.name));
      const expiry = expiryNote(ledger, fill, known);
      if (expiry !== null) notes.push(expiry);
    } else {
      setLotChoice(null);
    }
    focusLater(() => qtyRef.current);
    return { product: target.name, notes };
  };
  const scanner = useScanner({ books, workbook, now, onWritten, apply: applyScan });

  const submit = async () => {
    setAttempted(true);
    if (blockedBy(latest())) return;
    const written = await run(async () => {
      await workbook.appendRows("Draws", [{ ...entry, Date: refresh() }]);
      return `Recorded ${String(entry.Qty)} ${unit} of ${product} from lot ${lot}${entry.Visit ? ` for visit ${entry.Visit}` : ""}.`;
    });
    if (!written) return;
    setValues(EMPTY);
    setTouched(new Set());
    setAttempted(false);
    setLotChoice(null);
    setConfirmed(false);
    scanner.reset();
    await onWritten();
  };

  const lotMessage = fieldMessage("Lot");
  const describeLot = (l: (typeof lots)[number]) =>
    [
      `${l.lot.lot}: ${formatQty(l.remaining)} ${unit} left`,
      l.lot.expires === null ? "no expiry" : `${l.expired ? "expired" : "expires"} ${formatSerial(l.lot.expires, dateSystem)}`,
      l.vial ? `open vial ${formatQty(l.vial.left)} ${unit}${l.vial.useBy !== null ? `, use by ${formatSerial(Math.floor(l.vial.useBy), dateSystem)}` : ""}${l.vial.pastUseBy ? " (past use-by)" : ""}` : null,
      l.lot.lot === proposed ? "FEFO" : null,
    ]
      .filter(Boolean)
      .join(", ");

  return (
    <FlowForm label="Visit draw" onSubmit={submit}>
      <ScanPanel scanner={scanner} />
      <Field label="Product">
        <Select
          value={product}
          onChange={(_, d) => {
            setProduct(d.value);
            setLotChoice(null);
            setConfirmed(false);
          }}
        >
          {products.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </Select>
      </Field>
      <Field label="Lot" hint={chosen ? describeLot(chosen) : undefined} validationMessage={lotMessage?.text} validationState={lotMessage?.state ?? "none"}>
        <Select
          value={lot}
          onChange={(_, d) => {
            setLotChoice(d.value);
            setConfirmed(false);
            setTouched((t) => new Set(t).add("Lot"));
          }}
        >
          {lots.map((l) => (
            <option key={l.lot.lot} value={l.lot.lot}>
              {describeLot(l)}
            </option>
          ))}
          {lot !== "" && chosen === null && <option value={lot}>{`${lot}: ${findLot(ledger, lot) ? "none left on the books" : "not in the Lots table"}`}</option>}
        </Select>
      </Field>
      {needsConfirmation && (
        <Checkbox
          checked={confirmed}
          onChange={(_, d) => setConfirmed(d.checked === true)}
          label={`Draw from lot ${lot}, not ${proposed}, the lot that expires first`}
        />
      )}
      {(["Qty", "Visit", "Patient", "Provider", "Service", "Price"] as const).map((field) => {
        const message = fieldMessage(field);
        return (
          <Field key={field} label={field === "Qty" ? `Qty${unit ? ` (${unit})` : ""}` : field} validationMessage={message?.text} validationState={message?.state ?? "none"}>
            <Input
              ref={field === "Qty" ? qtyRef : undefined}
              value={shownValues[field]}
              inputMode={field === "Qty" || field === "Price" ? "decimal" : undefined}
              onChange={(_, d) => edit(field, d.value)}
              onKeyDown={scanner.fieldKeys((before) => edit(field, before))}
            />
          </Field>
        );
      })}
      {formError && (
        <MessageBar intent="warning">
          <MessageBarBody>{formError}</MessageBarBody>
        </MessageBar>
      )}
      {others.map((d, i) => (
        <MessageBar key={i} intent={refuses(d) ? "error" : "warning"}>
          <MessageBarBody>
            {d.column ? `${d.column}: ` : ""}
            {d.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      {attempted && needsConfirmation && !confirmed && (
        <MessageBar intent="error">
          <MessageBarBody>Confirm the lot: {lot} is not the lot FEFO proposes ({proposed}).</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Record draw
        </Button>
      </div>
      <OutcomeBar outcome={outcome} />
    </FlowForm>
  );
}
