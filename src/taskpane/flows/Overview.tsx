import { Button, Link, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { Books } from "../form/books";
import { useMoment } from "../form/hooks";
import { BAND_FILL } from "../setup/expiryHighlighting";
import { overviewLines, type OverviewLine, type OverviewTarget } from "./overviewFigures";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  // A swatch in the colour of the sheet's highlighting, beside (never behind) the text.
  swatch: { flex: "none", width: "10px", height: "10px", borderRadius: "2px", border: `1px solid ${tokens.colorNeutralStroke1}` },
  link: { textAlign: "left" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

export interface OverviewProps {
  /** The books; null when the workbook has no Lotbook tables to read. */
  readonly books: Books | null;
  readonly now: () => Date;
  readonly onOpen: (target: OverviewTarget) => void;
  /** The location the pane works at: stock and shrinkage are that location's. Blank: the whole practice. */
  readonly location?: string;
}

const TONE: Record<OverviewLine["tone"], string> = { alert: BAND_FILL.expired, warning: BAND_FILL.nearest, ok: "#C6EFCE", info: "transparent" };

/** What Lotbook is, and the state of the books at a glance, each line a way into the task that acts on it. */
export function Overview({ books, now, onOpen, location = "" }: OverviewProps) {
  const styles = useStyles();
  const hasTables = books !== null && Boolean(books.tables.Lots);
  const [at] = useMoment(now, books?.dateSystem ?? 1900);
  const lines = useMemo(() => (books && hasTables ? overviewLines(books, at, location) : []), [books, hasTables, at, location]);

  return (
    <section aria-label="Overview" className={styles.root}>
      <Text as="p">
        Lotbook keeps lot-level books of your injectables in this workbook: which lot to draw next, what each visit cost, what is left, what went missing and what is about to
        expire.
      </Text>
      {!hasTables ? (
        <>
          <MessageBar intent="info">
            <MessageBarBody>This workbook has no Lots table yet. Create the tables, or adopt a sheet you already keep.</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => onOpen("Set up")}>
              Set up the tables
            </Button>
            <Button onClick={() => onOpen("Set up")}>Adopt a sheet</Button>
          </div>
        </>
      ) : (
        <>
          <h2 className={styles.heading}>The books today</h2>
          <ul className={styles.list}>
            {lines.map((l) => (
              <li key={l.id} className={styles.item}>
                <span className={styles.swatch} style={{ backgroundColor: TONE[l.tone] }} aria-hidden="true" />
                <Link as="button" className={styles.link} onClick={() => onOpen(l.target)}>
                  {l.text}
                </Link>
              </li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => onOpen("Draw")}>
              Record a draw
            </Button>
            <Button onClick={() => onOpen("Receive")}>Receive a delivery</Button>
            <Button onClick={() => onOpen("Count")}>Count stock</Button>
          </div>
        </>
      )}
    </section>
  );
}
