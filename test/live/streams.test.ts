import { buildLedger, replayCount } from "../../src/core";
import { LiveLedger } from "../../src/live/liveLedger";
import { FormulaStreams, type Clock, type StreamingInvocation } from "../../src/live/streams";
import { answerFromLedger, EXPIRING, STOCK_VALUE, VISIT_COGS, FEFO_LOT } from "../../src/functions/answers";
import { liveWrites } from "../../src/workbook/liveWrites";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { COUNTS, day, DRAWS, LOTS, PRODUCTS } from "../functions/_ledger";

// The live ledger over the in-memory workbook, which sends a change event after each change as
// Excel does. Every expected figure is worked by hand from test/functions/_ledger.ts.

/** A clock standing still at a chosen moment; its timers fire only when a test says so. */
class TestClock implements Clock {
  private timers: { run: () => void; at: number; id: number }[] = [];
  private next = 1;
  constructor(public at: Date) {}
  now = () => new Date(this.at);
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ run, at: this.at.getTime() + ms, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  /** Moves the clock on and fires every timer due by then. */
  advanceTo(when: Date): void {
    this.at = when;
    const due = this.timers.filter((t) => t.at <= when.getTime());
    this.timers = this.timers.filter((t) => t.at > when.getTime());
    for (const t of due) t.run();
  }
  /** Fires every timer, however far off. */
  fireAll(): void {
    const due = this.timers;
    this.timers = [];
    for (const t of due) t.run();
  }
}

/** An invocation as Excel makes it: records every value pushed. */
function invocation(): StreamingInvocation & { results: unknown[]; cancel: () => void } {
  const inv = {
    results: [] as unknown[],
    onCanceled: undefined as (() => void) | undefined,
    setResult(v: unknown) {
      inv.results.push(v);
    },
    cancel() {
      inv.onCanceled?.();
    },
  };
  return inv;
}

const OMIT = [null, null, null];
const OMIT4 = [null, null, null, null];

async function practice(system: 1900 | 1904 = 1900) {
  const wb = MemoryWorkbook.with({ Lots: LOTS, Draws: DRAWS, Counts: COUNTS, Products: PRODUCTS }, system);
  // Oct 15, 2026, mid-morning, local time.
  const clock = new TestClock(new Date(2026, 9, 15, 10, 0, 0));
  const live = new LiveLedger(wb, { timers: clock, retryMs: 1000 });
  const streams = new FormulaStreams(live, clock);
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await live.settled();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { wb, clock, live, streams, settle };
}

const draw = (visit: string, lot: string, qty: number, date = day(2026, 10, 1)) => ({
  Date: date, Visit: visit, Patient: "P-009", Product: "Botox 100U", Lot: lot, Qty: qty, Kind: "Visit", Price: 130,
});

