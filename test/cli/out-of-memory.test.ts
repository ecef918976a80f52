import { spawnSync } from "child_process";
import { join } from "path";
import { stream } from "exceljs";
import { judge } from "../../src/cli/supervise";
import { assertBuilt, DRAWS_HEADER, tempDir, ymd } from "./_workbooks";

const BIN = join(__dirname, "..", "..", "bin", "lotbook.js");

/**
 * 100,000 visit draws of one lot, as a plain sheet: far more than a 16 MB heap can audit (the
 * engine once ran out on 40,000 in 24 MB; it has since learnt to use less, so the margin is wide).
 */
async function writeWorkbook(path: string): Promise<void> {
  const wb = new stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const lots = wb.addWorksheet("Lots");
  lots.addRow(["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost"]).commit();
  lots.addRow(["Botox 100U", "L1", ymd(2030, 1, 31), ymd(2024, 12, 1), 1_000_000, "U", 5]).commit();
  lots.commit();
  const draws = wb.addWorksheet("Draws");
  draws.addRow(DRAWS_HEADER).commit();
  for (let i = 0; i < 100_000; i++) draws.addRow([ymd(2025, 1, 1 + Math.floor(i / 100)), `V${i + 1}`, `P-${i}`, "Botox 100U", "L1", 1, "Visit", 14]).commit();
  draws.commit();
  await wb.commit();
}

describe("lotbook audit when memory runs out", () => {
  it("ends in exit 2 with one line saying so, never a stack trace", async () => {
    assertBuilt();
    const file = join(tempDir(), "too-big.xlsx");
    await writeWorkbook(file);
    const r = spawnSync(process.execPath, [BIN, "audit", file, "--json"], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=16" },
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lotbook audit: ran out of memory auditing .*too-big\.xlsx \(Node\.js allows it about \d+ MB\); .*NODE_OPTIONS=--max-old-space-size=4096/);
  }, 180_000);
});

describe("how a finished audit process is judged", () => {
  const argv = ["audit", "clinic.xlsx", "--as-of", "2026-03-31"];

  it("passes on the audit's own exit code and lines when it ended as it should", () => {
    expect(judge(0, null, "", argv)).toEqual({ code: 0, line: null });
    expect(judge(1, null, "", argv)).toEqual({ code: 1, line: null });
    expect(judge(2, null, "lotbook audit: cannot read clinic.xlsx: no such file\n", argv)).toEqual({ code: 2, line: null });
    // The usage text mentions running out of memory: that alone is not running out of it.
    expect(judge(2, null, "lotbook audit: unknown option --csv\n\nExit code: … or the audit ran out of memory.\n", argv)).toEqual({ code: 2, line: null });
  });

  it("turns Node's heap limit, or the system ending the process, into exit 2 and one line", () => {
    const v8 = "<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8a1 node::Abort()";
    for (const [code, signal, stderr] of [[null, "SIGABRT", v8], [134, null, v8], [null, "SIGKILL", ""]] as const) {
      const j = judge(code, signal, stderr, argv);
      expect(j.code).toBe(2);
      expect(j.line).toMatch(/^lotbook audit: ran out of memory auditing clinic\.xlsx \(/);
      expect(j.line!.split("\n")).toHaveLength(1);
    }
  });

  it("says an audit that was stopped did not finish", () => {
    expect(judge(null, "SIGTERM", "", argv)).toEqual({ code: 2, line: "lotbook audit: stopped before it finished auditing clinic.xlsx (SIGTERM); nothing was checked, run it again" });
  });
});
