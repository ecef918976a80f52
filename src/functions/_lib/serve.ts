import { sharedStreams } from "../../live/runtime";
import type { StreamingInvocation } from "../../live/streams";
import { excelStreams } from "../../workbook/excel/excelStreams";
import type { Formula } from "../answers";

/**
 * Opens one streaming invocation of a formula on this runtime's shared formula streams: in Excel,
 * the live ledger over the workbook (made on the first formula or pane that needs it); in the
 * preview and tests, whatever `setSharedStreams` installed.
 * @example serveFormula(VISIT_COGS, [[["V1"]]], [null, null, null], invocation)
 */
export function serveFormula(formula: Formula, settings: readonly unknown[], tables: readonly unknown[], invocation: StreamingInvocation): void {
  sharedStreams(excelStreams).open(formula, settings, tables, invocation);
}
