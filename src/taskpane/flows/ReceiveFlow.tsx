import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup } from "@fluentui/react-components";
import { useId, useMemo, useRef, useState } from "react";
import { parseTextDate, productKey, qtyToNumber, type DateSystem } from "../../core";
import { fieldFromDate, hasColumn, serialFromField, type Books } from "../app/books";
import { FlowForm } from "../app/FlowForm";
import { useAction, useTrial, type Checked } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { expiryNote, lotClash, scannedLot, type ScanFill } from "../scan/readScan";
import { ScanPanel } from "../scan/ScanPanel";
import { useFocusLater, useScanner, type ScanApplied } from "../scan/useScanner";
import type { CellValue, Entry, WorkbookPort } from "../workbook/port";
import { typedNumber } from "./DrawFlow";

export interface ReceiveFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
}

const EMPTY = { Product: "", Lot: "", Expires: "", Qty: "", Packages: "", Cost: "", Supplier: "", PO: "" };
type FieldName = keyof typeof EMPTY;

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

/** Receive: one purchase-order line appended to Lots, quantity in units or packages × vial size. */
export function ReceiveFlow({ books, workbook, now, onWritten }: ReceiveFlowProps) {
  const listId = useId();
  const { busy, outcome, run } = useAction();
  const { ledger, dateSystem } = books;
  // A product listed in Products but never received yet is offered too: its first lot comes in here.
  const products = useMemo(() => {
    const names = new Map<string, string>();
    for (const p of ledger.productIndex.values()) names.set(p.key, p.name);
    for (const r of ledger.products.rows) if (r.usable && r.productKey && r.product && !names.has(r.productKey)) names.set(r.productKey, r.product);
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  }, [ledger]);
  const [values, setValues] = useState(EMPTY);
  const [received, setReceived] = useState(() => fieldFromDate(now()));
  const [by, setBy] = useState<"units" | "packages">("units");
  const [costAs, setCostAs] = useState<"unit" | "total">("total");
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);

  const product = ledger.productByName(values.Product.trim());
  const typedKey = values.Product.trim() ? productKey(values.Product.trim()) : null;
  const settings = product?.settings ?? ledger.products.rows.find((r) => r.usable && r.productKey === typedKey) ?? null;
  const vialSize = settings?.vialSize ?? null;
  const unit = settings?.unit ?? product?.lots[0]?.unit ?? "";
  const packages = by === "packages" && vialSize !== null ? typedNumber(values.Packages) : null;
  const qty: CellValue = by === "packages" && vialSize !== null ? (typeof packages === "number" ? packages * qtyToNumber(vialSize) : packages) : typedNumber(values.Qty);

  const entry: Entry = {
    Product: values.Product.trim(),
    Lot: values.Lot.trim(),
    Expires: expiryCell(values.Expires, dateSystem),
    Received: serialFromField(received, dateSystem) ?? received,
    Qty: qty,
    // Filled in, not typed: written only where the table has the column.
    Unit: unit && hasColumn(books, "Lots", "Unit") ? unit : null,
    [costAs === "unit" ? "Unit Cost" : "Total Cost"]: typedNumber(values.Cost),
    Supplier: values.Supplier.trim(),
    PO: values.PO.trim(),
  };
  const { checked, latest } = useTrial(books, "Lots", [entry]);
  const formError = checked.error;
  const issues = checked.issues;
  const blockedBy = (c: Checked) => c.error !== null || c.issues.some((d) => d.severity === "error");
  const fieldOf = (name: string | null): FieldName | "Received" | null => {
    if (name === "Unit Cost" || name === "Total Cost") return "Cost";
    if (name === "Qty") return by === "packages" && vialSize !== null ? "Packages" : "Qty";
    return name as FieldName | "Received" | null;
  };
  const shown = (field: string | null) => attempted || (field !== null && touched.has(field));
  const messageFor = (field: FieldName | "Received") => {
    const mine = issues.filter((d) => fieldOf(d.field) === field && shown(field));
    return mine.length ? { text: mine.map((d) => d.message).join("; "), state: mine.some((d) => d.severity === "error") ? ("error" as const) : ("warning" as const) } : null;
  };
  const placed = new Set<string>(["Product", "Lot", "Expires", "Received", "Qty", "Packages", "Cost", "Supplier", "PO"]);
  const others = issues.filter((d) => !placed.has(fieldOf(d.field) ?? "") && attempted);

  const edit = (field: FieldName, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => new Set(t).add(field));
  };

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
    setValues((v) => ({ ...v, ...scanned }));
    setTouched((t) => new Set([...t, ...Object.keys(scanned)]));
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
          ref={field === "Qty" || field === "Packages" ? qtyRef : undefined}
          value={values[field]}
          placeholder={extra.placeholder}
          inputMode={extra.numeric ? "decimal" : undefined}
          list={field === "Product" ? listId : undefined}
          onChange={(_, d) => edit(field, d.value)}
          onKeyDown={scanner.fieldKeys((before) => edit(field, before))}
        />
      </Field>
    );
  };

  const submit = async () => {
    setAttempted(true);
    if (blockedBy(latest())) return;
    const written = await run(async () => {
      await workbook.appendRows("Lots", [entry]);
      return `Received ${String(entry.Qty)}${unit ? ` ${unit}` : ""} of ${entry.Product}, lot ${entry.Lot}.`;
    });
    if (!written) return;
    setValues(EMPTY);
    setTouched(new Set());
    setAttempted(false);
    scanner.reset();
    await onWritten();
  };

  const receivedMessage = messageFor("Received");
  return (
    <FlowForm label="Receive" onSubmit={submit}>
      <ScanPanel scanner={scanner} />
      {input("Product", "Product")}
      <datalist id={listId}>
        {products.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {input("Lot", "Lot")}
      {input("Expires", "Expires", { placeholder: "2027-06-30 or 2027-06" })}
      <Field label="Received" validationMessage={receivedMessage?.text} validationState={receivedMessage?.state ?? "none"}>
        <Input type="date" value={received} onChange={(_, d) => setReceived(d.value)} />
      </Field>
      {vialSize !== null && (
        <Field label="Quantity in">
          <RadioGroup layout="horizontal" value={by} onChange={(_, d) => setBy(d.value as "units" | "packages")}>
            <Radio value="units" label={unit ? `Units (${unit})` : "Units"} />
            <Radio value="packages" label={`Packages of ${qtyToNumber(vialSize)}${unit ? ` ${unit}` : ""}`} />
          </RadioGroup>
        </Field>
      )}
      {by === "packages" && vialSize !== null
        ? input("Packages", "Packages", { numeric: true, hint: typeof qty === "number" ? `${qty}${unit ? ` ${unit}` : ""} in all` : undefined })
        : input("Qty", unit ? `Qty (${unit})` : "Qty", { numeric: true })}
      <Field label="Cost is">
        <RadioGroup layout="horizontal" value={costAs} onChange={(_, d) => setCostAs(d.value as "unit" | "total")}>
          <Radio value="total" label="Line total" />
          <Radio value="unit" label={unit ? `Per ${unit}` : "Per unit"} />
        </RadioGroup>
      </Field>
      {input("Cost", "Cost ($)", { numeric: true })}
      {input("Supplier", "Supplier")}
      {input("PO", "PO")}
      {formError && (
        <MessageBar intent="warning">
          <MessageBarBody>{formError}</MessageBarBody>
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
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Add to Lots
        </Button>
      </div>
      <OutcomeBar outcome={outcome} />
    </FlowForm>
  );
}
