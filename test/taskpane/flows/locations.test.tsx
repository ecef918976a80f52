/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { CountFlow } from "../../../src/taskpane/flows/CountFlow";
import { DrawFlow } from "../../../src/taskpane/flows/DrawFlow";
import { Overview } from "../../../src/taskpane/flows/Overview";
import { ReceiveFlow } from "../../../src/taskpane/flows/ReceiveFlow";
import { TransferFlow } from "../../../src/taskpane/flows/TransferFlow";
import { renderFlow } from "../_flow";
import { AT, TODAY } from "../_practice";
import { twoSites } from "../_sites";

const selected = (label: string) => within(screen.getByLabelText(label)).getByRole("option", { selected: true }).textContent;
const options = (label: string) => within(screen.getByLabelText(label)).getAllByRole("option").map((o) => o.textContent);

describe("a practice at two locations", () => {
  it("proposes the lot that expires first at the location the pane works at, and writes that location", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <DrawFlow {...p} location="Suite B" />, "form", "Visit draw");
    // Suite B holds only B200; C300 expires sooner but is at Main Street.
    expect(selected("Lot")).toBe("B200: 100 U left, expires 12/31/2026, proposed");
    expect(options("Lot")).toEqual(["B200: 100 U left, expires 12/31/2026, proposed"]);
    await user.type(screen.getByLabelText("Qty (U)"), "10");
    await user.type(screen.getByLabelText("Visit"), "V2001");
    await user.type(screen.getByLabelText("Patient"), "P-2001{Enter}");
    expect(await screen.findByText("Recorded 10 U of Botox 100U from lot B200 at Suite B for visit V2001.")).toBeTruthy();
    // Price: 10 U at $14.
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, "V2001", "P-2001", null, null, "Botox 100U", "B200", 10, "U", "Visit", 140, "Suite B", null]);
    expect(await screen.findByRole("option", { name: "B200: 90 U left, expires 12/31/2026, proposed" })).toBeTruthy();
  });

  it("at Main Street proposes C300, which expires before A100", async () => {
    await renderFlow(twoSites(), (p) => <DrawFlow {...p} location="Main Street" />, "form", "Visit draw");
    expect(options("Lot")).toEqual(["C300: 100 U left, expires 9/30/2026, proposed", "A100: 180 U left, expires 6/30/2027"]);
  });

  it("records a transfer as one Draws row, from the FEFO lot at the source, and the stock moves", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    expect(selected("From")).toBe("Main Street");
    expect(selected("To")).toBe("Suite B");
    expect(options("To")).toEqual(["Suite B"]);
    expect(selected("Lot")).toBe("C300: 100 U at Main Street, expires 9/30/2026, proposed");
    await user.type(screen.getByLabelText("Qty (U)"), "40{Enter}");
    expect(await screen.findByText("Moved 40 U of Botox 100U, lot C300, from Main Street to Suite B.")).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(2);
    expect(wb.table("Draws")?.rows[1]).toEqual([AT, null, null, null, null, "Botox 100U", "C300", 40, "U", "Transfer", null, "Main Street", "Suite B"]);
    // Main Street: C300 100 − 40 = 60 U, A100 still 180 U.
    expect(await screen.findByRole("option", { name: "C300: 60 U at Main Street, expires 9/30/2026, proposed" })).toBeTruthy();
    expect(options("Lot")).toEqual(["C300: 60 U at Main Street, expires 9/30/2026, proposed", "A100: 180 U at Main Street, expires 6/30/2027"]);
    // Suite B: the 40 U of C300 arrived, and expire before B200, so FEFO now proposes them there.
    await user.selectOptions(screen.getByLabelText("From"), "Suite B");
    expect(options("Lot")).toEqual(["C300: 40 U at Suite B, expires 9/30/2026, proposed", "B200: 100 U at Suite B, expires 12/31/2026"]);
    expect(selected("To")).toBe("Main Street");
  });

  it("refuses to move more than the source holds, and writes nothing", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    await user.type(screen.getByLabelText("Qty (U)"), "120{Enter}");
    expect(await screen.findByText("Not recorded: Lot C300 has only 100 U at Main Street, less than the 120 U to move.")).toBeTruthy();
    // Said as errors: under the field, and as the outcome.
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual([
      "Lot C300 has only 100 U at Main Street, less than the 120 U to move.",
      "Not recorded: Lot C300 has only 100 U at Main Street, less than the 120 U to move.",
    ]);
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("says a transfer needs a second location when the workbook names only one", async () => {
    const wb = twoSites();
    wb.table("Lots")!.rows[1][10] = "Main Street";
    const { user } = await renderFlow(wb, (p) => <TransferFlow {...p} location="Main Street" />, "form", "Transfer");
    expect(screen.getByText("Main Street is the only location named: a transfer needs another. Receive a delivery there, or write its name in a Location cell, first.")).toBeTruthy();
    await user.type(screen.getByLabelText("Qty (U)"), "5{Enter}");
    expect(await screen.findByText(/^Not recorded: Main Street is the only location named/)).toBeTruthy();
    expect(wb.table("Draws")?.rows).toHaveLength(1);
  });

  it("counts only the lots of the location, writes it, and prices the shortage at that lot's cost", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <CountFlow {...p} location="Suite B" />, "form", "Count");
    const table = screen.getByRole("table", { name: "Open lots of Botox 100U at Suite B" });
    expect(within(table).getAllByRole("rowheader").map((r) => r.textContent)).toEqual(["B200 (exp. 12/31/2026)"]);
    await user.type(screen.getByLabelText("Counted B200"), "95");
    // 100 U on the books at Suite B, 95 counted: 5 U at $7.00.
    expect(await within(table).findByText("5 U missing ($35.00)")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record counts" }));
    expect(await screen.findByText("Recorded 1 count of Botox 100U at Suite B.")).toBeTruthy();
    expect(wb.table("Counts")?.rows).toEqual([[AT, "Botox 100U", "B200", 95, null, null, "Suite B"]]);
  });

  it("counts at Main Street its two lots, not Suite B's", async () => {
    await renderFlow(twoSites(), (p) => <CountFlow {...p} location="Main Street" />, "form", "Count");
    const table = screen.getByRole("table", { name: "Open lots of Botox 100U at Main Street" });
    expect(within(table).getAllByRole("rowheader").map((r) => r.textContent)).toEqual(["A100 (exp. 6/30/2027)", "C300 (exp. 9/30/2026)"]);
  });

  it("receives at the pane's location unless another is typed", async () => {
    const { wb, user } = await renderFlow(twoSites(), (p) => <ReceiveFlow {...p} location="Suite B" />, "form", "Receive");
    expect(screen.getByLabelText("Location")).toHaveProperty("value", "Suite B");
    await user.type(screen.getByLabelText("Product"), "Botox 100U");
    await user.type(screen.getByLabelText("Lot"), "D400");
    await user.type(screen.getByLabelText("Expires"), "2027-12-31");
    await user.type(screen.getByLabelText("Qty (U)"), "100");
    await user.type(screen.getByLabelText("Cost ($)"), "650{Enter}");
    expect(await screen.findByText(/^Received 100 U of Botox 100U, lot D400 at Suite B: /)).toBeTruthy();
    expect(wb.table("Lots")?.rows[3]).toEqual(["Botox 100U", "D400", 46752, TODAY, 100, "U", null, 650, null, null, "Suite B"]);
  });

  it("gives the Overview's stock on hand for the location, and says the alerts are the whole practice's", async () => {
    await renderFlow(twoSites(), (p) => <Overview books={p.books} now={p.now} onOpen={() => {}} location="Main Street" />, "region", "Overview");
    const lines = screen.getAllByRole("button").map((b) => b.textContent);
    // Main Street: A100 180 U × $6.50 = $1,170.00 and C300 100 U × $6.00 = $600.00.
    expect(lines).toContain("Stock on hand at Main Street: $1,770.00 at cost");
    expect(lines).toContain("No expired lot holds stock (all locations)");
    expect(lines).toContain("No count recorded yet: count the stock to measure shrinkage");
  });

  it("gives Suite B's stock on hand at Suite B", async () => {
    await renderFlow(twoSites(), (p) => <Overview books={p.books} now={p.now} onOpen={() => {}} location="Suite B" />, "region", "Overview");
    // B200 100 U × $7.00.
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toContain("Stock on hand at Suite B: $700.00 at cost");
  });
});
