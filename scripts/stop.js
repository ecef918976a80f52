/* npm stop. Where npm start sideloaded Lotbook into Excel desktop, office-addin-debugging
   unloads it and stops the dev server. Elsewhere npm start runs in the foreground: Ctrl-C in
   its terminal stops it, and clearing the browser's cache removes the add-in from Excel on the web. */
const { spawn } = require("child_process");
const path = require("path");

if (process.platform === "win32" || process.platform === "darwin") {
  const cli = require.resolve("office-addin-debugging/cli.js");
  const child = spawn(process.execPath, [cli, "stop", "manifest.xml"], { cwd: path.resolve(__dirname, ".."), stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  console.log("npm start runs in the foreground here: press Ctrl-C in its terminal to stop the server.");
  console.log("To remove Lotbook from Excel on the web, clear the browser's cache.");
}
