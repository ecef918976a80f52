// The pane's folders depend one way: the shell (app) on the flows, the flows on scanning, every
// one of them on the shared entry form (form), and form on none of them.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

const PANE = join(__dirname, "../../../src/taskpane");
const LAYERS = ["app", "flows", "scan", "form"];

function importsOf(folder: string): { file: string; target: string }[] {
  return readdirSync(join(PANE, folder)).flatMap((file) =>
    [...readFileSync(join(PANE, folder, file), "utf8").matchAll(/from "\.\.\/([a-z]+)\//g)].map((m) => ({ file: `${folder}/${file}`, target: m[1] })),
  );
}

describe("the task pane's folders", () => {
  it.each(LAYERS)("%s imports only the folders below it", (folder) => {
    const above = LAYERS.slice(0, LAYERS.indexOf(folder) + 1).filter((f) => f !== folder);
    expect(importsOf(folder).filter((i) => above.includes(i.target))).toEqual([]);
  });
});
