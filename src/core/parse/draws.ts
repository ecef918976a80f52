import { isBlank, type Grid } from "../cells";
import { MAX_SERIAL, type Serial } from "../dates";
import type { Diagnostic } from "../diagnostic";
import { coded } from "../messages";
import { amountFromNumber } from "../_lib/amount";
import { QTY_ONE, type Qty } from "../quantity";
import { AppendList, cut, growable } from "../_lib/grow";
import { DRAWS } from "../schema";
import { locationKey, lotKey, productKey, visitKey } from "../names";
import { addIssue, DRAW_KINDS, type DrawKind, type DrawRow } from "../rows";
import { DrawRepeats } from "./drawRepeats";
import { eachRow, frame, subtotalRow } from "./frame";
import { KeyCache } from "./keyCache";
import { get, lotNumberWarning, readDate, readMoney, readQty, textAt, textDateWarning } from "./readers";
import type { DrawsTable, ParseOptions } from "./types";

/** The kinds by their lower-case spelling: a Kind cell matches in any case. */
const KINDS = new Map<string, DrawKind>(DRAW_KINDS.map((k) => [k.toLowerCase(), k]));

/**
 * The kind a Kind cell names, in any case; `undefined` for any other word. The kinds as written
 * are compared first: a Map would hash every cell's text, a quarter of a million times.
 */
function kindOf(text: string): DrawKind | undefined {
  switch (text) {
    case "Visit":
    case "Waste":
    case "Expired":
    case "Sample":
    case "Return":
    case "Transfer":
      return text;
  }
  return KINDS.get(text.toLowerCase());
}

/**
 * Parses the Draws table (header row first). Built for speed: a practice's draws run to the
 * hundreds of thousands, so names already seen are looked up rather than normalised again.
 */
