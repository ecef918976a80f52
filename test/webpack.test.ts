// Builds the add-in as `npm run build:dev` does, into a temporary folder, and checks what Excel
// will load: functions.json generated from the JSDoc, the registrations, the pages and assets.
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..");

/** The contract, as the README's table of the LOTBOOK functions writes it. */
const CONTRACT = [
  "FEFO_LOT(product, [as_of], [location], [lots], [draws], [counts], [products])",
  "FEFO_PLAN(product, qty, [as_of], [location], [lots], [draws], [counts], [products])",
  "VISIT_COGS(visit, [draws], [lots], [counts])",
  "VISIT_MARGIN(visit, [draws], [lots], [counts])",
  "LOT_REMAINING(lot, [as_of], [location], [lots], [draws], [counts])",
  "LOT_COST(lot, [lots])",
  "STOCK_VALUE(scope, [as_of], [location], [lots], [draws], [counts])",
  "SHRINKAGE(scope, [measure], [location], [lots], [draws], [counts])",
  "SHRINKAGE_LOG([location], [lots], [draws], [counts], [products])",
  "EXPIRING(days, [as_of], [location], [lots], [draws], [counts])",
  "AT_RISK([as_of], [lookback_days], [location], [lots], [draws], [counts])",
  "OPEN_VIALS([as_of], [location], [lots], [draws], [products])",
  "REORDER([as_of], [location], [lots], [draws], [counts], [products])",
  "RECALL(lot, [draws], [lots])",
  "CHECK([lots], [draws], [counts], [products])",
  // Added for the Report sheet: margin analysis and stock by product in one spill each.
  "MARGIN_BY(group_by, [draws], [lots], [counts])",
  "STOCK_BY_PRODUCT([as_of], [location], [lots], [draws], [counts])",
].map((signature) => {
  const [, id, list] = signature.match(/^(\w+)\((.*)\)$/)!;
  const params = list.split(", ").map((p) => ({ name: p.replace(/[[\]]/g, ""), optional: p.startsWith("[") }));
  return { id, params };
});

/** Key arguments answer in the shape they are given: a whole column in one call. */
const KEYED = ["FEFO_LOT", "VISIT_COGS", "VISIT_MARGIN", "LOT_REMAINING", "LOT_COST", "STOCK_VALUE", "SHRINKAGE"];
const TABLES = new Set(["lots", "draws", "counts", "products"]);

interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    description?: string;
    result: { dimensionality?: string };
    parameters: { name: string; description?: string; optional?: boolean; dimensionality?: string }[];
  }[];
}

let out: string;
let metadata: Metadata;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "lotbook-build-"));
  const webpack = require.resolve("webpack-cli/bin/cli.js");
  execFileSync(process.execPath, [webpack, "--mode", "development", "--env", `outputPath=${out}`, "--stats", "errors-only"], { cwd: ROOT, stdio: "pipe" });
  metadata = JSON.parse(readFileSync(join(out, "functions.json"), "utf8")) as Metadata;
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("the webpack build", () => {
  it("generates functions.json with exactly the functions of the contract", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(CONTRACT.map((f) => f.id).sort());
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  it("gives each function the contract's parameters, in order, with its optional ones marked", () => {
    for (const { id, params } of CONTRACT) {
      const generated = metadata.functions.find((f) => f.id === id)!;
      expect([id, generated.parameters.map((p) => ({ name: p.name, optional: p.optional === true }))]).toEqual([id, params]);
    }
  });

  it("describes every function and every parameter for Excel's autocomplete", () => {
    for (const f of metadata.functions) {
      expect([f.id, (f.description ?? "").length > 20]).toEqual([f.id, true]);
      for (const p of f.parameters) expect([f.id, p.name, (p.description ?? "").length > 10]).toEqual([f.id, p.name, true]);
    }
  });

  it("takes tables and key arguments as ranges, so one call answers a whole column", () => {
    for (const f of metadata.functions) {
      expect([f.id, f.result.dimensionality]).toEqual([f.id, "matrix"]);
      for (const p of f.parameters) if (TABLES.has(p.name)) expect([f.id, p.name, p.dimensionality]).toEqual([f.id, p.name, "matrix"]);
      const key = f.parameters[0];
      if (KEYED.includes(f.id)) expect([f.id, key.dimensionality]).toEqual([f.id, "matrix"]);
    }
  });

  it("lets functions see error cells inside their tables, so one bad cell blocks only what depends on it", () => {
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
  });

  it("registers every function under its id in the functions bundle", () => {
    const bundle = readFileSync(join(out, "functions.js"), "utf8");
    for (const { id } of CONTRACT) expect(bundle).toMatch(new RegExp(`CustomFunctions\\.associate\\("${id}", \\w+\\)`));
  });

  it("loads the task pane, the functions and the commands in the one shared-runtime page", () => {
    const page = readFileSync(join(out, "taskpane.html"), "utf8");
    for (const chunk of ["taskpane.js", "functions.js", "commands.js"]) expect(page).toContain(`src="${chunk}"`);
    expect(page).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });

  it("tells a webview too old for the bundles (Internet Explorer 11) to update Office, naming what it found", () => {
    const page = readFileSync(join(out, "taskpane.html"), "utf8");
    const script = /<script type="text\/javascript" id="lotbook-old-webview">([\s\S]*?)<\/script>/.exec(page)![1];
    // Syntax IE11 cannot parse would make the message itself fail there.
    expect(script).not.toMatch(/=>|\blet\b|\bconst\b|`|\?\.|\?\?/);
    const run = (userAgent: string, office?: string) => {
      const root = { innerHTML: "Loading…", texts: [] as string[], appendChild(node: { text: string }) { this.texts.push(node.text); } };
      const document = {
        getElementById: () => root,
        createElement: () => ({ text: "", appendChild(t: { text: string }) { this.text = t.text; } }),
        createTextNode: (text: string) => ({ text }),
      };
      const Office = office ? { onReady: (f: () => void) => f(), context: { diagnostics: { version: office } } } : undefined;
      new Function("window", "document", script)({ navigator: { userAgent }, Office }, document);
      return root.texts;
    };
    // User agents as Microsoft's page on older webviews tells them apart: "Trident" and "Edge".
    expect(run("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko", "16.0.10827.20150").slice(-2)).toEqual([
      "Lotbook",
      "Lotbook needs Microsoft 365 or Excel 2021 or later; update Office. This Office shows add-ins in an old webview (Trident/7.0, Office 16.0.10827.20150).",
    ]);
    expect(run("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0")).toEqual([]);
  });

  it("emits every file the manifest points at", () => {
    const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
    const paths = [...manifest.matchAll(/https:\/\/localhost:3000\/([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toEqual(expect.arrayContaining(["functions.js", "functions.json", "taskpane.html", "assets/icon-80.png"]));
    for (const p of new Set(paths)) expect([p, existsSync(join(out, p))]).toEqual([p, true]);
  });
});
