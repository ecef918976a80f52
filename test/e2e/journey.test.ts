// Issue 15's journey through the pane, in Debian's Chromium over the sample practice: the
// Overview, a two-line visit whose second line overdraws its lot and is split, a count and its
// recount, a blind full count, and a receipt whose cost is questioned. At every screen, axe-core
// (injected from node_modules, nothing fetched) checks the pane, first 500 px wide and then 360 px:
// no serious or critical violation. Screenshots go to test-output/e2e/journey-*.png.
import { readFileSync } from "fs";
import type { Page } from "playwright-core";
import { openPreview, type Preview } from "./_browser";

jest.setTimeout(120_000);

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let preview: Preview;
let page: Page;
let url: string;

/** A day counted from today, as a date field takes it. */
function isoDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const pane = () => page.getByRole("complementary", { name: "Task pane" });
const sheet = (name: string) => page.getByRole("grid", { name: `${name} sheet` });
const openSheet = (name: string) => page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name }).click();

/** Opens a task by its tab, or from More where the pane is too narrow for its tab. */
async function task(name: string): Promise<void> {
  const tab = pane().getByRole("tab", { name, exact: true });
  if (await tab.isVisible()) return tab.click();
  await pane().getByRole("button", { name: /^More tasks/ }).click();
  await page.getByRole("menuitem", { name, exact: true }).click();
}

/** axe-core's serious and critical violations in the pane, one line each with the elements they are on. */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string; html: string }[] }[] }> } }).axe;
    // Fluent's focus manager (tabster) puts aria-hidden, focusable <i> sentinels around a tab list
    // to move focus in and out of it: the library's markup, not Lotbook's, and never read out.
    const context = { include: [['aside[aria-label="Task pane"]']], exclude: [["[data-tabster-dummy]"]] };
    const result = await axe.run(context as unknown as Element, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)} ${n.failureSummary}`).join(", ")}`);
  });
}

/** Checks the pane with axe and saves a screenshot of it. */
async function look(name: string): Promise<void> {
  await page.waitForTimeout(150);
  expect({ screen: name, violations: await axeViolations() }).toEqual({ screen: name, violations: [] });
  await preview.shot(`journey-${name}`, pane());
}

beforeAll(async () => {
  preview = await openPreview({ width: 1400, height: 1000 });
  ({ page, url } = preview);
}, 240_000);

afterAll(async () => {
  await preview?.close();
});

