import type { Cell, Grid } from "./cells";
import type { TableName } from "./diagnostic";
import { assembleLedger, givenTables, type Ledger, type LedgerInput } from "./ledger";
import {
  checkCounts, drawChecker, drawRef, findBrokenLots, indexLots, indexSettings, lotsReadable, NO_REF, refOf,
  type DrawRef, type DrawRefColumns, type Lot, type Product, type Refs,
} from "./resolve";
import { buildLedger } from "./build";
import { drawsTable, parseCounts, parseDraws, parseLots, rowIsBlank, rowList, type DrawsTable, type ParsedTable } from "./parse";
import { carryReplays, replayProduct, reviseTimeline, seedReplay, type Redrawn } from "./book";
import { rowPosition, type CountRow, type DrawRow, type LotRow, type RowBase } from "./rows";
import { arrivalChecker, indexSites, transferChecker, type Sites } from "./sites";
import type { StockKey } from "./stockKey";
import { AppendList, growable, grown } from "./_lib/grow";

/**
 * What changed in the tables since a ledger was made. For Draws, the grid rows (header = 0) whose
 * values differ, appended rows included; `"whole"` when that cannot be told (a sort, a deleted
 * row). Lots, Counts and Products are small: any change to them is read as the whole table.
 */
export type LedgerChange = Partial<Record<TableName, readonly number[] | "whole">>;

/** What an update did, for the derived results that can be brought up to date rather than redone. */
export interface Lineage {
  readonly prev: Ledger;
  /** Products whose books were posted again. */
  readonly touched: ReadonlySet<string>;
  /** Draws rows read again. */
  readonly redrawn: readonly Redrawn[];
}

const lineages = new WeakMap<Ledger, Lineage>();

/**
 * How many updates back a lineage is kept: what changed since a ledger further back is not told
 * (`changedSince` answers null). Each ledger holds the one before it, so without a limit a live
 * ledger would keep every ledger it ever made, and their tables, for as long as it runs.
 */
export const LINEAGE_STEPS = 16;

/** Lets go of the ledger `LINEAGE_STEPS + 1` updates before `ledger`. */
function forgetBefore(ledger: Ledger): void {
  let at: Ledger | undefined = ledger;
  for (let steps = 0; steps < LINEAGE_STEPS && at !== undefined; steps++) at = lineages.get(at)?.prev;
  if (at !== undefined) lineages.delete(at);
}

/** How `ledger` was made from an earlier one by `updateLedger`; `undefined` when built whole. */
export function lineageOf(ledger: Ledger): Lineage | undefined {
  return lineages.get(ledger);
}

const EMPTY: ParsedTable<never> = { rows: [], tableErrors: [], columnNames: {}, present: false };

/**
 * The ledger of `input`, made from `prev` (the ledger of the tables before `change`) by reading
 * again only what changed and posting again only the products it touches. Every result equals
 * `buildLedger(input)`'s; where a change could move anything else (a new header, a sort, a lot
 * moving between products, a visit's first line changing), the ledger is built whole instead.
 * @example const next = updateLedger(prev, { lots, draws }, { Draws: [250001] }); // one row appended
 */
export function updateLedger(prev: Ledger, input: LedgerInput, change: LedgerChange): Ledger {
  return tryUpdate(prev, input, change) ?? buildLedger(input);
}

