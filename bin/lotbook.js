#!/usr/bin/env node
// The `lotbook` command. The TypeScript sources are compiled to dist/ by `npm run build:cli`,
// which `npm ci` runs through the prepare script. The audit runs in a child process that this one
// watches (dist/cli/supervise.js), so even running out of memory ends in exit 2 and one line.
const path = require("path");
const fs = require("fs");

const entry = path.join(__dirname, "..", "dist", "cli", "supervise.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("lotbook: the command is not built yet; run `npm run build:cli` (npm ci does it) and try again\n");
  process.exit(2);
}
require(entry)
  .supervise(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`lotbook: unexpected failure: ${e && e.message ? e.message.split("\n")[0] : String(e)}\n`);
      process.exitCode = 2;
    },
  );
