import { join } from "path";
import { assertBuilt, COUNTS_HEADER, DRAWS_HEADER, LOTS_HEADER, lotbook, PRODUCTS_HEADER, tempDir, writeWorkbook, ymd, type Row } from "./_workbooks";

/**
 * A practice at two locations, worked by hand, as of 3/1/2026:
 * - Main Street receives A100 (200 U × $6.50) and J300 (2 mL for $700); Suite B receives B200 (100 U × $7.00).
 * - A100: 20 U drawn at Main Street, 50 U moved to Suite B, 10 U drawn there.
 * - Main Street: A100 200 − 20 − 50 = 130 U × $6.50 = $845.00, J300 $700.00: $1,545.00.
 * - Suite B: A100 50 − 10 = 40 U × $6.50 = $260.00, B200 100 U × $7.00 = $700.00: $960.00.
 * - In all $2,505.00 = purchases $2,700.00 − COGS 30 U × $6.50 = $195.00: the transfer moves cost, never loses it.
 * - B200 expires 4/15/2026, 45 days after 3/1: inside its 60-day alert, at Suite B.
 */
const TWO_SITES = {
  lots: [
    [...LOTS_HEADER, "Location"],
    ["Botox 100U", "A100", ymd(2027, 6, 30), ymd(2026, 1, 5), 200, "U", 6.5, null, "Main Street"],
    ["Botox 100U", "B200", ymd(2026, 4, 15), ymd(2026, 2, 2), 100, "U", 7, null, "Suite B"],
    ["Juvederm Ultra XC", "J300", ymd(2027, 3, 31), ymd(2026, 1, 5), 2, "mL", null, 700, "Main Street"],
  ] as Row[],
  draws: [
    [...DRAWS_HEADER, "Location", "To"],
    [ymd(2026, 1, 12), "V1001", "P-1001", "Botox 100U", "A100", 20, "Visit", 280, "Main Street", null],
    [ymd(2026, 2, 10), null, null, "Botox 100U", "A100", 50, "Transfer", null, "Main Street", "Suite B"],
    [ymd(2026, 2, 16), "V1002", "P-1002", "Botox 100U", "A100", 10, "Visit", 140, "Suite B", null],
  ] as Row[],
  counts: [[...COUNTS_HEADER, "Location"]] as Row[],
  products: [PRODUCTS_HEADER, ["Botox 100U", "U", "90,60,30", null], ["Juvederm Ultra XC", "mL", "90,60,30", null]] as Row[],
};

let file: string;

beforeAll(async () => {
  assertBuilt();
  file = await writeWorkbook(join(tempDir(), "two-sites.xlsx"), [
    { name: "Lots", rows: TWO_SITES.lots, table: "Lots" },
    { name: "Draws", rows: TWO_SITES.draws, table: "Draws" },
    { name: "Counts", rows: TWO_SITES.counts, table: "Counts" },
    { name: "Products", rows: TWO_SITES.products, table: "Products" },
  ]);
});

describe("lotbook audit of a workbook with a Location column", () => {
  it("says where each alert is, and the stock value and alerts of each location", () => {
    const r = lotbook("audit", file, "--as-of", "2026-03-01");
    expect(r.stderr).toBe("");
    // The alert at Suite B needs attention.
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(r.stdout).toContain("Expiry alerts: 1");
    expect(lines.find((l) => l.includes("B200"))).toMatch(/^\s+Botox 100U\s+B200\s+Suite B\s+4\/15\/2026\s+45\s+100\s+\$700\.00\s+within 60 days$/);
    expect(r.stdout).toContain("Stock value at cost: $2,505.00");
    expect(r.stdout).toContain("By location: 2 locations");
    expect(lines.find((l) => l.includes("Main Street  "))).toMatch(/^\s+Main Street\s+\$1,545\.00\s+0$/);
    expect(lines.find((l) => /^\s+Suite B\s+\$/.test(l))).toMatch(/^\s+Suite B\s+\$960\.00\s+1$/);
    expect(r.stdout).toContain("Diagnostics: 0 errors, 0 warnings");
    expect(r.stdout).toContain("shrinkage $0.00 + on hand $2,505.00 (exact)");
  });

  it("gives the same per location in its JSON", () => {
    const r = lotbook("audit", file, "--as-of", "2026-03-01", "--json");
    const a = JSON.parse(r.stdout);
    expect(a.stockValue).toEqual({
      total: 2505,
      complete: true,
      byProduct: [
        { product: "Botox 100U", value: 1805 },
        { product: "Juvederm Ultra XC", value: 700 },
      ],
      byLocation: [
        { location: "Main Street", value: 1545, alerts: 0 },
        { location: "Suite B", value: 960, alerts: 1 },
      ],
    });
    expect(a.alerts).toEqual([
      { product: "Botox 100U", lot: "B200", location: "Suite B", expires: "2026-04-15", daysLeft: 45, remaining: 100, value: 700, expired: false, withinDays: 60, residue: false, belowZero: false },
    ]);
  });
});
