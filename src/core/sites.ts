import { fail, ok, type Result } from "./result";
import { locationKey } from "./names";
import { addIssue, type RowBase } from "./rows";
import type { PlacedDraws } from "./parse";

// The fields of the parsed rows this file reads (Lots, Draws and Counts rows all have them).
interface PlacedRow extends RowBase {
  readonly lot: string | null;
  readonly lotKey: string | null;
  readonly location: string | null;
  readonly locationKey: string;
}
interface MovingRow extends PlacedRow {
  readonly kind: string;
  readonly to: string | null;
  readonly toKey: string | null;
}
interface Table<R> {
  readonly rows: readonly R[];
  readonly located?: boolean;
  /** True when the table has a To column (Draws): without one, no draw moves stock anywhere. */
  readonly hasTo?: boolean;
  readonly columnNames: Readonly<Record<string, string>>;
  /** Draws: the locations and transfers its parse found, when it did (else its rows are read for them). */
  readonly placed?: PlacedDraws;
}

/**
 * The locations of a workbook (see the README, "Locations"): stock is held per (lot, location),
 * and a workbook without a Location column holds everything at the one unnamed location, `""`.
 */
export interface Sites {
  /**
   * True when a Location column of Lots, Draws or Counts names a location: results then say where.
   * A Location column left blank keeps a one-site workbook exactly as it is without the column.
   */
  readonly tracked: boolean;
  /** True when Lots, Draws or Counts has a Location column, blank or not. */
  readonly located: boolean;
  /** Every location named in a Location column, by key, as first written. */
  readonly names: ReadonlyMap<string, string>;
  /**
   * Where stock arrives, by lot key: the location keys each lot arrives at (by a receipt, or a
   * usable transfer's destination), in the order first seen.
   */
  readonly at: ReadonlyMap<string, readonly string[]>;
}

/** The display name of a location key: as first written, or "the unnamed location" for blank. */
export function siteName(sites: Sites, key: string): string {
  return key === "" ? "the unnamed location" : (sites.names.get(key) ?? key);
}

/**
 * What each Draws row refers to, by position (see `Refs`): the index of its product and of its
 * lot among the product's lots (−1 for none), and the products by index with their lots' keys.
 */
export interface DrawLots {
  readonly owner: Int32Array;
  readonly lot: Int32Array;
  readonly products: readonly { readonly lots: readonly { readonly key: string }[] }[];
}

/**
 * Reads the locations of the three tables and checks the rows that use them: a transfer to a
 * location no table names is an error on its To cell; a draw, transfer or count at a location
 * where its lot never arrives (no receipt there, no transfer to it) is an error on its Location cell.
 * `drawLots`, when given, finds each draw's lot by its position rather than by its key.
 * @example indexSites(lots, draws, counts).at.get("C3709C3") // ["", "suite b"]
 */
export function indexSites(lots: Table<PlacedRow>, draws: Table<MovingRow>, counts: Table<PlacedRow>, check = true, drawLots?: DrawLots): Sites {
  const located = !!(lots.located || draws.located || counts.located);
  const names = new Map<string, string>();
  const rows = draws.rows;
  // The transfers are found in the same pass over the draws as their locations' names, and
  // checked once every name is known (a transfer may go to a location named further down).
  const transfers: number[] = [];
  if (located) nameLocations(lots.rows, names);
  const placed = draws.placed;
  if (placed) {
    if (located) for (const [key, name] of placed.names) if (!names.has(key)) names.set(key, name);
    if (draws.hasTo) transfers.push(...placed.transfers);
  } else if (located || draws.hasTo) nameLocations(rows, located ? names : null, draws.hasTo ? transfers : null);
  if (located) nameLocations(counts.rows, names);
  const tracked = names.size > 0;
  const at = new Map<string, string[]>();
  // Each location key as the Draws rows hold it, one text for each: a draw's location is then
  // compared with where its lot arrives (a quarter of a million times) as the same text, at once.
  const same = new Map<string, string>();
  if (placed) for (const key of placed.names.keys()) same.set(key, key);
  for (const r of lots.rows) if (r.lotKey !== null) arrive(at, r.lotKey, same.get(r.locationKey) ?? r.locationKey);
  const sites: Sites = { tracked, located, names, at };
  // Without a readable Lots table every lot is unknown already: its own error says it all.
  if (!check) return sites;
  const checkTransfer = transferChecker(sites, draws.columnNames);
  // A transfer without a To cell goes nowhere (and is an error of its own, from the parse).
  for (const i of transfers) {
    const r = rows[i];
    checkTransfer(r);
    if (r.usable && r.lotKey !== null && r.toKey !== null) arrive(at, r.lotKey, same.get(r.toKey) ?? r.toKey);
  }
  if (!tracked) return sites;
  if (drawLots) checkArrivals(rows, drawLots, sites, draws.columnNames, placed?.siteOf.length === rows.length ? placed : null);
  else {
    const checkDraw = arrivalChecker(sites, draws.columnNames);
    for (let i = 0; i < rows.length; i++) checkDraw(rows[i]);
  }
  const checkCount = arrivalChecker(sites, counts.columnNames);
  for (const r of counts.rows) checkCount(r);
  return sites;
}

