import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The add-in shell: Microsoft's rules for Office.js code (load before read, sync after load,
    // no sync in loops), without the plugin's Prettier formatting.
    files: ["src/functions/**/*.ts", "src/workbook/**/*.ts", "src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/commands/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, "error"])),
  },
  {
    // Custom functions are pure wrappers over the engine: workbook access (Excel.run) belongs to
    // the task pane's adapter layer, so a function never depends on the sheet it is not given.
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "src/functions is Excel values in, engine, Excel values out: no Excel.run here." },
        { name: "Office", message: "src/functions does not call Office APIs." },
        { name: "document", message: "src/functions has no DOM." },
        { name: "window", message: "src/functions has no DOM." },
        { name: "fetch", message: "Lotbook makes no network calls." },
      ],
    },
  },
  {
    // The task pane reaches the workbook only through its port: Excel.run lives in one adapter.
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "Only src/workbook/excel calls Excel: components receive the workbook port as a prop." },
        { name: "fetch", message: "Lotbook makes no network calls." },
      ],
    },
  },
  {
    // The workbook layer sits under the shell: the port and its implementations know tables and
    // sheets, not the pane or its features (the report hands it a SheetLayout).
    files: ["src/workbook/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-*", "react/*", "@fluentui/*"], message: "src/workbook has no UI." },
            { group: ["**/taskpane/**", "**/taskpane", "**/preview/**", "**/commands/**", "**/cli/**"], message: "The workbook layer never imports the shell that uses it." },
          ],
        },
      ],
    },
  },
  {
    // Excel.run lives in one adapter.
    files: ["src/workbook/**/*.ts"],
    ignores: ["src/workbook/excel/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "Only src/workbook/excel calls Excel." },
        { name: "document", message: "src/workbook has no DOM." },
        { name: "window", message: "src/workbook has no DOM." },
        { name: "fetch", message: "Lotbook makes no network calls." },
      ],
    },
  },
  {
    // The engine is pure: no Office, DOM, React or Node I/O, so it runs the same in a custom
    // function, the task pane, the browser preview and the command line.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-*", "react/*", "@fluentui/*"], message: "src/core is pure: no React or Fluent UI." },
            { group: ["office-*", "@microsoft/office-js*", "@types/office-js"], message: "src/core is pure: no Office." },
            { group: ["fs", "node:*", "path", "os", "http", "https", "net", "child_process"], message: "src/core is pure: no I/O." },
            { group: ["../*functions*", "../*taskpane*", "../*commands*", "../*adapters*", "../*workbook*"], message: "The engine never imports the shell." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "src/core is pure: Office calls live in the adapter layer." },
        { name: "Office", message: "src/core is pure: Office calls live in the adapter layer." },
        { name: "document", message: "src/core is pure: no DOM." },
        { name: "window", message: "src/core is pure: no DOM." },
        { name: "fetch", message: "src/core makes no network calls." },
      ],
    },
  },
);