function tryUpdate(prev: Ledger, input: LedgerInput, change: LedgerChange): Ledger | null {
  const dateSystem = input.dateSystem ?? 1900;
  const given = givenTables(input);
  const tables: readonly TableName[] = ["Lots", "Draws", "Counts", "Products"];
  const top = input.firstRows ?? {};
  if (dateSystem !== prev.dateSystem || tables.some((t) => given[t] !== prev.given[t] || top[t] !== prev.firstRows[t])) return null;
  if (change.Products || change.Draws === "whole" || !given.Draws) return null;
  if (!lotsReadable(prev.lots) || !prev.draws.present || !prev.draws.visits) return null;
  if (prev.draws.tableErrors.some((d) => d.severity === "error")) return null;

  // Lots: read again whole; the products whose lots read the same keep their objects and books.
  const touched = new Set<string>();
  const touchedLots = new Set<string>();
  let { lots, lotIndex, productIndex, brokenLots, sites } = prev;
  // Where the workbook keeps stock at several locations, a change to Lots or Counts can move where
  // lots arrive and which locations exist: such a change is built whole. A Location column that
  // names no location yet (the starter workbook's) is one place, as without the column, until a
  // change names one.
  const blank = prev.sites.located && !prev.sites.tracked;
  const names = (rows: readonly { readonly location: string | null }[]) => rows.some((r) => r.location !== null);
  if (prev.sites.tracked && (change.Lots || change.Counts)) return null;
  if (change.Lots) {
    lots = parseLots(input.lots, { dateSystem, firstRow: top.Lots });
    if (!lotsReadable(lots) || !!lots.located !== !!prev.lots.located || (blank && names(lots.rows))) return null;
    sites = { ...indexSites(lots, EMPTY, EMPTY, false), located: prev.sites.located };
    const fresh = indexLots(lots, indexSettings(prev.products, false), dateSystem);
    const merged = reuseProducts(prev, fresh, touched, touchedLots);
    if (!merged) return null;
    ({ lotIndex, productIndex } = merged);
    brokenLots = findBrokenLots(lots, lotIndex);
    for (const key of new Set([...prev.brokenLots.keys(), ...brokenLots.keys()])) {
      if (prev.brokenLots.get(key)?.row !== brokenLots.get(key)?.row) touchedLots.add(key);
    }
  }
  // The products by index, as what the rows refer to is read (see `refOf`).
  const products = [...productIndex.values()];

  // Counts: read again whole (a practice counts in thousands, not hundreds of thousands).
  let counts = prev.counts;
  let countOwner = prev.refs.countOwner;
  if (change.Counts || change.Lots) {
    counts = given.Counts ? parseCounts(input.counts, { dateSystem, firstRow: top.Counts }) : (EMPTY as ParsedTable<CountRow>);
    if (!!counts.located !== !!prev.counts.located || (blank && names(counts.rows))) return null;
    countOwner = checkCounts(counts, lotIndex, productIndex, brokenLots);
    const before = countPrints(prev.counts.rows, prev.refs.countOwner, prev.productList);
    const after = countPrints(counts.rows, countOwner, products);
    for (const key of new Set([...before.keys(), ...after.keys()])) if (before.get(key) !== after.get(key)) touched.add(key);
  }

  // Draws: the changed rows, and every row naming a lot or product whose Lots rows changed.
  const grid = input.draws!;
  const drawsTop = top.Draws ?? 1;
  const wanted = new Set<number>(change.Draws ?? []);
  if (wanted.has(0)) return null;
  if (touched.size > 0 || touchedLots.size > 0) {
    const rows = prev.draws.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const owner = prev.refs.drawOwner[i];
      if ((row.lotKey !== null && touchedLots.has(row.lotKey)) || (row.productKey !== null && touched.has(row.productKey)) || (owner >= 0 && touched.has(prev.productList[owner].key))) {
        wanted.add(row.row - drawsTop);
      }
    }
  }
  const check = siteChecks(sites, prev.draws.columnNames, drawChecker(prev.draws.columnNames, lotIndex, productIndex, dateSystem, brokenLots));
  const redrawn = wanted.size > 0
    ? redraw(prev, products, grid, [...wanted].sort((a, b) => a - b), dateSystem, drawsTop, check)
    : { rows: rowList(prev.draws), visits: prev.draws.visits, visitOf: prev.draws.visitOf, refs: { owner: prev.refs.drawOwner, lot: prev.refs.drawLot }, pairs: [] };
  if (!redrawn) return null;
  // A transfer, a location not seen before or an edited row may change where lots arrive: built whole.
  if (sites.tracked && redrawn.pairs.some(({ before, after }) => before !== null || after.kind === "Transfer" || (after.location !== null && !sites.names.has(after.locationKey)))) return null;
  if (blank && redrawn.pairs.some(({ after }) => after.location !== null || after.kind === "Transfer")) return null;

  for (const { before, after, was, now } of redrawn.pairs) {
    for (const owner of [was.owner, now.owner]) if (owner) touched.add(owner.key);
    for (const row of [before, after]) if (row?.productKey) touched.add(row.productKey);
  }
  // Not a spread of the table before: that would read its rows, which the new ones may have grown past (a copy).
  const { tableErrors, columnNames, present, located, hasTo } = prev.draws;
  const draws = drawsTable(redrawn.rows, { tableErrors, columnNames, present, located, hasTo, visits: redrawn.visits, visitOf: redrawn.visitOf });
  // The rows with issues and with errors: the earlier lists, less the rows read again, plus those of them that have any now.
  const gone = new Set<DrawRow>(redrawn.pairs.flatMap((p) => (p.before ? [p.before] : [])));
  const without = (rows: readonly RowBase[]) => (gone.size === 0 ? (rows as readonly DrawRow[]) : (rows as readonly DrawRow[]).filter((r) => !gone.has(r)));
  const afters = redrawn.pairs.flatMap((p) => (p.after.issues ? [p.after] : [])).sort((a, b) => a.row - b.row);
  const flagged = mergeByRow(without(prev.flagged.Draws), afters);
  const unusable = mergeByRow(without(prev.unusable.Draws), afters.filter((r) => !r.usable));
  const refs: Refs = { drawOwner: redrawn.refs.owner, drawLot: redrawn.refs.lot, countOwner };
  const next = assembleLedger({ dateSystem, firstRows: prev.firstRows, lots, draws, counts, products: prev.products, given: prev.given, lotIndex, productIndex, brokenLots, sites, refs }, { flagged, unusable });
  const kept = products.filter((p) => !touched.has(p.key) && prev.productIndex.get(p.key) === p);
  carryReplays(prev, next, kept);
  // Draws edited in place or appended in time order revise their product's timeline; the books
  // are then posted anew from it.
  if (!change.Lots && !change.Counts) {
    const changesOf = new Map<string, Redrawn[]>();
    for (const pair of redrawn.pairs) {
      for (const key of new Set([pair.was.owner?.key, pair.now.owner?.key])) {
        if (key) changesOf.set(key, [...(changesOf.get(key) ?? []), pair]);
      }
    }
    for (const key of touched) {
      const p = productIndex.get(key);
      if (p && reviseTimeline(prev, next, p, changesOf.get(key) ?? [])) seedReplay(prev, next, p);
    }
  }
  for (const p of productIndex.values()) replayProduct(next, p);
  lineages.set(next, { prev, touched, redrawn: redrawn.pairs });
  forgetBefore(next);
  return next;
}