describe("formulas without tables answer from the live ledger", () => {
  it("answers once the tables are read, from the workbook's own tables", async () => {
    const { streams, settle } = await practice();
    const v1 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    await settle();
    // 40 U of C3709C3 at $6.50.
    expect(v1.results).toEqual([[[260]]]);
  });

  it("pushes an appended draw to the formulas whose answer changed, and to no other", async () => {
    const { wb, streams, settle } = await practice();
    const value = invocation();
    const v1 = invocation();
    const v4 = invocation();
    const v5 = invocation();
    const fefo = invocation();
    streams.open(STOCK_VALUE, [[["Botox 100U"]], null, null], OMIT, value);
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    streams.open(VISIT_COGS, [[["V4"]]], OMIT, v4);
    streams.open(VISIT_COGS, [[["V5"]]], OMIT, v5);
    streams.open(FEFO_LOT, [[["Juvederm Ultra XC 1mL"]], null, null], OMIT4, fefo);
    await settle();
    // As of today (Oct 15): C3709C3 is drawn empty (100 − 40 − 35 − 25); C4000A1 was counted at
    // 78 on Sept 30, at $6.00: 468.
    expect(value.results).toEqual([[[468]]]);
    expect(v5.results).toHaveLength(1);
    expect((v5.results[0] as { code: string }[][])[0][0].code).toBe("#N/A");

    const botox = replayCount("botox 100u");
    const juvederm = replayCount("juvederm ultra xc 1ml");
    const computed = streams.computed;
    await wb.appendRows("Draws", [draw("V5", "C4000A1", 10)]);
    await settle();
    // Only Botox, whose draw it is, is posted again.
    expect(replayCount("botox 100u")).toBeGreaterThan(botox);
    expect(replayCount("juvederm ultra xc 1ml")).toBe(juvederm);
    // And only the formulas it can move are asked again: Botox's stock value and V5. V1 and V4
    // drew earlier, at costs the new draw cannot change; Juvederm's FEFO lot is not touched.
    expect(streams.computed - computed).toBe(2);
    // 10 U more at $6.00: 408 left in stock, and V5 cost 60.
    expect(value.results).toEqual([[[468]], [[408]]]);
    expect(v5.results[1]).toEqual([[60]]);
    expect(v1.results).toEqual([[[260]]]);
    expect(v4.results).toEqual([[[420]]]);
    expect(fefo.results).toEqual([[["V100"]]]);
  });

  it("leaves each snapshot its own rows while later draws are appended (they share one array)", async () => {
    const { wb, live, settle } = await practice();
    const first = await live.ready();
    await settle();
    const rows = first.ledger.draws.rows.length;
    const size = first.size("Draws");
    await wb.appendRows("Draws", [draw("V5", "C4000A1", 10)]);
    await settle();
    const second = live.snapshot!;
    await wb.appendRows("Draws", [draw("V6", "C4000A1", 5)]);
    await settle();
    const third = live.snapshot!;
    expect([first, second, third].map((s) => s.ledger.draws.rows.length)).toEqual([rows, rows + 1, rows + 2]);
    expect([first, second, third].map((s) => s.size("Draws"))).toEqual([size, size + 1, size + 2]);
    expect([first, second, third].map((s) => s.tables.Draws!.length)).toEqual([size, size + 1, size + 2]);
    expect(third.ledger.draws.rows.slice(-2).map((r) => r.visit)).toEqual(["V5", "V6"]);
    // The first snapshot still answers as it did: no V5 then; V5 cost 10 U at $6.00 in the second.
    const context = { dateSystem: 1900 as const, today: day(2026, 10, 15) };
    expect((answerFromLedger(VISIT_COGS, [[["V5"]]], first, context)[0][0] as { code: string }).code).toBe("#N/A");
    expect(answerFromLedger(VISIT_COGS, [[["V5"]]], second, context)).toEqual([[60]]);
    expect(answerFromLedger(VISIT_COGS, [[["V6"]]], third, context)).toEqual([[30]]);
  });

  it("reads only the edited row again, and pushes what the new unit cost changes", async () => {
    const { wb, streams, settle } = await practice();
    const v1 = invocation();
    const v4 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    streams.open(VISIT_COGS, [[["V4"]]], OMIT, v4);
    await settle();
    wb.reads.length = 0;
    const botox = replayCount("botox 100u");
    const juvederm = replayCount("juvederm ultra xc 1ml");
    // C3709C3 is the first Lots row: its Unit Cost goes from 6.50 to 7.00.
    wb.editCell("Lots", 0, "Unit Cost", 7);
    await settle();
    expect(wb.reads).toEqual([{ table: "Lots", first: 0, count: 1 }]);
    // Botox's books are posted again (to the end, and to today for the formulas); Juvederm's lots
    // read the same and keep theirs.
    expect(replayCount("botox 100u")).toBeGreaterThan(botox);
    expect(replayCount("juvederm ultra xc 1ml")).toBe(juvederm);
    // V1: 40 U × $7.00; V4 draws from C4000A1 and V100 only.
    expect(v1.results).toEqual([[[260]], [[280]]]);
    expect(v4.results).toEqual([[[420]]]);
  });

  it("reads a sorted or shortened table whole", async () => {
    const { wb, streams, settle } = await practice();
    const v3 = invocation();
    streams.open(VISIT_COGS, [[["V3"]]], OMIT, v3);
    await settle();
    wb.reads.length = 0;
    wb.sortRows("Draws", (a, b) => Number(b[0]) - Number(a[0]));
    await settle();
    expect(wb.reads).toEqual([{ table: "Draws" }]);
    // The same rows in another order: V3 still costs 25 × 6.50, and nothing is pushed.
    expect(v3.results).toEqual([[[162.5]]]);

    wb.reads.length = 0;
    const at = wb.table("Draws")!.rows.findIndex((r) => r[1] === "V3");
    wb.deleteRow("Draws", at);
    await settle();
    expect(wb.reads).toEqual([{ table: "Draws" }]);
    expect(v3.results).toHaveLength(2);
    expect((v3.results[1] as { code: string }[][])[0][0].code).toBe("#N/A");
  });

  it("gives a canceled invocation nothing more", async () => {
    const { wb, streams, settle } = await practice();
    const v1 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    await settle();
    v1.cancel();
    expect(streams.openCount).toBe(0);
    wb.editCell("Lots", 0, "Unit Cost", 7);
    await settle();
    expect(v1.results).toEqual([[[260]]]);
  });

  it("answers a formula opened twice with the same arguments once (Excel on the web may do that)", async () => {
    const { streams, settle } = await practice();
    await streams.live.ready();
    await settle();
    const before = streams.computed;
    const first = invocation();
    const second = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, first);
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, second);
    expect(streams.computed - before).toBe(1);
    expect(first.results).toEqual([[[260]]]);
    expect(second.results).toEqual([[[260]]]);
  });

  it("keeps the last values while a read fails, says so, and catches up when the retry reads", async () => {
    const { wb, clock, live, streams, settle } = await practice();
    const value = invocation();
    streams.open(STOCK_VALUE, [[["Botox 100U"]], null, null], OMIT, value);
    await settle();
    wb.failNextRead = "the workbook is busy";
    await wb.appendRows("Draws", [draw("V5", "C4000A1", 10)]);
    await settle();
    expect(live.status.state).toBe("failed");
    expect(live.status).toMatchObject({ message: expect.stringContaining("the workbook is busy") });
    expect(value.results).toEqual([[[468]]]);
    clock.fireAll();
    await settle();
    expect(live.status.state).toBe("ready");
    expect(value.results).toEqual([[[468]], [[408]]]);
  });

  it("takes Lotbook's own appends at once: the write returns with the new value pushed", async () => {
    const { wb, streams, live, settle } = await practice();
    const value = invocation();
    streams.open(STOCK_VALUE, [[["Botox 100U"]], null, null], OMIT, value);
    await settle();
    await liveWrites(wb, live).appendRows("Draws", [draw("V5", "C4000A1", 10)]);
    expect(value.results).toEqual([[[468]], [[408]]]);
  });

  it("reads a change heard while another read of the same table is running", async () => {
    const { wb, streams, settle } = await practice();
    const v1 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    await settle();
    // Two edits of the Lots table, the second heard while the first is being read.
    wb.editCell("Lots", 0, "Unit Cost", 7);
    wb.editCell("Lots", 0, "Unit Cost", 8);
    await settle();
    // V1: 40 U at the last unit cost, $8.00.
    expect(v1.results[v1.results.length - 1]).toEqual([[320]]);
  });

  it("answers a location with #VALUE! on a workbook without a Location column", async () => {
    const { streams, settle } = await practice();
    const here = invocation();
    streams.open(STOCK_VALUE, [[["Botox 100U"]], null, "Room 2"], OMIT, here);
    await settle();
    expect(here.results[0]).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("no Location column") });
  });

  it("says a missing table plainly", async () => {
    const wb = MemoryWorkbook.with({ Draws: DRAWS });
    const clock = new TestClock(new Date(2026, 9, 15));
    const streams = new FormulaStreams(new LiveLedger(wb, { timers: clock }), clock);
    const v1 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], OMIT, v1);
    await streams.live.ready();
    expect(v1.results[0]).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("this workbook has no Lots table") });
  });
});

