import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import { useId, useMemo, useRef, useState } from "react";
import { type DateSystem, parseTextDate, productKey, qtyToNumber, type Serial, unitsText } from "../../core";
import { fieldFromDate, hasColumn, locationsOf, serialFromField, type Books } from "../form/books";
import { FlowForm } from "../form/FlowForm";
import { OutcomeBar } from "../form/Outcome";
import { numberHint, typedMoney, typedNumber } from "../form/typed";
import { useEntryForm, type FormIssue } from "../form/useEntryForm";
import { expiryNote, lotClash, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { CellValue, Entry, WorkbookPort } from "../../workbook/port";
import { costWarning, unitPrice, usualUnitCost, writtenDate } from "./receiptCheck";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  echo: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface ReceiveFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
  /** Where deliveries arrive unless the person says otherwise (the picker's location); blank where the workbook keeps none. */
  readonly location?: string;
}

const EMPTY = { Product: "", Lot: "", Expires: "", Qty: "", Packages: "", Cost: "", Supplier: "", PO: "" };
type FieldName = keyof typeof EMPTY;
/** What stays from one line of a purchase order to the next. */
const PO_FIELDS: readonly FieldName[] = ["Supplier", "PO"];

/**
 * A typed expiry as Excel would store it: a date serial when it reads as one (`2027-06-30`,
 * `6/30/2027`, or month-only `2027-06`, meaning the month's last day), else the text as typed
 * so the engine names the problem.
 */
export function expiryCell(text: string, system: DateSystem): CellValue {
  const t = text.trim();
  if (t === "") return null;
  return parseTextDate(t, system, true)?.serial ?? t;
}


/**
 * Receive: purchase-order lines appended to Lots, quantity in units or packages × vial size; what
 * was understood said back before saving, a unit cost far from the usual one questioned, and the
 * PO's supplier, number and date kept from one line to the next.
 */