/** The checks of a Draws row read again: against Lots, then against the workbook's locations. */
type DrawCheck = (row: DrawRow, at: number, refs: DrawRefColumns) => void;

function siteChecks(sites: Sites, names: Readonly<Record<string, string>>, againstLots: DrawCheck): DrawCheck {
  const transfer = transferChecker(sites, names);
  const arrival = arrivalChecker(sites, names);
  return (row, at, refs) => {
    againstLots(row, at, refs);
    transfer(row);
    arrival(row);
  };
}

/**
 * Puts the products of a re-read Lots table in place of the previous ones: a product whose lots,
 * receipts and settings read the same keeps its objects (so its draws and books stay valid); the
 * others are noted as touched, with their lots. `null` when products moved in order.
 */
function reuseProducts(prev: Ledger, fresh: { productIndex: Map<string, Product>; lotIndex: Map<StockKey, Lot> }, touched: Set<string>, touchedLots: Set<string>): { lotIndex: Map<StockKey, Lot>; productIndex: Map<string, Product> } | null {
  const productIndex = new Map<string, Product>();
  for (const p of fresh.productIndex.values()) {
    const old = prev.productIndex.get(p.key);
    const keep = old !== undefined && sameProduct(old, p);
    if (!keep) {
      // A product's position orders the books' columns: a new product anywhere but last moves the others.
      if (old !== undefined ? old.index !== p.index : p.index < prev.productIndex.size) return null;
      touched.add(p.key);
      for (const l of [...p.lots, ...(old?.lots ?? [])]) touchedLots.add(l.key);
    }
    productIndex.set(p.key, keep ? old! : p);
  }
  for (const old of prev.productIndex.values()) {
    if (fresh.productIndex.has(old.key)) continue;
    touched.add(old.key);
    for (const l of old.lots) touchedLots.add(l.key);
    return null; // a product gone from Lots shifts the positions of those after it
  }
  // Lots in the order the whole build indexes them (by receipt), each the object its product holds.
  const lotIndex = new Map<StockKey, Lot>();
  for (const [key, lot] of fresh.lotIndex) lotIndex.set(key, productIndex.get(lot.productKey)!.lots[lot.index]);
  return { lotIndex, productIndex };
}

