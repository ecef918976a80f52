import { FluentProvider, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Tab, TabList, tokens, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { serialFromYmd } from "../core";
import { App } from "../taskpane/app/App";
import { DRAWN_OUT } from "../taskpane/setup/expiryHighlighting";
import { columnLetter, type CellValue } from "../workbook/port";
import { isCellError, type EvaluationContext, type Evaluated } from "./evaluate";
import { previewFormulas, type PreviewFormulas } from "./liveFormulas";
import type { LiveWorkbook } from "./liveWorkbook";
import { ReportView } from "./ReportView";
import { alertDaysByProduct, displayCell, drawnOutLots, expiryLook } from "./sheetView";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: tokens.fontFamilyBase },
  banner: { flex: "none" },
  body: { display: "flex", flex: "1 1 auto", minHeight: 0 },
  pane: { flex: "0 0 500px", boxSizing: "border-box", overflowY: "auto", overflowX: "hidden", borderRight: `1px solid ${tokens.colorNeutralStroke1}` },
  sheets: { flex: "1 1 auto", display: "flex", flexDirection: "column", minWidth: 0, padding: tokens.spacingHorizontalM },
  gridWrap: { flex: "1 1 auto", overflow: "auto", border: `1px solid ${tokens.colorNeutralStroke2}` },
  // Separate borders, one per cell edge: with collapsed borders Chromium lets rows scrolled under
  // the sticky header show through above it.
  grid: { borderCollapse: "separate", borderSpacing: 0, fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  cell: { borderRight: `1px solid ${tokens.colorNeutralStroke2}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", whiteSpace: "nowrap" },
  head: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold, position: "sticky", top: 0, zIndex: 1 },
  rowNumber: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, textAlign: "right" },
  number: { textAlign: "right" },
  drawnOut: { backgroundColor: DRAWN_OUT.fill, color: DRAWN_OUT.fontColor },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  empty: { padding: tokens.spacingVerticalM },
  visit: { display: "flex", flexWrap: "wrap", gap: `0 ${tokens.spacingHorizontalL}`, alignItems: "baseline", padding: `${tokens.spacingVerticalS} 0`, fontSize: tokens.fontSizeBase300 },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

export interface PreviewProps {
  readonly workbook: LiveWorkbook;
  readonly now?: () => Date;
  /** The workbook started empty rather than with the sample practice: the banner says which. */
  readonly empty?: boolean;
  /** The task pane's width in px (500 by default, room for seven tasks as tabs); Excel's is often 320–360. */
  readonly paneWidth?: number;
}

/**
 * The task pane beside read-only views of the in-memory workbook's sheets, redrawn on every change.
 * The pane and the LOTBOOK formulas (the Report sheet's, the latest visit's) share one live ledger
 * over the workbook, which pushes the formulas new values as the pane records entries
 * (`liveFormulas.ts`).
 */
export function Preview({ workbook, now = () => new Date(), empty = false, paneWidth }: PreviewProps) {
  const styles = useStyles();
  useSyncExternalStore(workbook.subscribe, () => workbook.version);
  // One live ledger and one set of formula streams per workbook, made on the first render: the
  // pane and every formula share it.
  const formulas = previewFormulas(workbook, now);
  useSyncExternalStore(formulas.subscribe, () => formulas.version);
  const report = workbook.report;
  const sheets = [...[...workbook.tables.values()].map((t) => t.sheet), ...(report ? [report.sheet] : [])];
  const [shown, setShown] = useState<string | null>(null);
  // A report just written comes forward, as the sheet Excel activates.
  const lastReport = useRef(report);
  useEffect(() => {
    if (report && report !== lastReport.current) setShown(report.sheet);
    lastReport.current = report;
  }, [report]);
  const context = useMemo<EvaluationContext>(
    () => ({ table: (name) => all(workbook, name), today: now, live: (formula, settings) => formulas.value(formula, settings) }),
    [workbook, now, formulas],
  );
  const selection = workbook.selection;
  // Selecting a cell from the pane brings its sheet forward, as Excel does.
  const lastSelection = useRef(selection);
  useEffect(() => {
    if (selection && selection !== lastSelection.current) setShown(selection.sheet);
    lastSelection.current = selection;
  }, [selection]);
  const sheet = shown !== null && sheets.includes(shown) ? shown : (sheets.find((s) => s === "Lots") ?? sheets[0] ?? null);

  return (
    <FluentProvider theme={webLightTheme} className={styles.page}>
      <MessageBar intent="warning" className={styles.banner} role="note">
        <MessageBarBody>
          <MessageBarTitle>{empty ? "Preview, started empty" : "Preview with sample data"}</MessageBarTitle>
          This is not a connected workbook: the sheets on the right are {empty ? "an in-memory workbook that started empty" : "an in-memory sample practice"}, and
          nothing you do here is saved or sent anywhere.
        </MessageBarBody>
      </MessageBar>
      <div className={styles.body}>
        <aside className={styles.pane} aria-label="Task pane" style={paneWidth ? { flexBasis: `${paneWidth}px` } : undefined}>
          {/* The pane reads its books from the same live ledger as the formulas, and tells it of its writes. */}
          <App workbook={workbook} live={formulas.live} now={now} />
        </aside>
        <section className={styles.sheets} aria-label="Workbook">
          <LatestVisit formulas={formulas} />
          <TabList selectedValue={sheet ?? undefined} onTabSelect={(_, d) => setShown(String(d.value))} aria-label="Sheets">
            {sheets.map((s) => (
              <Tab key={s} value={s}>
                {s}
              </Tab>
            ))}
          </TabList>
          <div className={styles.gridWrap}>
            {report && sheet === report.sheet ? (
              <ReportView report={report} context={context} version={workbook.version + formulas.version} />
            ) : sheet ? (
              <SheetGrid workbook={workbook} sheet={sheet} now={now} />
            ) : (
              <p className={styles.empty}>This workbook has no tables yet: choose Set up in the task pane.</p>
            )}
          </div>
        </section>
      </div>
    </FluentProvider>
  );
}

function SheetGrid({ workbook, sheet, now }: { workbook: LiveWorkbook; sheet: string; now: () => Date }) {
  const styles = useStyles();
  const table = [...workbook.tables.values()].find((t) => t.sheet === sheet)!;
  const selected = workbook.selection?.sheet === sheet ? workbook.selection.address : null;
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  const lastRow = useRef<HTMLTableRowElement | null>(null);
  // A written row shows at once, as Excel scrolls to the end of the table it grows; a selected cell likewise.
  // Block bodies: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    void lastRow.current?.scrollIntoView?.({ block: "nearest" });
  }, [table.rows.length]);
  useEffect(() => {
    void selectedRef.current?.scrollIntoView?.({ block: "center", inline: "nearest" });
  }, [selected, workbook.version]);
  const d = now();
  const today = serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
  const isLots = table.name.toLowerCase() === "lots";
  const expiresAt = isLots ? table.header.indexOf("Expires") : -1;
  const lotAt = table.header.indexOf("Lot");
  const productAt = table.header.indexOf("Product");
  const products = isLots ? workbook.table("Products") : undefined;
  // Products is read again only when the workbook changes (its tables change in place, hence the version).
  const alertDays = useMemo(() => alertDaysByProduct(products), [products, workbook.version]);
  const greyed = isLots ? drawnOutLots(table, workbook.table("Draws")) : new Set<string>();

  const cell = (row: number, column: number) => `${columnLetter(column)}${row}`;
  return (
    <table role="grid" aria-label={`${sheet} sheet`} aria-readonly="true" aria-rowcount={table.rows.length + 1} className={styles.grid}>
      <thead>
        <tr>
          <th className={mergeClasses(styles.cell, styles.head, styles.rowNumber)} aria-label="Row" />
          {table.header.map((h, c) => (
            <th key={c} role="columnheader" className={mergeClasses(styles.cell, styles.head)} aria-selected={selected === cell(1, c) ? true : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => {
          const row = i + 2;
          const drawnOut = lotAt >= 0 && greyed.has(String(r[lotAt]));
          return (
            <tr key={i} ref={i === table.rows.length - 1 ? lastRow : undefined}>
              <th scope="row" className={mergeClasses(styles.cell, styles.rowNumber)}>
                {row}
              </th>
              {r.map((v, c) => {
                const look = c === expiresAt && !drawnOut ? expiryLook(v, today, alertDays(productAt >= 0 ? r[productAt] : null)) : null;
                const isSelected = selected === cell(row, c);
                return (
                  <td
                    key={c}
                    role="gridcell"
                    ref={isSelected ? selectedRef : undefined}
                    aria-selected={isSelected}
                    data-cell={cell(row, c)}
                    data-expiry={look?.band}
                    title={look?.text}
                    className={mergeClasses(styles.cell, typeof v === "number" && styles.number, drawnOut && styles.drawnOut, isSelected && styles.selected)}
                    style={look ? { backgroundColor: look.fill } : undefined}
                  >
                    {displayCell(v, table.numberFormats[c] ?? null)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A table's cells, header first, as a LOTBOOK function receives `Table[#All]` (a formula that
 * passes its tables): fresh arrays each call, as Excel hands them.
 */
function all(workbook: LiveWorkbook, name: string): CellValue[][] | undefined {
  const t = workbook.table(name);
  return t ? [[...t.header], ...t.rows.map((r) => [...r])] : undefined;
}

/** A LOTBOOK formula's single-cell answer as the cell shows it: dollars, or the error's text. */
function dollarsCell(shown: Evaluated): string {
  if (shown.kind !== "spill") return shown.formula;
  const v = shown.cells[0]?.[0];
  if (typeof v === "number") return `${v < 0 ? "-" : ""}$${Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return isCellError(v) ? v.message : String(v ?? "");
}

/**
 * The latest visit in Draws with its cost of goods and margin: the values the live ledger pushes
 * to LOTBOOK.VISIT_COGS and VISIT_MARGIN for it, as those table-free formulas would show them.
 */
function LatestVisit({ formulas }: { formulas: PreviewFormulas }) {
  const styles = useStyles();
  const latest = formulas.latestVisit;
  if (!latest) return null;
  const { visit } = latest;
  const quoted = visit.replace(/"/g, '""');
  return (
    <section aria-label={`Visit ${visit}`} className={styles.visit}>
      <strong>Latest visit {visit}</strong>
      <span>Cost of goods {dollarsCell(latest.cogs)}</span>
      <span>Margin {dollarsCell(latest.margin)}</span>
      <span className={styles.formula}>=LOTBOOK.VISIT_COGS("{quoted}")</span>
    </section>
  );
}
