import { columnLetter, type TableName } from "../../core";

/**
 * The Report sheet as a pure description: a title, a note, and blocks that are each a heading
 * over ONE table-free LOTBOOK spill formula (answered from the workbook's own ledger tables by
 * the live ledger), with native charts over some of them. The one exception is stock value by
 * location, which no spill gives: a header row and one row per location, each a name beside its
 * own table-free `STOCK_VALUE` formula. The Excel adapter writes it with
 * `range.formulas` and `sheet.charts.add`; the in-memory workbook keeps it as written; the
 * browser preview answers its formulas from its own live ledger.
 *
 * Layout: spills grow downwards (one row per visit, product, lot, count), so every block has its
 * own band of columns from one fixed row, with an empty column between bands; the charts sit in
 * a band of rows above all blocks, where no spill can reach.
 */

/** The sheet Lotbook writes. */
export const REPORT_SHEET = "Report";

/**
 * The workbook-level name that marks the sheet as Lotbook's (it refers to the title cell and
 * follows the sheet if it is renamed). Visible in Name Manager, like everything Lotbook keeps.
 */
export const REPORT_MARK = "Lotbook_Report";

/** Charts start with this in their name: on refresh, Lotbook removes its own charts only. */
export const CHART_PREFIX = "Lotbook ";

export type ColumnFormat = "text" | "number" | "money" | "date" | "percent";

/**
 * Dates as the ledger tables show them: Set up's `m/d/yyyy` (`setup/ledgerSpecs.ts`), which is
 * Excel's built-in short date, shown in the workbook's own regional date format (31/01/2028 in a
 * British Excel). Kept here rather than imported, so the report does not depend on Set up.
 */
export const DATE_FORMAT = "m/d/yyyy";

/** Excel number formats of the report's columns; `null` leaves General. */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string | null>> = {
  text: null,
  number: null,
  money: "$#,##0.00",
  date: DATE_FORMAT,
  percent: "0.0%",
};

export type BlockId = "byService" | "byProvider" | "stock" | "byLocation" | "expiry" | "shrinkage" | "byVisit" | "byProduct" | "reorder";

export interface ReportColumn {
  /** The heading the spill writes in its first row. */
  readonly name: string;
  readonly format: ColumnFormat;
}

interface BlockBase {
  readonly id: BlockId;
  readonly heading: string;
  /** One sentence for the pane: what the block shows. */
  readonly description: string;
  /** The band's first column, from 0 (A). */
  readonly column: number;
  /** Row of the heading, from 1; the formula (or the header row of `rows`) is in the row below it. */
  readonly headingRow: number;
  /** The columns the block fills, header first in its first row. */
  readonly columns: readonly ReportColumn[];
}

/** A block that is one spill formula: it writes its own header row. */
export interface SpillBlock extends BlockBase {
  /** The spill formula, with its `=`. */
  readonly formula: string;
  readonly rows?: undefined;
}

/** A block of fixed rows under a header row Lotbook writes: each cell a text or a one-cell formula. */
export interface RowsBlock extends BlockBase {
  readonly formula: null;
  /** One cell per column, the formulas with their `=`. */
  readonly rows: readonly (readonly string[])[];
}

export type ReportBlock = SpillBlock | RowsBlock;

export type ChartType = "ColumnClustered" | "BarClustered";

export interface ReportChart {
  readonly title: string;
  readonly type: ChartType;
  readonly block: BlockId;
  /** The block's column (from 0) holding the categories. */
  readonly categories: number;
  /** The block's columns (from 0) drawn as series, each named by its heading. */
  readonly values: readonly number[];
  /** Top-left and bottom-right cells the chart covers, e.g. `A4` and `H21`. */
  readonly from: string;
  readonly to: string;
}

export interface ReportSpec {
  readonly sheet: string;
  readonly title: string;
  readonly note: string;
  readonly blocks: readonly ReportBlock[];
  readonly charts: readonly ReportChart[];
}

/** Which ledger tables the workbook holds, by the name the formulas use. */
export type TablesPresent = Readonly<Partial<Record<TableName, boolean>>>;

/** Rows 4 to 21 hold the charts; blocks begin below them. */
export const CHART_ROWS = { first: 4, last: 21 } as const;
export const BLOCK_ROW = 23;
/** Each chart is this many columns wide, with one column between charts. */
const CHART_WIDTH = 8;
/** How far ahead the expiry timeline looks, in days. */
export const EXPIRY_DAYS = 365;

