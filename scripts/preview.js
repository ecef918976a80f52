/* npm run preview: builds the browser preview (the task pane over a sample practice in memory, no
   Excel) and serves it from http://localhost only. `--no-build` serves what dist/preview holds;
   `--port N` chooses the port (0: any free one). Ctrl-C stops it. */
const { execFileSync } = require("child_process");
const http = require("http");
const fs = require("fs");
const path = require("path");
const { URL } = require("url");

const ROOT = path.resolve(__dirname, "..");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json", ".map": "application/json" };

/** Builds the preview page into `dir` with webpack. */
function build(dir, mode = "production") {
  const cli = require.resolve("webpack-cli/bin/cli.js");
  execFileSync(process.execPath, [cli, "--mode", mode, "--env", "only=preview", "--env", `outputPath=${dir}`, "--stats", "errors-warnings"], { cwd: ROOT, stdio: "inherit" });
}

/**
 * Serves the files of `dir` on 127.0.0.1 at `port` (0: a free one). Resolves to the server and its
 * address; nothing outside `dir` is served.
 */
function serve(dir, port = 0) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const wanted = decodeURIComponent(url.pathname === "/" ? "/preview.html" : url.pathname);
    const file = path.resolve(root, `.${wanted}`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://localhost:${server.address().port}/preview.html` }));
  });
}

module.exports = { build, serve };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--port");
  const port = at >= 0 ? Number(args[at + 1]) : Number(process.env.LOTBOOK_PREVIEW_PORT || 3001);
  const dir = path.join(ROOT, "dist", "preview");
  if (!args.includes("--no-build")) build(dir);
  serve(dir, port).then(
    ({ server, url }) => {
      console.log(`\nLotbook preview (sample data, no Excel) at ${url} (Ctrl-C stops it).\n`);
      const stop = () => server.close(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (e) => {
      console.error(`The preview could not start: ${e.message}${e.code === "EADDRINUSE" ? ` (port ${port} is in use: npm run preview -- --port 0 picks a free one)` : ""}`);
      process.exit(1);
    },
  );
}
