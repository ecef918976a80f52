import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, mkdirSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { pathToFileURL } from "url";

/** The LibreOffice command on this machine, or null. `.ci/run` installs it where it is missing. */
export const SOFFICE: string | null = (() => {
  const found = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" });
  const path = found.stdout.trim().split("\n")[0];
  return found.status === 0 && path ? path : null;
})();

/** Why a LibreOffice test did not run, in the test's own name. */
export const NO_LIBREOFFICE = "(skipped: LibreOffice is not installed here, no soffice on PATH; .ci/run installs libreoffice-calc-nogui)";

/** LibreOffice may take a while to start on a cold machine. */
export const LIBREOFFICE_TIMEOUT_MS = 180_000;

/**
 * Opens a workbook headlessly in LibreOffice Calc and saves it again as .xlsx, in a fresh folder
 * with a private profile (so parallel runs do not share one); returns the saved copy's path.
 */
export function saveWithLibreOffice(file: string): string {
  if (!SOFFICE) throw new Error("LibreOffice is not installed");
  const work = mkdtempSync(join(tmpdir(), "lotbook-lo-"));
  const out = join(work, "out");
  mkdirSync(out);
  const profile = pathToFileURL(join(work, "profile")).href;
  const run = spawnSync(SOFFICE, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, file], {
    encoding: "utf8",
    timeout: LIBREOFFICE_TIMEOUT_MS - 10_000,
  });
  const saved = join(out, basename(file).replace(/\.[^.]+$/, "") + ".xlsx");
  if (run.status !== 0 || !existsSync(saved)) {
    throw new Error(`LibreOffice could not open and save ${file} (exit ${run.status}): ${run.stdout} ${run.stderr}`);
  }
  return saved;
}
