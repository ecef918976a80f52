import { replayProduct } from "./book";
import type { CountRow, DrawRow, ProductRow } from "./rows";
import { assembleLedger, givenTables, type Ledger, type LedgerInput } from "./ledger";
import { checkCounts, checkDraws, findBrokenLots, indexLots, indexSettings, lotsReadable, noDrawRefs } from "./resolve";
import { parseCounts, parseDraws, parseLots, parseProducts, type ParsedTable } from "./parse";
import { indexSites } from "./sites";

const EMPTY: ParsedTable<never> = { rows: [], tableErrors: [], columnNames: {}, present: false };

/**
 * Reads and cross-checks the four ledger tables.
 * @example const ledger = buildLedger({ lots: Lots, draws: Draws });
 */
export function buildLedger(input: LedgerInput): Ledger {
  const dateSystem = input.dateSystem ?? 1900;
  const given = givenTables(input);
  const top = input.firstRows ?? {};
  const lots = parseLots(input.lots, { dateSystem, firstRow: top.Lots });
  const draws = given.Draws ? parseDraws(input.draws, { dateSystem, firstRow: top.Draws }) : (EMPTY as ParsedTable<DrawRow>);
  const counts = given.Counts ? parseCounts(input.counts, { dateSystem, firstRow: top.Counts }) : (EMPTY as ParsedTable<CountRow>);
  const products = given.Products ? parseProducts(input.products, { firstRow: top.Products }) : (EMPTY as ParsedTable<ProductRow>);

  const settings = indexSettings(products);
  const { lotIndex, productIndex } = indexLots(lots, settings, dateSystem);
  const brokenLots = findBrokenLots(lots, lotIndex);
  const readable = lotsReadable(lots);
  const drawRefs = readable ? checkDraws(draws, lotIndex, productIndex, dateSystem, brokenLots) : noDrawRefs(draws.rows.length);
  const countOwner = readable ? checkCounts(counts, lotIndex, productIndex, brokenLots) : new Int32Array(counts.rows.length).fill(-1);
  const refs = { drawOwner: drawRefs.owner, drawLot: drawRefs.lot, countOwner };
  const sites = indexSites(lots, draws, counts, readable, { owner: drawRefs.owner, lot: drawRefs.lot, products: [...productIndex.values()] });
  const ledger = assembleLedger({ dateSystem, firstRows: top, lots, draws, counts, products, given, lotIndex, productIndex, brokenLots, sites, refs });
  // Posting: every draw and count is booked against its lot's cost layers now, once. Every result
  // but a lot's unit cost reads these books (and the errors only the replay finds), so a ledger is
  // built posted, as a double-entry ledger posts its entries before it shows a balance.
  for (const p of productIndex.values()) replayProduct(ledger, p);
  return ledger;
}
