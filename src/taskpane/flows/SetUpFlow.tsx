import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useAction } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { LEDGER_SPECS } from "../setup/ledgerSpecs";
import { failureMessage, WorkbookError, type WorkbookPort } from "../workbook/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, alignItems: "flex-start" },
});

export interface SetUpFlowProps {
  readonly workbook: WorkbookPort;
  readonly onWritten: () => Promise<void>;
}

/** Creates the Products, Lots, Draws and Counts tables that are missing; leaves the others alone. */
export function SetUpFlow({ workbook, onWritten }: SetUpFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();

  const setUp = () =>
    run(async () => {
      const created: string[] = [];
      const present: string[] = [];
      try {
        for (const spec of LEDGER_SPECS) ((await workbook.createTable(spec)) === "created" ? created : present).push(spec.name);
      } catch (e) {
        throw new WorkbookError(`${failureMessage(e)}${created.length ? ` Created before that: ${created.join(", ")}.` : ""}`);
      } finally {
        if (created.length > 0) await onWritten();
      }
      if (created.length === 0) return `Nothing to do: ${present.join(", ")} are already in this workbook.`;
      return `Created ${created.join(", ")}${present.length ? `; already there: ${present.join(", ")}` : ""}.`;
    });

  return (
    <section aria-label="Set up" className={styles.root}>
      <Text as="p">
        Creates the Products, Lots, Draws and Counts tables on sheets of those names, with date, money and text formats, dropdowns for
        Product, Lot and Kind, and expiry highlighting by each product's Alert Days that works without Lotbook. Tables already in the workbook are left as they are.
      </Text>
      <Button appearance="primary" disabled={busy} onClick={() => void setUp()}>
        Set up the ledger tables
      </Button>
      <OutcomeBar outcome={outcome} />
    </section>
  );
}
