// Renders one flow of the pane as the pane does — over a live ledger of an in-memory workbook,
// writes read back at once — without the tab list, its overflow measuring and the other flows:
// a component render, several times cheaper than the whole pane on a busy machine.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMemo, type ReactElement } from "react";
import { LiveLedger } from "../../src/live/liveLedger";
import { useBooks } from "../../src/taskpane/app/hooks";
import type { Books } from "../../src/taskpane/form/books";
import { liveWrites } from "../../src/workbook/liveWrites";
import type { MemoryWorkbook } from "../../src/workbook/memory";
import type { WorkbookPort } from "../../src/workbook/port";
import { now as fixedNow } from "./_practice";

export interface FlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
  readonly now: () => Date;
  readonly onWritten: () => Promise<void>;
}

function Harness({ wb, now, flow }: { wb: MemoryWorkbook; now: () => Date; flow: (props: FlowProps) => ReactElement }) {
  const live = useMemo(() => new LiveLedger(wb), [wb]);
  const workbook = useMemo(() => liveWrites(wb, live), [wb, live]);
  const { state, reload } = useBooks(live);
  if (state.status !== "ready") return <p>{state.status === "failed" ? state.message : "Reading…"}</p>;
  return flow({ books: state.books, workbook, now, onWritten: reload });
}

/**
 * Renders `flow` over `wb` once its books are read; `user` types without delays.
 * @example const { user } = await renderFlow(practice(), (p) => <CountFlow {...p} />, "form", "Count");
 */
export async function renderFlow(wb: MemoryWorkbook, flow: (props: FlowProps) => ReactElement, role: string, name: string, now: () => Date = fixedNow) {
  const user = userEvent.setup({ delay: null });
  render(
    <FluentProvider theme={webLightTheme}>
      <Harness wb={wb} now={now} flow={flow} />
    </FluentProvider>,
  );
  await screen.findByRole(role, { name });
  return { wb, user };
}
