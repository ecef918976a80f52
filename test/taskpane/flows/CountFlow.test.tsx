/**
 * @jest-environment jsdom
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/app/App";
import { AT, now, practice } from "../_practice";

async function openCount(wb = practice()) {
  const user = userEvent.setup({ delay: null });
  render(<App workbook={wb} now={now} />);
  await user.click(await screen.findByRole("tab", { name: "Count" }));
  await screen.findByRole("form", { name: "Count" });
  return { wb, user };
}

const row = (lot: string) => screen.getByRole("rowheader", { name: new RegExp(`^${lot}`) }).closest("tr") as HTMLElement;

describe("Count", () => {
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
  });

  it("names a negative count in the engine's words and writes nothing", async () => {
    const { wb, user } = await openCount();
    await user.type(screen.getByLabelText("Counted OLD1"), "-3{Enter}");
    expect(within(row("OLD1")).getByText("the counted quantity cannot be negative (it is -3)")).toBeTruthy();
    expect(wb.table("Counts")?.rows).toHaveLength(0);
  });

  it("asks for at least one counted lot", async () => {
    const { user } = await openCount();
    await user.click(screen.getByRole("button", { name: "Record counts" }));
    expect(await screen.findByText("Enter what you counted for at least one lot.")).toBeTruthy();
  });
});
