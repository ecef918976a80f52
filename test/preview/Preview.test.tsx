/**
 * @jest-environment jsdom
 */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { sharedStreams } from "../../src/live/runtime";
import { previewFormulas } from "../../src/preview/liveFormulas";
import { LiveWorkbook } from "../../src/preview/liveWorkbook";
import { Preview } from "../../src/preview/Preview";
import { samplePractice } from "../../src/preview/samplePractice";
import { LEDGER_SPECS } from "../../src/taskpane/setup/ledgerSpecs";

// Whole-page renders in jsdom take seconds when the machine is busy; the default 5 s is too tight.
jest.setTimeout(20_000);

const NOW = new Date(2026, 10, 27, 9, 0);
const now = () => NOW;

describe("the preview page", () => {
  it("says it is a preview with sample data, and shows the sample's Lots with the expired lot in red", async () => {
    render(<Preview workbook={LiveWorkbook.seeded(samplePractice(NOW))} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    expect(screen.getByRole("note", { name: "Preview with sample data" }).textContent).toContain("not a connected workbook");
    const lots = await screen.findByRole("grid", { name: "Lots sheet" });
    const row = within(lots).getAllByRole("row").find((r) => r.textContent?.includes("C5501A"))!;
    expect(row.querySelector("[data-expiry]")?.getAttribute("data-expiry")).toBe("expired");
  });

  it("shows a row the pane writes at once, and the cell Check selects", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    const user = userEvent.setup({ delay: null });
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    await act(() => wb.appendRows("Counts", [{ Date: 46353, Product: "Botox 100U", Lot: "C7033D", Counted: 150, Location: "Main Street" }]));
    await user.click(screen.getByRole("tab", { name: "Counts" }));
    expect(within(screen.getByRole("grid", { name: "Counts sheet" })).getAllByRole("row")).toHaveLength(4);
    // Check from its Overview line (jsdom measures no width, so the tab list may put Check under More).
    await user.click(await screen.findByRole("button", { name: /^Check: / }));
    await user.click(screen.getAllByRole("button", { name: /^Draws row \d+, Price:/ })[0]);
    const selected = await screen.findAllByRole("gridcell", { selected: true });
    expect(selected).toHaveLength(1);
    expect(selected[0].closest("table")?.getAttribute("aria-label")).toBe("Draws sheet");
  });

  it("reads the workbook once, into one live ledger that the pane and the formulas share, installed as the page's streams", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    render(<Preview workbook={wb} now={now} />);
    await screen.findByRole("region", { name: "Overview" });
    const formulas = previewFormulas(wb);
    await waitFor(() => expect(formulas.live.snapshot).not.toBeNull());
    // Each of the four tables read whole once: no second ledger (the pane's own) read them again.
    expect(wb.reads.filter((r) => r.first === undefined).map((r) => r.table).sort()).toEqual(["Counts", "Draws", "Lots", "Products"]);
    expect(sharedStreams(() => { throw new Error("none installed"); })).toBe(formulas.streams);
    // The latest visit's figures are the live ledger's: the sample's last visit is yesterday's Dysport, 40 U at $2.10.
    expect((await screen.findByRole("region", { name: /^Visit V2\d+$/ })).textContent).toContain("Cost of goods $84.00");
  });
});

describe("the preview started empty", () => {
  it("says so in its banner, and the pane offers Set up first", async () => {
    render(<Preview workbook={new LiveWorkbook()} now={now} empty />);
    expect((await screen.findByRole("note", { name: "Preview, started empty" })).textContent).toContain("an in-memory workbook that started empty");
    expect(screen.queryByRole("note", { name: "Preview with sample data" })).toBeNull();
    expect(await screen.findByRole("button", { name: "Set up the tables" })).toBeTruthy();
  });
});

describe("the preview's workbook", () => {
  it("tells its listeners of every write and selection, and holds Set up's tables", async () => {
    const wb = LiveWorkbook.seeded(samplePractice(NOW));
    expect(wb.table("Lots")?.conditionalFormats.length).toBeGreaterThan(0);
    let heard = 0;
    const stop = wb.subscribe(() => heard++);
    await wb.appendRows("Counts", [{ Product: "Botox 100U", Lot: "C7033D", Counted: 150, Location: "Main Street" }]);
    await wb.selectCell("Lots", 2, 1);
    expect(await wb.createTable(LEDGER_SPECS[0])).toBe("exists");
    expect(heard).toBe(2);
    stop();
    await wb.selectCell("Lots", 3, 1);
    expect(heard).toBe(2);
    expect(wb.version).toBe(3);
  });
});