describe("the pane as an owner, a bookkeeper and an injector's assistant use it, at 500 px", () => {
  it("opens on the Overview: the state of the books, each line a way into the task that acts on it", async () => {
    await page.goto(url);
    const overview = pane().getByRole("region", { name: "Overview" });
    await overview.waitFor();
    expect(Math.round((await pane().boundingBox())!.width)).toBe(500);
    // The sample's expired lots, C5501A (75 U at $6.50) and RL2290 (5 syringes at $320): $2,087.50.
    await overview.getByRole("button", { name: "2 lots expired with stock, $2,087.50 at cost" }).waitFor();
    // Every product has well over a week of usable stock at its recent rate.
    await overview.getByRole("button", { name: "Nothing needs ordering this week" }).waitFor();
    await look("overview-500");
  });

  it("records a two-line visit whose second line overdraws its lot, split across two lots in one click", async () => {
    await task("Draw");
    const form = pane().getByRole("form", { name: "Visit draw" });
    await form.getByLabel("Product").selectOption("Botox 100U");
    // FEFO skips C5501A, expired, and proposes C6120B, 25 days from expiry.
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^C6120B: / }).waitFor({ state: "attached" });
    await form.getByText(/^Why C6120B: /).waitFor();
    await form.getByLabel("Qty (U)").fill("20");
    await form.getByLabel("Visit").fill("V9100");
    await form.getByLabel("Patient").fill("P-9100");
    await form.getByLabel("Provider").fill("Dr. Reyes");
    await form.getByLabel("Service").fill("Full face");
    await form.getByRole("button", { name: "Record draw" }).click();
    await form.getByText("Recorded 20 U of Botox 100U from lot C6120B at Main Street for visit V9100.").waitFor();
    // The visit stays: the next line needs only its product and quantity.
    expect(await form.getByLabel("Patient").inputValue()).toBe("P-9100");
    await form.getByLabel("Product").selectOption("Juvederm Ultra XC");
    // JU4410 holds 7 syringes and expires first; 8 are asked for.
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^JU4410: / }).waitFor({ state: "attached" });
    await form.getByLabel("Qty (syringe)").fill("8");
    const overdraw = form.getByText("Lot JU4410 has only 7 syringes left on the books. Take what is left of it and the rest from the next lot by FEFO: 7 syringes from JU4410, 1 syringe from JU5127.");
    await overdraw.waitFor();
    await look("draw-split-500");
    await form.getByRole("button", { name: "Record as 2 lines" }).click();
    await form.getByText("Recorded 7 syringes of Juvederm Ultra XC from lot JU4410 and 1 syringe from lot JU5127 at Main Street for visit V9100.").waitFor();
    // 20 U × $6.60 + 7 × $300 + 1 × $310 = $2,542.00; charged 20 × $14 + 8 × $750 = $6,280.00, its
    // $6,000 shared 7 : 1 between the two lines.
    await form.getByRole("region", { name: "Running totals" }).getByText("3 lines so far: cost of goods $2,542.00, charged $6,280.00, margin $3,738.00.").waitFor();
    await openSheet("Draws");
    for (const [lot, qty, price] of [["JU4410", "7", "$5,250.00"], ["JU5127", "1", "$750.00"]]) {
      await sheet("Draws").getByRole("row").filter({ hasText: "V9100" }).filter({ hasText: lot }).filter({ hasText: qty }).filter({ hasText: price }).waitFor();
    }
  });

  it("takes a recount of a lot moments later as a new count, clearing the first success as the new attempt starts", async () => {
    await task("Count");
    const form = pane().getByRole("form", { name: "Count" });
    await form.getByLabel("Product").selectOption("Botox 100U");
    // C6120B: 280 U less the 20 just drawn: the books expect 260.
    await form.getByLabel("Counted C6120B").fill("258");
    await form.getByText("2 U missing ($13.20)").waitFor();
    await form.getByRole("button", { name: "Record counts" }).click();
    const first = form.getByText("Recorded 1 count of Botox 100U at Main Street.");
    await first.waitFor();
    // A recount is a new count: dated a second or more after the first (the rows are dated to the second).
    await page.waitForTimeout(1100);
    await form.getByLabel("Counted C6120B").fill("257");
    await first.waitFor({ state: "detached" });
    // The books now expect 258: one more unit missing.
    await form.getByText("1 U missing ($6.60)").waitFor();
    await form.getByRole("button", { name: "Record counts" }).click();
    await form.getByText("Recorded 1 count of Botox 100U at Main Street.").waitFor();
    expect(await form.getByRole("alert").count()).toBe(0);
    await openSheet("Counts");
    for (const counted of ["258", "257"]) await sheet("Counts").getByRole("row").filter({ hasText: "C6120B" }).filter({ hasText: counted }).waitFor();
    await look("recount-500");
  });

  it("counts blind in a full count: the books' figures stay hidden until every lot of the product is counted", async () => {
    const form = pane().getByRole("form", { name: "Count" });
    await form.getByRole("radio", { name: "Full count, all in turn" }).check();
    await form.getByLabel("Product").selectOption("Botox 100U");
    const lots = pane().getByRole("table", { name: "Open lots of Botox 100U at Main Street" });
    await lots.getByText("hidden", { exact: true }).nth(2).waitFor();
    expect(await lots.getByText("hidden", { exact: true }).count()).toBe(3);
    await look("blind-count-500");
    // C6120B was recounted at the end of the step before. Counted again within the same second (the
    // rows are dated to the second), 257 would repeat that count: a warning in place of its variance.
    await page.waitForTimeout(1100);
    // C5501A 75 U (expired, still on the shelf), C6120B 257 U, C7033D 150 U (200 received, 50 sent to Suite B): as the books say.
    await form.getByLabel("Counted C5501A").fill("75");
    await form.getByLabel("Counted C6120B").fill("257");
    expect(await lots.getByText("hidden", { exact: true }).count()).toBe(3);
    await form.getByLabel("Counted C7033D").fill("150");
    await lots.getByText("257 U", { exact: true }).waitFor();
    // The figures show at once; the variances follow the check of the three entered counts.
    await lots.getByText("matches the books").nth(2).waitFor();
    expect(await lots.getByText("matches the books").count()).toBe(3);
    await form.getByRole("button", { name: "Record counts" }).click();
    await form.getByText("Recorded 3 counts of Botox 100U at Main Street. Next: Dysport 300U.").waitFor();
    await pane().getByRole("table", { name: "Open lots of Dysport 300U at Main Street" }).getByText("hidden", { exact: true }).first().waitFor();
  });

  it("questions a receipt's cost far from the product's usual one, and records it once corrected", async () => {
    await task("Receive");
    const form = pane().getByRole("form", { name: "Receive" });
    await form.getByLabel("Supplier").fill("Allergan");
    await form.getByLabel("PO").fill("PO-2300");
    await form.getByLabel("Product").fill("Botox 100U");
    await form.getByLabel("Lot").fill("C8000E");
    await form.getByLabel("Expires").fill(isoDay(500));
    await form.getByLabel("Qty (U)").fill("100");
    // $6.80 a unit typed as the line total: $0.068 a unit, against the usual $6.60 (the median of
    // the last lots' $6.50, $6.60 and $6.80).
    await form.getByLabel("Cost ($)").fill("6.80");
    const warning = form.getByText('$0.068 per U is far below this product\'s usual $6.60 per U (its recent receipts): was the per-unit amount typed as the line total? Choose "Per U" if so.');
    await warning.waitFor();
    await look("receive-flagged-500");
    await form.getByRole("radio", { name: "Per U" }).check();
    await warning.waitFor({ state: "detached" });
    await form.getByRole("region", { name: "What will be recorded" }).getByText(/100 U in all · \$6\.80 per U · line total \$680\.00$/).waitFor();
    await form.getByRole("button", { name: "Add to Lots" }).click();
    await form.getByText(/^Received 100 U of Botox 100U, lot C8000E at Main Street: expires .*, 100 U in all, \$6\.80 per U, line total \$680\.00\. Next line of PO-2300\?$/).waitFor();
    // Supplier and PO stay for the next line of the same order.
    expect(await form.getByLabel("PO").inputValue()).toBe("PO-2300");
    await openSheet("Lots");
    await sheet("Lots").getByRole("row").filter({ hasText: "C8000E" }).waitFor();
  });

  it("moves Botox to Suite B with Transfer, then draws there the lot that expires first at Suite B", async () => {
    // The pane works at Main Street, the first location the tables name.
    expect(await pane().getByLabel("Working at").inputValue()).toBe("Main Street");
    await task("Transfer");
    const move = pane().getByRole("form", { name: "Transfer" });
    await move.getByLabel("Product").selectOption("Botox 100U");
    // FEFO at Main Street skips the expired C5501A: C6120B, counted at 257 U above.
    await move.getByLabel("Lot").locator("option:checked", { hasText: /^C6120B: 257 U at Main Street, expires .*, proposed$/ }).waitFor({ state: "attached" });
    expect(await move.getByLabel("To").inputValue()).toBe("Suite B");
    await move.getByLabel("Qty (U)").fill("30");
    await look("transfer-500");
    await move.getByRole("button", { name: "Record transfer" }).click();
    await move.getByText("Moved 30 U of Botox 100U, lot C6120B, from Main Street to Suite B.").waitFor();
    await openSheet("Draws");
    await sheet("Draws").getByRole("row").filter({ hasText: "Transfer" }).filter({ hasText: "C6120B" }).filter({ hasText: "Suite B" }).waitFor();

    await pane().getByLabel("Working at").selectOption("Suite B");
    await task("Draw");
    const form = pane().getByRole("form", { name: "Visit draw" });
    await form.getByLabel("Product").selectOption("Botox 100U");
    // Suite B holds the 50 U of C7033D (410 days to expiry) sent ten days ago and the 30 U of C6120B
    // (25 days) just sent: FEFO there is C6120B, with Suite B's 30 U, not Main Street's 227.
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^C6120B: 30 U left, expires .*, proposed$/ }).waitFor({ state: "attached" });
    expect((await form.getByLabel("Lot").locator("option").allTextContents()).map((o) => o.replace(/, expires [^,]*/, ""))).toEqual(["C6120B: 30 U left, proposed", "C7033D: 50 U left"]);
    await form.getByLabel("Qty (U)").fill("10");
    await form.getByLabel("Visit").fill("V9200");
    await form.getByLabel("Patient").fill("P-9200");
    await form.getByRole("button", { name: "Record draw" }).click();
    await form.getByText("Recorded 10 U of Botox 100U from lot C6120B at Suite B for visit V9200.").waitFor();
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^C6120B: 20 U left, expires .*, proposed$/ }).waitFor({ state: "attached" });
    await sheet("Draws").getByRole("row").filter({ hasText: "V9200" }).filter({ hasText: "C6120B" }).filter({ hasText: "Suite B" }).waitFor();
    // Stock at Suite B: C6120B 20 U × $6.60 = $132.00 and C7033D 50 U × $6.80 = $340.00.
    await task("Overview");
    await pane().getByRole("region", { name: "Overview" }).getByRole("button", { name: "Stock on hand at Suite B: $472.00 at cost" }).waitFor();
    await pane().getByLabel("Working at").selectOption("Main Street");
  });

  it("shows Alerts grouped by urgency, and passes axe there too", async () => {
    await task("Alerts");
    await pane().getByRole("region", { name: "Expired" }).waitFor();
    await look("alerts-500");
    await task("Report");
    await pane().getByRole("button", { name: "Insert report" }).waitFor();
    await look("report-500");
  });
});