function sameProduct(a: Product, b: Product): boolean {
  if (a.name !== b.name || a.index !== b.index || a.settings !== b.settings || a.lots.length !== b.lots.length) return false;
  for (let i = 0; i < a.lots.length; i++) {
    const x = a.lots[i];
    const y = b.lots[i];
    if (x.key !== y.key || x.lot !== y.lot || x.expires !== y.expires || x.received !== y.received || x.unit !== y.unit) return false;
    if (x.receipts.length !== y.receipts.length) return false;
    for (let j = 0; j < x.receipts.length; j++) if (!sameReceipt(x.receipts[j], y.receipts[j])) return false;
  }
  return true;
}

function sameReceipt(a: LotRow, b: LotRow): boolean {
  return a.row === b.row && a.qty === b.qty && a.unitCost === b.unitCost && a.totalCost === b.totalCost && a.received === b.received &&
    a.supplier === b.supplier && a.po === b.po && a.product === b.product && a.location === b.location && JSON.stringify(a.issues) === JSON.stringify(b.issues);
}

/**
 * Each product's counts as they bear on its books, one string per product: by the product each
 * counts a lot of (`owners`, by position), else the one it names.
 */
function countPrints(rows: readonly CountRow[], owners: Int32Array, products: readonly Product[]): Map<string, string> {
  const prints = new Map<string, string>();
  rows.forEach((r, at) => {
    const key = owners[at] >= 0 ? products[owners[at]].key : r.productKey;
    if (key === null) return;
    const print = `${r.row}|${r.time}|${r.timed}|${r.lotKey}|${r.counted}|${r.usable}|${r.by}|${r.note}|${r.location}|${JSON.stringify(r.issues)}`;
    prints.set(key, (prints.get(key) ?? "") + "\n" + print);
  });
  return prints;
}

/**
 * Reads the named grid rows of Draws again, in place of the rows they were, with the visits of
 * the table as they stand. The other lines of a draw's visit are read again with it, so that the
 * visit's pricing is read whole. (Draws that repeat another are found when asked for, from the
 * rows as they stand: see `drawRepeats`.) `null` when a
 * row's new reading could move anything else: a totals row, a visit's first line, a row inserted
 * among others with a visit not seen before.
 */