export function ReceiveFlow({ books, workbook, now, onWritten, location = "" }: ReceiveFlowProps) {
  const styles = useStyles();
  const listId = useId();
  const placesId = useId();
  const { ledger, dateSystem } = books;
  // A product listed in Products but never received yet is offered too: its first lot comes in here.
  const products = useMemo(() => {
    const names = new Map<string, string>();
    for (const p of ledger.productIndex.values()) names.set(p.key, p.name);
    for (const r of ledger.products.rows) if (r.usable && r.productKey && r.product && !names.has(r.productKey)) names.set(r.productKey, r.product);
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  }, [ledger]);
  const [received, setReceived] = useState(() => fieldFromDate(now()));
  const [by, setBy] = useState<"units" | "packages">("units");
  const [costAs, setCostAs] = useState<"unit" | "total">("total");
  // Where the delivery arrived: the picker's location until another is typed; kept from line to line.
  const hasLocation = hasColumn(books, "Lots", "Location");
  const [siteTyped, setSiteTyped] = useState<string | null>(null);
  const site = siteTyped ?? location;
  const places = useMemo(() => locationsOf(books), [books]);

  const lineOf = (values: Readonly<Record<FieldName, string>>) => {
    const product = ledger.productByName(values.Product.trim());
    const typedKey = values.Product.trim() ? productKey(values.Product.trim()) : null;
    const settings = product?.settings ?? ledger.products.rows.find((r) => r.usable && r.productKey === typedKey) ?? null;
    const vialSize = settings?.vialSize ?? null;
    const unit = settings?.unit ?? product?.lots[0]?.unit ?? "";
    const inPackages = by === "packages" && vialSize !== null;
    const packages = inPackages ? typedNumber(values.Packages) : null;
    const qty: CellValue = inPackages ? (typeof packages === "number" ? packages * qtyToNumber(vialSize) : packages) : typedNumber(values.Qty);
    return { product, vialSize, unit, inPackages, qty };
  };
  const entryOf = (values: Readonly<Record<FieldName, string>>): Entry => {
    const { unit, qty } = lineOf(values);
    return {
      Product: values.Product.trim(),
      Lot: values.Lot.trim(),
      Expires: expiryCell(values.Expires, dateSystem),
      Received: serialFromField(received, dateSystem) ?? received,
      Qty: qty,
      // Filled in, not typed: written only where the table has the column.
      Unit: unit && hasColumn(books, "Lots", "Unit") ? unit : null,
      [costAs === "unit" ? "Unit Cost" : "Total Cost"]: typedMoney(values.Cost),
      Supplier: values.Supplier.trim(),
      PO: values.PO.trim(),
      Location: hasLocation ? site.trim() : null,
    };
  };

  const form = useEntryForm<FieldName>({ books, table: "Lots", now, empty: EMPTY, build: (values) => [entryOf(values)] });
  const { values } = form;
  const { product, vialSize, unit, inPackages, qty } = lineOf(values);
  const entry = form.entries[0];
  const fullDate = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(values.Expires.trim());
  // The engine questions an expiry on the 1st of a month because Excel turns a typed 03/2026 into
  // March 1st; a full date typed here was meant as written, so the question does not apply.
  const applies = (d: FormIssue) => !(fullDate && d.code === "expiry-first-of-month");
  const fieldOf = (d: FormIssue): string | null => {
    if (!applies(d)) return "—";
    if (d.field === "Unit Cost" || d.field === "Total Cost") return "Cost";
    if (d.field === "Qty") return inPackages ? "Packages" : "Qty";
    return d.field;
  };
  const messageFor = (field: FieldName | "Received" | "Location") => {
    const m = form.message(field, fieldOf);
    const typed = field === "Cost" || field === "Qty" || field === "Packages" ? values[field] : "";
    const hint = numberHint(typed);
    if (m && hint) return { text: `${typed.trim()} is not a number: ${hint}.`, state: "error" as const };
    return m;
  };
  const others = form.others(["Product", "Lot", "Expires", "Received", "Location", "Qty", "Packages", "Cost", "Supplier", "PO", "—"], fieldOf);

  // What was understood, said back: the expiry written out, the units in all, the unit cost and the line total.
  const cost = typedMoney(values.Cost);
  const units = typeof qty === "number" && qty > 0 ? qty : null;
  const unitCost = typeof cost === "number" && units !== null ? (costAs === "unit" ? cost : cost / units) : null;
  const lineTotal = typeof cost === "number" && units !== null ? (costAs === "unit" ? cost * units : cost) : null;
  const expires = typeof entry.Expires === "number" ? writtenDate(entry.Expires as Serial, dateSystem) : null;
  const per = unit ? `per ${unit}` : "per unit";
  const understood = [
    expires ? `expires ${expires}` : null,
    units !== null ? `${unitsText(units, unit)} in all` : null,
    unitCost !== null ? `${unitPrice(unitCost)} ${per}` : null,
    lineTotal !== null ? `line total ${unitPrice(lineTotal)}` : null,
  ].filter((s): s is string => s !== null);
  const usual = useMemo(() => usualUnitCost(ledger, product), [ledger, product]);
  const costCheck = unitCost !== null ? costWarning(unitCost, usual, unit, costAs) : null;

  // A scan fills product, lot and expiry; a lot already in Lots with another expiry is pointed out before saving.
  const qtyRef = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  const applyScan = (fill: ScanFill): ScanApplied => {
    const known = scannedLot(ledger, fill.lot);
    const name = fill.product ?? known?.product ?? null;
    const scanned: Partial<Record<FieldName, string>> = {};
    if (name !== null) scanned.Product = name;
    if (fill.lot !== null) scanned.Lot = fill.lot.trim();
    if (fill.expiresText !== null) scanned.Expires = fill.expiresText;
    form.fill(scanned);
    // Receiving a lot number under a second product is the engine's "ambiguous lot": said here, before saving.
    const notes = [lotClash(known, name), expiryNote(ledger, fill, known)].filter((n): n is string => n !== null);
    focusLater(() => qtyRef.current);
    return { product: name, notes };
  };
  const scanner = useScanner({ books, workbook, now, onWritten, apply: applyScan });
  const input = (field: FieldName, label: string, extra: { placeholder?: string; numeric?: boolean; hint?: string } = {}) => {
    const message = messageFor(field);
    return (
      <Field label={label} hint={extra.hint} validationMessage={message?.text} validationState={message?.state ?? "none"}>
        <Input
          ref={field === "Qty" || field === "Packages" ? qtyRef : field === "Product" ? productRef : undefined}
          value={values[field]}
          placeholder={extra.placeholder}
          inputMode={extra.numeric ? "decimal" : undefined}
          list={field === "Product" ? listId : undefined}
          onChange={(_, d) => form.edit(field, d.value)}
          onKeyDown={scanner.fieldKeys((before) => form.edit(field, before))}
        />
      </Field>
    );
  };
  const productRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    const said = understood.length ? `: ${understood.join(", ")}` : "";
    const written = await form.submit(async (rows) => {
      const row = rows[0];
      await workbook.appendRows("Lots", rows);
      const at = row.Location ? ` at ${String(row.Location)}` : "";
      return `Received ${unitsText(String(row.Qty), unit)} of ${String(row.Product)}, lot ${String(row.Lot)}${at}${said}.${values.PO.trim() ? ` Next line of ${values.PO.trim()}?` : ""}`;
    }, { keep: PO_FIELDS });
    if (!written) return;
    scanner.reset();
    focusLater(() => scanner.fieldRef.current ?? productRef.current);
    await onWritten();
  };

  const newPo = () => {
    form.reset();
    form.clearOutcome();
    setReceived(fieldFromDate(now()));
    scanner.reset();
    focusLater(() => scanner.fieldRef.current);
  };

  const receivedMessage = messageFor("Received");
  const locationMessage = messageFor("Location");
  return (
    <FlowForm label="Receive" onSubmit={submit}>
      {input("Supplier", "Supplier")}
      {input("PO", "PO")}
      <Field label="Received" validationMessage={receivedMessage?.text} validationState={receivedMessage?.state ?? "none"}>
        <Input type="date" value={received} onChange={(_, d) => setReceived(d.value)} />
      </Field>
      {hasLocation && (
        <Field
          label="Location"
          hint={places.length === 0 ? "Where the delivery arrived: a room, clinic or kit. Blank is the one unnamed location." : undefined}
          validationMessage={locationMessage?.text}
          validationState={locationMessage?.state ?? "none"}
        >
          <Input
            value={site}
            list={placesId}
            onChange={(_, d) => {
              setSiteTyped(d.value);
              form.touch("Location");
            }}
          />
        </Field>
      )}
      {hasLocation && (
        <datalist id={placesId}>
          {places.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      )}
      <ScanPanel scanner={scanner} />
      {input("Product", "Product")}
      <datalist id={listId}>
        {products.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {input("Lot", "Lot")}
      {input("Expires", "Expires", { placeholder: "2027-06-30 or 2027-06" })}
      {vialSize !== null && (
        <Field label="Quantity in">
          <RadioGroup layout="horizontal" value={by} onChange={(_, d) => setBy(d.value as "units" | "packages")}>
            <Radio value="units" label={unit ? `Units (${unit})` : "Units"} />
            <Radio value="packages" label={`Packages of ${qtyToNumber(vialSize)}${unit ? ` ${unit}` : ""}`} />
          </RadioGroup>
        </Field>
      )}
      {inPackages ? input("Packages", "Packages", { numeric: true }) : input("Qty", unit ? `Qty (${unit})` : "Qty", { numeric: true })}
      <Field label="Cost is">
        <RadioGroup layout="horizontal" value={costAs} onChange={(_, d) => setCostAs(d.value as "unit" | "total")}>
          <Radio value="total" label="Line total" />
          <Radio value="unit" label={unit ? `Per ${unit}` : "Per unit"} />
        </RadioGroup>
      </Field>
      {input("Cost", "Cost ($)", { numeric: true })}
      {understood.length > 0 && (
        <section aria-label="What will be recorded" className={styles.echo}>
          <Text weight="semibold">
            {values.Product.trim() || "This line"}
            {values.Lot.trim() ? `, lot ${values.Lot.trim()}` : ""}
          </Text>
          <Text>{understood.join(" · ")}</Text>
        </section>
      )}
      {costCheck && (
        <MessageBar intent="warning">
          <MessageBarBody>{costCheck}</MessageBarBody>
        </MessageBar>
      )}
      {form.formError && (
        <MessageBar intent="error">
          <MessageBarBody>{form.formError}</MessageBarBody>
        </MessageBar>
      )}
      {others.map((d, i) => (
        <MessageBar key={i} intent={d.severity === "error" ? "error" : "warning"}>
          <MessageBarBody>
            {d.column ? `${d.column}: ` : ""}
            {d.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.busy}>
          Add to Lots
        </Button>
        <Button disabled={form.busy} onClick={newPo}>
          New PO
        </Button>
      </div>
      <OutcomeBar outcome={form.outcome} />
    </FlowForm>
  );
}