/** Notes that a lot arrives at a location (by their keys). */
function arrive(at: Map<string, string[]>, lotKey: string, location: string): void {
  const list = at.get(lotKey);
  if (!list) at.set(lotKey, [location]);
  else if (!list.includes(location)) list.push(location);
}

/**
 * Notes each location some rows name, as first written (when `names` is given), and the positions
 * of the Transfer rows among them (when `transfers` is): one indexed pass over the rows for both.
 */
function nameLocations(rows: readonly (PlacedRow & { readonly kind?: string })[], names: Map<string, string> | null, transfers: number[] | null = null): void {
  // Rows of one location come in runs: a key like the row before's is already noted.
  let last: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (transfers !== null && r.kind === "Transfer") transfers.push(i);
    if (names === null || r.location === null || r.locationKey === last) continue;
    last = r.locationKey;
    if (!names.has(last)) names.set(last, r.location);
  }
}

/**
 * `arrivalChecker` over every draw, each lot's locations found by the draw's position: listed
 * once per lot, by product and lot index, rather than looked up by key for each of a quarter of a
 * million rows. With the parse's location of each row (`placed`), a draw whose lot arrives at its
 * location is passed by a bit of its lot's mask, and only the others are read.
 */
function checkArrivals(rows: readonly MovingRow[], drawLots: DrawLots, sites: Sites, names: Readonly<Record<string, string>>, placed: PlacedDraws | null): void {
  const none: readonly string[] = [];
  const where = drawLots.products.map((p) => p.lots.map((l) => sites.at.get(l.key) ?? none));
  const byKey = arrivalChecker(sites, names);
  const siteKeys = placed ? [...placed.names.keys()] : [];
  if (placed && siteKeys.length < 31) {
    // Bit 0: the blank location; bit s + 1: the location of index s.
    const masks = where.map((lots) => {
      const mask = new Int32Array(lots.length);
      for (let l = 0; l < lots.length; l++) {
        mask[l] = lots[l].includes("") ? 1 : 0;
        for (let s = 0; s < siteKeys.length; s++) if (lots[l].includes(siteKeys[s])) mask[l] |= 1 << (s + 1);
      }
      return mask;
    });
    const siteOf = placed.siteOf;
    for (let i = 0; i < rows.length; i++) {
      const p = drawLots.owner[i];
      const l = drawLots.lot[i];
      if (p < 0 || l < 0 || ((masks[p][l] >>> (siteOf[i] + 1)) & 1) === 0) byKey(rows[i]);
    }
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row.usable || row.lotKey === null) continue;
    const p = drawLots.owner[i];
    const l = drawLots.lot[i];
    // A usable row that names a lot has found it; any other is checked by its key, as before.
    if (p < 0 || l < 0 || !where[p][l].includes(row.locationKey)) byKey(row);
  }
}

/** Checks a Transfer's destination against the locations the tables name. */
export function transferChecker(sites: Sites, names: Readonly<Record<string, string>>): (row: MovingRow) => void {
  return (row) => {
    if (row.kind !== "Transfer" || !row.usable || row.toKey === null || sites.names.has(row.toKey)) return;
    addIssue(row, names.to, { code: sites.located ? "unknown-location" : "transfer-without-locations", to: row.to! });
  };
}

/** Checks that a draw's or count's lot ever arrives at its location. */
export function arrivalChecker(sites: Sites, names: Readonly<Record<string, string>>): (row: PlacedRow) => void {
  return (row) => {
    // By lot, then among its few locations: no stock key text is built for each row.
    if (!sites.tracked || !row.usable || row.lotKey === null || sites.at.get(row.lotKey)?.includes(row.locationKey)) return;
    addIssue(row, names.location, { code: "lot-never-arrives", lotNumber: row.lot!, location: row.location });
  };
}

/**
 * The location a result is asked for: `null` (all locations together) when blank, else its key.
 * A location given to a workbook without a Location column, or one no table names, is an error.
 * @example whereAsked(ledger, "Suite B") // { ok: true, value: "suite b" }
 */
export function whereAsked(ledger: { readonly sites: Sites }, location: string | null | undefined): Result<string | null> {
  if (location == null || location.trim() === "") return ok(null);
  const sites = ledger.sites;
  if (!sites.tracked) {
    return fail("value", sites.located
      ? "location: no Location cell of Lots, Draws or Counts names a location yet, so all the stock is in one place; leave location out"
      : "location: this workbook has no Location column in Lots, Draws or Counts, so all its stock is in one place; leave location out");
  }
  const key = locationKey(location);
  if (!sites.names.has(key)) {
    const known = [...sites.names.values()].join(", ");
    return fail("value", `location: '${location.trim()}' is not a location in Lots, Draws or Counts${known ? ` (they name ${known})` : ""}`);
  }
  return ok(key);
}

/** What a list entry says of where it is: its location's name, only where the workbook keeps locations. */
export function placeOf(sites: Sites, location: string | null): { location?: string } {
  return sites.tracked ? { location: location ?? "" } : {};
}
