import { Button, Checkbox, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useAction } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { ledgerSpecs } from "../setup/ledgerSpecs";
import { failureMessage, WorkbookError, type TablePart, type WorkbookPort } from "../../workbook/port";

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
  // Tables that are there but lack what Set up gives them (a Set up that failed part-way).
  const [incomplete, setIncomplete] = useState<readonly string[]>([]);
  // A practice with one stock room needs no Location columns: they are offered, not imposed.
  const [locations, setLocations] = useState(false);
  const specs = ledgerSpecs(locations);

  const setUp = () =>
    run(async () => {
      const created: string[] = [];
      const present: string[] = [];
      try {
        for (const spec of specs) ((await workbook.createTable(spec)) === "created" ? created : present).push(spec.name);
      } catch (e) {
        throw new WorkbookError(`${failureMessage(e)}${created.length ? ` Created before that: ${created.join(", ")}.` : ""}`);
      } finally {
        if (created.length > 0) await onWritten();
      }
      const gaps: string[] = [];
      for (const spec of specs.filter((s) => present.includes(s.name))) {
        const lacks = await workbook.tableGaps(spec);
        if (lacks.length > 0) gaps.push(`${spec.name} lacks its ${lacks.join(", ")}`);
      }
      setIncomplete(gaps.length > 0 ? present : []);
      const offer = gaps.length > 0 ? ` ${gaps.join("; ")}. Choose Complete the tables to add them; no cell is changed.` : "";
      if (created.length === 0) return `${gaps.length > 0 ? "Already in this workbook" : "Nothing to do"}: ${present.join(", ")}${gaps.length > 0 ? "." : " are already in this workbook."}${offer}`;
      return `Created ${created.join(", ")}${present.length ? `; already there: ${present.join(", ")}` : ""}.${offer}`;
    });

  const complete = () =>
    run(async () => {
      const done: string[] = [];
      for (const spec of specs.filter((s) => incomplete.includes(s.name))) {
        const added: readonly TablePart[] = await workbook.completeTable(spec);
        if (added.length > 0) done.push(`${spec.name}: ${added.join(", ")}`);
      }
      setIncomplete([]);
      return done.length > 0 ? `Added ${done.join("; ")}. No cell was changed.` : "Nothing to add: the tables are complete.";
    });

  return (
    <section aria-label="Set up" className={styles.root}>
      <Text as="p">
        Creates the Products, Lots, Draws and Counts tables on sheets of those names, with date, money and text formats, dropdowns for
        Product, Lot and Kind, and expiry highlighting by each product's Alert Days that works without Lotbook. Tables already in the workbook keep their cells; one that lacks its dropdowns, highlighting or frozen header can be completed.
      </Text>
      <Checkbox
        checked={locations}
        onChange={(_, d) => setLocations(d.checked === true)}
        label="Stock is kept at more than one location (rooms, clinics, a mobile kit): add Location columns to Lots, Draws and Counts, and To for transfers"
      />
      <Button appearance="primary" disabled={busy} onClick={() => void setUp()}>
        Set up the ledger tables
      </Button>
      {incomplete.length > 0 && (
        <Button disabled={busy} onClick={() => void complete()}>
          Complete the tables
        </Button>
      )}
      <OutcomeBar outcome={outcome} />
    </section>
  );
}
