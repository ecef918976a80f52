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
import { TransferFlow } from "../flows/TransferFlow";
import { LiveLedger } from "../../live/liveLedger";
import { isLedgerSource, liveWrites } from "../../workbook/liveWrites";
import type { WorkbookPort } from "../../workbook/port";
import { ErrorBoundary } from "./ErrorBoundary";
import { useBooks } from "./hooks";
import { LocationPicker, useWorkplace } from "./LocationPicker";

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
  tabBar: { display: "flex", alignItems: "center", minWidth: 0, overflow: "hidden", flexWrap: "nowrap" },
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
/** The tasks of a workbook that keeps stock at several locations: Transfer after Count. */
export const LOCATION_FLOWS = ["Overview", "Draw", "Receive", "Count", "Transfer", "Alerts", "Check", "Report", "Set up"] as const;
type Flow = (typeof LOCATION_FLOWS)[number];

/** A task that does not fit the tab list, as an item of the More menu; nothing while it fits. */
function OverflowFlow({ flow, onSelect }: { flow: Flow; onSelect: (flow: Flow) => void }) {
  if (useIsOverflowItemVisible(flow)) return null;
  return <MenuItem onClick={() => onSelect(flow)}>{flow}</MenuItem>;
}

/** The More button at the end of the tab list, shown once some task does not fit. */
function MoreFlows({ flows, onSelect }: { flows: readonly Flow[]; onSelect: (flow: Flow) => void }) {
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
          {flows.map((f) => (
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
  const [chosenFlow, setFlow] = useState<Flow>("Overview");
  const place = useWorkplace(state.status === "ready" ? state.books : null);
  const flows: readonly Flow[] = place.locations.length > 0 ? LOCATION_FLOWS : FLOWS;
  // Transfer is a task only while the workbook names locations.
  const flow: Flow = flows.includes(chosenFlow) ? chosenFlow : "Overview";
  const here = place.here;

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.title}>Lotbook</h1>
        <LocationPicker place={place} />
        <Overflow minimumVisible={2} padding={4}>
          {/* More sits beside the tab list, not in it: a tablist may hold only tabs. */}
          <div className={styles.tabBar}>
            <TabList selectedValue={flow} onTabSelect={(_, data) => setFlow(data.value as Flow)} aria-label="Lotbook tasks" className={styles.tabs}>
              {flows.map((f) => (
                // The open task keeps its tab; the others give way from the end of the list.
                <OverflowItem key={f} id={f} priority={f === flow ? 2 : 1}>
                  <Tab value={f} className={styles.tab}>
                    {f}
                  </Tab>
                </OverflowItem>
              ))}
            </TabList>
            <MoreFlows flows={flows} onSelect={setFlow} />
          </div>
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
          {state.status === "ready" && flow === "Overview" && <Overview books={state.books} now={now} onOpen={setFlow} location={here} />}
          {state.status === "ready" && flow === "Draw" && <DrawFlow key={here} books={state.books} workbook={workbook} now={now} onWritten={reload} location={here} />}
          {state.status === "ready" && flow === "Receive" && <ReceiveFlow books={state.books} workbook={workbook} now={now} onWritten={reload} location={here} />}
          {state.status === "ready" && flow === "Count" && <CountFlow key={here} books={state.books} workbook={workbook} now={now} onWritten={reload} location={here} />}
          {state.status === "ready" && flow === "Transfer" && <TransferFlow key={here} books={state.books} workbook={workbook} now={now} onWritten={reload} location={here} />}
          {state.status === "ready" && flow === "Alerts" && <AlertsFlow books={state.books} workbook={workbook} now={now} onWritten={reload} location={here} />}
          {state.status === "ready" && flow === "Check" && <CheckFlow books={state.books} workbook={workbook} />}
          {state.status === "ready" && flow === "Report" && <ReportFlow books={state.books} workbook={workbook} />}
          {state.status !== "loading" && flow === "Set up" && <SetUpFlow workbook={workbook} onWritten={reload} />}
          {state.status !== "loading" && flow === "Set up" && <AdoptFlow workbook={workbook} onWritten={reload} />}
        </ErrorBoundary>
      </main>
    </FluentProvider>
  );
}
