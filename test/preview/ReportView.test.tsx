/**
 * @jest-environment jsdom
 */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { serialFromYmd } from "../../src/core";
import { LiveWorkbook } from "../../src/preview/liveWorkbook";
import { Preview } from "../../src/preview/Preview";
import { samplePractice } from "../../src/preview/samplePractice";
import { reportSpec, type ReportSpec } from "../../src/taskpane/report/reportSpec";

// Whole-page renders in jsdom take seconds when the machine is busy; the default 5 s is too tight.
jest.setTimeout(20_000);

const NOW = new Date(2026, 10, 27, 9, 0);
const now = () => NOW;
const SPEC = reportSpec({ Lots: true, Draws: true, Counts: true, Products: true }) as ReportSpec;

/** The text of a cell of the Report grid. */
const cell = (address: string) => document.querySelector(`table[aria-label="Report sheet"] td[data-cell="${address}"]`)?.textContent ?? null;
/** The row (in the stock block, columns O:S) of a product. */
function stockRow(product: string): number {
  const found = Array.from(document.querySelectorAll('table[aria-label="Report sheet"] td[data-cell^="O"]')).find((td) => td.textContent === product);
  if (!found) throw new Error(`${product} is not in the stock block`);
  return Number(found.getAttribute("data-cell")!.slice(1));
}
const dollars = (text: string | null) => Number((text ?? "").replace(/[$,]/g, ""));

describe("the Report in the preview", () => {
  it("appears as a sheet once the pane inserts it, with each block's figures from the function code", async () => {
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
  });

  it("works the figures out again when the pane changes the tables", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("form", { name: "Visit draw" });
    await act(async () => {
      await wb.writeReport(SPEC);
    });
    await screen.findByRole("grid", { name: "Report sheet" });
    const row = stockRow("Botox 100U");
    const before = { units: Number(cell(`Q${row}`)), value: dollars(cell(`R${row}`)) };
    // 10 U more of C7033D, bought at $6.80: 10 U and $68.00 less on hand.
    await act(() =>
      wb.appendRows("Draws", [{ Date: serialFromYmd(2026, 11, 27), Visit: "V9100", Patient: "P-9100", Product: "Botox 100U", Lot: "C7033D", Qty: 10, Kind: "Visit", Price: 140 }]),
    );
    expect(Number(cell(`Q${row}`))).toBe(before.units - 10);
    expect(dollars(cell(`R${row}`))).toBeCloseTo(before.value - 68, 6);
  });

  it("shows a formula it does not evaluate as its text, marked, instead of a guess", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("form", { name: "Visit draw" });
    const odd: ReportSpec = { ...SPEC, blocks: [{ ...SPEC.blocks[0], formula: "=SUM(Lots[Qty])" }], charts: [] };
    await act(async () => {
      await wb.writeReport(odd);
    });
    await screen.findByRole("grid", { name: "Report sheet" });
    expect(cell("A24")).toBe("=SUM(Lots[Qty]) (not evaluated)");
  });
});