const MARGIN_TAIL: readonly ReportColumn[] = [
  { name: "Revenue", format: "money" },
  { name: "COGS", format: "money" },
  { name: "Margin", format: "money" },
  { name: "Margin %", format: "percent" },
];

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * The Report sheet for a workbook holding `present` tables: null when Lots or Draws is missing,
 * since every block reads both. Every formula leaves its tables out, so it answers from the
 * workbook's own tables through the live ledger and is pushed a new value whenever they change;
 * none passes `TODAY()` (an omitted as_of is today, pushed again after midnight). The shrinkage
 * log needs Counts, and has the Allowed Loss and Unexplained columns only with Products. A
 * workbook that names `locations` gets stock value by location after stock value by product.
 * @example reportSpec({ Lots: true, Draws: true, Counts: true, Products: true })?.blocks[0].formula
 * // '=LOTBOOK.MARGIN_BY("service")'
 */
export function reportSpec(present: TablesPresent, locations: readonly string[] = []): ReportSpec | null {
  if (!present.Lots || !present.Draws) return null;
  const call = (name: string, args: readonly string[] = []) => `=LOTBOOK.${name}(${args.join(",")})`;
  const marginBy = (group: string) => call("MARGIN_BY", [quote(group)]);
  // Where the workbook names locations, the lists by lot say where each lot's stock is.
  const place: readonly ReportColumn[] = locations.length > 0 ? [{ name: "Location", format: "text" }] : [];

  type Draft = Omit<SpillBlock, "column" | "headingRow"> | Omit<RowsBlock, "column" | "headingRow">;
  const drafts: Draft[] = [
    {
      id: "byService",
      heading: "Margin by service",
      description: "revenue, cost of goods and margin of each service",
      formula: marginBy("service"),
      columns: [{ name: "Service", format: "text" }, { name: "Visits", format: "number" }, ...MARGIN_TAIL],
    },
    {
      id: "byProvider",
      heading: "Margin by provider",
      description: "the same for each provider",
      formula: marginBy("provider"),
      columns: [{ name: "Provider", format: "text" }, { name: "Visits", format: "number" }, ...MARGIN_TAIL],
    },
    {
      id: "stock",
      heading: "Stock value by product",
      description: "units on hand and their value at cost, by product",
      formula: call("STOCK_BY_PRODUCT"),
      columns: [
        { name: "Product", format: "text" },
        { name: "Unit", format: "text" },
        { name: "Remaining", format: "number" },
        { name: "Value", format: "money" },
        { name: "Lots", format: "number" },
      ],
    },
    {
      id: "expiry",
      heading: `Expiry timeline (next ${EXPIRY_DAYS} days)`,
      description: `lots with stock that expire within ${EXPIRY_DAYS} days, expired ones included, soonest first`,
      formula: call("EXPIRING", [String(EXPIRY_DAYS)]),
      columns: [
        { name: "Product", format: "text" },
        { name: "Lot", format: "text" },
        ...place,
        { name: "Expires", format: "date" },
        { name: "Days Left", format: "number" },
        { name: "Remaining", format: "number" },
        { name: "Value", format: "money" },
      ],
    },
  ];
  if (locations.length > 0) {
    drafts.splice(drafts.findIndex((d) => d.id === "stock") + 1, 0, {
      id: "byLocation",
      heading: "Stock value by location",
      description: "the value at cost of the stock at each location, and at all of them together",
      formula: null,
      columns: [
        { name: "Location", format: "text" },
        { name: "Value", format: "money" },
      ],
      rows: [
        ["Location", "Value"],
        ...locations.map((l) => [l, call("STOCK_VALUE", [quote("*"), "", quote(l)])]),
        ["All locations", call("STOCK_VALUE", [quote("*")])],
      ],
    });
  }
  if (present.Counts) {
    drafts.push({
      id: "shrinkage",
      heading: "Shrinkage log",
      description: "every count with the units the books expected, what was found, and the cost of any difference",
      formula: call("SHRINKAGE_LOG"),
      columns: [
        { name: "Date", format: "date" },
        ...place,
        { name: "Product", format: "text" },
        { name: "Lot", format: "text" },
        { name: "Expected", format: "number" },
        { name: "Counted", format: "number" },
        { name: "Shrinkage", format: "number" },
        { name: "Shrinkage Cost", format: "money" },
        ...(present.Products ? [{ name: "Allowed Loss", format: "number" as const }, { name: "Unexplained", format: "number" as const }] : []),
      ],
    });
  }
  drafts.push({
    id: "byVisit",
    heading: "Margin by visit",
    description: "revenue, cost of goods and margin of every visit",
    formula: marginBy("visit"),
    columns: [{ name: "Visit", format: "text" }, { name: "Date", format: "date" }, ...MARGIN_TAIL],
  });
  drafts.push({
    id: "byProduct",
    heading: "Margin by product",
    description: "revenue, cost of goods and margin of each product, over the visits that used it",
    formula: marginBy("product"),
    columns: [{ name: "Product", format: "text" }, { name: "Visits", format: "number" }, ...MARGIN_TAIL],
  });
  drafts.push({
    id: "reorder",
    heading: "Reorder",
    description: "what to order, by when and how much, from the last 90 days of use, without buying stock that would expire on the shelf",
    formula: call("REORDER"),
    columns: [
      { name: "Product", format: "text" },
      { name: "Usable", format: "number" },
      { name: "Daily Use", format: "number" },
      { name: "Days Of Cover", format: "number" },
      { name: "Stock Out", format: "date" },
      { name: "Order By", format: "date" },
      { name: "Suggested Qty", format: "number" },
      { name: "Reason", format: "text" },
    ],
  });

  let column = 0;
  const blocks: ReportBlock[] = drafts.map((d) => {
    const block: ReportBlock = { ...d, column, headingRow: BLOCK_ROW };
    column += d.columns.length + 1;
    return block;
  });

  const columnOf = (id: BlockId, name: string) => blocks.find((b) => b.id === id)!.columns.findIndex((c) => c.name === name);
  const chartAt = (i: number) => ({
    from: `${columnLetter(i * (CHART_WIDTH + 1))}${CHART_ROWS.first}`,
    to: `${columnLetter(i * (CHART_WIDTH + 1) + CHART_WIDTH - 1)}${CHART_ROWS.last}`,
  });
  const charts: ReportChart[] = [
    { title: "Margin by service", type: "ColumnClustered", block: "byService", categories: 0, values: [2, 3, 4], ...chartAt(0) },
    { title: "Margin by provider", type: "ColumnClustered", block: "byProvider", categories: 0, values: [2, 3, 4], ...chartAt(1) },
    { title: "Stock value by product", type: "BarClustered", block: "stock", categories: 0, values: [3], ...chartAt(2) },
    { title: `Value expiring within ${EXPIRY_DAYS} days, by lot`, type: "ColumnClustered", block: "expiry", categories: 1, values: [columnOf("expiry", "Value")], ...chartAt(3) },
  ];

  return {
    sheet: REPORT_SHEET,
    title: "Lotbook report",
    note:
      "Written by Lotbook from the ledger tables. The figures are LOTBOOK formulas and update as the tables change; " +
      "the charts cover the rows there were when the report was written. To bring everything up to date, choose Report, then Refresh report, in the Lotbook pane: " +
      "it rewrites this sheet, so keep your own work on other sheets.",
    blocks,
    charts,
  };
}

