import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { describe, unitsText } from "../../core";
import { trial, type Books } from "../form/books";
import { useAction, useMoment } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { BAND_FILL } from "../setup/expiryHighlighting";
import { WorkbookError, type Entry, type WorkbookPort } from "../../workbook/port";
import { alertGroups, atRiskMethod, type Alert, type AlertGroup } from "./alertGroups";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `6px solid ${tokens.colorNeutralStroke1}`,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  total: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, alignItems: "flex-start" },
  detail: { color: tokens.colorNeutralForeground2 },
});

export interface AlertsFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
  /** The location the pane works at: the alerts are that location's. Blank: the whole practice. */
  readonly location?: string;
}

/**
 * The alerts grouped by urgency, each group coloured as the sheet's expiry highlighting and
 * totalled at cost; one click records the waste or expiry a lot calls for.
 */
export function AlertsFlow({ books, workbook, now, onWritten, location = "" }: AlertsFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run, clear } = useAction();
  const [at, refresh] = useMoment(now, books.dateSystem);
  const { groups, problems } = useMemo(() => alertGroups(books, at, location), [books, at, location]);

  const record = (alert: Alert) => {
    clear();
    return run(async () => {
      const entry: Entry = { ...alert.record!.entry, Date: refresh() };
      const refused = trial(books, "Draws", [entry]).issues.filter((d) => d.severity === "error");
      if (refused.length > 0) throw new WorkbookError(`Not recorded: ${refused.map(describe).join("; ")}.`);
      await workbook.appendRows("Draws", [entry]);
      await onWritten();
      const product = books.ledger.productByName(String(entry.Product));
      return `Recorded ${unitsText(String(entry.Qty), product?.settings?.unit ?? product?.lots[0]?.unit)} of lot ${String(entry.Lot)} as ${String(entry.Kind)}.`;
    });
  };

  const section = (g: AlertGroup) => (
    <section key={g.id} aria-label={g.title} className={styles.group} style={g.band ? { borderLeftColor: BAND_FILL[g.band] } : undefined}>
      <h2 className={styles.heading}>{g.title}</h2>
      <Text className={styles.total}>{g.total}</Text>
      {g.id === "atRisk" && <Text>{atRiskMethod(location)}</Text>}
      <ul className={styles.list}>
        {g.items.map((a) => (
          <li key={a.key} className={styles.item}>
            <Text>{a.text}</Text>
            {a.detail && <Text className={styles.detail}>{a.detail}</Text>}
            {a.record && (
              <Button size="small" disabled={busy} onClick={() => void record(a)}>
                {a.record.label}
              </Button>
            )}
          </li>
        ))}
      </ul>
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
      {groups.length === 0 && problems.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>Nothing to act on: no lot is expired or inside its alert days, no open vial is past its use-by, nothing needs ordering this week, and no stock is expected to expire unused.</MessageBarBody>
        </MessageBar>
      )}
      {groups.map(section)}
    </div>
  );
}
