import { check, describe, type Diagnostic, plural } from "../../core";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { Books } from "../form/books";
import { useAction } from "../form/hooks";
import { OutcomeBar } from "../form/Outcome";
import { columnIndex, WorkbookError, type CellValue, type WorkbookPort } from "../../workbook/port";

const useStyles = makeStyles({
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, minWidth: "5em" },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold, minWidth: "5em" },
  link: { textAlign: "left", height: "auto", padding: 0, fontWeight: tokens.fontWeightRegular },
});

/** A list a person can work through; the rest follow once these are fixed. */
export const SHOWN = 200;

export interface CheckFlowProps {
  readonly books: Books;
  readonly workbook: WorkbookPort;
}

/** Every diagnostic of the ledger; each one selects the cell it points at. */
export function CheckFlow({ books, workbook }: CheckFlowProps) {
  const styles = useStyles();
  const { outcome, run } = useAction();
  const diagnostics = check(books.ledger);

  const select = (d: Diagnostic) =>
    run(async () => {
      const table = books.tables[d.table];
      if (!table) throw new WorkbookError(`This workbook has no ${d.table} table any more. Run Check again.`);
      const column = Math.max(0, columnIndex(d.table, table.values[0] as CellValue[], d.column));
      await workbook.selectCell(table.name, Math.max(1, d.row), column);
      return `Selected ${describe(d).split(":")[0]}.`;
    });

  if (diagnostics.length === 0) {
    return (
      <MessageBar intent="success">
        <MessageBarBody>No problems: every row of the ledger reads cleanly.</MessageBarBody>
      </MessageBar>
    );
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return (
    <section aria-label="Check">
      <Text as="p">
        {plural(errors, "error")}, {plural(diagnostics.length - errors, "warning")}. Choose one to go to its cell.
        {diagnostics.length > SHOWN ? ` The first ${SHOWN} are listed; =LOTBOOK.CHECK lists them all.` : ""}
      </Text>
      <OutcomeBar outcome={outcome} />
      <ul className={styles.list}>
        {diagnostics.slice(0, SHOWN).map((d, i) => (
          <li key={i} className={styles.item}>
            <span className={d.severity === "error" ? styles.error : styles.warning}>{d.severity === "error" ? "Error" : "Warning"}</span>
            <Button appearance="transparent" className={styles.link} onClick={() => void select(d)}>
              {describe(d)}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
