import { plural } from "../../core";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { locationsOf, type Books } from "../form/books";
import { useAction } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { foreignReportMessage, REPORT_SHEET, reportSpec } from "../report/reportSpec";
import { reportStatus, writeReport } from "../report/writeReport";
import { failureMessage, SEVERAL_UNDO_STEPS, type SheetStatus, type SheetWritten, type WorkbookPort } from "../../workbook/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  button: { alignSelf: "flex-start" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export interface ReportFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
}

type Known = { readonly status: "checking" } | { readonly status: SheetStatus } | { readonly status: "failed"; readonly message: string };

/** What the pane says once the report is written. */
function written(result: SheetWritten, charts: number): string {
  const drawn = charts - result.chartsSkipped.length;
  const steps = result.undo === "several steps" ? ` ${SEVERAL_UNDO_STEPS}` : "";
  const done = `${result.action === "created" ? "Inserted" : "Refreshed"} the ${REPORT_SHEET} sheet with ${plural(drawn, "chart")}. Its figures are LOTBOOK formulas, so they stay up to date.${steps}`;
  if (result.chartsSkipped.length === 0) return done;
  return `${done} Not drawn yet, because their figures were still calculating or show an error: ${result.chartsSkipped.join(", ")}. Choose Refresh report in a moment to draw them.`;
}

/** Writes or refreshes the Report sheet: LOTBOOK formulas over the ledger tables, with charts. */
export function ReportFlow({ books, workbook }: ReportFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const [known, setKnown] = useState<Known>({ status: "checking" });
  const spec = reportSpec(
    {
      Lots: Boolean(books.tables.Lots),
      Draws: Boolean(books.tables.Draws),
      Counts: Boolean(books.tables.Counts),
      Products: Boolean(books.tables.Products),
    },
    locationsOf(books),
  );

  const look = useCallback(async () => {
    try {
      setKnown({ status: await reportStatus(workbook, REPORT_SHEET) });
    } catch (e) {
      setKnown({ status: "failed", message: failureMessage(e) });
    }
  }, [workbook]);
  useEffect(() => {
    void look();
  }, [look]);

  if (!spec) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>The report is built from the Lots and Draws tables, and this workbook lacks at least one of them. Create them under Set up.</MessageBarBody>
      </MessageBar>
    );
  }

  const write = () =>
    run(async () => {
      try {
        return written(await writeReport(workbook, spec), spec.charts.length);
      } finally {
        await look();
      }
    });

  return (
    <section aria-label="Report" className={styles.root}>
      <Text as="p">
        Writes a sheet called {REPORT_SHEET} whose figures are LOTBOOK formulas over your tables, so they update as entries are added, with Excel charts of them. It holds:
      </Text>
      <ul className={styles.list}>
        {spec.blocks.map((b) => (
          <li key={b.id}>
            <strong>{b.heading}</strong>: {b.description}.
          </li>
        ))}
      </ul>
      {!books.tables.Counts && <Text as="p">There is no Counts table, so the shrinkage log is left out.</Text>}
      {known.status === "other" && (
        <MessageBar intent="warning">
          <MessageBarBody>{foreignReportMessage(REPORT_SHEET)}</MessageBarBody>
        </MessageBar>
      )}
      {known.status === "failed" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>Lotbook could not tell whether the report is already there. {known.message}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" className={styles.button} disabled={busy || known.status === "checking"} onClick={() => void write()}>
        {known.status === "lotbook" ? "Refresh report" : "Insert report"}
      </Button>
      <OutcomeBar outcome={outcome} />
    </section>
  );
}
