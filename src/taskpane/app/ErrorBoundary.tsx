import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { Component, type ReactNode } from "react";

interface State {
  readonly message: string | null;
}

/**
 * If a part of the pane fails while drawing, says so in the pane instead of leaving it blank.
 * Nothing was written by drawing: writes happen only in actions, which report their own failures.
 * Each tab has its own boundary, so choosing another tab starts afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(e: unknown): State {
    return { message: e instanceof Error ? e.message : String(e) };
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          Lotbook could not show this part of the pane ({this.state.message}). Nothing was written. Close and reopen the pane to start again.
        </MessageBarBody>
      </MessageBar>
    );
  }
}
