// The preview's formulas over its workbook: one live ledger, one set of formula streams, one open
// invocation per table-free formula cell, pushed new values as the workbook changes.
import { serialFromYmd } from "../../src/core";
import { MARGIN_BY, STOCK_BY_PRODUCT } from "../../src/functions/answers";
import { sharedStreams } from "../../src/live/runtime";
import type { Clock } from "../../src/live/streams";
import type { Evaluated } from "../../src/preview/evaluate";
import { PreviewFormulas, previewFormulas } from "../../src/preview/liveFormulas";
import { LiveWorkbook } from "../../src/preview/liveWorkbook";
import { samplePractice } from "../../src/preview/samplePractice";
import { reportSpec, type ReportSpec } from "../../src/taskpane/report/reportSpec";
import { writeReport } from "../../src/taskpane/report/writeReport";

const NOW = new Date(2026, 10, 27, 9, 0);
/** A clock on the sample's day whose midnight never comes: nothing is left waiting after the tests. */
const clock: Clock = { now: () => NOW, setTimeout: () => 0, clearTimeout: () => undefined };
const SPEC = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;
const LEAN = reportSpec({ Lots: true, Draws: true }) as ReportSpec;

/** Lets the live ledger read what a change event names (the in-memory reads settle within a task). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function rows(shown: Evaluated): unknown[][] {
  if (shown.kind !== "spill") throw new Error(`not evaluated: ${shown.formula}`);
  return shown.cells as unknown[][];
}

/** The row of a spill whose first cell is `key`, by its header's names. */
function rowOf(shown: Evaluated, key: string): Record<string, unknown> {
  const [header, ...body] = rows(shown);
  const row = body.find((r) => r[0] === key);
  if (!row) throw new Error(`no row ${key}`);
  return Object.fromEntries(header.map((h, i) => [String(h), row[i]]));
}

async function opened(spec: ReportSpec = SPEC) {
  const wb = LiveWorkbook.seeded(samplePractice(NOW));
  const formulas = new PreviewFormulas(wb, clock);
  await writeReport(wb, spec);
  await formulas.live.ready();
  await settled();
  return { wb, formulas };
}

describe("the preview's formulas", () => {
  it("keeps one invocation open per table-free Report cell, and two for the latest visit", async () => {
    const { formulas } = await opened();
    expect(formulas.openCells).toBe(SPEC.blocks.length + 2);
    expect(formulas.streams.openCount).toBe(SPEC.blocks.length + 2);
    expect(rows(formulas.value(STOCK_BY_PRODUCT, [null, null]))[0]).toEqual(["Product", "Unit", "Remaining", "Value", "Lots"]);
  });

  it("pushes new figures to the Report's blocks and the latest visit when a draw of a new visit is appended, with no refresh", async () => {
    const { wb, formulas } = await opened();
    const report = wb.report;
    const service = () => rowOf(formulas.value(MARGIN_BY, ["service"]), "Glabella");
    const botox = () => rowOf(formulas.value(STOCK_BY_PRODUCT, [null, null]), "Botox 100U");
    const before = { service: service(), botox: botox() };
    const pushed = formulas.version;
    // 10 U of C7033D, bought at $6.80 a unit, for $140: the service's COGS rises by exactly 10 × $6.80.
    await wb.appendRows("Draws", [{ Date: serialFromYmd(2026, 11, 27) + 0.5, Visit: "V9100", Patient: "P-9100", Provider: "Dr. Reyes", Service: "Glabella", Product: "Botox 100U", Lot: "C7033D", Qty: 10, Kind: "Visit", Price: 140, Location: "Main Street" }]);
    await settled();
    expect(formulas.version).toBeGreaterThan(pushed);
    expect(wb.report).toBe(report); // nothing rewrote the Report sheet
    const after = service();
    expect(after.Visits).toBe((before.service.Visits as number) + 1);
    expect(after.Revenue as number).toBeCloseTo((before.service.Revenue as number) + 140, 9);
    expect(after.COGS as number).toBeCloseTo((before.service.COGS as number) + 68, 9);
    expect(after.Margin as number).toBeCloseTo((before.service.Margin as number) + 72, 9);
    expect(botox().Remaining).toBe((before.botox.Remaining as number) - 10);
    expect(botox().Value as number).toBeCloseTo((before.botox.Value as number) - 68, 9);
    expect(formulas.latestVisit).toEqual({ visit: "V9100", cogs: { kind: "spill", cells: [[68]] }, margin: { kind: "spill", cells: [[72]] } });
    // Still one invocation per cell: the previous visit's two were canceled for the new one's.
    expect(formulas.openCells).toBe(SPEC.blocks.length + 2);
  });

  it("cancels the invocations of formulas a refreshed report no longer has", async () => {
    const { wb, formulas } = await opened();
    await writeReport(wb, LEAN); // Products and Counts gone from what the report was told: no shrinkage log
    expect(formulas.openCells).toBe(LEAN.blocks.length + 2);
    expect(formulas.streams.openCount).toBe(LEAN.blocks.length + 2);
  });

  it("is made once per workbook, and installed as the page's shared formula streams", () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    const formulas = previewFormulas(wb, () => NOW);
    expect(previewFormulas(wb)).toBe(formulas);
    expect(sharedStreams(() => { throw new Error("none installed"); })).toBe(formulas.streams);
  });
});
