// Three tiers, each runnable alone (`npm run test:core`, `test:ui`, `test:e2e`; `npm test` runs them
// in that order after lint and type-check). Every test file belongs to exactly one:
// - e2e: the built program — the browser preview in Chromium, LibreOffice, the command line, the
//   webpack build. Slow, and they need tools and builds outside Jest.
// - ui: the component tests, chosen by their `@jest-environment jsdom` docblock.
// - core: everything else — engine, functions, live ledger, workbook adapters over fakes. Seconds.
// Timeouts are per tier (`tierTimeoutMs`, applied by test/_setup/timeout.ts): a busy 2-core machine runs a jsdom page or
// Chromium well past Jest's 5 s default, while a core test that takes that long is a bug.
const { readdirSync, readFileSync, statSync } = require("fs");
const { join, relative, sep } = require("path");

const E2E = ["test/e2e/", "test/starter/", "test/cli/", "test/webpack.test.ts"];

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(name) ? [relative(__dirname, path).split(sep).join("/")] : [];
  });
}

/** True when the file's leading docblock asks for jsdom, as Jest itself reads it. */
function declaresJsdom(file) {
  const docblock = /^\s*\/\*\*[\s\S]*?\*\//.exec(readFileSync(join(__dirname, file), "utf8"));
  return docblock !== null && /@jest-environment\s+jsdom\b/.test(docblock[0]);
}

const isE2e = (file) => E2E.some((prefix) => file.startsWith(prefix));
const all = testFiles(join(__dirname, "test"));
const ui = all.filter((file) => !isE2e(file) && declaresJsdom(file));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const shared = {
  preset: "ts-jest",
  rootDir: __dirname,
  roots: ["<rootDir>/test"],
  // Node by default; component tests choose jsdom with a `@jest-environment jsdom` docblock.
  testEnvironment: "node",
  moduleNameMapper: {
    // office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose full entry
    // point pulls in an ES-module-only dependency that Jest cannot load.
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // Every tier's floor: a test never falls back to Jest's 5 s default on a busy machine, even run
  // outside its project; each project then sets its own (tierTimeoutMs, test/_setup/timeout.ts).
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: "core",
      testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", ...[...E2E, ...ui].map((path) => `^${escape(join(__dirname, path))}`)],
      globals: { tierTimeoutMs: 15_000 },
      setupFilesAfterEnv: ["<rootDir>/test/_setup/timeout.ts"],
    },
    {
      ...shared,
      displayName: "ui",
      testMatch: ui.map((file) => `<rootDir>/${file}`),
      setupFiles: ["<rootDir>/test/_setup/dom.ts"],
      globals: { tierTimeoutMs: 60_000 },
      setupFilesAfterEnv: ["<rootDir>/test/_setup/timeout.ts"],
    },
    {
      ...shared,
      displayName: "e2e",
      testMatch: E2E.map((path) => (path.endsWith("/") ? `<rootDir>/${path}**/*.test.ts` : `<rootDir>/${path}`)),
      globals: { tierTimeoutMs: 240_000 },
      setupFilesAfterEnv: ["<rootDir>/test/_setup/timeout.ts"],
    },
  ],
};
