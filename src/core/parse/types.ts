import type { Diagnostic } from "../diagnostic";
import type { DateSystem } from "../dates";
import type { DrawRow } from "../rows";

/** What parsing one table gives: its rows, or the reason the table as a whole cannot be read. */
export interface ParsedTable<R> {
  readonly rows: readonly R[];
  /** Problems with the table as a whole (no header row, a required column missing). */
  readonly tableErrors: Diagnostic[];
  /** Header texts as the user wrote them, by field, for messages. */
  readonly columnNames: Readonly<Record<string, string>>;
  readonly present: boolean;
  /** True when the table has a Location column (Lots, Draws, Counts). */
  readonly located?: boolean;
}

/** The visits of the Draws table, each with a dense index (the first spelling is shown). */
export interface VisitIndex {
  readonly ids: readonly string[];
  /** By the case-insensitive key (the id in upper case). */
  readonly byKey: ReadonlyMap<string, number>;
  /** Visit draws without a price, and which visits have a priced line (1), for the blank-price warning. */
  readonly unpriced: readonly DrawRow[];
  readonly priced: Uint8Array;
}

/**
 * The parsed Draws table and its visits. Its `rows` may be a list a later table extends at its end
 * (see `drawsTable`): read them when you use them rather than keep the array.
 */
export interface DrawsTable extends ParsedTable<DrawRow> {
  readonly visits?: VisitIndex;
  /** Each row's visit index, by its place in `rows` (−1 without a visit): a visit's lines found without touching every row. */
  readonly visitOf?: Int32Array;
  /** True when the table has a To column (a Transfer's destination). */
  readonly hasTo?: boolean;
  /**
   * What the parse saw of locations, so they are not looked for in every row again: each location
   * a Location cell names (by key, as first written, in the order first seen) and the positions of
   * the Transfer rows. Absent from a table an update made (see `updateLedger`).
   */
  readonly placed?: PlacedDraws;
  /**
   * The lots the parse saw: each lot key once (`keys`), and each row's lot by its index among
   * them (`lotOf`, −1 for none), so that a check of every row finds each lot once, not once a row.
   * Absent from a table an update made.
   */
  readonly lotted?: { readonly keys: readonly string[]; readonly lotOf: Int32Array };
}

/** The locations and transfers of a Draws table (see `DrawsTable.placed`). */
export interface PlacedDraws {
  readonly names: ReadonlyMap<string, string>;
  readonly transfers: readonly number[];
  /**
   * Each row's location, by its place in `rows`: the index of its key among `names`' keys, in
   * their order (−1 for a blank Location). Lets a check of every row's location read no row.
   */
  readonly siteOf: Int32Array;
}

export interface ParseOptions {
  readonly dateSystem?: DateSystem;
  /**
   * The worksheet row of the header row, so rows are numbered as the sheet numbers them (a table
   * under a title starts lower down). Default 1: rows counted in the range passed, header = 1.
   */
  readonly firstRow?: number;
}
