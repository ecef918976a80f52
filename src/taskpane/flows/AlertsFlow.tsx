import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { atRisk, describe, expiryAlerts, formatMoney, formatQty, formatSerial, openVials, qtyToNumber, type Failure, type Qty, type Result } from "../../core";
import { hasColumn, trial, type Books } from "../app/books";
import { useAction, useMoment } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { WorkbookError, type Entry, type WorkbookPort } from "../workbook/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, alignItems: "flex-start" },
});

export interface AlertsFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
}

interface Alert {
  readonly key: string;
  readonly text: string;
  /** The draw that settles it, with the button's words; none when only time will tell. */
  readonly record?: { readonly label: string; readonly entry: Entry };
}

function failures<T>(results: readonly Result<T>[]): Failure[] {
  return results.flatMap((r) => (r.ok ? [] : [r.error]));
}

/** Expired and expiring lots, open vials past use-by and stock at risk; one click records the waste. */
export function AlertsFlow({ books, workbook, now, onWritten }: AlertsFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const { ledger, dateSystem } = books;
  const [at, refresh] = useMoment(now, dateSystem);
  const unitOf = (product: string) => {
    const p = ledger.productByName(product);
    const unit = p?.settings?.unit ?? p?.lots[0]?.unit ?? "";
    return unit ? ` ${unit}` : "";
  };
  const amount = (product: string, q: Qty) => `${formatQty(q)}${unitOf(product)}`;
  // A forecast is an estimate: tenths of a unit, said as such, rather than six false decimals.
  const forecast = (product: string, q: Qty) => {
    const tenths = Math.round(qtyToNumber(q) * 10) / 10;
    return tenths === qtyToNumber(q) ? amount(product, q) : `about ${tenths}${unitOf(product)}`;
  };
  const lotUnit = (product: string, lot: string) =>
    hasColumn(books, "Draws", "Unit") ? (ledger.productByName(product)?.lots.find((l) => l.lot === lot)?.unit ?? null) : null;
  const draw = (product: string, lot: string, qty: Qty, kind: "Expired" | "Waste"): Entry => ({
    Date: at, Product: product, Lot: lot, Qty: qtyToNumber(qty), Unit: lotUnit(product, lot), Kind: kind,
  });

  const expiry = expiryAlerts(ledger, at);
  const vials = openVials(ledger, at);
  const risk = atRisk(ledger, at);

  const expiryItems: Alert[] = expiry.flatMap((r) => {
    if (!r.ok || (r.value.threshold < 0 && !r.value.residue)) return [];
    const a = r.value;
    const what = `${a.product} lot ${a.lot}: ${amount(a.product, a.remaining)} (${formatMoney(a.value)} at cost)`;
    if (a.threshold === 0 && a.expires !== null) {
      return [{ key: `x${a.lot}`, text: `${what} expired on ${formatSerial(a.expires, dateSystem)}.`, record: { label: `Record ${amount(a.product, a.remaining)} of ${a.lot} as Expired`, entry: draw(a.product, a.lot, a.remaining, "Expired") } }];
    }
    if (a.residue) {
      return [{ key: `r${a.lot}`, text: `${what} is a residue: use it or write it off.`, record: { label: `Write off ${amount(a.product, a.remaining)} of ${a.lot} as Waste`, entry: draw(a.product, a.lot, a.remaining, "Waste") } }];
    }
    return [{ key: `e${a.lot}`, text: `${what} expires ${formatSerial(a.expires!, dateSystem)}, in ${a.daysLeft} ${a.daysLeft === 1 ? "day" : "days"}.` }];
  });
  const vialItems: Alert[] = vials.flatMap((r) => {
    if (!r.ok || !r.value.pastUseBy) return [];
    const v = r.value;
    return [{
      key: `v${v.lot}`,
      text: `${v.product} lot ${v.lot}: ${amount(v.product, v.left)} left in a vial past its use-by${v.useBy !== null ? ` (${formatSerial(Math.floor(v.useBy), dateSystem)})` : ""}.`,
      record: { label: `Record ${amount(v.product, v.left)} left in the open vial of ${v.lot} as Waste`, entry: draw(v.product, v.lot, v.left, "Waste") },
    }];
  });
  const riskItems: Alert[] = risk.flatMap((r) =>
    r.ok && r.value.atRisk > 0 ? [{ key: `k${r.value.lot}`, text: `${r.value.product} lot ${r.value.lot}: ${forecast(r.value.product, r.value.atRisk)} (${formatMoney(r.value.atRiskValue)}) expected to expire unused at the recent rate of use.` }] : [],
  );
  const problems = [...new Map([...failures(expiry), ...failures(vials), ...failures(risk)].map((f) => [f.message, f])).values()];

  const record = (alert: Alert) =>
    run(async () => {
      const entry = alert.record!.entry;
      const refused = trial(books, "Draws", [entry]).issues.filter((d) => d.severity === "error");
      if (refused.length > 0) throw new WorkbookError(`Not recorded: ${refused.map(describe).join("; ")}.`);
      await workbook.appendRows("Draws", [{ ...entry, Date: refresh() }]);
      await onWritten();
      return `Recorded ${String(entry.Qty)}${unitOf(String(entry.Product))} of lot ${String(entry.Lot)} as ${String(entry.Kind)}.`;
    });

  const section = (title: string, items: readonly Alert[], none: string) => (
    <section aria-label={title}>
      <h2 className={styles.heading}>{title}</h2>
      {items.length === 0 ? (
        <Text>{none}</Text>
      ) : (
        <ul className={styles.list}>
          {items.map((a) => (
            <li key={a.key} className={styles.item}>
              <Text>{a.text}</Text>
              {a.record && (
                <Button size="small" disabled={busy} onClick={() => void record(a)}>
                  {a.record.label}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <div className={styles.root}>
      <OutcomeBar outcome={outcome} />
      {problems.map((f) => (
        <MessageBar key={f.message} intent="warning">
          <MessageBarBody>
            {f.product ? `${f.product}: ` : ""}
            {f.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      {section("Expiry", expiryItems, "No lot with stock is expired or inside its alert days.")}
      {section("Open vials", vialItems, "No open vial is past its use-by.")}
      {section("At risk", riskItems, "No stock is expected to expire unused.")}
    </div>
  );
}
