import { main } from "./main";

/**
 * The audit's own process, started by `supervise`: runs the command, then tells its parent (when
 * there is one) how much memory it took at most, for the benchmark.
 */
function finish(code: number): void {
  process.exitCode = code;
  if (process.send) process.send({ peakRssKb: process.resourceUsage().maxRSS }, () => process.disconnect());
}

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(finish, (e: unknown) => {
  // A bug, not a bad file: still one line, and the code that says the audit did not happen.
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`lotbook: unexpected failure: ${message.split("\n")[0]}\n`);
  finish(2);
});
