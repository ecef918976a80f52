import { Button, FluentProvider, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, Tab, TabList, tokens, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { AdoptFlow } from "../flows/AdoptFlow";
import { AlertsFlow } from "../flows/AlertsFlow";
import { CheckFlow } from "../flows/CheckFlow";
import { CountFlow } from "../flows/CountFlow";
import { DrawFlow } from "../flows/DrawFlow";
import { ReceiveFlow } from "../flows/ReceiveFlow";
import { ReportFlow } from "../flows/ReportFlow";
import { SetUpFlow } from "../flows/SetUpFlow";
import type { WorkbookPort } from "../workbook/port";
import { ErrorBoundary } from "./ErrorBoundary";
import { useBooks } from "./hooks";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

const FLOWS = ["Draw", "Receive", "Count", "Alerts", "Check", "Report", "Set up"] as const;
type Flow = (typeof FLOWS)[number];

export interface AppProps {
  readonly workbook: WorkbookPort;
  /** The clock: tests pass a fixed one. */
  readonly now?: () => Date;
}

/** The task pane: one tab per flow, all reading and writing through the workbook port. */
export function App({ workbook, now = () => new Date() }: AppProps) {
  const styles = useStyles();
  const { state, reload } = useBooks(workbook);
  const [flow, setFlow] = useState<Flow>("Draw");

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.title}>Lotbook</h1>
        <TabList selectedValue={flow} onTabSelect={(_, data) => setFlow(data.value as Flow)} aria-label="Lotbook tasks">
          {FLOWS.map((f) => (
            <Tab key={f} value={f}>
              {f}
            </Tab>
          ))}
        </TabList>
        <ErrorBoundary key={flow}>
          {state.status === "loading" && <Spinner label="Reading the ledger tables…" />}
          {state.status === "failed" && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{state.message}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void reload()}>Try again</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {state.status === "ready" && flow === "Draw" && <DrawFlow books={state.books} workbook={workbook} now={now} onWritten={reload} />}
          {state.status === "ready" && flow === "Receive" && <ReceiveFlow books={state.books} workbook={workbook} now={now} onWritten={reload} />}
          {state.status === "ready" && flow === "Count" && <CountFlow books={state.books} workbook={workbook} now={now} onWritten={reload} />}
          {state.status === "ready" && flow === "Alerts" && <AlertsFlow books={state.books} workbook={workbook} now={now} onWritten={reload} />}
          {state.status === "ready" && flow === "Check" && <CheckFlow books={state.books} workbook={workbook} />}
          {state.status === "ready" && flow === "Report" && <ReportFlow books={state.books} workbook={workbook} />}
          {state.status !== "loading" && flow === "Set up" && <SetUpFlow workbook={workbook} onWritten={reload} />}
          {state.status !== "loading" && flow === "Set up" && <AdoptFlow workbook={workbook} onWritten={reload} />}
        </ErrorBoundary>
      </main>
    </FluentProvider>
  );
}
