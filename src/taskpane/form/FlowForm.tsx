import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface FlowFormProps {
  /** The form's accessible name, e.g. "Visit draw". */
  readonly label: string;
  /** Runs on Enter or the submit button; the pane's own checks replace the browser's. */
  readonly onSubmit: () => unknown;
  readonly className?: string;
  readonly children: ReactNode;
}

/** A flow's form: named for screen readers, fields in a column, Enter submits, no browser validation. */
export function FlowForm({ label, onSubmit, className, children }: FlowFormProps) {
  const styles = useStyles();
  return (
    <form
      aria-label={label}
      className={mergeClasses(styles.form, className)}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
