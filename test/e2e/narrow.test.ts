// The task pane at the width Excel often gives it (360 px), in Debian's Chromium: the preview is
// built and served as in preview.test.ts, opened with ?pane=360. Every task opens by its accessible
// name — from its tab, or from the More menu when its tab does not fit — by mouse and by keyboard,
// and nothing in the pane is wider than the pane. Screenshots go to test-output/e2e/.
import { join } from "path";
import type { Page } from "playwright-core";
// The sample practice keeps two locations, so the pane has the location tasks (Transfer among them).
import { LOCATION_FLOWS as FLOWS } from "../../src/taskpane/app/App";
import { openPreview, SHOTS, type Preview } from "./_browser";

const WIDTH = 360;

jest.setTimeout(90_000);

let preview: Preview;
let page: Page;
let url: string;

const pane = () => page.getByRole("complementary", { name: "Task pane" });
const tabs = () => pane().getByRole("tablist", { name: "Lotbook tasks" });
const more = () => pane().getByRole("button", { name: /^More tasks/ });
const shot = (name: string) => preview.shot(name, pane());

/**
 * What sticks out of the pane sideways: the pane's own horizontal scroll, and any visible
 * element whose box ends right of the pane's (a clipped overflow counts too: it would be cut off).
 */
async function overflow(): Promise<string[]> {
  return pane().evaluate((aside) => {
    const out: string[] = [];
    if (aside.scrollWidth > aside.clientWidth) out.push(`the pane scrolls sideways (${aside.scrollWidth} > ${aside.clientWidth})`);
    const right = aside.getBoundingClientRect().right;
    for (const el of Array.from(aside.querySelectorAll<HTMLElement>("*"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      // Tabs that do not fit are hidden by the overflow manager, not shown past the edge.
      if (el.closest("[data-overflowing]")) continue;
      if (box.right > right + 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" ends at ${Math.round(box.right)} > ${Math.round(right)}`);
    }
    return out;
  });
}

/** The tasks whose tabs show, in order. */
async function shownTabs(): Promise<string[]> {
  const shown: string[] = [];
  for (const flow of FLOWS) if (await tabs().getByRole("tab", { name: flow, exact: true }).isVisible()) shown.push(flow);
  return shown;
}

beforeAll(async () => {
  preview = await openPreview({ width: 1100, height: 900 });
  ({ page, url } = preview);
}, 240_000);

afterAll(async () => {
  await preview?.close();
});

describe(`the task pane at ${WIDTH} px`, () => {
  it("is that wide, shows the first tasks as tabs and the rest under More, and nothing sticks out", async () => {
    await page.goto(`${url}?pane=${WIDTH}`);
    await pane().getByRole("region", { name: "Overview" }).waitFor();
    expect(Math.round((await pane().boundingBox())!.width)).toBe(WIDTH);
    expect(await overflow()).toEqual([]);
    await shot("narrow-overview");
    await pane().getByRole("button", { name: "Record a draw" }).click();
    await more().waitFor();
    const shown = await shownTabs();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown).toEqual(FLOWS.slice(0, shown.length));
    // Draw's Lot dropdown holds the longest text in the pane (lot, units left, expiry, open vial).
    await pane().getByRole("form", { name: "Visit draw" }).getByLabel("Lot").locator("option:checked").waitFor({ state: "attached" });
    expect(await overflow()).toEqual([]);
    await shot("narrow-draw");
    await more().click();
    const menu = page.getByRole("menu");
    expect((await menu.getByRole("menuitem").allTextContents()).map((t) => t.trim())).toEqual(FLOWS.slice(shown.length));
    // The menu is drawn over the page, past the pane: the shot is of the page's left part, once the menu has faded in.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, "narrow-more-menu.png"), clip: { x: 0, y: 0, width: WIDTH + 40, height: 420 }, animations: "disabled" });
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
  });

  it("opens every task by its name with the mouse, from its tab or from More, and each fits", async () => {
    for (const flow of FLOWS) {
      const tab = tabs().getByRole("tab", { name: flow, exact: true });
      if (await tab.isVisible()) await tab.click();
      else {
        await more().click();
        await page.getByRole("menu").getByRole("menuitem", { name: flow, exact: true }).click();
      }
      // The open task keeps its tab in view, whichever way it was chosen.
      await tabs().getByRole("tab", { name: flow, exact: true, selected: true }).waitFor();
      // Count's table widest: with a variance shown in its last column.
      if (flow === "Count") await pane().getByRole("form", { name: "Count" }).getByLabel(/^Counted /).first().fill("70");
      await page.waitForTimeout(100);
      expect({ flow, overflow: await overflow() }).toEqual({ flow, overflow: [] });
      await shot(`narrow-${flow.toLowerCase().replace(/\s+/g, "-")}`);
    }
  });

  it("opens every task from the keyboard: Enter on a tab, or Enter on More and arrows in its menu", async () => {
    await page.goto(`${url}?pane=${WIDTH}`);
    await pane().getByRole("region", { name: "Overview" }).waitFor();
    for (const flow of [...FLOWS].reverse()) {
      const tab = tabs().getByRole("tab", { name: flow, exact: true });
      if (await tab.isVisible()) {
        await tab.focus();
        await page.keyboard.press("Enter");
      } else {
        await more().focus();
        await page.keyboard.press("Enter");
        const items = (await page.getByRole("menu").getByRole("menuitem").allTextContents()).map((t) => t.trim());
        // The menu opens with its first item focused.
        await page.getByRole("menuitem", { name: items[0], exact: true }).and(page.locator(":focus")).waitFor();
        for (let i = 0; i < items.indexOf(flow); i++) await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
      }
      await tabs().getByRole("tab", { name: flow, exact: true, selected: true }).waitFor();
    }
  });

  it("threw nothing in the page", () => {
    expect(preview.pageErrors).toEqual([]);
  });
});
