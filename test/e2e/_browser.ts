// The preview as the end-to-end tests open it: built once into a temporary folder, served from
// localhost on a free port, and driven in Debian's Chromium (headless, a fresh profile, never a
// downloaded browser). Every request that leaves the page's origin and every uncaught page error
// is recorded, for the tests to assert there were none.
import { mkdirSync, mkdtempSync, rmSync } from "fs";
import type { Server } from "http";
import { tmpdir } from "os";
import { join } from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build, serve } = require("../../scripts/preview.js") as {
  build: (dir: string, mode?: string) => void;
  serve: (dir: string, port?: number) => Promise<{ server: Server; url: string }>;
};

export const CHROMIUM = "/usr/bin/chromium";
export const SHOTS = join(__dirname, "..", "..", "test-output", "e2e");
/** Generous: a cold Chromium on a busy two-core machine. */
export const WAIT = 20_000;

export interface Preview {
  readonly url: string;
  readonly page: Page;
  /** Requests to another origin: patient data must never leave the page. */
  readonly foreign: string[];
  /** Uncaught errors in the page: a failing step says what broke. */
  readonly pageErrors: string[];
  /** Saves a screenshot of the page (or of `target`) under test-output/e2e, animations finished. */
  shot(name: string, target?: { screenshot: Page["screenshot"] }): Promise<unknown>;
  close(): Promise<void>;
}

/** Builds and serves the preview, and opens a page in Chromium with the given viewport. */
export async function openPreview(viewport: { width: number; height: number }): Promise<Preview> {
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "lotbook-preview-"));
  const profile = mkdtempSync(join(tmpdir(), "lotbook-chromium-"));
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const d of [dir, profile]) rmSync(d, { recursive: true, force: true });
  };
  try {
    build(dir, "development");
    const served = await serve(dir, 0);
    server = served.server;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport,
    });
    const origin = new URL(served.url).origin;
    const foreign: string[] = [];
    context.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin) foreign.push(u);
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(WAIT);
    // Animations finished, not caught halfway (a tab indicator still sliding to its tab).
    const shot = (name: string, target: { screenshot: Page["screenshot"] } = page) =>
      target.screenshot({ path: join(SHOTS, `${name}.png`), animations: "disabled" });
    return { url: served.url, page, foreign, pageErrors, shot, close };
  } catch (e) {
    await close();
    throw e;
  }
}
