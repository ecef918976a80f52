import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useId, useMemo, useRef } from "react";
import { CHART_ROWS } from "../taskpane/report/reportSpec";
import type { MemoryReport } from "../workbook/memory";
import { columnLetter, type CellValue, type SpillChart } from "../workbook/port";
import { evaluate, isCellError, type CellError, type EvaluationContext } from "./evaluate";
import { displayCell } from "./sheetView";

const useStyles = makeStyles({
  grid: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", whiteSpace: "nowrap", minWidth: "48px" },
  head: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold, position: "sticky", top: 0, zIndex: 1 },
  rowNumber: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, textAlign: "right", position: "sticky", left: 0 },
  number: { textAlign: "right" },
  bold: { fontWeight: tokens.fontWeightSemibold },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  note: { whiteSpace: "normal", color: tokens.colorNeutralForeground2, maxWidth: "820px", position: "sticky", left: "48px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  formulaText: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, fontStyle: "italic" },
  charts: { display: "flex", gap: tokens.spacingHorizontalL, padding: tokens.spacingVerticalS, position: "sticky", left: "40px", width: "max-content" },
  chart: { margin: 0, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
});

/** A cell of the report as the sheet shows it. */
interface Shown {
  readonly value: CellValue | CellError;
  readonly bold: boolean;
  /** The formula in this cell (the anchor of a spill), shown on hover as Excel's formula bar would. */
  readonly formula?: string;
  /** A formula the preview does not evaluate: its text is shown, marked. */
  readonly notEvaluated?: boolean;
}

const key = (row: number, column: number) => `${row}:${column}`;

function cellAt(address: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`Not a cell address: ${address}`);
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]), column };
}

/** The sheet's cells: text as written, each formula's spill as the live ledger last pushed it (or as its tables give it). */
function layOut(report: MemoryReport, context: EvaluationContext): Map<string, Shown> {
  const shown = new Map<string, Shown>();
  for (const c of report.cells) {
    const at = cellAt(c.address);
    if (!c.value.startsWith("=")) {
      shown.set(key(at.row, at.column), { value: c.value, bold: Boolean(c.bold) });
      continue;
    }
    const result = evaluate(c.value, context);
    if (result.kind === "text") {
      shown.set(key(at.row, at.column), { value: c.value, bold: false, formula: c.value, notEvaluated: true });
      continue;
    }
    result.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        shown.set(key(at.row + i, at.column + j), { value: v, bold: i === 0 && result.cells.length > 1, formula: i === 0 && j === 0 ? c.value : undefined });
      }),
    );
  }
  return shown;
}

/** The number format the sheet gives a cell, from the report's formatted ranges such as `R25:R1048576`. */
function formatOf(report: MemoryReport, row: number, column: number): string | null {
  for (const f of report.numberFormats) {
    const [from, to] = f.range.split(":").map(cellAt);
    if (column >= from.column && column <= to.column && row >= from.row && row <= to.row) return f.numberFormat;
  }
  return null;
}

export interface ReportViewProps {
  readonly report: MemoryReport;
  readonly context: EvaluationContext;
  /** Changes whenever the workbook does or a formula is pushed a new value, so the figures are laid out again. */
  readonly version: number;
}

/**
 * The Report sheet of the in-memory workbook: its title and note, its charts (drawn from the
 * figures, where Excel draws native charts in rows 4 to 21) and its blocks, each table-free
 * formula showing the value the live ledger last pushed to it (so the figures follow every entry
 * the pane records, with no refresh), one that passes tables the function code's answer over them.
 */
