/**
 * @jest-environment jsdom
 */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { serialFromYmd } from "../../src/core";
import { LiveWorkbook } from "../../src/preview/liveWorkbook";
import { Preview } from "../../src/preview/Preview";
import { samplePractice } from "../../src/preview/samplePractice";
import { reportSpec, type ReportSpec, type SpillBlock } from "../../src/taskpane/report/reportSpec";
import { writeReport } from "../../src/taskpane/report/writeReport";

// Whole-page renders in jsdom take seconds when the machine is busy; the default 5 s is too tight.
jest.setTimeout(20_000);

const NOW = new Date(2026, 10, 27, 9, 0);
const now = () => NOW;
const SPEC = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;

/** The text of a cell of the Report grid. */
const cell = (address: string) => document.querySelector(`table[aria-label="Report sheet"] td[data-cell="${address}"]`)?.textContent ?? null;
/** The row of a block's spill whose first column (`column`) reads `key`. */
function rowIn(column: string, key: string): number {
  const found = Array.from(document.querySelectorAll(`table[aria-label="Report sheet"] td[data-cell^="${column}"]`)).find(
    (td) => td.textContent === key && /^\d+$/.test(td.getAttribute("data-cell")!.slice(column.length)),
  );
  if (!found) throw new Error(`${key} is not in column ${column}`);
  return Number(found.getAttribute("data-cell")!.slice(column.length));
}
/** The row (in the stock block, columns O:S) of a product. */
const stockRow = (product: string) => rowIn("O", product);
const dollars = (text: string | null) => Number((text ?? "").replace(/[$,]/g, ""));

describe("the Report in the preview", () => {
  it("appears as a sheet once the pane inserts it, with each block's figures from the live ledger", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    const user = userEvent.setup({ delay: null });
    render(<Preview workbook={wb} now={now} />);
    expect(within(screen.getByRole("tablist", { name: "Sheets" })).queryByRole("tab", { name: "Report" })).toBeNull();
    await user.click(await screen.findByRole("tab", { name: "Report" }));
    await user.click(await screen.findByRole("button", { name: "Insert report" }));
    const grid = await screen.findByRole("grid", { name: "Report sheet" });
    expect(within(screen.getByRole("tablist", { name: "Sheets" })).getByRole("tab", { name: "Report", selected: true })).toBeTruthy();
    expect(cell("A1")).toBe("Lotbook report");
    expect(cell("O23")).toBe("Stock value by product");
    expect(["O", "P", "Q", "R", "S"].map((c) => cell(`${c}24`))).toEqual(["Product", "Unit", "Remaining", "Value", "Lots"]);
    expect(within(grid).getAllByRole("figure").map((f) => f.getAttribute("aria-label"))).toEqual([
      "Chart: Margin by service", "Chart: Margin by provider", "Chart: Stock value by product", "Chart: Value expiring within 365 days, by lot",
    ]);
    // The sample keeps two locations: stock value by location follows, in U:V.
    expect(cell("U23")).toBe("Stock value by location");
    expect(["U24", "V24", "U25", "U26", "U27"].map(cell)).toEqual(["Location", "Value", "Main Street", "Suite B", "All locations"]);
    // Suite B holds the 50 U of C7033D sent to it, at $6.80: $340.00. The two locations make up the whole practice,
    // which is the stock value by product's total (column R).
    await waitFor(() => expect(cell("V26")).toBe("$340.00"));
    const total = dollars(cell("V27"));
    expect(dollars(cell("V25")) + 340).toBeCloseTo(total, 6);
    const values = Array.from({ length: 6 }, (_, i) => dollars(cell(`R${25 + i}`)));
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    expect(cell("X23")).toBe("Expiry timeline (next 365 days)");
    // EXPIRING says where each lot is, in the column the report formats as text (Z), its dates in AA.
    await waitFor(() => expect(["X", "Y", "Z", "AA", "AB", "AC", "AD"].map((c) => cell(`${c}24`))).toEqual(["Product", "Lot", "Location", "Expires", "Days Left", "Remaining", "Value"]));
  });

  it("works the figures out again when the pane changes the tables", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    await act(async () => {
      await writeReport(wb, SPEC);
    });
    await screen.findByRole("grid", { name: "Report sheet" });
    const row = stockRow("Botox 100U");
    const before = { units: Number(cell(`Q${row}`)), value: dollars(cell(`R${row}`)) };
    // 10 U more of C7033D, bought at $6.80: 10 U and $68.00 less on hand.
    await act(() =>
      wb.appendRows("Draws", [{ Date: serialFromYmd(2026, 11, 27), Visit: "V9100", Patient: "P-9100", Product: "Botox 100U", Lot: "C7033D", Qty: 10, Kind: "Visit", Price: 140, Location: "Main Street" }]),
    );
    await waitFor(() => expect(Number(cell(`Q${row}`))).toBe(before.units - 10));
    expect(dollars(cell(`R${row}`))).toBeCloseTo(before.value - 68, 6);
  });

  it("shows new figures in Margin by service and the latest visit when a draw of a new visit is appended, through the live ledger, with no refresh", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    await act(async () => {
      await writeReport(wb, SPEC);
    });
    await screen.findByRole("grid", { name: "Report sheet" });
    // Margin by service (A:F): Service, Visits, Revenue, COGS, Margin, Margin %; the live ledger answers it.
    await waitFor(() => expect(cell("A24")).toBe("Service"));
    const row = rowIn("A", "Glabella");
    const figures = () => ({ visits: Number(cell(`B${row}`)), revenue: dollars(cell(`C${row}`)), cogs: dollars(cell(`D${row}`)), margin: dollars(cell(`E${row}`)) });
    const before = figures();
    const report = wb.report;
    const write = jest.spyOn(wb, "writeSheet");
    // A new visit: 10 U of C7033D (bought at $6.80 a unit) for $140 — COGS up by exactly 10 × $6.80.
    await act(() =>
      wb.appendRows("Draws", [{ Date: serialFromYmd(2026, 11, 27) + 0.5, Visit: "V9100", Patient: "P-9100", Provider: "Dr. Reyes", Service: "Glabella", Product: "Botox 100U", Lot: "C7033D", Qty: 10, Kind: "Visit", Price: 140, Location: "Main Street" }]),
    );
    await waitFor(() => expect(figures().visits).toBe(before.visits + 1));
    expect(figures().revenue).toBeCloseTo(before.revenue + 140, 6);
    expect(figures().cogs).toBeCloseTo(before.cogs + 68, 6);
    expect(figures().margin).toBeCloseTo(before.margin + 72, 6);
    const visit = await screen.findByRole("region", { name: "Visit V9100" });
    expect(visit.textContent).toContain("Cost of goods $68.00");
    expect(visit.textContent).toContain("Margin $72.00");
    expect(visit.textContent).toContain('=LOTBOOK.VISIT_COGS("V9100")');
    expect(write).not.toHaveBeenCalled();
    expect(wb.report).toBe(report);
  });

  it("shows a formula it does not evaluate as its text, marked, instead of a guess", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    const odd: ReportSpec = { ...SPEC, blocks: [{ ...(SPEC.blocks[0] as SpillBlock), formula: "=SUM(Lots[Qty])" }], charts: [] };
    await act(async () => {
      await writeReport(wb, odd);
    });
    await screen.findByRole("grid", { name: "Report sheet" });
    expect(cell("A24")).toBe("=SUM(Lots[Qty]) (not evaluated)");
  });
});