export function parseDraws(grid: Grid | null | undefined, options: ParseOptions = {}): DrawsTable {
  const system = options.dateSystem ?? 1900;
  const f = frame("Draws", grid, DRAWS, options.firstRow ?? 1);
  if ("rows" in f) return f;
  const { cols, names } = f;
  let visitDraws = 0;
  const rows: DrawRow[] = [];
  const products = new KeyCache(productKey);
  const lots = new KeyCache(lotKey);
  const places = new KeyCache(locationKey);
  // Visits get dense indices here, so per-visit totals are arrays, not maps, later on.
  const visitByKey = new Map<string, number>();
  // A visit's lines are usually entered together: the row before is the cheapest lookup.
  let lastVisit = "";
  let lastVisitIndex = -1;
  const unpriced: DrawRow[] = [];
  // Which visits have a priced line: a visit per row at most, and cut to the visits found.
  const priced = growable(Uint8Array, f.lastRow);
  const visitIds: string[] = [];
  const visitKeys: string[] = [];
  // Each row's visit, by its place in `rows`: room for every row of the grid, trimmed at the end.
  const visitOf = growable(Int32Array, f.lastRow);
  const repeats = new DrawRepeats(rows, f.lastRow, names);
  eachRow("Draws", f, grid!, cols.lot, (r, row, subtotal) => {
    const dateCell = get(r, cols.date);
    let time: Serial | null = null;
    if (typeof dateCell === "number" && dateCell >= 1 && dateCell <= MAX_SERIAL + 1) time = dateCell as Serial;
    else {
      const d = readDate(dateCell, row, names.date, system, false);
      if (d === null) addIssue(row, names.date, { code: "blank-date", of: "Draws" });
      else if (d) {
        time = d.serial;
        textDateWarning(row, names.date, d);
      }
    }
    const visit = textAt(r, cols.visit, row, names.visit);
    const patient = textAt(r, cols.patient, row, names.patient);
    const provider = textAt(r, cols.provider, row, names.provider);
    const service = textAt(r, cols.service, row, names.service);
    const product = textAt(r, cols.product, row, names.product);
    const lot = textAt(r, cols.lot, row, names.lot);
    lotNumberWarning(row, names.lot, get(r, cols.lot));
    const qtyCell = get(r, cols.qty);
    const qty = typeof qtyCell === "number" && qtyCell > 0 && Number.isInteger(qtyCell * 4)
      ? (qtyCell * QTY_ONE) as Qty
      : readQty(qtyCell, row, names.qty, "a quantity");
    if (qty === null) addIssue(row, names.qty, { code: "blank-qty", of: "Draws" });
    else if (qty !== undefined && qty <= 0) addIssue(row, names.qty, { code: "qty-not-positive", of: "Draws", qty });
    const unit = textAt(r, cols.unit, row, names.unit);
    const kindText = textAt(r, cols.kind, row, names.kind);
    let kind: DrawKind = "Visit";
    // An unknown kind is one error: the row is not also checked as the Visit draw it may not be.
    let knownKind = true;
    if (kindText) {
      const k = kindOf(kindText);
      if (k) kind = k;
      else {
        knownKind = false;
        addIssue(row, names.kind, { code: "unknown-kind", kind: kindText });
      }
    }
    const location = textAt(r, cols.location, row, names.location);
    const placeKey = location ? places.of(location) : "";
    const to = textAt(r, cols.to, row, names.to);
    const toKey = to ? places.of(to) : null;
    if (kind === "Transfer") {
      if (to === null) addIssue(row, names.to, { code: "transfer-without-to", hasToColumn: cols.to >= 0 });
      else if (to && toKey === placeKey) addIssue(row, names.to, { code: "transfer-to-same-location", from: location ?? null });
      if (lot === null) addIssue(row, names.lot, { code: "transfer-without-lot" });
    } else if (to && knownKind) {
      addIssue(row, names.to, { code: "to-without-transfer", to, kind });
    }
    const priceCell = get(r, cols.price);
    const price = typeof priceCell === "number" && Number.isFinite(priceCell)
      ? amountFromNumber(priceCell)
      : isBlank(priceCell) ? null : readMoney(priceCell, row, names.price);
    let visitIndex = -1;
    if (visit) {
      if (visit === lastVisit) visitIndex = lastVisitIndex;
      else {
        const key = visitKey(visit);
        visitIndex = visitByKey.get(key) ?? -1;
        if (visitIndex < 0) {
          visitIndex = visitIds.length;
          visitIds.push(visit);
          visitKeys.push(key);
          visitByKey.set(key, visitIndex);
        }
        lastVisit = visit;
        lastVisitIndex = visitIndex;
      }
    }
    if (kind === "Visit" && kindText !== undefined && knownKind) {
      visitDraws++;
      if (!visit && visit !== undefined && cols.visit >= 0) addIssue(row, names.visit, { code: "visit-without-id" });
      if (patient === null) addIssue(row, names.patient, { code: "blank-patient" });
    }
    if (product === null && lot === null) addIssue(row, names.product, { code: "blank-product-and-lot" });
    // A subtotal row names no draw: it is not checked against Lots as one.
    if (subtotal) subtotalRow(subtotal, "Draws", cols.headerText, row);
    const draw: DrawRow = {
      row: row.row, issues: row.issues, usable: row.usable,
      time, visit: visit ?? null, visitKey: visitIndex < 0 ? null : visitKeys[visitIndex], visitIndex, patient: patient ?? null, provider: provider ?? null, service: service ?? null,
      product: subtotal ? null : product ?? null, productKey: subtotal || !product ? null : products.of(product),
      lot: subtotal ? null : lot ?? null, lotKey: subtotal || !lot ? null : lots.of(lot),
      qty: qty ?? null, unit: unit ?? null, kind, price: price ?? null,
      location: location ?? null, locationKey: placeKey, to: to ?? null, toKey,
    };
    const at = rows.length;
    rows.push(draw);
    visitOf[at] = visitIndex;
    if (knownKind && !subtotal) repeats.check(draw, at);
    if (kind === "Visit" && visitIndex >= 0 && knownKind) {
      if (price === null) unpriced.push(draw);
      else priced[visitIndex] = 1;
    }
  });
  if (cols.visit < 0 && visitDraws > 0) {
    const tableErrors: Diagnostic[] = [...f.tableErrors, { table: "Draws", row: f.top, column: DRAWS.visit.name, ...coded({ code: "no-visit-column", visitDraws }) }];
    return { rows: [], tableErrors, columnNames: names, present: true };
  }
  return drawsTable(AppendList.owning(rows), {
    tableErrors: f.tableErrors, columnNames: names, present: true, visits: { ids: visitIds, byKey: visitByKey, unpriced, priced: cut(priced, visitIds.length) },
    visitOf: cut(visitOf, rows.length), located: cols.location >= 0, hasTo: cols.to >= 0,
  });
}

const rowLists = new WeakMap<DrawsTable, AppendList<DrawRow>>();

/**
 * A Draws table whose rows are `list`'s: the table of a ledger updated with a draw appended shares
 * the array of the rows before it (see `AppendList`) rather than copying a quarter of a million.
 */
export function drawsTable(list: AppendList<DrawRow>, parts: Omit<DrawsTable, "rows">): DrawsTable {
  const table: DrawsTable = {
    get rows() {
      return list.items;
    },
    tableErrors: parts.tableErrors, columnNames: parts.columnNames, present: parts.present, located: parts.located,
    visits: parts.visits, visitOf: parts.visitOf, hasTo: parts.hasTo,
  };
  rowLists.set(table, list);
  return table;
}

/** The rows of a Draws table as a list to extend: its own where `drawsTable` made it, else a copy. */
export function rowList(table: DrawsTable): AppendList<DrawRow> {
  return rowLists.get(table) ?? AppendList.owning(table.rows.slice());
}
