import { spawn } from "child_process";
import { join } from "path";
import { getHeapStatistics } from "v8";

/** How the command's output is passed on, and what the benchmark learns about the audit's process. */
export interface SuperviseOptions {
  /** `inherit` (the default) writes the report to this process's stdout; `ignore` drops it. */
  readonly stdout?: "inherit" | "ignore";
  /** Called with the audit process's peak resident memory, in KiB, when it reports it. */
  readonly onPeakRss?: (kib: number) => void;
}

/**
 * Runs the `lotbook` command in a child process and answers its exit code. The child is the audit
 * itself; this process only watches it, so that running out of memory (Node's heap limit, or the
 * system ending the process) is still the documented exit 2 with one line on stderr, never a
 * stack trace or a signal's exit code.
 * @example process.exitCode = await supervise(["audit", "clinic.xlsx"])
 */
export function supervise(argv: readonly string[], options: SuperviseOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, join(__dirname, "child.js"), ...argv], {
      stdio: [options.stdout === "ignore" ? "ignore" : "inherit", options.stdout === "ignore" ? "ignore" : "inherit", "pipe", "ipc"],
    });
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    child.stderr!.on("data", (b: Buffer) => {
      // The audit writes one line there; a crash writes pages. Keep the start, enough to tell which.
      if (stderrBytes < 1 << 16) stderr.push(b);
      stderrBytes += b.length;
    });
    child.on("message", (m: { peakRssKb?: unknown }) => {
      if (typeof m?.peakRssKb === "number") options.onPeakRss?.(m.peakRssKb);
    });
    const stop = () => child.kill("SIGTERM");
    process.once("SIGTERM", stop);
    child.on("error", (e) => {
      process.removeListener("SIGTERM", stop);
      process.stderr.write(`lotbook: cannot start the audit: ${e.message.split("\n")[0]}\n`);
      resolve(2);
    });
    child.on("close", (code, signal) => {
      process.removeListener("SIGTERM", stop);
      const text = Buffer.concat(stderr).toString("utf8");
      const outcome = judge(code, signal, text, argv);
      if (outcome.line === null) process.stderr.write(text);
      else process.stderr.write(outcome.line + "\n");
      resolve(outcome.code);
    });
  });
}

/**
 * What a finished child means: its own exit code and stderr when it ended as it should; one line
 * and exit 2 when it ran out of memory or was stopped.
 * @example judge(null, "SIGABRT", "FATAL ERROR: … JavaScript heap out of memory", ["audit", "big.xlsx"]).code // 2
 */
export function judge(code: number | null, signal: NodeJS.Signals | null, stderr: string, argv: readonly string[]): { code: number; line: string | null } {
  // The audit's own endings (0, 1, 2) are passed on as they are, whatever its stderr says.
  if (signal === null && (code === 0 || code === 1 || code === 2)) return { code, line: null };
  const outOfMemory = /JavaScript heap out of memory|Reached heap limit|Allocation failed/.test(stderr);
  const file = argv.slice(1).find((a, i, all) => !a.startsWith("-") && all[i - 1] !== "--as-of");
  const what = file ? `auditing ${file}` : "running";
  if (outOfMemory || signal === "SIGKILL" || code === 137) {
    const limit = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    return {
      code: 2,
      line: `lotbook audit: ran out of memory ${what} (Node.js allows it about ${limit} MB); close other programs or use a computer with more memory, or allow more with NODE_OPTIONS=--max-old-space-size=4096, and run it again`,
    };
  }
  return { code: 2, line: `lotbook audit: stopped before it finished ${what} (${signal ?? `exit code ${code}`}); nothing was checked, run it again` };
}
