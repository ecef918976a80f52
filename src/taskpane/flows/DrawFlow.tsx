import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { type Diagnostic, DRAW_KINDS, fefoLot, findLot, formatMoney, formatQty, formatSerial, isExpiredOn, lotRemaining, moneyToNumber, openVials, plural, type Qty, qtyFromNumber, qtyToNumber, type Serial, unitsText, visitCost } from "../../core";
import { hasColumn, type Books } from "../form/books";
import { ChoiceField } from "../form/ChoiceField";
import { FlowForm } from "../form/FlowForm";
import { useProduct, useProducts } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { numberHint, typedMoney, typedNumber } from "../form/typed";
import { useEntryForm, type FormIssue } from "../form/useEntryForm";
import { expiryNote, lotClash, notInLots, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { Entry, WorkbookPort } from "../../workbook/port";
import { proposalReason, splitDraw, type DrawLot } from "./drawLots";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  visit: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface DrawFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
  /** The location the pane works at (the picker's); blank where the workbook keeps none. */
  readonly location?: string;
}

const FIELDS = ["Visit", "Patient", "Provider", "Service", "Qty", "Price"] as const;
type FieldName = (typeof FIELDS)[number];
const EMPTY: Record<FieldName, string> = { Visit: "", Patient: "", Provider: "", Service: "", Qty: "", Price: "" };
/** What stays from one line of a visit to the next. */
const VISIT_FIELDS: readonly FieldName[] = ["Visit", "Patient", "Provider", "Service"];

/**
 * What a draw is for: a visit's patient, or product that leaves without one. An expired lot is
 * written off from the Lot list, and a transfer has its own task (it needs a destination).
 */
export const KINDS = DRAW_KINDS.filter((k) => k !== "Expired" && k !== "Transfer");
type Kind = (typeof KINDS)[number];

/**
 * A diagnostic that refuses the draw: any error, and the two warnings a draw must not be written
 * with — an overdraw and a lot past its expiry.
 */
export function refuses(d: Diagnostic): boolean {
  return d.severity === "error" || d.code === "overdraw" || d.code === "expired-lot";
}

/**
 * Visit draw: the lot FEFO proposes and why, with its stock, expiry and open vial; the lines of
 * one visit one after another, with the visit's running cost and margin; an overdraw split
 * across lots, an expired lot written off.
 */
