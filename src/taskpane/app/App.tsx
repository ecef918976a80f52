import {
  Button,
  FluentProvider,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Overflow,
  OverflowItem,
  Spinner,
  Tab,
  TabList,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
  webLightTheme,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { AdoptFlow } from "../flows/AdoptFlow";
import { AlertsFlow } from "../flows/AlertsFlow";
import { CheckFlow } from "../flows/CheckFlow";
import { CountFlow } from "../flows/CountFlow";
import { DrawFlow } from "../flows/DrawFlow";
import { Overview } from "../flows/Overview";
import { ReceiveFlow } from "../flows/ReceiveFlow";
import { ReportFlow } from "../flows/ReportFlow";
import { SetUpFlow } from "../flows/SetUpFlow";
import { LiveLedger } from "../../live/liveLedger";
import { isLedgerSource, liveWrites } from "../workbook/liveWrites";
import type { WorkbookPort } from "../workbook/port";
import { ErrorBoundary } from "./ErrorBoundary";
import { useBooks } from "./hooks";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    // Excel's task pane may be 320 px wide: long words (lot numbers, sheet addresses) wrap rather
    // than push the pane sideways, and a dropdown never grows past the pane with its longest option.
    overflowWrap: "break-word",
    "& select": { maxWidth: "100%", textOverflow: "ellipsis" },
    "& .fui-Select, & .fui-Input, & .fui-Field": { maxWidth: "100%", minWidth: 0 },
    // An input in a table cell (Count's counted values) is narrow enough that the table fits 360 px.
    "& td .fui-Input": { width: "4.5em", minWidth: 0 },
  },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  tabs: { minWidth: 0, overflow: "hidden", flexWrap: "nowrap" },
  // A little less padding than Fluent's default, so four tasks fit beside More at 360 px.
  tab: { flexShrink: 0, paddingLeft: tokens.spacingHorizontalSNudge, paddingRight: tokens.spacingHorizontalSNudge },
  // Looks like one more tab: same text size, weight and colour.
  more: {
    flexShrink: 0,
    minWidth: "auto",
    alignSelf: "center",
    paddingLeft: tokens.spacingHorizontalSNudge,
    paddingRight: tokens.spacingHorizontalSNudge,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
    gap: tokens.spacingHorizontalXS,
  },
});

/** The tasks, in the order of the tab list; those that do not fit the pane's width go under More. */
export const FLOWS = ["Overview", "Draw", "Receive", "Count", "Alerts", "Check", "Report", "Set up"] as const;
type Flow = (typeof FLOWS)[number];

/** A task that does not fit the tab list, as an item of the More menu; nothing while it fits. */
function OverflowFlow({ flow, onSelect }: { flow: Flow; onSelect: (flow: Flow) => void }) {
  if (useIsOverflowItemVisible(flow)) return null;
  return <MenuItem onClick={() => onSelect(flow)}>{flow}</MenuItem>;
}

/** The More button at the end of the tab list, shown once some task does not fit. */
function MoreFlows({ onSelect }: { onSelect: (flow: Flow) => void }) {
  const styles = useStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu positioning={{ position: "below", align: "end" }}>
      <MenuTrigger disableButtonEnhancement>
        <Button ref={ref} appearance="transparent" className={styles.more} aria-label={`More tasks (${overflowCount})`}>
          More <span aria-hidden="true">▾</span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {FLOWS.map((f) => (
            <OverflowFlow key={f} flow={f} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export interface AppProps {
  readonly workbook: WorkbookPort;
  /**
   * The live ledger the formulas share (Excel's shared runtime, the preview). Without one the
   * pane keeps its own over the workbook, which must then be a ledger source (the in-memory one).
   */
  readonly live?: LiveLedger;
  /** The clock: tests pass a fixed one. */
  readonly now?: () => Date;
}

/** The task pane: the Overview first, then one tab per flow, all reading and writing through the workbook port. */
export function App({ workbook: port, live: given, now = () => new Date() }: AppProps) {
  const styles = useStyles();
  const live = useMemo(() => {
    if (given) return given;
    if (isLedgerSource(port)) return new LiveLedger(port);
    throw new Error("The task pane needs the live ledger, or a workbook that can serve as its source");
  }, [given, port]);
  const workbook = useMemo(() => liveWrites(port, live), [port, live]);
  const { state, notice, reload, reread } = useBooks(live);
  const [flow, setFlow] = useState<Flow>("Overview");

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.title}>Lotbook</h1>
        <Overflow minimumVisible={2} padding={4}>
          <TabList selectedValue={flow} onTabSelect={(_, data) => setFlow(data.value as Flow)} aria-label="Lotbook tasks" className={styles.tabs}>
            {FLOWS.map((f) => (
              // The open task keeps its tab; the others give way from the end of the list.
              <OverflowItem key={f} id={f} priority={f === flow ? 2 : 1}>
                <Tab value={f} className={styles.tab}>
                  {f}
                </Tab>
              </OverflowItem>
            ))}
            <MoreFlows onSelect={setFlow} />
          </TabList>
        </Overflow>
        <ErrorBoundary key={flow}>
          {state.status === "loading" && <Spinner label="Reading the ledger tables…" />}
          {state.status === "failed" && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{state.message}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void reread()}>Try again</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {state.status === "ready" && notice.state === "updating" && (
            <MessageBar intent="info">
              <MessageBarBody>Updating from the workbook…</MessageBarBody>
            </MessageBar>
          )}
          {state.status === "ready" && notice.state === "failed" && (
            <MessageBar intent="warning" role="alert">
              <MessageBarBody>{notice.message}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void reread()}>Try again</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {state.status === "ready" && flow === "Overview" && <Overview books={state.books} now={now} onOpen={setFlow} />}
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
