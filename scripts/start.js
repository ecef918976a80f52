/* npm start. Where Excel desktop can be sideloaded (Windows, macOS), office-addin-debugging
   starts the dev server and opens Excel with Lotbook loaded. Elsewhere there is no Excel to
   open: the add-in is served from https://localhost:3000 and the steps to sideload it into
   Excel on the web are printed, with the address of the browser preview (the task pane over a
   sample practice in memory, no Excel needed), which the same server holds. Ctrl-C stops it. */
const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");

function sideloadIntoDesktop() {
  const cli = require.resolve("office-addin-debugging/cli.js");
  const child = spawn(process.execPath, [cli, "start", "manifest.xml"], { cwd: ROOT, stdio: "inherit" });
  child.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

function instructions(origin, https, preview) {
  const lines = [
    "",
    `Lotbook is served at ${origin} (Ctrl-C stops it).`,
    "",
    ...(preview ? [`Without Excel: the browser preview, the task pane over a sample practice (nothing saved), is at ${preview}`, ""] : []),
    `There is no Excel desktop to sideload into on ${process.platform}. To use Lotbook in Excel on the web:`,
  ];
  if (https.server.type === "https" && !https.trusted) {
    lines.push(
      `  1. Let your browser trust the development certificate: open ${origin}/taskpane.html and accept it,`,
      `     or import ${https.caPath} as a certificate authority.`,
    );
  } else if (https.server.type !== "https") {
    lines.push(
      `  1. The server could not get a certificate (${https.problem}), so it serves plain http; Excel only loads`,
      "     add-ins over https. Run `npx office-addin-dev-certs install`, then `npm start` again.",
    );
  } else {
    lines.push("  1. The development certificate is already trusted on this system.");
  }
  lines.push(
    "  2. Open a workbook in Excel on the web. On the Insert tab choose Add-ins > Office Add-ins, then",
    "     My Add-ins > Manage My Add-ins > Upload My Add-in, and upload:",
    `     ${MANIFEST}`,
    "  3. Type =LOTBOOK. in a cell: the functions and their help appear as you type.",
    "",
    "To remove the add-in from Excel on the web, clear the browser's cache.",
    "",
  );
  return lines.join("\n");
}

async function serve() {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const { https, caCertificatePath } = require("./https");
  const config = await require("../webpack.config.js")({ WEBPACK_SERVE: true }, { mode: "development" });
  config.stats = "errors-warnings";
  config.infrastructureLogging = { level: "warn" };
  const how = { ...(await https()), caPath: caCertificatePath };
  const origin = `${how.server.type}://localhost:${config.devServer.port}`;

  const compiler = webpack(config);
  let told = false;
  // The add-in build includes the preview page: the same server serves it.
  const preview = `${origin}/preview.html`;
  compiler.hooks.done.tap("lotbook-start", (stats) => {
    if (told || stats.hasErrors()) return;
    told = true;
    console.log(instructions(origin, how, preview));
  });
  const server = new WebpackDevServer(config.devServer, compiler);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(() => process.exit(0), () => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    await server.start();
  } catch (e) {
    console.error(`Lotbook could not start its server: ${e instanceof Error ? e.message : e}`);
    if (e && e.code === "EADDRINUSE") console.error(`Port ${config.devServer.port} is in use: stop the other server (npm stop) or free the port.`);
    process.exit(1);
  }
}

if (process.platform === "win32" || process.platform === "darwin") sideloadIntoDesktop();
else serve();