describe("formulas with tables", () => {
  it("answer from exactly the values given and ignore the workbook's changes", async () => {
    const { wb, streams, settle } = await practice();
    const v1 = invocation();
    streams.open(VISIT_COGS, [[["V1"]]], [DRAWS, LOTS, null], v1);
    expect(v1.results).toEqual([[[260]]]);
    wb.editCell("Lots", 0, "Unit Cost", 7);
    await settle();
    expect(v1.results).toEqual([[[260]]]);
  });
});

describe("an omitted as_of", () => {
  it("means today, and is pushed again after midnight", async () => {
    const { clock, streams, settle } = await practice();
    const soon = invocation();
    const fixed = invocation();
    streams.open(EXPIRING, [365, null, null], OMIT, soon);
    streams.open(EXPIRING, [365, day(2026, 10, 15), null], OMIT, fixed);
    await settle();
    const daysLeft = (r: unknown) => (r as unknown[][]).slice(1).map((row) => [row[1], row[3]]);
    // V100 expires Dec 31, 2026: 77 days after Oct 15. C3709C3 is empty; C4000A1 (Jan 31, 2027) holds 78.
    expect(daysLeft(soon.results[0])).toEqual([["V100", 77], ["C4000A1", 108]]);
    clock.advanceTo(new Date(2026, 9, 16, 0, 0, 2));
    await settle();
    expect(soon.results).toHaveLength(2);
    expect(daysLeft(soon.results[1])).toEqual([["V100", 76], ["C4000A1", 107]]);
    // Given a date, the answer does not move with the clock.
    expect(fixed.results).toHaveLength(1);
  });
});

