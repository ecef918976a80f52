/* Builds the add-in as the yo office "Excel custom functions with a shared runtime" template
   does: one page (taskpane.html) loads the task pane, the custom functions and the ribbon
   commands; functions.json is generated from the JSDoc in src/functions/functions.ts. */
const path = require("path");
const { Compilation, sources } = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const FUNCTIONS = "./src/functions/functions.ts";

/**
 * Lets the functions receive ranges that contain error cells. Without this flag Excel does not
 * call a function at all when any cell of a table argument shows an error, so one #N/A in Lots
 * would blank every LOTBOOK formula instead of the few results that row affects. The metadata
 * generator has no JSDoc tag for it, so it is set on the generated file.
 */
class AllowErrorInputs {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AllowErrorInputs", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AllowErrorInputs", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return;
        const { allowCustomDataForDataTypeAny, ...rest } = JSON.parse(asset.source.source().toString());
        const metadata = { allowCustomDataForDataTypeAny, allowErrorForDataTypeAny: true, ...rest };
        compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

/** The browser preview (npm run preview): the task pane over an in-memory sample practice, no Office. */
const previewPage = () => new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] });

const TS = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  // Type checking is `npm run typecheck`; the bundle only needs the transpiled code.
  use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020", moduleResolution: "bundler", sourceMap: true, jsx: "react-jsx" } } },
};

module.exports = async (env = {}, options = {}) => (env.only === "preview" ? preview(env, options) : addin(env, options));

/** Only the preview page, for the end-to-end tests: a quicker build with nothing Excel needs. */
const preview = async (env, options) => ({
  mode: options.mode ?? "production",
  devtool: false,
  entry: { preview: "./src/preview/main.tsx" },
  output: { path: path.resolve(env.outputPath ?? path.join(__dirname, "dist", "preview")), clean: true },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: { rules: [TS] },
  plugins: [previewPage()],
  performance: { hints: false },
});

const addin = async (env, options) => ({
  mode: options.mode ?? "production",
  devtool: "source-map",
  entry: {
    taskpane: "./src/taskpane/taskpane.tsx",
    functions: FUNCTIONS,
    commands: "./src/commands/commands.ts",
    preview: "./src/preview/main.tsx",
  },
  // dist/ also holds the command line's build (tsconfig.cli.json): the add-in keeps to its own folder.
  output: { path: path.resolve(env.outputPath ?? path.join(__dirname, "dist", "addin")), clean: true },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: { rules: [TS] },
  plugins: [
    new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS }),
    new AllowErrorInputs(),
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane", "functions", "commands"],
    }),
    previewPage(),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets/*", to: "assets/[name][ext]" },
        { from: "manifest.xml", to: "manifest.xml" },
      ],
    }),
  ],
  devServer: env.WEBPACK_SERVE
    ? {
        headers: { "Access-Control-Allow-Origin": "*" },
        // Loaded only to serve: building needs no certificate.
        server: await require("./scripts/https").httpsOptions(),
        port: Number(process.env.npm_package_config_dev_server_port || 3000),
        client: { overlay: false },
      }
    : undefined,
  performance: { hints: false },
});
