/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  // Node by default; component tests choose jsdom with a `@jest-environment jsdom` docblock.
  testEnvironment: "node",
  // A busy 2-core machine renders a jsdom page or drives Chromium well past Jest's 5 s default.
  testTimeout: 30_000,
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  setupFiles: ["<rootDir>/test/_setup/dom.ts"],
  moduleNameMapper: {
    // office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose full entry
    // point pulls in an ES-module-only dependency that Jest cannot load.
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};
