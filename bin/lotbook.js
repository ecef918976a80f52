#!/usr/bin/env node
// The `lotbook` command. The TypeScript sources are compiled to dist/ by `npm run build:cli`,
// which `npm ci` runs through the prepare script.
const path = require("path");
const fs = require("fs");

const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("lotbook: the command is not built yet; run `npm run build:cli` (npm ci does it) and try again\n");
  process.exit(2);
}
const { main } = require(entry);
main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // A bug, not a bad file: still one line, and the code that says the audit did not happen.
    process.stderr.write(`lotbook: unexpected failure: ${e && e.message ? e.message.split("\n")[0] : String(e)}\n`);
    process.exitCode = 2;
  },
);
