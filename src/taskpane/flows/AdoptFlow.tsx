import { check, mapColumns, plural, SCHEMAS, type TableName } from "../../core";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { books, TABLES } from "../form/books";
import { FlowForm } from "../form/FlowForm";
import { useAction } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { columnLetter, headerText, rangeStart, renamedHeader, WorkbookError, type HeaderRename, type TableRead, type WorkbookPort } from "../../workbook/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "stretch" },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  mapping: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
});

export interface AdoptFlowProps {
  readonly workbook: WorkbookPort;
  readonly onWritten: () => Promise<void>;
}

/** A header cell Lotbook does not read, which the user may say holds one of its columns. */
export interface Candidate {
  /** Column within the range, from 0. */
  readonly index: number;
  /** The header as written; blank for an empty header cell. */
  readonly header: string;
  /** The header cell's address on the sheet, e.g. `B1`. */
  readonly cell: string;
}

/** What Lotbook makes of a sheet's header row as one of its ledgers, with the user's choices. */
export interface Reading {
  readonly sheet: TableRead;
  /** Lotbook's column name and the header it was found under. */
  readonly recognised: readonly { readonly column: string; readonly header: string }[];
  /** Lotbook's columns the header lacks: required ones first, then the optional ones. */
  readonly missing: readonly { readonly column: string; readonly required: boolean }[];
  /** Header cells Lotbook does not read: what a missing column can be mapped to. */
  readonly candidates: readonly Candidate[];
  /** The header cells to rename, by the choices given. */
  readonly renames: readonly HeaderRename[];
  /** Headers kept but not read, once the choices are made. */
  readonly ignored: readonly string[];
  /** The engine's objections to the header after the renames, in its words: each one blocks adopting. */
  readonly problems: readonly string[];
}

/**
 * Reads a sheet's header as the `ledger` table, with `choices` mapping a Lotbook column the
 * header lacks to one of the candidates (its column index).
 * @example readAs(sheet, "Lots", { Lot: 1 }).renames // [{ column: 1, from: "Batch No.", to: "Lot" }]
 */
export function readAs(sheet: TableRead, ledger: TableName, choices: Readonly<Record<string, number>> = {}): Reading {
  const header = sheet.values[0] ?? [];
  const schema = SCHEMAS[ledger];
  const columns = mapColumns(header, schema) as unknown as Record<string, number>;
  const specs = Object.entries(schema);
  const recognised = specs.filter(([key]) => columns[key] >= 0).map(([key, spec]) => ({ column: spec.name, header: headerText(header[columns[key]]) }));
  const missing = [...specs.filter(([key, spec]) => columns[key] < 0 && spec.required), ...specs.filter(([key, spec]) => columns[key] < 0 && !spec.required)].map(([, spec]) => ({
    column: spec.name,
    required: spec.required,
  }));
  const used = new Set(specs.map(([key]) => columns[key]));
  const start = rangeStart(sheet.address);
  const candidates = header.flatMap((h, index) => (used.has(index) ? [] : [{ index, header: headerText(h), cell: `${columnLetter(start.column + index)}${start.row}` }]));
  const renames = missing.flatMap(({ column }) => {
    const c = candidates.find((x) => x.index === choices[column]);
    return c ? [{ column: c.index, from: c.header, to: column }] : [];
  });
  const renamed = new Set(renames.map((r) => r.column));
  const ignored = candidates.filter((c) => !renamed.has(c.index) && c.header !== "").map((c) => c.header);
  // Only the header is judged here, so the date system does not matter.
  const values = [renamedHeader(header, renames), ...sheet.values.slice(1)];
  const candidate = books({ [ledger]: { ...sheet, values } }, 1900).ledger;
  const problems = check(candidate)
    .filter((d) => d.table === ledger && d.row <= 1 && d.severity === "error")
    .map((d) => d.message);
  return { sheet, recognised, missing, candidates, renames, ignored, problems };
}

const describeCandidate = (c: Candidate) => (c.header === "" ? `Column ${c.cell.replace(/\d+$/, "")}, no header (${c.cell})` : `${c.header} (${c.cell})`);

/**
 * Adopt a sheet: see what Lotbook recognises in its header, say which of its other columns hold
 * what Lotbook did not find, see exactly which header cells will be renamed, then make the range a
 * ledger table. Renaming header cells is the only change made to the sheet.
 */
