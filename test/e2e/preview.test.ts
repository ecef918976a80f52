// The browser preview driven as a person uses it, in Debian's Chromium (headless, no downloaded
// browser): the preview is built once into a temporary folder, served from localhost on a free
// port, and every step finds things by their accessible names. Screenshots of each main screen
// go to test-output/e2e/.
import type { Page } from "playwright-core";
import { openPreview, type Preview } from "./_browser";

jest.setTimeout(60_000);

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

const shot = (name: string) => preview.shot(name);
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

beforeAll(async () => {
  preview = await openPreview({ width: 1400, height: 900 });
  ({ page, url } = preview);
}, 240_000);

afterAll(async () => {
  await preview?.close();
});

describe("the browser preview, used as a person uses it", () => {
  it("says it is a preview with sample data, and sets up the ledger tables in an empty workbook", async () => {
    await page.goto(`${url}?workbook=empty`);
    await page.getByRole("note", { name: "Preview, started empty" }).getByText(/not a connected workbook: .* an in-memory workbook that started empty/).waitFor();
    // The Overview offers Set up first.
    await pane().getByRole("button", { name: "Set up the tables" }).click();
    await shot("setup-empty");
    await pane().getByRole("button", { name: "Set up the ledger tables" }).click();
    await pane().getByText("Created Products, Lots, Draws, Counts.").waitFor();
    for (const name of ["Products", "Lots", "Draws", "Counts"]) await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name }).waitFor();
    await sheet("Lots").getByRole("columnheader", { name: "Expires" }).waitFor();
  });

  it("opens on the sample practice, with the expired lot red and the lots near expiry highlighted in Lots", async () => {
    await page.goto(url);
    await sheet("Lots").waitFor();
    const expires = (lot: string) => sheet("Lots").getByRole("row").filter({ hasText: lot }).locator("td[data-expiry]");
    expect(await expires("C5501A").getAttribute("data-expiry")).toBe("expired");
    expect(await expires("C6120B").getAttribute("data-expiry")).toBe("within30");
    expect(await expires("D88201").getAttribute("data-expiry")).toBe("within60");
    expect(await expires("D90417").getAttribute("data-expiry")).toBe("within90");
    await shot("sample-practice");
  });

  it("receives two lots of Jeuveau, and each appears in Lots at once", async () => {
    await task("Receive");
    const form = pane().getByRole("form", { name: "Receive" });
    const receive = async (lot: string, expires: string, qty: string, cost: string) => {
      await form.getByLabel("Product").fill("Jeuveau 100U");
      await form.getByLabel("Lot").fill(lot);
      await form.getByLabel("Expires").fill(expires);
      await form.getByLabel(/^Qty/).fill(qty);
      await form.getByRole("radio", { name: /^Per (U|unit)$/ }).check();
      await form.getByLabel("Cost ($)").fill(cost);
      await form.getByLabel("Supplier").fill("Evolus");
      await form.getByRole("button", { name: "Add to Lots" }).click();
      // A product with no lot yet is received without its unit from Products (a known gap of the Receive flow).
      await form.getByText(new RegExp(`^Received ${qty} U of Jeuveau 100U, lot ${lot} at Main Street: `)).waitFor();
      await sheet("Lots").getByRole("gridcell", { name: lot, exact: true }).waitFor();
    };
    await receive("JV-LATE", isoDay(700), "100", "7.10");
    await receive("JV-EARLY", isoDay(120), "100", "6.80");
    await shot("receive");
  });

  it("records a visit draw: FEFO proposes the lot that expires first, and the draw appears in Draws", async () => {
    await task("Draw");
    const form = pane().getByRole("form", { name: "Visit draw" });
    await form.getByLabel("Product").selectOption("Jeuveau 100U");
    // JV-EARLY expires in 120 days, JV-LATE in 700: FEFO takes JV-EARLY though it came in second.
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^JV-EARLY: / }).waitFor({ state: "attached" });
    await form.getByText(/^JV-EARLY: 100 U left, expires .*, proposed$/).filter({ visible: true }).waitFor();
    await form.getByLabel("Qty (U)").fill("20");
    await form.getByLabel("Visit").fill("V9001");
    await form.getByLabel("Patient").fill("P-9001");
    await form.getByLabel("Provider").fill("Dr. Reyes");
    await form.getByLabel("Service").fill("Glabella");
    await shot("draw");
    await form.getByRole("button", { name: "Record draw" }).click();
    await form.getByText("Recorded 20 U of Jeuveau 100U from lot JV-EARLY at Main Street for visit V9001.").waitFor();
    // 20 U at $6.80/U: the visit's cost of goods is $136.00.
    await page.getByRole("region", { name: "Visit V9001" }).getByText("Cost of goods $136.00").waitFor();
    await openSheet("Draws");
    await sheet("Draws").getByRole("row").filter({ hasText: "V9001" }).filter({ hasText: "JV-EARLY" }).waitFor();
  });

  it("scans a Botox vial into Visit draw: the scanned lot replaces FEFO's choice and needs a confirmation", async () => {
    await task("Draw");
    const form = pane().getByRole("form", { name: "Visit draw" });
    // What a keyboard-wedge scanner types for the vial's DataMatrix: symbology ]d2, GTIN (01) of
    // Botox in the sample's Products, expiry (17) YYMMDD, lot (10) last, then Enter.
    // C7033D expires in 410 days; FEFO would take C6120B, 25 days from expiry.
    const yymmdd = isoDay(410).replace(/-/g, "").slice(2);
    await form.getByLabel("Scan barcode").pressSequentially(`]d2010061414100001217${yymmdd}10C7033D`);
    await form.getByLabel("Scan barcode").press("Enter");
    await form.getByText(/^Scanned Botox 100U, lot C7033D, expires /).waitFor();
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^C7033D: / }).waitFor({ state: "attached" });
    const confirm = form.getByRole("checkbox", { name: "Draw from lot C7033D, not C6120B, the lot that expires first" });
    await confirm.waitFor();
    // The scan wrote nothing: Draws has no visit draw of C7033D yet (only the sample's transfer to Suite B).
    await openSheet("Draws");
    expect(await sheet("Draws").getByRole("row").filter({ hasText: "C7033D" }).filter({ hasText: "Visit" }).count()).toBe(0);
    await form.getByLabel("Qty (U)").fill("10");
    await form.getByLabel("Visit").fill("V9002");
    await form.getByLabel("Patient").fill("P-9002");
    await shot("scan");
    await confirm.check();
    await form.getByRole("button", { name: "Record draw" }).click();
    await form.getByText("Recorded 10 U of Botox 100U from lot C7033D at Main Street for visit V9002.").waitFor();
    await sheet("Draws").getByRole("row").filter({ hasText: "V9002" }).filter({ hasText: "C7033D" }).waitFor();
  });

  it("records a count with one unit missing and shows the shrinkage in units and dollars", async () => {
    await task("Count");
    const form = pane().getByRole("form", { name: "Count" });
    await form.getByLabel("Product").selectOption("Jeuveau 100U");
    // 100 received, 20 drawn: the books expect 80; 79 counted is 1 U at $6.80.
    await form.getByLabel("Counted JV-EARLY").fill("79");
    await form.getByText(/^1 U missing \(\$6\.80\)/).waitFor();
    await shot("count");
    await form.getByRole("button", { name: "Record counts" }).click();
    await openSheet("Counts");
    await sheet("Counts").getByRole("row").filter({ hasText: "JV-EARLY" }).filter({ hasText: "79" }).waitFor();
  });

  it("writes off an expired lot from Alerts, and the Expired draw appears in Draws", async () => {
    await task("Alerts");
    const expiry = pane().getByRole("region", { name: "Expired" });
    const writeOff = expiry.getByRole("button", { name: /^Record .* of RL2290 as Expired$/ });
    await shot("alerts");
    await writeOff.click();
    await pane().getByText(/^Recorded .* of lot RL2290 as Expired\.$/).waitFor();
    await writeOff.waitFor({ state: "detached" });
    await openSheet("Draws");
    await sheet("Draws").getByRole("row").filter({ hasText: "RL2290" }).filter({ hasText: "Expired" }).waitFor();
  });

  it("goes from a diagnostic in Check to its cell, selected in the grid", async () => {
    await task("Check");
    const check = pane().getByRole("region", { name: "Check" });
    const first = check.getByRole("listitem").first().getByRole("button");
    await shot("check");
    await first.click();
    await pane().getByText(/^Selected /).waitFor();
    const selected = page.getByRole("gridcell", { selected: true });
    await selected.waitFor();
    expect(await selected.count()).toBe(1);
    await shot("check-selected");
  });

  it("inserts the Report, whose LOTBOOK formulas the function code works out in the Report sheet", async () => {
    await task("Report");
    const report = pane().getByRole("region", { name: "Report" });
    await report.getByRole("button", { name: "Insert report" }).click();
    await report.getByText("Inserted the Report sheet with 4 charts. Its figures are LOTBOOK formulas, so they stay up to date.").waitFor();
    await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "Report" }).waitFor();
    await openSheet("Report");
    const grid = sheet("Report");
    for (const heading of ["Margin by service", "Margin by provider", "Stock value by product", "Stock value by location", "Expiry timeline (next 365 days)", "Shrinkage log", "Margin by visit", "Margin by product", "Reorder"]) {
      await grid.getByRole("gridcell", { name: heading, exact: true }).waitFor();
    }
    const cell = (address: string) => grid.locator(`td[data-cell="${address}"]`);
    // Stock value by product (columns O:S): Jeuveau is JV-EARLY's 100 U less 20 drawn, counted 79, at $6.80,
    // and JV-LATE's 100 U at $7.10: 179 U worth 79 × 6.80 + 100 × 7.10 = $537.20 + $710.00 = $1,247.20, in 2 lots.
    const jeuveau = grid.locator('td[data-cell^="O"]', { hasText: /^Jeuveau 100U$/ });
    const row = (await jeuveau.getAttribute("data-cell"))!.slice(1);
    expect(await cell(`Q${row}`).textContent()).toBe("179");
    expect(await cell(`R${row}`).textContent()).toBe("$1,247.20");
    expect(await cell(`S${row}`).textContent()).toBe("2");
    // Stock value by location (U:V), after it: Suite B holds the sample's 50 U of C7033D at $6.80.
    // Its own formula, pushed apart from the others: found by its label, as they are, so the read waits for it.
    const suiteB = (await grid.locator('td[data-cell^="U"]', { hasText: /^Suite B$/ }).getAttribute("data-cell"))!.slice(1);
    expect(suiteB).toBe("26");
    expect(await cell(`V${suiteB}`).textContent()).toBe("$340.00");
    // The shrinkage log (columns AF:AO, its Location in AG) has today's count of JV-EARLY at Main Street:
    // 80 expected, 79 counted, 1 U at $6.80.
    const counted = grid.locator('td[data-cell^="AI"]', { hasText: /^JV-EARLY$/ });
    const countRow = (await counted.getAttribute("data-cell"))!.slice(2);
    expect(await Promise.all(["AG", "AJ", "AK", "AL", "AM"].map((c) => cell(`${c}${countRow}`).textContent()))).toEqual(["Main Street", "80", "79", "1", "$6.80"]);
    // Margin by product (AX:BC): Jeuveau's one visit, V9001, 20 U at $6.80 priced by Products at $13 a unit:
    // $260.00 charged, $136.00 of goods, $124.00 margin, 47.7%.
    const jeuveauMargin = (await grid.locator('td[data-cell^="AX"]', { hasText: /^Jeuveau 100U$/ }).getAttribute("data-cell"))!.slice(2);
    expect(await Promise.all(["AY", "AZ", "BA", "BB", "BC"].map((c) => cell(`${c}${jeuveauMargin}`).textContent()))).toEqual(["1", "$260.00", "$136.00", "$124.00", "47.7%"]);
    // Dates as the ledger tables show them (Excel's short date), not ISO: JV-EARLY (the expiry timeline's Lot, Y) expires in 120 days (AA).
    const early = (await grid.locator('td[data-cell^="Y"]', { hasText: /^JV-EARLY$/ }).getAttribute("data-cell"))!.slice(1);
    const [y, m, d] = isoDay(120).split("-").map(Number);
    expect(await cell(`AA${early}`).textContent()).toBe(`${m}/${d}/${y}`);
    for (const title of ["Margin by service", "Margin by provider", "Stock value by product", "Value expiring within 365 days, by lot"]) {
      await grid.getByRole("img", { name: new RegExp(`^${title}: `) }).waitFor();
    }
    await shot("report");
    await report.getByRole("button", { name: "Refresh report" }).click();
    await report.getByText(/^Refreshed the Report sheet/).waitFor();
  });

  it("updates the Report's figures as the pane records a visit draw, without Refresh: its formulas follow the live ledger", async () => {
    const grid = sheet("Report");
    const cell = (address: string) => grid.locator(`td[data-cell="${address}"]`);
    const money = (text: string | null) => Number((text ?? "").replace(/[$,]/g, ""));
    // Margin by service (A:F): Service, Visits, Revenue, COGS, Margin, Margin %; the row is found again each time.
    const glabella = async () => {
      const row = (await grid.locator('td[data-cell^="A"]', { hasText: /^Glabella$/ }).getAttribute("data-cell"))!.slice(1);
      return { visits: Number(await cell(`B${row}`).textContent()), revenue: money(await cell(`C${row}`).textContent()), cogs: money(await cell(`D${row}`).textContent()) };
    };
    const before = await glabella();
    await task("Draw");
    const form = pane().getByRole("form", { name: "Visit draw" });
    await form.getByLabel("Product").selectOption("Botox 100U");
    // FEFO: C6120B, 25 days from expiry, bought at $6.60 a unit; Products prices Botox at $14 a unit.
    await form.getByLabel("Lot").locator("option:checked", { hasText: /^C6120B: / }).waitFor({ state: "attached" });
    await form.getByLabel("Qty (U)").fill("10");
    await form.getByLabel("Visit").fill("V9003");
    await form.getByLabel("Patient").fill("P-9003");
    await form.getByLabel("Provider").fill("Dr. Reyes");
    await form.getByLabel("Service").fill("Glabella");
    await form.getByRole("button", { name: "Record draw" }).click();
    await form.getByText("Recorded 10 U of Botox 100U from lot C6120B at Main Street for visit V9003.").waitFor();
    // The Report sheet is still the one shown, and nobody pressed Refresh report: the live ledger
    // pushed the new figures. One more visit; revenue up $140.00 and COGS up 10 × $6.60 = $66.00.
    await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "Report", selected: true }).waitFor();
    const deadline = Date.now() + 10_000;
    let after = await glabella();
    while (after.visits === before.visits && Date.now() < deadline) {
      await page.waitForTimeout(100);
      after = await glabella();
    }
    expect(after.visits).toBe(before.visits + 1);
    expect(after.revenue).toBeCloseTo(before.revenue + 140, 6);
    expect(after.cogs).toBeCloseTo(before.cogs + 66, 6);
    await page.getByRole("region", { name: "Visit V9003" }).getByText("Cost of goods $66.00").waitFor();
    await shot("report-live");
  });

  it("sent no request outside its own origin during the whole journey, and threw nothing", () => {
    expect(preview.foreign).toEqual([]);
    expect(preview.pageErrors).toEqual([]);
  });
});