describe("formulas the live ledger does not ask again", () => {
  // A keyed formula whose keys a change did not touch keeps its value. Whatever it keeps must be
  // what it would answer if asked afresh: after each change, every open formula's last value is
  // compared with a fresh answer from a ledger built whole from the workbook as it stands.
  it("hold exactly the values a fresh answer gives, change after change", async () => {
    const { wb, streams, settle, clock } = await practice();
    const opened: { formula: typeof VISIT_COGS; settings: unknown[]; inv: ReturnType<typeof invocation> }[] = [];
    const open = (formula: typeof VISIT_COGS, settings: unknown[], tables: unknown[]) => {
      const inv = invocation();
      streams.open(formula, settings, tables, inv);
      opened.push({ formula, settings, inv });
    };
    for (const v of ["V1", "V2", "V3", "V4", "V5", "V6"]) open(VISIT_COGS, [[[v]]], OMIT);
    for (const p of ["Botox 100U", "Juvederm Ultra XC 1mL"]) {
      open(STOCK_VALUE, [[[p]], null, null], OMIT);
      open(FEFO_LOT, [[[p]], null, null], OMIT4);
    }
    open(STOCK_VALUE, [[["*"]], null, null], OMIT);
    open(STOCK_VALUE, [[["C4000A1"]], null, null], OMIT);
    await settle();
    const changes: (() => Promise<void> | void)[] = [
      () => wb.appendRows("Draws", [draw("V5", "C4000A1", 10)]).then(() => undefined),
      // A draw dated before the others of its lot re-costs every later draw of C3709C3.
      () => wb.appendRows("Draws", [draw("V6", "C3709C3", 5, day(2026, 9, 1.5))]).then(() => undefined),
      () => wb.editCell("Draws", 1, "Qty", 30),
      () => wb.editCell("Draws", 3, "Lot", "C4000A1"),
      () => wb.editCell("Lots", 1, "Unit Cost", 6.25),
      () => wb.editCell("Draws", 0, "Price", 600),
    ];
    for (const change of changes) {
      await change();
      await settle();
      const snapshot = await streams.live.ready();
      const whole = { ...snapshot, ledger: buildLedger({ lots: snapshot.tables.Lots, draws: snapshot.tables.Draws, counts: snapshot.tables.Counts, products: snapshot.tables.Products }) };
      for (const o of opened) {
        expect(o.inv.results[o.inv.results.length - 1]).toEqual(answerFromLedger(o.formula, o.settings, whole, streams.context(1900)));
      }
    }
    expect(clock.now().getDate()).toBe(15);
  });
});
