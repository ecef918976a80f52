import { statSync } from "fs";
import { join } from "path";
import { auditWorkbook } from "./auditWorkbook";

/**
 * `npm run bench:audit [-- --json] [-- --sizes 250000,1000000]`: times `lotbook audit` end to end
 * on generated .xlsx workbooks of 250,000 and 1,000,000 draws, and the peak resident memory of the
 * audit's own process (the child the `lotbook` command runs it in, as reported by the system).
 * The workbooks are made once and kept in the temporary folder (making the larger takes minutes).
 */
interface Supervise {
  supervise(argv: readonly string[], options: { stdout: "ignore"; onPeakRss: (kib: number) => void }): Promise<number>;
}

// The compiled command, exactly as `lotbook` runs it (`npm run bench:audit` builds it first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { supervise } = require(join(__dirname, "..", "dist", "cli", "supervise.js")) as Supervise;

function sizesOf(args: readonly string[]): number[] {
  const at = args.indexOf("--sizes");
  const text = at >= 0 ? args[at + 1] : undefined;
  return text ? text.split(",").map((s) => Number(s.replace(/_/g, ""))) : [250_000, 1_000_000];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const sizes: Record<string, { ms: number; peak_rss_mb: number | null; exit_code: number }> = {};
  for (const draws of sizesOf(args)) {
    if (!json) process.stdout.write(`${draws.toLocaleString("en-US")} draws: preparing the workbook… `);
    const file = await auditWorkbook(draws);
    let peakKib: number | null = null;
    const start = process.hrtime.bigint();
    const code = await supervise(["audit", file, "--as-of", "2028-12-31", "--json"], { stdout: "ignore", onPeakRss: (k) => (peakKib = k) });
    const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    const peak = peakKib === null ? null : Math.round(peakKib / 1024);
    sizes[String(draws)] = { ms, peak_rss_mb: peak, exit_code: code };
    if (!json) {
      const mb = (statSync(file).size / 2 ** 20).toFixed(1);
      process.stdout.write(`${mb} MB file; audit ${(ms / 1000).toFixed(1)} s, peak RSS ${peak ?? "?"} MB, exit ${code}\n`);
    }
  }
  if (json) process.stdout.write(JSON.stringify({ sizes }) + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:audit: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
