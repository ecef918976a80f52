// `npm run validate` asks Microsoft's online service; this checks offline what matters to Excel.
import { readFileSync, existsSync } from "fs";
import { join } from "path";
import { XMLParser } from "fast-xml-parser";

const ROOT = join(__dirname, "..");
const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });
const app = (parser.parse(xml) as { OfficeApp: Node }).OfficeApp;

/** Every element named `name` anywhere under `node`, in document order. */
function all(node: unknown, name: string): Node[] {
  const found: Node[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (n === null || typeof n !== "object") return;
    for (const [k, v] of Object.entries(n as Node)) {
      if (k === name) for (const item of Array.isArray(v) ? v : [v]) found.push(item as Node);
      visit(v);
    }
  };
  visit(node);
  return found;
}

const text = (n: unknown): string => String(n);
const attr = (n: Node, a: string): string => String(n[`@${a}`] ?? "");
const resources = app.VersionOverrides && all(app.VersionOverrides, "Resources")[0];
const defined = new Map<string, string>();
for (const kind of ["bt:Image", "bt:Url", "bt:String"]) for (const r of all(resources, kind)) defined.set(attr(r, "id"), attr(r, "DefaultValue"));
const resid = (n: Node) => attr(n, "resid");

/** Every resid the manifest refers to, outside the Resources that define them. */
function collectResids(node: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (n === null || typeof n !== "object") return;
    for (const [k, v] of Object.entries(n as Node)) {
      if (k === "@resid") out.push(String(v));
      else if (k !== "Resources") visit(v);
    }
  };
  visit(node);
  return out;
}

describe("manifest.xml", () => {
  it("is a task pane add-in for Excel with a GUID id and a four-part version", () => {
    expect(attr(app, "xsi:type")).toBe("TaskPaneApp");
    expect(text(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(app.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all(app.Hosts, "Host").map((h) => attr(h, "Name"))).toEqual(["Workbook"]);
  });

  it("requires the shared runtime, a custom functions runtime that carries error messages, and the Excel API the pane calls", () => {
    const sets = Object.fromEntries(all(app.Requirements, "Set").map((s) => [attr(s, "Name"), attr(s, "MinVersion")]));
    // ExcelApi 1.12: Range.getSpillingToRangeOrNullObject, which the Report sheet needs to size its charts.
    expect(sets).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", ExcelApi: "1.12" });
  });

  it("runs the task pane, the functions and the ribbon in one long-lived runtime", () => {
    const runtimes = all(app.VersionOverrides, "Runtime");
    expect(runtimes.map((r) => [resid(r), attr(r, "lifetime")])).toEqual([["Taskpane.Url", "long"]]);
    // The shared runtime only loads when every part names the same page.
    const page = all(all(app.VersionOverrides, "Page")[0], "SourceLocation")[0];
    expect(resid(page)).toBe("Taskpane.Url");
    expect(resid(all(app.VersionOverrides, "FunctionFile")[0])).toBe("Taskpane.Url");
    const action = all(app.VersionOverrides, "Action")[0];
    expect(resid(all(action, "SourceLocation")[0])).toBe("Taskpane.Url");
    expect(attr(all(app.DefaultSettings, "SourceLocation")[0], "DefaultValue")).toBe(defined.get("Taskpane.Url"));
  });

  it("declares the custom functions under the LOTBOOK namespace", () => {
    const point = all(app.VersionOverrides, "ExtensionPoint").find((e) => attr(e, "xsi:type") === "CustomFunctions")!;
    expect(point).toBeDefined();
    expect(defined.get(resid(all(point, "Namespace")[0]))).toBe("LOTBOOK");
    expect(defined.get(resid(all(all(point, "Script")[0], "SourceLocation")[0]))).toMatch(/\/functions\.js$/);
    expect(defined.get(resid(all(all(point, "Metadata")[0], "SourceLocation")[0]))).toMatch(/\/functions\.json$/);
  });

  it("defines every resource it refers to, uses every resource it defines, within 32 characters", () => {
    const used = new Set(collectResids(app.VersionOverrides));
    expect([...used].filter((id) => !defined.has(id))).toEqual([]);
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
    for (const id of defined.keys()) expect(id.length).toBeLessThanOrEqual(32);
  });

  it("loads everything over https", () => {
    const urls = [
      ...[...all(resources, "bt:Url"), ...all(resources, "bt:Image")].map((r) => attr(r, "DefaultValue")),
      attr(app.IconUrl as Node, "DefaultValue"),
      attr(app.HighResolutionIconUrl as Node, "DefaultValue"),
      attr(all(app.DefaultSettings, "SourceLocation")[0], "DefaultValue"),
    ];
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect(new URL(url).protocol).toBe("https:");
  });

  it("points its icons at PNG files in assets/ of the sizes it announces", () => {
    const icons: [string, number][] = [
      [attr(app.IconUrl as Node, "DefaultValue"), 32],
      [attr(app.HighResolutionIconUrl as Node, "DefaultValue"), 64],
      ...all(resources, "bt:Image").map((i): [string, number] => [attr(i, "DefaultValue"), Number(attr(i, "id").match(/(\d+)x\1$/)![1])]),
    ];
    for (const [url, size] of icons) {
      const file = join(ROOT, new URL(url).pathname);
      expect(file).toMatch(/[/\\]assets[/\\]icon-\d+\.png$/);
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