function redraw(prev: Ledger, products: readonly Product[], grid: Grid, indices: readonly number[], dateSystem: Ledger["dateSystem"], top: number, check: DrawCheck) {
  const old = prev.draws.rows;
  // The rows appended below may be pushed onto this very array (see `AppendList`): its length now.
  const oldLength = old.length;
  const lastParsed = oldLength > 0 ? old[oldLength - 1].row - top : 0;
  const wanted = new Set(indices);
  // A row beyond the last one read, with unchanged rows between that were skipped (a totals row): read whole.
  const firstNew = indices.find((i) => i > lastParsed);
  if (firstNew !== undefined) {
    for (let i = lastParsed + 1; i < firstNew; i++) if (!wanted.has(i) && !rowIsBlank(grid[i])) return null;
  }
  const headerProblems = (t: DrawsTable) => t.tableErrors.filter((d) => d.code !== "totals-row").length;
  const first = parseSome(grid, wanted, dateSystem, top);
  if (headerProblems(first) !== headerProblems(prev.draws)) return null;
  // The visits already in the table that the rows read belong to (a new visit has no other lines).
  const visits = prev.draws.visits!;
  const marked = new Uint8Array(visits.ids.length);
  let anyMarked = false;
  const note = (r: DrawRow | null) => {
    if (r === null || r.visitKey === null) return;
    const v = visits.byKey.get(r.visitKey);
    if (v !== undefined) [marked[v], anyMarked] = [1, true];
  };
  for (const r of first.rows) note(r);
  for (const i of indices) {
    const pos = findRow(old, i + top);
    if (pos >= 0) note(old[pos]);
  }
  if (anyMarked) for (const i of linesOf(visitColumn(prev.draws), marked)) wanted.add(old[i].row - top);
  const all = [...wanted].sort((a, b) => a - b);
  const mini = wanted.size === indices.length ? first : parseSome(grid, wanted, dateSystem, top);
  if (headerProblems(mini) !== headerProblems(prev.draws) || !mini.visits) return null;

  // Visits not seen before, numbered after the table's.
  const newIds: string[] = [];
  let byKey: VisitKeys | null = null;
  const readRows = new Map<number, DrawRow>();
  // What each row read refers to, by the row.
  const fresh = new Map<DrawRow, DrawRef>();
  const checked: DrawRefColumns = { owner: new Int32Array(1), lot: new Int32Array(1) };
  for (const r of mini.rows) {
    const at = r.row - top;
    let visitIndex = -1;
    if (r.visitKey !== null) {
      visitIndex = (byKey ?? visits.byKey).get(r.visitKey) ?? -1;
      if (visitIndex < 0) {
        // A visit not seen before gets the next index only where it is also the last in the table.
        if (at <= lastParsed) return null;
        byKey ??= VisitKeys.over(visits.byKey);
        visitIndex = visits.ids.length + newIds.length;
        newIds.push(r.visit!);
        byKey.set(r.visitKey, visitIndex);
      }
    }
    const row = visitIndex === r.visitIndex ? r : { ...r, visitIndex };
    check(row, 0, checked);
    const ref = refOf(products, checked.owner[0], checked.lot[0]);
    // A line read again only because it shares a visit with one that changed, and reading the
    // same, stays the row it was: its product's books are not posted again.
    const pos = findRow(old, at + top);
    const reading = pos >= 0 && sameDraw(old[pos], row) && sameRef(drawRef(prev, pos), ref) ? old[pos] : row;
    readRows.set(at, reading);
    fresh.set(reading, ref);
  }
  const pairs: Redrawn[] = [];
  // Rows read again in place make a copy of the list to change; rows only appended (a draw
  // recorded) are gathered, then put at the end of the list, which grows without a copy.
  const inPlace = all.some((at) => findRow(old, at + top) >= 0);
  const rows = inPlace ? old.slice() : [];
  let appended = 0;
  for (const at of all) {
    const after = readRows.get(at) ?? null;
    if (after === null && !rowIsBlank(grid[at])) return null; // a row the parser skipped: a totals row
    const pos = findRow(old, at + top);
    const before = pos >= 0 ? old[pos] : null;
    if (before === after) continue;
    // An emptied row closes up the rows after it: their places, which the books, the groupings
    // and these columns keep by position, would all move. Rare (a row cleared): read whole.
    if (after === null) return null;
    if (before === null) {
      if (at <= lastParsed) return null; // a row filled in among others: read whole
      rows.push(after);
      pairs.push({ before, after, was: NO_REF, now: fresh.get(after)!, at: oldLength + appended++ });
    } else {
      // A line moved to another visit may have been its first line, which orders the visits.
      if (before.visitKey !== after.visitKey) return null;
      rows[pos] = after;
      pairs.push({ before, after, was: drawRef(prev, pos), now: fresh.get(after)!, at: pos });
    }
  }
  const kept = inPlace ? AppendList.owning(rows) : rowList(prev.draws).concat(rows);
  // The rows keep their places (lines edited in place, others appended): so does the visit column,
  // grown at its end for rows appended (see `grown`), copied for rows edited.
  let visitOf: Int32Array | undefined;
  if (prev.draws.visitOf) {
    visitOf = inPlace ? prev.draws.visitOf.slice() : grown(prev.draws.visitOf, kept.length);
    for (const p of pairs) visitOf[p.at] = p.after.visitIndex;
  }
  // Every line of a visit read again was read together, so the parser's word on its prices stands.
  const ids = newIds.length > 0 ? visits.ids.concat(newIds) : visits.ids;
  const newByKey = byKey ?? visits.byKey;
  const miniVisits = mini.visits;
  const known = [...miniVisits.byKey.keys()].some((key) => newByKey.get(key)! < visits.ids.length);
  // A visit already in the table changes a value the ledger before shares: copied, not grown.
  const priced = known ? new Uint8Array(ids.length) : grown(visits.priced, ids.length);
  if (known) priced.set(visits.priced);
  for (const [key, m] of miniVisits.byKey) {
    const v = newByKey.get(key)!;
    priced[v] = miniVisits.priced[m] === 1 ? 1 : 0;
  }
  const unpriced = mergeByRow(
    visits.unpriced.filter((r) => r.visitKey === null || !miniVisits.byKey.has(r.visitKey)),
    miniVisits.unpriced.map((r) => readRows.get(r.row - top)!),
  );
  return { rows: kept, visits: { ids, byKey: newByKey, unpriced, priced }, visitOf, refs: refsOf(prev.refs, oldLength, kept.length, pairs, !inPlace), pairs };
}

