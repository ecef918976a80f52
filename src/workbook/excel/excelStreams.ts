import { LiveLedger } from "../../live/liveLedger";
import { FormulaStreams } from "../../live/streams";
import { ExcelSource } from "./excelSource";
import { officeHost } from "./excelWorkbook";

/**
 * The formula streams of Excel's shared runtime: one live ledger over this workbook's tables,
 * read through Office.js, serving the LOTBOOK formulas and the task pane.
 * @example sharedStreams(excelStreams).live.ready()
 */
export function excelStreams(): FormulaStreams {
  return new FormulaStreams(new LiveLedger(new ExcelSource(officeHost())));
}
