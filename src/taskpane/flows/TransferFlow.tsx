import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { type Diagnostic, fefoLot, formatQty, formatSerial, isExpiredOn, locationKey, lotRemaining, type Qty, type Serial, unitsText } from "../../core";
import { hasColumn, locationsOf, type Books } from "../form/books";
import { ChoiceField } from "../form/ChoiceField";
import { FlowForm } from "../form/FlowForm";
import { useProduct, useProducts } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { numberHint, typedNumber } from "../form/typed";
import { useEntryForm, type FormIssue } from "../form/useEntryForm";
import type { WorkbookPort } from "../../workbook/port";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface TransferFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
  /** Where the units are moved from unless the person chooses another (the picker's location). */
  readonly location?: string;
}

type FieldName = "Qty";
const EMPTY: Record<FieldName, string> = { Qty: "" };

/** What refuses a transfer: any error, and taking more than the source holds (an overdraw there). */
export function refusesTransfer(d: Diagnostic): boolean {
  return d.severity === "error" || d.code === "overdraw";
}

/**
 * Transfer: units of one lot moved from one location to another, written to Draws as one row of
 * Kind Transfer (Location the source, To the destination) once the engine has checked it. The lot
 * FEFO would draw next at the source is proposed.
 */
export function TransferFlow({ books, workbook, now, onWritten, location = "" }: TransferFlowProps) {
  const styles = useStyles();
  const { ledger, dateSystem } = books;
  const places = locationsOf(books);
  const products = useProducts(books);
  const [product, setProduct] = useProduct(products);
  const [lotChoice, setLotChoice] = useState<string | null>(null);
  const [fromChoice, setFrom] = useState<string | null>(null);
  const [toChoice, setTo] = useState<string | null>(null);
  const named = (name: string | null) => (name === null ? undefined : places.find((p) => locationKey(p) === locationKey(name)));
  const from = named(fromChoice) ?? named(location) ?? places[0] ?? "";
  const destinations = places.filter((p) => locationKey(p) !== locationKey(from));
  const to = named(toChoice) ?? destinations[0] ?? "";
  const toValid = destinations.some((p) => p === to);
  const hasUnit = hasColumn(books, "Draws", "Unit");

  const p = ledger.productByName(product);
  const unit = p?.settings?.unit ?? p?.lots[0]?.unit ?? "";
  const amount = (q: Qty) => unitsText(formatQty(q), unit);
  const lotsAt = (at: Serial) =>
    from === ""
      ? []
      : (p?.lots ?? []).flatMap((l) => {
          const r = lotRemaining(ledger, l.lot, at, from);
          return r.ok && r.value > 0 ? [{ lot: l, remaining: r.value, expired: isExpiredOn(l, Math.floor(at)) }] : [];
        }).sort((a, b) => Number(a.expired) - Number(b.expired) || (a.lot.expires ?? Infinity) - (b.lot.expires ?? Infinity));
  const proposedAt = (at: Serial) => {
    const f = product && from ? fefoLot(ledger, product, at, from) : null;
    return f?.ok ? f.value : null;
  };
  const lotAt = (at: Serial) => lotChoice ?? proposedAt(at) ?? lotsAt(at)[0]?.lot.lot ?? "";

  const form = useEntryForm<FieldName>({
    books,
    table: "Draws",
    now,
    empty: EMPTY,
    refuses: refusesTransfer,
    say: (d) => wording(d),
    build: (values, when) => {
      const lot = lotAt(when);
      if (!books.tables.Draws || !product || !lot || !from || !toValid) return [];
      const chosen = lotsAt(when).find((l) => l.lot.lot === lot);
      return [{ Date: when, Product: p?.name ?? product, Lot: lot, Qty: typedNumber(values.Qty), Unit: hasUnit ? (chosen?.lot.unit ?? (unit || null)) : null, Kind: "Transfer", Location: from, To: to }];
    },
    blocker: (c, _rows, when) => {
      if (c.error) return c.error;
      if (places.length < 2) {
        return places.length === 0
          ? "No location is named yet: fill in the Location column of Lots (Receive writes it), then move stock between locations here."
          : `${places[0]} is the only location named: a transfer needs another. Receive a delivery there, or write its name in a Location cell, first.`;
      }
      if (!product) return "There is no product in the Lots table yet: receive a lot first.";
      if (!lotAt(when)) return `No lot of ${p?.name ?? product} has stock at ${from}.`;
      return null;
    },
  });
  const { values, at } = form;
  const lots = lotsAt(at);
  const proposed = proposedAt(at);
  const lot = lotAt(at);
  const chosen = lots.find((l) => l.lot.lot === lot) ?? null;

  const wording = (d: FormIssue): string =>
    d.code === "overdraw" && chosen ? `Lot ${lot} has only ${amount(chosen.remaining)} at ${from}, less than the ${unitsText(values.Qty.trim(), unit)} to move.` : d.message;
  const messageFor = (field: "Qty" | "Lot" | "Location" | "To") => {
    const m = form.message(field);
    const hint = field === "Qty" ? numberHint(values.Qty) : null;
    if (m && hint) return { text: `${values.Qty.trim()} is not a number: ${hint}.`, state: "error" as const };
    if (!m) return null;
    const mine = form.checked.issues.filter((d) => d.field === field);
    return { ...m, text: mine.map(wording).join("; ") || m.text };
  };
  const others = form.others(["Qty", "Lot", "Location", "To"]);
  const describeLot = (l: (typeof lots)[number]) =>
    [
      `${l.lot.lot}: ${amount(l.remaining)} at ${from}`,
      l.lot.expires === null ? "no expiry" : `${l.expired ? "expired" : "expires"} ${formatSerial(l.lot.expires, dateSystem)}`,
      l.lot.lot === proposed ? "proposed" : null,
    ]
      .filter(Boolean)
      .join(", ");

  const submit = async () => {
    const written = await form.submit(async (rows) => {
      await workbook.appendRows("Draws", rows);
      const r = rows[0];
      return `Moved ${unitsText(String(r.Qty), unit)} of ${String(r.Product)}, lot ${String(r.Lot)}, from ${from} to ${to}.`;
    });
    if (!written) return;
    setLotChoice(null);
    await onWritten();
  };

  const qtyMessage = messageFor("Qty");
  const lotMessage = messageFor("Lot");
  const fromMessage = messageFor("Location");
  const toMessage = messageFor("To");
  return (
    <FlowForm label="Transfer" onSubmit={submit}>
      <ChoiceField
        label="Product"
        value={product}
        choices={products}
        onChange={(value) => {
          setProduct(value);
          setLotChoice(null);
          form.clearOutcome();
        }}
      />
      <ChoiceField
        label="From"
        message={fromMessage}
        value={from}
        choices={places}
        onChange={(value) => {
          setFrom(value);
          setLotChoice(null);
          form.touch("Location");
        }}
      />
      <Field label="Lot" hint={chosen && lot === proposed ? `FEFO proposes ${lot} at ${from}: the lot to draw next there.` : undefined} validationMessage={lotMessage?.text} validationState={lotMessage?.state ?? "none"}>
        <Select
          value={lot}
          onChange={(_, d) => {
            setLotChoice(d.value);
            form.touch("Lot");
          }}
        >
          {lots.map((l) => (
            <option key={l.lot.lot} value={l.lot.lot}>
              {describeLot(l)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={`Qty${unit ? ` (${unit})` : ""}`} validationMessage={qtyMessage?.text} validationState={qtyMessage?.state ?? "none"}>
        <Input value={values.Qty} inputMode="decimal" onChange={(_, d) => form.edit("Qty", d.value)} />
      </Field>
      <ChoiceField
        label="To"
        message={toMessage}
        value={to}
        choices={destinations}
        onChange={(value) => {
          setTo(value);
          form.touch("To");
        }}
      />
      {form.formError && (
        <MessageBar intent="error">
          <MessageBarBody>{form.formError}</MessageBarBody>
        </MessageBar>
      )}
      {others.map((d, i) => (
        <MessageBar key={i} intent={refusesTransfer(d) ? "error" : "warning"}>
          <MessageBarBody>
            {d.column ? `${d.column}: ` : ""}
            {wording(d)}
          </MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.busy}>
          Record transfer
        </Button>
      </div>
      <OutcomeBar outcome={form.outcome} />
    </FlowForm>
  );
}