export function DrawFlow({ books, workbook, now, onWritten, location = "" }: DrawFlowProps) {
  const styles = useStyles();
  const { ledger, dateSystem } = books;
  const products = useProducts(books);
  const [product, setProduct] = useProduct(products);
  const [lotChoice, setLotChoice] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [kind, setKind] = useState<Kind>("Visit");
  const [priceTyped, setPriceTyped] = useState(false);
  const hasKind = hasColumn(books, "Draws", "Kind");
  const hasPrice = hasColumn(books, "Draws", "Price");
  const hasLocation = hasColumn(books, "Draws", "Location");
  // Blank: all the stock together, as in a workbook without locations.
  const where = location.trim() === "" ? null : location;

  // The lots come from the moment the form works at; it is read before the form so the rows can use it.
  const lotsOf = (at: Serial): DrawLot[] => {
    const p = ledger.productByName(product);
    if (!p) return [];
    const day = Math.floor(at);
    const vials = new Map(openVials(ledger, at, where).flatMap((r) => (r.ok && r.value.product === p.name ? [[r.value.lot, r.value] as const] : [])));
    const found = p.lots.flatMap((l) => {
      const remaining = lotRemaining(ledger, l.lot, at, where);
      if (!remaining.ok || remaining.value <= 0) return [];
      return [{ lot: l, remaining: remaining.value, vial: vials.get(l.lot) ?? null, expired: isExpiredOn(l, day) }];
    });
    // Usable lots first, soonest expiry first; the expired ones last, to be written off.
    return found.sort((a, b) => Number(a.expired) - Number(b.expired) || (a.lot.expires ?? Infinity) - (b.lot.expires ?? Infinity));
  };
  const unit = ledger.productByName(product)?.settings?.unit ?? ledger.productByName(product)?.lots[0]?.unit ?? "";
  const amount = (q: Qty) => unitsText(formatQty(q), unit);
  const pricePerUnit = ledger.productByName(product)?.settings?.pricePerUnit ?? null;
  // Products' Price per Unit prefills the line's price until the user types one.
  const priceFor = (values: Readonly<Record<FieldName, string>>, qty: number | null = null): string => {
    const q = qty ?? typedNumber(values.Qty);
    if (priceTyped || pricePerUnit === null || typeof q !== "number" || !(q > 0) || !hasPrice) return values.Price;
    return String(Math.round(q * moneyToNumber(pricePerUnit) * 100) / 100);
  };

  const proposedAt = (at: Serial) => {
    const f = product ? fefoLot(ledger, product, at, where) : null;
    return f?.ok ? f.value : null;
  };
  const lineAt = (values: Readonly<Record<FieldName, string>>, when: Serial, lot: string, qty: Entry[string], price: string): Entry => {
    const chosen = lotsOf(when).find((l) => l.lot.lot === lot);
    const forVisit = kind === "Visit";
    return {
      Date: when,
      Visit: forVisit ? values.Visit.trim() : "",
      Patient: forVisit ? values.Patient.trim() : "",
      Provider: values.Provider.trim(),
      Service: forVisit ? values.Service.trim() : "",
      Product: product,
      Lot: lot,
      Qty: qty,
      // The lot's unit, as the rows typed by hand carry it, where the table has the column.
      Unit: hasColumn(books, "Draws", "Unit") ? (chosen?.lot.unit ?? (unit || null)) : null,
      // Visit is also what a blank Kind means: written only where the table has the column.
      Kind: hasKind ? kind : null,
      Location: hasLocation && where !== null ? where : null,
      Price: forVisit ? typedMoney(price) : null,
    };
  };
  const lotAt = (at: Serial) => lotChoice ?? proposedAt(at) ?? "";

  const form = useEntryForm<FieldName>({
    books,
    table: "Draws",
    now,
    empty: EMPTY,
    refuses,
    say: (d) => wording(d),
    build: (values, when) => {
      const lot = lotAt(when);
      return books.tables.Draws && product && lot ? [lineAt(values, when, lot, typedNumber(values.Qty), priceFor(values))] : [];
    },
    blocker: (c, _rows, when) => {
      if (c.error) return c.error;
      if (!product) return "There is no product in the Lots table yet: receive a lot first.";
      if (!lotAt(when)) {
        const f = fefoLot(ledger, product, when, where);
        return f.ok ? "Choose a lot." : `${f.error.message[0].toUpperCase()}${f.error.message.slice(1)}.`;
      }
      return null;
    },
    unconfirmed: () => (needsConfirmation && !confirmed ? `confirm the lot: ${lot} is not the lot FEFO proposes (${proposed})` : null),
  });
  const { values, at } = form;
  const lots = lotsOf(at);
  const proposed = proposedAt(at);
  const lot = lotAt(at);
  const chosen = lots.find((l) => l.lot.lot === lot) ?? null;
  const expiredChoice = chosen?.expired === true;
  // An expired lot is never drawn for a patient: it is offered for write-off, not confirmed.
  const needsConfirmation = proposed !== null && lot !== proposed && !expiredChoice;
  const shownValues = { ...values, Price: priceFor(values) };
  const qty = typedNumber(values.Qty);

  // The engine's overdraw sentence starts with its code; the pane says it in words, with the way out.
  const overdrawn = typeof qty === "number" && chosen !== null && !expiredChoice && qty > qtyToNumber(chosen.remaining);
  const split = overdrawn && typeof qty === "number" ? splitDraw(ledger, product, lot, chosen.remaining, qtyFromNumber(qty).qty, at, where) : null;
  const wording = (d: FormIssue): string =>
    d.code === "overdraw" && chosen
      ? `Lot ${lot} has only ${amount(chosen.remaining)} left on the books, less than the ${unitsText(String(qty), unit)} asked for.`
      : d.message;
  const messageFor = (field: FieldName | "Lot") => {
    const typed = field === "Qty" || field === "Price" ? shownValues[field] : "";
    const hint = numberHint(typed);
    if (hint && form.message(field)) return { text: `${typed.trim()} is not a number: ${hint}.`, state: "error" as const };
    const m = form.message(field);
    if (!m) return null;
    const mine = form.checked.issues.filter((d) => d.field === field);
    return { ...m, text: mine.map(wording).join("; ") || m.text };
  };
  const others = form.others([...FIELDS, "Lot"]);
  const patientMissing = kind === "Visit" && values.Patient.trim() === "" && (form.attempted || values.Qty.trim() !== "" || values.Visit.trim() !== "");

  const visitId = values.Visit.trim();
  const visit = useMemo(() => {
    if (!visitId) return null;
    const r = visitCost(ledger, visitId);
    return r.ok ? r.value : null;
  }, [ledger, visitId]);

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
      form.touch("Lot");
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

  const afterWrite = async () => {
    setLotChoice(null);
    setConfirmed(false);
    setPriceTyped(false);
    scanner.reset();
    // The next line of the same visit starts at the scanner (or the product, without one).
    focusLater(() => scanner.fieldRef.current);
    await onWritten();
  };
  const said = (rows: readonly Entry[]) => {
    const [first, ...more] = rows.map((r) => `${unitsText(String(r.Qty), unit)}${r === rows[0] ? ` of ${product}` : ""} from lot ${String(r.Lot)}`);
    const what = [first, ...more].join(" and ") + (where !== null ? ` at ${where}` : "");
    return `Recorded ${what}${kind === "Visit" ? (rows[0].Visit ? ` for visit ${String(rows[0].Visit)}` : "") : ` as ${kind}`}.`;
  };

  const submit = async () => {
    if (await form.submit(async (rows) => {
      await workbook.appendRows("Draws", rows);
      return said(rows);
    }, { keep: VISIT_FIELDS })) await afterWrite();
  };

  const recordSplit = async () => {
    if (!split || split.short > 0) return;
    const total = typeof qty === "number" ? qty : 0;
    const price = typedMoney(priceFor(values));
    if (await form.submit(async (rows) => {
      await workbook.appendRows("Draws", rows);
      return said(rows);
    }, {
      keep: VISIT_FIELDS,
      confirmed: true,
      rows: (when) => {
        // The line's price is shared in proportion to the units, to the cent, the rest on the last line.
        let priceLeft = typeof price === "number" ? Math.round(price * 100) : null;
        return split.lines.map((l, i) => {
          const q = qtyToNumber(l.qty);
          let linePrice: string = "";
          if (priceLeft !== null) {
            const cents = i === split.lines.length - 1 ? priceLeft : Math.round(((typeof price === "number" ? price : 0) * 100 * q) / total);
            priceLeft -= cents;
            linePrice = String(cents / 100);
          }
          return lineAt(values, when, l.lot, q, linePrice);
        });
      },
    })) await afterWrite();
  };

  const writeOff = async () => {
    if (!chosen) return;
    if (await form.submit(async (rows) => {
      await workbook.appendRows("Draws", rows);
      return `Recorded ${amount(chosen.remaining)} of lot ${chosen.lot.lot} as Expired.`;
    }, {
      keep: VISIT_FIELDS,
      confirmed: true,
      rows: (when) => [{ ...lineAt(EMPTY, when, chosen.lot.lot, qtyToNumber(chosen.remaining), ""), Visit: "", Patient: "", Service: "", Price: null, Kind: "Expired" }],
    })) await afterWrite();
  };

  const endVisit = () => {
    form.reset();
    form.clearOutcome();
    setLotChoice(null);
    setConfirmed(false);
    setPriceTyped(false);
    setKind("Visit");
    scanner.reset();
    focusLater(() => scanner.fieldRef.current);
  };

  const lotMessage = messageFor("Lot");
  const describeLot = (l: DrawLot) =>
    [
      `${l.lot.lot}: ${amount(l.remaining)} left`,
      l.lot.expires === null ? "no expiry" : `${l.expired ? "expired" : "expires"} ${formatSerial(l.lot.expires, dateSystem)}`,
      l.vial ? `open vial ${amount(l.vial.left)}${l.vial.useBy !== null ? `, use by ${formatSerial(Math.floor(l.vial.useBy) as Serial, dateSystem)}` : ""}${l.vial.pastUseBy ? " (past use-by)" : ""}` : null,
      l.lot.lot === proposed ? "proposed" : null,
    ]
      .filter(Boolean)
      .join(", ");
  const usable = lots.filter((l) => !l.expired);
  const expired = lots.filter((l) => l.expired);
  const why = proposed !== null && lot === proposed ? proposalReason(lots, proposed, unit, dateSystem) : null;
  const forVisit = kind === "Visit";
  const textFields = (forVisit ? (["Qty", "Visit", "Patient", "Provider", "Service", ...(hasPrice ? (["Price"] as const) : [])] as const) : (["Qty", "Provider"] as const)) as readonly FieldName[];

  return (
    <FlowForm label="Visit draw" onSubmit={submit}>
      {forVisit && visitId !== "" && (
        <section aria-label="Running totals" className={styles.visit}>
          <Text weight="semibold">Visit {visitId}</Text>
          <Text>
            {visit === null
              ? "No line recorded for it yet."
              : `${plural(visit.lines, "line")} so far: cost of goods ${formatMoney(visit.cogs)}` +
                (visit.pricedLines > 0 ? `, charged ${formatMoney(visit.revenue)}, margin ${formatMoney(visit.revenue - visit.cogs)}.` : ", no price yet.")}
          </Text>
        </section>
      )}
      <ScanPanel scanner={scanner} />
      <ChoiceField
        label="Product"
        value={product}
        choices={products}
        onChange={(value) => {
          setProduct(value);
          setLotChoice(null);
          setConfirmed(false);
          form.clearOutcome();
        }}
      />
      <Field label="Lot" hint={chosen ? describeLot(chosen) : undefined} validationMessage={lotMessage?.text} validationState={lotMessage?.state ?? "none"}>
        <Select
          value={lot}
          onChange={(_, d) => {
            setLotChoice(d.value);
            setConfirmed(false);
            form.touch("Lot");
          }}
        >
          {usable.map((l) => (
            <option key={l.lot.lot} value={l.lot.lot}>
              {describeLot(l)}
            </option>
          ))}
          {expired.length > 0 && (
            <optgroup label="Expired — write off">
              {expired.map((l) => (
                <option key={l.lot.lot} value={l.lot.lot}>
                  {describeLot(l)}
                </option>
              ))}
            </optgroup>
          )}
          {lot !== "" && chosen === null && <option value={lot}>{`${lot}: ${findLot(ledger, lot) ? "none left on the books" : "not in the Lots table"}`}</option>}
        </Select>
      </Field>
      {why && <Text>Why {proposed}: {why}</Text>}
      {expiredChoice && chosen && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Lot {chosen.lot.lot} expired on {formatSerial(chosen.lot.expires!, dateSystem)}: it is not drawn for a patient. Write off the {amount(chosen.remaining)} left, or choose another lot.
          </MessageBarBody>
          <MessageBarActions>
            <Button disabled={form.busy} onClick={() => void writeOff()}>
              Write off {amount(chosen.remaining)} as Expired
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {needsConfirmation && (
        <Checkbox checked={confirmed} onChange={(_, d) => setConfirmed(d.checked === true)} label={`Draw from lot ${lot}, not ${proposed}, the lot that expires first`} />
      )}
      {hasKind && (
        <ChoiceField
          label="Kind"
          hint={forVisit ? undefined : `Product that leaves without a patient: spilt or dropped (Waste), a rep's sample (Sample), sent back (Return).${where !== null ? " To move units to another location, use Transfer." : ""}`}
          value={kind}
          choices={KINDS}
          onChange={(value) => setKind(value as Kind)}
        />
      )}
      {textFields.map((field) => {
        const message = messageFor(field);
        const warnPatient = field === "Patient" && patientMissing && !message;
        return (
          <Field
            key={field}
            label={field === "Qty" ? `Qty${unit ? ` (${unit})` : ""}` : field}
            validationMessage={warnPatient ? "The patient is blank: a recall of this lot could not name who received it." : message?.text}
            validationState={warnPatient ? "warning" : (message?.state ?? "none")}
          >
            <Input
              ref={field === "Qty" ? qtyRef : undefined}
              value={shownValues[field]}
              inputMode={field === "Qty" || field === "Price" ? "decimal" : undefined}
              onChange={(_, d) => {
                if (field === "Price") setPriceTyped(true);
                form.edit(field, d.value);
              }}
              onKeyDown={scanner.fieldKeys((before) => form.edit(field, before))}
            />
          </Field>
        );
      })}
      {overdrawn && split && (
        <MessageBar intent="error">
          <MessageBarBody>
            Lot {lot} has only {amount(chosen!.remaining)} left on the books.{" "}
            {split.short > 0
              ? `All usable lots together hold ${amount(split.lines.reduce((n, l) => n + l.qty, 0) as Qty)}: ${amount(split.short)} short.`
              : `Take what is left of it and the rest from the next lot by FEFO: ${split.lines.map((l) => `${amount(l.qty)} from ${l.lot}`).join(", ")}.`}
          </MessageBarBody>
          {split.short === 0 && (
            <MessageBarActions>
              <Button disabled={form.busy} onClick={() => void recordSplit()}>
                Record as {split.lines.length} lines
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {form.formError && (
        <MessageBar intent="error">
          <MessageBarBody>{form.formError}</MessageBarBody>
        </MessageBar>
      )}
      {others.map((d, i) => (
        <MessageBar key={i} intent={refuses(d) ? "error" : "warning"}>
          <MessageBarBody>
            {d.column ? `${d.column}: ` : ""}
            {wording(d)}
          </MessageBarBody>
        </MessageBar>
      ))}
      {form.attempted && needsConfirmation && !confirmed && (
        <MessageBar intent="error">
          <MessageBarBody>Confirm the lot: {lot} is not the lot FEFO proposes ({proposed}).</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.busy}>
          Record draw
        </Button>
        <Button disabled={form.busy} onClick={endVisit}>
          {visitId ? "End visit" : "Clear"}
        </Button>
      </div>
      <OutcomeBar outcome={form.outcome} />
    </FlowForm>
  );
}
