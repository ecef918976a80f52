/** A column of a text table: its header and whether its values line up on the right (numbers). */
export interface TextColumn {
  readonly header: string;
  readonly right?: boolean;
}

/**
 * Rows as an aligned plain-text table under a header and a rule, each line indented by two spaces.
 * @example textTable([{ header: "Lot" }, { header: "Qty", right: true }], [["C3709C3", "40"]])
 * // "  Lot      Qty\n  -------  ---\n  C3709C3   40"
 */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    "  " + columns.map((c, i) => (c.right ? (cells[i] ?? "").padStart(widths[i]) : (cells[i] ?? "").padEnd(widths[i]))).join("  ").trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
