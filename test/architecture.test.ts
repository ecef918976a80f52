// The import graph of src/, read with the TypeScript compiler: the layers depend one way
// (docs/architecture.md) and no module imports itself back through others. ESLint's
// no-restricted-imports sees one file's specifiers; this sees the whole graph, whatever the depth
// of the folder a file sits in.
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { builtinModules } from "module";
import { dirname, join, relative, resolve, sep } from "path";
import ts from "typescript";

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "src");

/** src/core imports no package at all: it is plain TypeScript over plain values. */
const CORE_PACKAGES: ReadonlySet<string> = new Set();

interface Import {
  readonly from: string;
  readonly specifier: string;
  /** The file inside src/ it resolves to; undefined for a package. */
  readonly to?: string;
  /** A relative specifier that names no file. */
  readonly unresolved?: true;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The file a relative specifier names, as TypeScript resolves it (extension or index omitted), if any. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const rel = (path: string): string => relative(ROOT, path).split(sep).join("/");

/**
 * Every import of a file: `import`, `export … from`, `import type`, `import()`, `require()` and
 * `/// <reference types>`, as the compiler's own pre-processor finds them.
 */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const specifiers = [...info.importedFiles, ...info.typeReferenceDirectives].map((f) => f.fileName);
  return specifiers.map((specifier) => {
    if (!specifier.startsWith(".")) return { from: rel(file), specifier };
    const to = resolveRelative(file, specifier);
    return to ? { from: rel(file), specifier, to: rel(to) } : { from: rel(file), specifier, unresolved: true };
  });
}

const files = sourceFiles(SRC).map(rel).sort();
const imports = sourceFiles(SRC).flatMap(importsOf);
const graph = new Map<string, string[]>(files.map((f) => [f, []]));
for (const i of imports) if (i.to) graph.get(i.from)!.push(i.to);

/** The graph's strongly connected components of more than one file, or of a file importing itself (Tarjan). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest loop from a component's first file back to it, for a message a reader can follow. */
function loopThrough(component: readonly string[]): string {
  const members = new Set(component);
  const start = component[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of graph.get(queue[i])!.filter((f) => members.has(f))) {
      if (w === start) {
        const path = [start];
        for (let v = queue[i]; v !== start; v = cameFrom.get(v)!) path.splice(1, 0, v);
        return [...path, start].join(" → ");
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, queue[i]);
        queue.push(w);
      }
    }
  }
  return component.join(", ");
}

const inCore = (file: string): boolean => file.startsWith("src/core/");
const packageName = (specifier: string): string =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** What a package import from src/core would drag in, for the failure message. */
function kindOf(pkg: string): string {
  if (NODE.has(pkg) || pkg.startsWith("node:") || pkg === "node") return "Node";
  if (/^(react|react-dom|@fluentui\/|@testing-library\/)/.test(pkg)) return "React";
  if (/office|^@microsoft\//.test(pkg) || pkg === "custom-functions-runtime") return "Office";
  if (/^(jsdom|dom|web)/.test(pkg)) return "DOM";
  return "a package";
}

describe("the import graph of src", () => {
  it("is read from every source file", () => {
    expect(files).toContain("src/core/index.ts");
    expect(files.length).toBeGreaterThan(40);
  });

  it("names a file in every relative import", () => {
    expect(imports.filter((i) => i.unresolved).map((i) => `${i.from} imports ${i.specifier}, which is not a file`)).toEqual([]);
  });

  it("has no import cycle, type-only imports included", () => {
    expect(cycles(graph).map((c) => `cycle: ${loopThrough(c)}\n  files: ${JSON.stringify(c)}`)).toEqual([]);
  });

  it("never imports a shell folder from src/core", () => {
    const outward = imports
      .filter((i) => inCore(i.from) && i.to !== undefined && !inCore(i.to))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(outward).toEqual([]);
  });

  it("keeps src/workbook below the shell: it imports only the core, the live ledger and itself", () => {
    const layers = ["src/core/", "src/live/", "src/workbook/"];
    const upward = imports
      .filter((i) => i.from.startsWith("src/workbook/") && i.to !== undefined && !layers.some((l) => i.to!.startsWith(l)))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(upward).toEqual([]);
  });

  it("imports no Office, DOM, React, Node or other package from src/core", () => {
    const packages = imports
      .filter((i) => inCore(i.from) && !i.unresolved && i.to === undefined && !CORE_PACKAGES.has(packageName(i.specifier)))
      .map((i) => `${i.from} imports ${i.specifier} (${kindOf(packageName(i.specifier))})`);
    expect(packages).toEqual([]);
  });

  it(
    "type-checks src/core with the ECMAScript library alone: no Office, DOM or Node globals",
    () => {
      const coreFiles = files.filter(inCore).map((f) => join(ROOT, f));
      const program = ts.createProgram(coreFiles, {
        strict: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        lib: ["lib.es2020.d.ts"],
        types: [],
        noEmit: true,
        skipLibCheck: true,
      });
      const messages = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file ? rel(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      expect(messages).toEqual([]);
    },
    60_000,
  );
});

describe("the cycle finder", () => {
  it("finds a loop of three files and leaves a chain alone", () => {
    const edges = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    expect(cycles(edges)).toEqual([["a", "b", "c"], ["e"]]);
  });
});
