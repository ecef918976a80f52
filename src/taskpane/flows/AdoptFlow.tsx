import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { check, mapColumns, SCHEMAS, type TableName } from "../../core";
import { books, TABLES } from "../app/books";
import { useAction } from "../app/hooks";
import { OutcomeBar } from "../app/Outcome";
import { WorkbookError, type TableRead, type WorkbookPort } from "../workbook/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "stretch" },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

export interface AdoptFlowProps {
  readonly workbook: WorkbookPort;
  readonly onWritten: () => Promise<void>;
}

/** What Lotbook makes of a sheet's header row as one of its ledgers. */
export interface Reading {
  readonly sheet: TableRead;
  /** Lotbook's column name and the header it was found under. */
  readonly recognised: readonly { readonly column: string; readonly header: string }[];
  readonly ignored: readonly string[];
  /** The engine's objections to the header, in its words: each one blocks adopting. */
  readonly problems: readonly string[];
}

/** @example readAs(sheet, "Lots").problems // ["the table has no cost column; …"] */
export function readAs(sheet: TableRead, ledger: TableName): Reading {
  const header = sheet.values[0] ?? [];
  const schema = SCHEMAS[ledger];
  const columns = mapColumns(header, schema) as unknown as Record<string, number>;
  const recognised = Object.entries(schema)
    .filter(([key]) => columns[key] >= 0)
    .map(([key, spec]) => ({ column: spec.name, header: String(header[columns[key]] ?? "") }));
  const used = new Set(Object.keys(schema).map((k) => columns[k]));
  const ignored = header.flatMap((h, i) => (used.has(i) || h === null || String(h).trim() === "" ? [] : [String(h)]));
  // Only the header is judged here, so the date system does not matter.
  const candidate = books({ [ledger]: sheet }, 1900).ledger;
  const problems = check(candidate)
    .filter((d) => d.table === ledger && d.row <= 1 && d.severity === "error")
    .map((d) => d.message);
  return { sheet, recognised, ignored, problems };
}

/** Adopt a sheet: see what Lotbook recognises in its header, then make the range a ledger table. */
export function AdoptFlow({ workbook, onWritten }: AdoptFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const [ledger, setLedger] = useState<TableName>("Lots");
  const [sheetName, setSheetName] = useState("");
  const [reading, setReading] = useState<Reading | null>(null);

  const look = () =>
    run(async () => {
      setReading(null);
      const sheet = await workbook.readSheet(sheetName);
      if (!sheet) throw new WorkbookError(`There is no sheet called ${sheetName.trim() || "that"} with cells in it.`);
      const r = readAs(sheet, ledger);
      setReading(r);
      if (r.problems.length > 0) throw new WorkbookError(`${sheet.name} cannot be the ${ledger} table yet: fix its header as below, then look again.`);
      return `${sheet.name} can be the ${ledger} table.`;
    });

  const adopt = (r: Reading) =>
    run(async () => {
      await workbook.adoptRange(r.sheet.address, ledger);
      setReading(null);
      await onWritten();
      return `${r.sheet.address} is now the ${ledger} table, every cell kept.`;
    });

  return (
    <form
      aria-label="Adopt a sheet"
      className={styles.root}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void look();
      }}
    >
      <h2 className={styles.heading}>Adopt a sheet</h2>
      <Text as="p">Already keep lots, draws or counts on a sheet? Lotbook can make that range a table and read it as it is.</Text>
      <Field label="Ledger">
        <Select
          value={ledger}
          onChange={(_, d) => {
            setLedger(d.value as TableName);
            setReading(null);
          }}
        >
          {TABLES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </Select>
      </Field>
      <Field label="Sheet">
        <Input value={sheetName} onChange={(_, d) => setSheetName(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" disabled={busy || sheetName.trim() === ""}>
          Look at the sheet
        </Button>
      </div>
      <OutcomeBar outcome={outcome} />
      {reading && (
        <section aria-label="What Lotbook recognises">
          <Text weight="semibold">Recognised</Text>
          <ul className={styles.list}>
            {reading.recognised.map((r) => (
              <li key={r.column}>{r.header === r.column ? r.column : `${r.column}: "${r.header}"`}</li>
            ))}
          </ul>
          {reading.ignored.length > 0 && <Text as="p">Kept but not read by Lotbook: {reading.ignored.join(", ")}.</Text>}
          {reading.problems.map((p) => (
            <MessageBar key={p} intent="error">
              <MessageBarBody>{p}</MessageBarBody>
            </MessageBar>
          ))}
          {reading.problems.length === 0 && (
            <Button appearance="primary" disabled={busy} onClick={() => void adopt(reading)}>
              Make it the {ledger} table
            </Button>
          )}
        </section>
      )}
    </form>
  );
}