/** The cell of a block's formula (or of its header row's first cell), e.g. `A24`. */
export function anchorOf(block: ReportBlock): string {
  return `${columnLetter(block.column)}${block.headingRow + 1}`;
}

/** A cell the report writes: a text value or a formula (starting with `=`). */
export interface ReportCell {
  readonly address: string;
  readonly value: string;
  readonly bold?: boolean;
}

/** Every cell the report writes, title first. */
export function reportCells(report: ReportSpec): ReportCell[] {
  const cells: ReportCell[] = [
    { address: "A1", value: report.title, bold: true },
    { address: "A2", value: report.note },
  ];
  for (const b of report.blocks) {
    cells.push({ address: `${columnLetter(b.column)}${b.headingRow}`, value: b.heading, bold: true });
    if (b.rows === undefined) {
      cells.push({ address: anchorOf(b), value: b.formula });
      continue;
    }
    b.rows.forEach((row, i) =>
      row.forEach((value, j) => cells.push({ address: `${columnLetter(b.column + j)}${b.headingRow + 1 + i}`, value, ...(i === 0 ? { bold: true } : {}) })),
    );
  }
  return cells;
}

/** The number formats of the report: each formatted column of a block, from below its header row to the sheet's last row. */
export function reportFormats(report: ReportSpec): { range: string; numberFormat: string }[] {
  const formats: { range: string; numberFormat: string }[] = [];
  for (const b of report.blocks) {
    b.columns.forEach((c, i) => {
      const numberFormat = NUMBER_FORMATS[c.format];
      if (numberFormat === null) return;
      const letter = columnLetter(b.column + i);
      formats.push({ range: `${letter}${b.headingRow + 2}:${letter}${LAST_ROW}`, numberFormat });
    });
  }
  return formats;
}

/** Excel's last row: formats reach every row a spill can grow into. */
export const LAST_ROW = 1_048_576;

/** The block a chart draws. */
export function blockOf(report: ReportSpec, chart: ReportChart): ReportBlock {
  const block = report.blocks.find((b) => b.id === chart.block);
  if (!block) throw new Error(`The report has no ${chart.block} block for the chart ${chart.title}`);
  return block;
}

/**
 * What to tell the user when a sheet of the report's name is not Lotbook's: it is never touched.
 * @example foreignReportMessage("Report") // "This workbook already has a sheet called Report that Lotbook did not make. …"
 */
export function foreignReportMessage(sheet: string): string {
  return `This workbook already has a sheet called ${sheet} that Lotbook did not make, and Lotbook leaves it as it is. Rename that sheet (right-click its tab, then Rename), then try again. Nothing was changed.`;
}