/**
 * What the rows refer to, by position: the old rows (`oldLength` of them, whose columns are
 * `refs`) with the rows read again (`redrawn`) in their places, `length` in all.
 * `onlyAppended`: no old row changed, so the columns grow at their end (see `grown`) and nothing
 * is copied.
 */
function refsOf(refs: Refs, oldLength: number, length: number, redrawn: readonly Redrawn[], onlyAppended: boolean): DrawRefColumns {
  let owner: Int32Array;
  let lot: Int32Array;
  if (onlyAppended) {
    owner = grown(refs.drawOwner, length);
    lot = grown(refs.drawLot, length);
  } else {
    owner = growable(Int32Array, length);
    lot = growable(Int32Array, length);
    owner.set(refs.drawOwner.subarray(0, oldLength));
    lot.set(refs.drawLot.subarray(0, oldLength));
  }
  for (const { at, now } of redrawn) {
    owner[at] = now.owner?.index ?? -1;
    lot[at] = now.lot?.index ?? -1;
  }
  return { owner, lot };
}

function sameRef(a: DrawRef, b: DrawRef): boolean {
  return a.owner === b.owner && a.lot === b.lot;
}

/**
 * Parses only the grid rows named, each keeping its row number: a run of rows as a grid of its
 * own, placed by its first row; rows here and there as the whole grid with the others read as blank.
 */
