import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
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
            { group: ["../*functions*", "../*taskpane*", "../*commands*", "../*adapters*"], message: "The engine never imports the shell." },
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
