import type { SheetLayout, SheetStatus, SheetWritten, WorkbookPort } from "../../workbook/port";
import { anchorOf, blockOf, CHART_PREFIX, foreignReportMessage, REPORT_MARK, reportCells, reportFormats, type ReportSpec } from "./reportSpec";

/**
 * The Report sheet as the workbook writes it: its cells, formats, header rows and charts over the
 * blocks' spills, with the report's own words for what can go wrong.
 * @example reportLayout(spec).charts[0].anchor // "A24", the cell of the first block's formula
 */
export function reportLayout(report: ReportSpec): SheetLayout {
  return {
    sheet: report.sheet,
    mark: REPORT_MARK,
    chartPrefix: CHART_PREFIX,
    cells: reportCells(report),
    titleCell: "A1",
    numberFormats: reportFormats(report),
    headers: report.blocks.map((b) => ({ anchor: anchorOf(b), columns: b.columns.length })),
    charts: report.charts.map((c) => {
      const block = blockOf(report, c);
      return {
        title: c.title,
        type: c.type,
        anchor: anchorOf(block),
        categories: c.categories,
        series: c.values.map((column) => ({ column, name: block.columns[column].name })),
        from: c.from,
        to: c.to,
      };
    }),
    words: {
      foreign: foreignReportMessage(report.sheet),
      unsupported: "This version of Excel cannot hold the report: it needs formulas that spill (Excel for Microsoft 365, or Excel 2021 or later). Nothing was changed.",
      incomplete: "The Report sheet may be incomplete: choose Refresh report again.",
    },
  };
}

/** Whether the report sheet is missing, is Lotbook's, or is someone else's. */
export function reportStatus(workbook: WorkbookPort, sheet: string): Promise<SheetStatus> {
  return workbook.sheetStatus(sheet, REPORT_MARK);
}

/** Writes the report, or rewrites the one Lotbook wrote before; see `WorkbookPort.writeSheet`. */
export function writeReport(workbook: WorkbookPort, report: ReportSpec): Promise<SheetWritten> {
  return workbook.writeSheet(reportLayout(report));
}