function parseSome(grid: Grid, rows: ReadonlySet<number>, dateSystem: Ledger["dateSystem"], top: number): DrawsTable {
  let first = Infinity;
  let last = 0;
  for (const i of rows) {
    if (i > last) last = i;
    if (i < first) first = i;
  }
  if (last - first + 1 === rows.size) {
    const run: (readonly Cell[])[] = [grid[0]];
    for (let i = first; i <= last; i++) run.push(grid[i] ?? []);
    return parseDraws(run, { dateSystem, firstRow: first + top - 1 });
  }
  const blank: readonly Cell[] = [];
  const some: (readonly Cell[])[] = new Array(last + 1);
  some[0] = grid[0];
  for (let i = 1; i <= last; i++) some[i] = rows.has(i) ? grid[i] ?? blank : blank;
  return parseDraws(some, { dateSystem, firstRow: top });
}

/** Each Draws row's visit index, by position (the parser's column, else made once). */
function visitColumn(draws: DrawsTable): Int32Array {
  return draws.visitOf ?? Int32Array.from(draws.rows, (r) => r.visitIndex);
}

/** Positions of the rows whose visit is marked. */
function linesOf(visitOf: Int32Array, marked: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < visitOf.length; i++) {
    const v = visitOf[i];
    if (v >= 0 && marked[v] === 1) out.push(i);
  }
  return out;
}

/** Two lists of rows, each in row order, as one in row order (`a` itself when `b` adds nothing). */
function mergeByRow(a: readonly DrawRow[], b: readonly DrawRow[]): readonly DrawRow[] {
  if (b.length === 0) return a;
  if (a.length === 0 || a[a.length - 1].row < b[0].row) return [...a, ...b];
  const out: DrawRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].row <= b[j].row) ? a[i++] : b[j++]);
  return out;
}

/** Two readings of a Draws row that say the same in every field, its problems included (what it refers to is `sameRef`'s). */
function sameDraw(a: DrawRow, b: DrawRow): boolean {
  return a.row === b.row && a.time === b.time && a.visit === b.visit && a.visitKey === b.visitKey && a.visitIndex === b.visitIndex &&
    a.patient === b.patient && a.provider === b.provider && a.service === b.service && a.product === b.product &&
    a.productKey === b.productKey && a.lot === b.lot && a.lotKey === b.lotKey && a.qty === b.qty && a.unit === b.unit &&
    a.kind === b.kind && a.price === b.price && a.location === b.location && a.to === b.to && a.usable === b.usable &&
    JSON.stringify(a.issues) === JSON.stringify(b.issues);
}

/** The position of the Draws row numbered `rowNumber`, −1 when there is none. */
function findRow(rows: readonly DrawRow[], rowNumber: number): number {
  const at = rowPosition(rows, rowNumber);
  return at < rows.length && rows[at].row === rowNumber ? at : -1;
}


/**
 * Visits by key: the table's as they were, and those added since, kept aside. A practice adds a
 * visit with nearly every draw it records, and copying a map of a hundred thousand visits for each
 * would cost more than the rest of the update; the few added are folded in once they are many.
 */
class VisitKeys implements ReadonlyMap<string, number> {
  private constructor(
    private readonly base: ReadonlyMap<string, number>,
    private readonly added: Map<string, number>,
  ) {}

  static over(keys: ReadonlyMap<string, number>): VisitKeys {
    if (keys instanceof VisitKeys) {
      if (keys.added.size < 4096) return new VisitKeys(keys.base, new Map(keys.added));
      return new VisitKeys(new Map(keys), new Map());
    }
    return new VisitKeys(keys, new Map());
  }

  set(key: string, index: number): void {
    this.added.set(key, index);
  }

  get(key: string): number | undefined {
    return this.base.get(key) ?? this.added.get(key);
  }

  has(key: string): boolean {
    return this.base.has(key) || this.added.has(key);
  }

  get size(): number {
    return this.base.size + this.added.size;
  }

  *entries(): MapIterator<[string, number]> {
    yield* this.base.entries();
    yield* this.added.entries();
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<number> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(each: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [k, v] of this.entries()) each(v, k, this);
  }
}
