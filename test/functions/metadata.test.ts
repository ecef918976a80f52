// The functions.json Excel loads, generated from functions.ts's JSDoc by the same generator the
// webpack build runs (custom-functions-metadata, through custom-functions-metadata-plugin), but
// straight from the source: no build. Checks the streaming contract every LOTBOOK formula shares
// and that the registrations match answers.ts's formulas.
import { readFileSync } from "fs";
import { generateCustomFunctionsMetadata, parseTree, type IAssociate, type IFunction } from "custom-functions-metadata";
import { join } from "path";
import { FORMULAS, type TableParam } from "../../src/functions/answers";

const FUNCTIONS = join(__dirname, "..", "..", "src", "functions", "functions.ts");
const TABLES: ReadonlySet<string> = new Set<TableParam>(["lots", "draws", "counts", "products"]);

/** What the generator writes to functions.json (empty when the source has errors), and its errors. */
let metadataJson: string;
let errors: string[];
/** The functions as the generator parses them: what functions.json lists when there is no error. */
let functions: IFunction[];
let associate: IAssociate[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(FUNCTIONS);
  metadataJson = result.metadataJson;
  errors = result.errors;
  // Parsed apart from the generator too, so a generator error does not hide what else is wrong.
  const tree = parseTree(readFileSync(FUNCTIONS, "utf8"), FUNCTIONS);
  functions = tree.functions;
  associate = tree.associate;
}, 60_000);

/** The generated function, failing the test by name when it is not there. */
function generated(id: string): IFunction {
  const f = functions.find((g) => g.id === id);
  if (!f) throw new Error(`${id} is not in functions.json`);
  return f;
}

describe("functions.json", () => {
  it("is generated from functions.ts without errors", () => {
    expect(errors).toEqual([]);
    const written = JSON.parse(metadataJson) as { functions: IFunction[] };
    expect(written.functions).toEqual(functions);
  });

  it("makes every function a streaming function", () => {
    for (const f of functions) expect([f.id, f.options?.stream]).toEqual([f.id, true]);
  });

  it("does not list the invocation as a parameter", () => {
    for (const f of functions) {
      expect([f.id, f.parameters.map((p) => p.name).filter((name) => /invocation/i.test(name))]).toEqual([f.id, []]);
    }
  });

  it("makes every table parameter optional and puts it after every key and setting", () => {
    for (const f of functions) {
      const names = f.parameters.map((p) => p.name);
      const firstTable = names.findIndex((name) => TABLES.has(name));
      const lastOther = names.reduce((last, name, i) => (TABLES.has(name) ? last : i), -1);
      if (firstTable >= 0) expect([f.id, lastOther < firstTable]).toEqual([f.id, true]);
      for (const p of f.parameters) if (TABLES.has(p.name)) expect([f.id, p.name, p.optional]).toEqual([f.id, p.name, true]);
    }
  });

  it("has no required parameter after an optional one", () => {
    for (const f of functions) {
      const firstOptional = f.parameters.findIndex((p) => p.optional === true);
      if (firstOptional < 0) continue;
      const requiredAfter = f.parameters.slice(firstOptional).filter((p) => p.optional !== true).map((p) => p.name);
      expect([f.id, requiredAfter]).toEqual([f.id, []]);
    }
  });

  it("registers every formula of answers.ts, and nothing else", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(FORMULAS).sort());
    expect(associate.map((a) => a.id).sort()).toEqual(Object.keys(FORMULAS).sort());
    for (const f of functions) expect(f.name).toBe(f.id);
  });

  it("lists each formula's settings, then its tables in the formula's order", () => {
    for (const formula of Object.values(FORMULAS)) {
      const names = generated(formula.name).parameters.map((p) => p.name);
      expect([formula.name, names.length]).toEqual([formula.name, formula.settings + formula.tables.length]);
      expect([formula.name, names.slice(formula.settings)]).toEqual([formula.name, [...formula.tables]]);
      expect([formula.name, names.slice(0, formula.settings).filter((name) => TABLES.has(name))]).toEqual([formula.name, []]);
      if (formula.asOfAt >= 0) expect([formula.name, names[formula.asOfAt]]).toEqual([formula.name, "as_of"]);
      else expect([formula.name, names.includes("as_of")]).toEqual([formula.name, false]);
    }
  });
});