export function ReportView({ report, context, version }: ReportViewProps) {
  const styles = useStyles();
  // The figures depend on the tables, which change in place, and on pushed values: `version` says when.
  const shown = useMemo(() => layOut(report, context), [report, context, version]);
  // The sheet opens at its top-left corner, as Excel shows a sheet just written, whatever another sheet's scroll.
  const table = useRef<HTMLTableElement | null>(null);
  useEffect(() => {
    table.current?.parentElement?.scrollTo?.(0, 0);
  }, [report]);
  let lastRow = 2;
  let lastColumn = 0;
  for (const k of shown.keys()) {
    const [row, column] = k.split(":").map(Number);
    if (row > lastRow) lastRow = row;
    if (column > lastColumn) lastColumn = column;
  }
  const columns = Array.from({ length: lastColumn + 1 }, (_, c) => c);
  const firstBlockRow = Math.min(...report.cells.map((c) => cellAt(c.address).row).filter((r) => r > 2));

  const text = (row: number) => shown.get(key(row, 0));
  const rowHead = (label: string) => (
    <th scope="row" className={mergeClasses(styles.cell, styles.rowNumber)}>
      {label}
    </th>
  );
  const rows: JSX.Element[] = [];
  const title = text(1);
  const note = text(2);
  rows.push(
    <tr key="1">
      {rowHead("1")}
      <td role="gridcell" data-cell="A1" colSpan={columns.length} className={mergeClasses(styles.cell, styles.title)}>
        {title ? String(title.value) : ""}
      </td>
    </tr>,
    <tr key="2">
      {rowHead("2")}
      <td role="gridcell" data-cell="A2" colSpan={columns.length} className={styles.cell}>
        <div className={styles.note}>{note ? String(note.value) : ""}</div>
      </td>
    </tr>,
    <tr key="charts">
      {rowHead(`${CHART_ROWS.first}–${CHART_ROWS.last}`)}
      <td colSpan={columns.length} className={styles.cell}>
        <div className={styles.charts}>
          {report.charts.map((c) => (
            <ChartFigure key={c.title} chart={c} shown={shown} />
          ))}
        </div>
      </td>
    </tr>,
  );
  for (let row = firstBlockRow; row <= lastRow; row++) {
    rows.push(
      <tr key={row}>
        {rowHead(String(row))}
        {columns.map((column) => {
          const cell = shown.get(key(row, column));
          const address = `${columnLetter(column)}${row}`;
          if (!cell) return <td key={column} role="gridcell" data-cell={address} className={styles.cell} />;
          const v = cell.value;
          const error = isCellError(v);
          return (
            <td
              key={column}
              role="gridcell"
              data-cell={address}
              title={error ? `${v.code} ${v.message}` : cell.notEvaluated ? "Not evaluated in the preview: this is the formula as written." : cell.formula}
              className={mergeClasses(styles.cell, typeof v === "number" && styles.number, cell.bold && styles.bold, error && styles.error, cell.notEvaluated && styles.formulaText)}
            >
              {error ? v.code : cell.notEvaluated ? `${String(v)} (not evaluated)` : displayCell(v, formatOf(report, row, column))}
            </td>
          );
        })}
      </tr>,
    );
  }

  return (
    <table ref={table} role="grid" aria-label={`${report.sheet} sheet`} aria-readonly="true" className={styles.grid}>
      <thead>
        <tr>
          <th className={mergeClasses(styles.cell, styles.head, styles.rowNumber)} aria-label="Row" />
          {columns.map((c) => (
            <th key={c} className={mergeClasses(styles.cell, styles.head)}>
              {columnLetter(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

/** A chart's categories and series, read from its spill as the sheet shows it. */
function chartData(chart: SpillChart, shown: Map<string, Shown>) {
  const anchor = cellAt(chart.anchor);
  const categories: string[] = [];
  const series = chart.series.map((s) => ({ name: s.name, values: [] as number[] }));
  for (let row = anchor.row + 1; shown.has(key(row, anchor.column)); row++) {
    const category = shown.get(key(row, anchor.column + chart.categories))?.value;
    categories.push(isCellError(category) ? category.code : String(category ?? ""));
    chart.series.forEach((s, i) => {
      const value = shown.get(key(row, anchor.column + s.column))?.value;
      series[i].values.push(typeof value === "number" ? value : 0);
    });
  }
  return { categories, series };
}

const SERIES_FILLS = ["#4472C4", "#ED7D31", "#70AD47"];
const money = (v: number) => `${v < 0 ? "-" : ""}$${Math.abs(v).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

/** A simple horizontal bar chart in SVG, with its title, category and value axis labels, and legend. */
function ChartFigure({ chart, shown }: { chart: SpillChart; shown: Map<string, Shown> }) {
  const styles = useStyles();
  const titleId = useId();
  const data = chartData(chart, shown);
  const width = 380;
  const labelWidth = 120;
  const plot = width - labelWidth - 24;
  const bar = 9;
  const seriesCount = data?.series.length ?? 1;
  const band = bar * seriesCount + 8;
  const top = 44;
  const n = data?.categories.length ?? 0;
  const height = top + Math.max(1, n) * band + 30;
  const all = data?.series.flatMap((s) => s.values) ?? [];
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const x = (v: number) => labelWidth + ((v - min) / span) * plot;
  const clip = (s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);

  return (
    <figure className={styles.chart} aria-label={`Chart: ${chart.title}`}>
      <svg role="img" aria-labelledby={titleId} width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontSize="11" fontFamily="inherit">
        <title id={titleId}>{`${chart.title}: ${data ? data.categories.map((c, i) => `${c} ${data.series.map((s) => `${s.name} ${money(s.values[i])}`).join(", ")}`).join("; ") : "no figures"}`}</title>
        <text x={width / 2} y={16} textAnchor="middle" fontSize="13" fontWeight="600">
          {chart.title}
        </text>
        {data?.series.map((s, i) => (
          <g key={s.name} transform={`translate(${labelWidth + i * 80}, 26)`}>
            <rect width="10" height="10" fill={SERIES_FILLS[i % SERIES_FILLS.length]} />
            <text x="14" y="9">
              {s.name}
            </text>
          </g>
        ))}
        {n === 0 && (
          <text x={width / 2} y={top + 14} textAnchor="middle">
            No figures yet
          </text>
        )}
        {data?.categories.map((c, row) => (
          <g key={row}>
            <text x={labelWidth - 6} y={top + row * band + (band - 8) / 2 + 4} textAnchor="end">
              {clip(c)}
            </text>
            {data.series.map((s, i) => {
              const v = s.values[row];
              return <rect key={i} x={Math.min(x(0), x(v))} y={top + row * band + i * bar} width={Math.abs(x(v) - x(0))} height={bar - 1} fill={SERIES_FILLS[i % SERIES_FILLS.length]} />;
            })}
          </g>
        ))}
        <line x1={x(0)} x2={x(0)} y1={top - 2} y2={top + Math.max(1, n) * band} stroke="#808080" />
        <line x1={labelWidth} x2={labelWidth + plot} y1={top + Math.max(1, n) * band + 2} y2={top + Math.max(1, n) * band + 2} stroke="#C0C0C0" />
        {[min, max].filter((v, i, a) => a.indexOf(v) === i).map((v) => (
          <text key={v} x={x(v)} y={height - 8} textAnchor={v === min ? "start" : "end"}>
            {money(v)}
          </text>
        ))}
      </svg>
    </figure>
  );
}
