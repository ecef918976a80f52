/**
 * @jest-environment jsdom
 */
import { screen, within } from "@testing-library/react";
import { CountFlow } from "../../../src/taskpane/flows/CountFlow";
import { renderFlow } from "../_flow";
import { AT, NOW, practice, TODAY } from "../_practice";

const openCount = (wb = practice(), now = () => NOW) => renderFlow(wb, (p) => <CountFlow {...p} />, "form", "Count", now);

const row = (lot: string) => screen.getByRole("rowheader", { name: new RegExp(`^${lot}`) }).closest("tr") as HTMLElement;

describe("Count", () => {
  it("takes a recount of the same lot minutes later as a new count, checked at the time it is recorded", async () => {
    let clock = NOW;
    const { wb, user } = await openCount(practice(), () => clock);
    await user.type(screen.getByLabelText("Counted C3709C3"), "178{Enter}");
    expect(await screen.findByText("Recorded 1 count of Botox 100U.")).toBeTruthy();
    clock = new Date(2026, 2, 16, 10, 2);
    await user.type(screen.getByLabelText("Counted C3709C3"), "176");
    // The books now expect the 178 just counted: 2 U missing at $6.50/U, none of it drawn since.
    expect(await within(row("C3709C3")).findByText("2 U missing ($13.00)")).toBeTruthy();
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Recorded 1 count of Botox 100U.")).toBeTruthy();
    expect(wb.table("Counts")?.rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      [AT, "C3709C3", 178],
      [TODAY + (10 * 3600 + 2 * 60) / 86400, "C3709C3", 176],
    ]);
  });

  it("lists the product's lots with stock and what the books expect of each", async () => {
    await openCount();
    // C3709C3: 200 received − 20 drawn; C4120A1 untouched; OLD1 expired but still on the books.
    expect(within(row("C3709C3")).getByText("180 U")).toBeTruthy();
    expect(within(row("C4120A1")).getByText("100 U")).toBeTruthy();
    expect(within(row("OLD1")).getByText("50 U")).toBeTruthy();
  });

  it("shows each variance and its cost before appending one Counts row per lot counted", async () => {
    const { wb, user } = await openCount();
    await user.type(screen.getByLabelText("Counted C3709C3"), "178");
    // 2 U missing from a lot bought at $6.50/U: $13.00; Botox's 5 % loss allowance on the 20 U
    // drawn from it explains 1 U.
    expect(within(row("C3709C3")).getByText("2 U missing ($13.00), 1 U of it within the loss allowance")).toBeTruthy();
    await user.type(screen.getByLabelText("Counted C4120A1"), "101");
    // One found in a lot bought at $680 for 100 U: $6.80.
    expect(within(row("C4120A1")).getByText("1 U found ($6.80)")).toBeTruthy();
    await user.type(screen.getByLabelText("Counted by"), "M. Ortiz{Enter}");
    expect(await screen.findByText("Recorded 2 counts of Botox 100U.")).toBeTruthy();
    expect(wb.table("Counts")?.rows).toEqual([
      [AT, "Botox 100U", "C3709C3", 178, "M. Ortiz", null],
      [AT, "Botox 100U", "C4120A1", 101, "M. Ortiz", null],
    ]);
    // The counter's name stays for the next product.
    expect(screen.getByLabelText("Counted by")).toHaveProperty("value", "M. Ortiz");
  });

  it("shows a refusal as an error, clearing the earlier success, and writes nothing", async () => {
    const { wb, user } = await openCount();
    await user.type(screen.getByLabelText("Counted C4120A1"), "100{Enter}");
    expect(await screen.findByText("Recorded 1 count of Botox 100U.")).toBeTruthy();
    await user.type(screen.getByLabelText("Counted OLD1"), "-3{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe("Not recorded: the counted quantity cannot be negative (it is -3).");
    expect(screen.queryByText("Recorded 1 count of Botox 100U.")).toBeNull();
    // Under the lot's row, as an error the Counted box points at.
    const counted = screen.getByLabelText("Counted OLD1");
    expect(counted.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(counted.getAttribute("aria-describedby")!)!;
    expect(message.textContent).toBe("OLD1: Error: the counted quantity cannot be negative (it is -3)");
    expect(message.className).toMatch(/fui-MessageBar/);
    expect(message.closest("tr")?.previousElementSibling).toBe(row("OLD1"));
    expect(wb.table("Counts")?.rows).toHaveLength(1);
  });

  it("asks for at least one counted lot", async () => {
    const { user } = await openCount();
    await user.click(screen.getByRole("button", { name: "Record counts" }));
    expect(await screen.findByText("Not recorded: Enter what you counted for at least one lot.")).toBeTruthy();
  });

  it("counts every product in one pass, blind: expected quantities show once every lot is counted, or on one click", async () => {
    const { wb, user } = await openCount();
    await user.click(screen.getByLabelText("Full count, all in turn"));
    expect(within(row("C3709C3")).getByText("hidden")).toBeTruthy();
    expect(within(row("C3709C3")).queryByText("180 U")).toBeNull();
    await user.type(screen.getByLabelText("Counted C3709C3"), "180");
    await user.type(screen.getByLabelText("Counted C4120A1"), "100");
    expect(within(row("C3709C3")).queryByText("matches the books")).toBeNull();
    await user.type(screen.getByLabelText("Counted OLD1"), "50");
    // All three in: the books' figures and the variances show before anything is written.
    expect(within(row("C3709C3")).getByText("180 U")).toBeTruthy();
    expect(within(row("OLD1")).getByText("matches the books")).toBeTruthy();
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Recorded 3 counts of Botox 100U. Next: Juvederm Ultra XC.")).toBeTruthy();
    expect(screen.getByLabelText("Product")).toHaveProperty("value", "Juvederm Ultra XC");
    expect(within(row("JU2207")).getByText("hidden")).toBeTruthy();
    await user.click(screen.getByLabelText("Show expected quantities"));
    expect(within(row("JU2207")).getByText("2 mL")).toBeTruthy();
    await user.type(screen.getByLabelText("Counted JU2207"), "2{Enter}");
    expect(await screen.findByText("Recorded 1 count of Juvederm Ultra XC. Full count finished: every product is counted.")).toBeTruthy();
    expect(wb.table("Counts")?.rows).toHaveLength(4);
  });
});