export function AdoptFlow({ workbook, onWritten }: AdoptFlowProps) {
  const styles = useStyles();
  const { busy, outcome, run } = useAction();
  const [ledger, setLedger] = useState<TableName>("Lots");
  const [sheetName, setSheetName] = useState("");
  const [sheet, setSheet] = useState<TableRead | null>(null);
  const [choices, setChoices] = useState<Record<string, number>>({});
  const reading = useMemo(() => (sheet ? readAs(sheet, ledger, choices) : null), [sheet, ledger, choices]);

  const look = () =>
    run(async () => {
      setSheet(null);
      setChoices({});
      const found = await workbook.readSheet(sheetName);
      if (!found) throw new WorkbookError(`There is no sheet called ${sheetName.trim() || "that"} with cells in it.`);
      const r = readAs(found, ledger);
      setSheet(found);
      if (r.problems.length === 0) return `${found.name} can be the ${ledger} table.`;
      if (r.candidates.length === 0) throw new WorkbookError(`${found.name} cannot be the ${ledger} table yet: fix its header as below, then look again.`);
      return `Lotbook did not find every column it needs in ${found.name}. Choose below which of its columns holds each one.`;
    });

  const adopt = (r: Reading) =>
    run(async () => {
      await workbook.adoptRange(r.sheet.address, ledger, r.renames);
      setSheet(null);
      setChoices({});
      await onWritten();
      const renamed = r.renames.length === 0 ? "" : `; ${plural(r.renames.length, "header")} renamed`;
      return `${r.sheet.address} is now the ${ledger} table, every cell kept${renamed}.`;
    });

  return (
    <FlowForm label="Adopt a sheet" className={styles.root} onSubmit={look}>
      <h2 className={styles.heading}>Adopt a sheet</h2>
      <Text as="p">Already keep lots, draws or counts on a sheet? Lotbook can make that range a table and read it as it is.</Text>
      <Field label="Ledger">
        <Select
          value={ledger}
          onChange={(_, d) => {
            setLedger(d.value as TableName);
            setSheet(null);
            setChoices({});
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
        <section aria-label="What Lotbook recognises" className={styles.root}>
          <Text weight="semibold">Recognised</Text>
          <ul className={styles.list}>
            {reading.recognised.map((r) => (
              <li key={r.column}>{r.header === r.column ? r.column : `${r.column}: "${r.header}"`}</li>
            ))}
          </ul>
          {reading.missing.length > 0 && reading.candidates.length > 0 && (
            <fieldset className={styles.mapping}>
              <legend className={styles.legend}>Columns Lotbook did not find</legend>
              {reading.missing.map(({ column, required }) => {
                const taken = new Set(Object.entries(choices).flatMap(([c, i]) => (c === column ? [] : [i])));
                return (
                  <Field key={column} label={required ? `${column} (required)` : column}>
                    <Select
                      value={choices[column] === undefined ? "" : String(choices[column])}
                      onChange={(_, d) =>
                        setChoices((now) => {
                          const next = { ...now };
                          if (d.value === "") delete next[column];
                          else next[column] = Number(d.value);
                          return next;
                        })
                      }
                    >
                      <option value="">{required ? "Choose the sheet's column" : "Not in this sheet"}</option>
                      {reading.candidates
                        .filter((c) => !taken.has(c.index))
                        .map((c) => (
                          <option key={c.index} value={String(c.index)}>
                            {describeCandidate(c)}
                          </option>
                        ))}
                    </Select>
                  </Field>
                );
              })}
            </fieldset>
          )}
          {reading.ignored.length > 0 && <Text as="p">Kept but not read by Lotbook: {reading.ignored.join(", ")}.</Text>}
          {reading.problems.map((p) => (
            <MessageBar key={p} intent="error">
              <MessageBarBody>{p}</MessageBarBody>
            </MessageBar>
          ))}
        </section>
      )}
      {reading && reading.problems.length === 0 && (
        <section aria-label="What will change" className={styles.root}>
          <Text weight="semibold">What will change</Text>
          <ul className={styles.list}>
            {reading.renames.map((r) => {
              const c = reading.candidates.find((x) => x.index === r.column)!;
              return <li key={r.column}>{c.header === "" ? `The empty header cell ${c.cell} becomes "${r.to}"` : `Header "${c.header}" (${c.cell}) becomes "${r.to}"`}</li>;
            })}
            <li>
              {reading.sheet.address} becomes the {ledger} table; {reading.renames.length > 0 ? "no other cell is changed or moved" : "no cell is changed or moved"}.
            </li>
          </ul>
          <Button appearance="primary" disabled={busy} onClick={() => void adopt(reading)}>
            Make it the {ledger} table
          </Button>
        </section>
      )}
    </FlowForm>
  );
}