describe("the same screens at 360 px", () => {
  it("pass axe on the Overview, a split overdraw, a blind count, a flagged receipt, Alerts, Check and Report", async () => {
    await page.goto(`${url}?pane=360`);
    await pane().getByRole("region", { name: "Overview" }).waitFor();
    expect(Math.round((await pane().boundingBox())!.width)).toBe(360);
    await look("overview-360");

    await task("Draw");
    const draw = pane().getByRole("form", { name: "Visit draw" });
    await draw.getByLabel("Product").selectOption("Juvederm Ultra XC");
    await draw.getByLabel("Qty (syringe)").fill("8");
    await draw.getByRole("button", { name: "Record as 2 lines" }).waitFor();
    await draw.getByRole("button", { name: "Record draw" }).click();
    await draw.getByRole("alert").filter({ hasText: /^Not recorded: / }).waitFor();
    await look("draw-refused-360");

    await task("Count");
    const count = pane().getByRole("form", { name: "Count" });
    await count.getByRole("radio", { name: "Full count, all in turn" }).check();
    await count.getByLabel("Counted C6120B").fill("-3");
    await count.getByRole("button", { name: "Record counts" }).click();
    await count.getByRole("alert").filter({ hasText: /^Not recorded: / }).waitFor();
    await look("count-refused-360");

    await task("Receive");
    const receive = pane().getByRole("form", { name: "Receive" });
    await receive.getByLabel("Product").fill("Botox 100U");
    await receive.getByLabel("Qty (U)").fill("100");
    await receive.getByLabel("Cost ($)").fill("6,80");
    await receive.getByRole("button", { name: "Add to Lots" }).click();
    await receive.getByRole("alert").filter({ hasText: /^Not recorded: / }).waitFor();
    await look("receive-refused-360");

    for (const name of ["Alerts", "Check", "Report", "Set up"]) {
      await task(name);
      await pane().getByRole("tab", { name, exact: true, selected: true }).waitFor();
      await look(`${name.toLowerCase().replace(/\s+/g, "-")}-360`);
    }
  });

  it("sent no request outside its own origin, and threw nothing", () => {
    expect(preview.foreign).toEqual([]);
    expect(preview.pageErrors).toEqual([]);
  });
});
