import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Outcome } from "./hooks";

/** The result of the last action, announced to screen readers. */
export function OutcomeBar({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <MessageBar intent={outcome.intent} role={outcome.intent === "error" ? "alert" : "status"}>
      <MessageBarBody>{outcome.text}</MessageBarBody>
    </MessageBar>
  );
}
