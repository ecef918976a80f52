import type { Grid } from "../cells";
import { locationKey, lotKey, productKey } from "../names";
import { COUNTS } from "../schema";
import { addIssue, type CountRow } from "../rows";
import { eachRow, frame, subtotalRow } from "./frame";
import { NameIndex } from "./nameIndex";
import { get, lotNumberWarning, noteText, readDate, readQty, textAt, textDateWarning } from "./readers";
import type { ParsedTable, ParseOptions } from "./types";

/** Parses the Counts table (header row first). */
export function parseCounts(grid: Grid | null | undefined, options: ParseOptions = {}): ParsedTable<CountRow> {
  const system = options.dateSystem ?? 1900;
  const f = frame("Counts", grid, COUNTS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  const rows: CountRow[] = [];
  const products = new NameIndex(productKey);
  eachRow("Counts", f, grid!, cols.lot, {
    read: (r, row, subtotal) => {
      const d = readDate(get(r, cols.date), row, names.date, system, false);
      if (d === null) addIssue(row, names.date, { code: "blank-date", of: "Counts" });
      else if (d) textDateWarning(row, names.date, d);
      const product = textAt(r, cols.product, row, names.product);
      const lot = textAt(r, cols.lot, row, names.lot);
      lotNumberWarning(row, names.lot, get(r, cols.lot));
      if (lot === null) addIssue(row, names.lot, { code: "blank-lot", of: "Counts" });
      const counted = readQty(get(r, cols.counted), row, names.counted, "a number of units");
      if (counted === null) addIssue(row, names.counted, { code: "blank-counted" });
      else if (counted !== undefined && counted < 0) addIssue(row, names.counted, { code: "negative-count", counted });
      const timed = !!d && d.serial !== Math.floor(d.serial);
      const location = textAt(r, cols.location, row, names.location);
      if (subtotal) subtotalRow(subtotal, "Counts", cols.headerText, row);
      rows.push({
        row: row.row, issues: row.issues, usable: row.usable,
        time: d ? d.serial : null, timed,
        product: product ?? null, productKey: product ? products.key(product) : null,
        lot: lot ?? null, lotKey: lot ? lotKey(lot) : null,
        counted: counted ?? null,
        by: noteText(get(r, cols.by)),
        note: noteText(get(r, cols.note)),
        location: location ?? null,
        locationKey: locationKey(location),
      });
    },
  });
  return { rows, tableErrors: f.tableErrors, columnNames: names, present: true, located: cols.location >= 0 };
}
