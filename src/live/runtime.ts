import type { FormulaStreams } from "./streams";

/**
 * The one set of formula streams of this runtime. In Excel's shared runtime the task pane, the
 * custom functions and the ribbon commands are separate bundles on one page, each with its own
 * copy of this module, so the instance is kept on the page's global object under a registered
 * symbol: whichever bundle asks first makes it, and all share it.
 */
const KEY = Symbol.for("lotbook.formulaStreams");

type Holder = { [KEY]?: FormulaStreams };

/**
 * The shared formula streams, made by `make` when none exists yet.
 * @example sharedStreams(() => new FormulaStreams(new LiveLedger(source)))
 */
export function sharedStreams(make: () => FormulaStreams): FormulaStreams {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= make());
}

/** Replaces the shared streams (the preview over its in-memory workbook, tests); `null` forgets them. */
export function setSharedStreams(streams: FormulaStreams | null): void {
  const holder = globalThis as Holder;
  if (streams) holder[KEY] = streams;
  else delete holder[KEY];
}
