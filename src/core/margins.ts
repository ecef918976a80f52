import { failureOf } from "./blocking";
import type { Serial } from "./dates";
import { diagnosticsPrint, type Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import { drawOwner, type Product } from "./resolve";
import type { Money } from "./money";
import { KIND_CODE, replayProduct, touchedBooks, type ProductState } from "./book";
import type { DrawRow } from "./rows";
import { lineageOf } from "./update";
import { ok, type Failure, type Result } from "./result";
import { addAmount, AmountColumn, type Amount } from "./_lib/amount";
import { growable, grown } from "./_lib/grow";
import { keepShape } from "./_lib/shapes";
import { visitRevenue, visitTotals } from "./visits";

/** What a margin report groups Visit draws by. */
export type MarginGroup = "visit" | "service" | "provider" | "product";

export const MARGIN_GROUPS: readonly MarginGroup[] = ["visit", "service", "provider", "product"];

/** One line of a margin report: a visit, or every Visit draw of a service, provider or product. */
export interface MarginLine {
  /** The visit id, service, provider or product as first written; `(no service)` and the like when blank. */
  readonly group: string;
  /** For a visit: the day of its first draw. */
  readonly date: Serial | null;
  /** Visits with at least one Visit draw in the group. */
  readonly visits: number;
  /**
   * Σ Price of the group's lines; null when none of them has a price. Amounts are exact integers
   * of 10⁻¹² dollars, as Money, held in a number while they are safe integers (a report of a
   * hundred thousand visits would otherwise make three bigints a visit); `moneyToNumber` reads both.
   */
  readonly revenue: Money | number | null;
  readonly cogs: Money | number;
  /** Revenue − COGS (blank prices count as 0); null when no line has a price. */
  readonly margin: Money | number | null;
}

const BLANK: Record<Exclude<MarginGroup, "visit">, string> = { service: "(no service)", provider: "(no provider)", product: "(no product)" };

interface Group {
  readonly index: number;
  name: string;
  /** Visits with a line in the group. */
  visits: number;
  priced: number;
  blocking: Set<Diagnostic>;
}

/** a − b, exactly. */
const subAmount = (a: Amount, b: Amount): Amount => addAmount(a, -b);

const fold = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Cost of goods, revenue and margin of Visit draws grouped by visit, service, provider or product:
 * each draw line counts where its own Service, Provider or Product puts it, so a visit with two
 * services is split between them. Visits come in date order, other groups by name with the blank
 * group last. A group holding a visit that an error blocks gives that error instead of a smaller
 * total. Groups match case-insensitively, as products and visits do.
 * @example marginBy(ledger, "service") // [{ ok: true, value: { group: "Forehead lines", visits: 2, … } }, …]
 */
export function marginBy(ledger: Ledger, by: MarginGroup): Result<MarginLine>[] {
  const totals = visitTotals(ledger);
  if (totals.tables) return [{ ok: false, error: totals.tables }];
  return by === "visit" ? byVisit(ledger) : byLine(ledger, by);
}

function byVisit(ledger: Ledger): Result<MarginLine>[] {
  const totals = visitTotals(ledger);
  const { revenue, priced } = visitRevenue(ledger);
  const n = totals.ids.length;
  const first = new Float64Array(n).fill(Infinity);
  const seen = new Uint8Array(n);
  for (const row of ledger.draws.rows) {
    const v = row.visitIndex;
    if (v < 0 || row.kind !== "Visit") continue;
    seen[v] = 1;
    if (row.time !== null && row.time < first[v]) first[v] = row.time;
  }
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (seen[v]) order.push(v);
  // Undated visits last; ties keep the order of the Draws table. A ledger kept in date order
  // (the usual case) needs no sort.
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) sorted = first[order[i - 1]] <= first[order[i]];
  if (!sorted) order.sort((a, b) => first[a] - first[b] || a - b);
  return order.map((v): Result<MarginLine> => {
    const blocked = totals.blocking.get(v);
    if (blocked) return { ok: false, error: named(failureOf([...new Set(blocked)]), totals.ids[v]) };
    const cogs = totals.cogs.get(v);
    const rev = priced[v] > 0 ? revenue.get(v) : null;
    return ok({ group: totals.ids[v], date: Number.isFinite(first[v]) ? (Math.floor(first[v]) as Serial) : null, visits: 1, revenue: rev, cogs, margin: rev === null ? null : subAmount(rev, cogs) });
  });
}

type LineGroup = Exclude<MarginGroup, "visit">;

/** One grouping's groups, their sums in typed columns (exact: see AmountColumn), and each row's group. */
class Grouping {
  readonly list: Group[] = [];
  /** Raw cell text → group: the text is folded once per distinct spelling, not once per row. */
  private readonly byText = new Map<string | null, Group>();
  /** The group of the line booked last, and its text. */
  private last: Group | null = null;
  private lastText: string | null = null;
  private readonly byKey = new Map<string, Group>();
  cogs = new AmountColumn(16);
  revenue = new AmountColumn(16);
  /**
   * Counting visits per group without a set per group: the first group each visit was seen in, the
   * groups it has been seen in as bits (group i, for the first 32 groups, is bit i: a practice's
   * services and providers are rarely more), and any further groups, by visit.
   */
  readonly firstGroup: Int32Array;
  readonly groupBits: Int32Array;
  private otherPairs = new Map<number, readonly number[]>();
  /** False while `otherPairs` is still shared with the grouping this one was copied from (its lists are never changed, only replaced). */
  private ownPairs = true;
  /** Visits with lines in more than one group: only their lines are costed one by one. */
  readonly mixed: Uint8Array;

  /**
   * The group of each Visit line, by its place in the Draws rows: a split visit's booked lines are
   * costed by it (see `bookedRow`), without reading their rows' text again.
   */
  readonly rowGroup: Int32Array;

  constructor(
    private readonly blank: string,
    /** The text a line is grouped by (its service, provider or product). */
    readonly textOf: (row: DrawRow, owner: Product | null) => string | null,
    visits: number,
    rows: number,
    columns?: { readonly firstGroup: Int32Array; readonly groupBits: Int32Array; readonly mixed: Uint8Array },
    rowGroup?: Int32Array,
  ) {
    // Made with room to grow, so the grouping of the next ledger grows them rather than copies them.
    this.firstGroup = columns?.firstGroup ?? growable(Int32Array, visits).fill(-1);
    this.groupBits = columns?.groupBits ?? growable(Int32Array, visits);
    this.mixed = columns?.mixed ?? growable(Uint8Array, visits);
    this.rowGroup = rowGroup ?? growable(Int32Array, rows);
  }

  /** Books the Visit line at place `at` of the Draws rows, of visit `v` (and product `owner`), under its text. */
  line(row: DrawRow, at: number, owner: Product | null, v: number, price: Amount | null, blocked: readonly Diagnostic[] | undefined): void {
    const text = this.textOf(row, owner);
    // A visit's lines mostly follow one another under one text: the line before is the cheapest lookup.
    const g = this.last !== null && text === this.lastText ? this.last : (this.byText.get(text) ?? this.groupOf(text));
    this.last = g;
    this.lastText = text;
    this.rowGroup[at] = g.index;
    if (this.firstInGroup(v, g.index)) g.visits++;
    if (blocked) for (const d of blocked) g.blocking.add(d);
    if (price !== null) {
      this.revenue.add(g.index, price);
      g.priced++;
    }
  }

  /** Whether a line of visit `v` is the visit's first in group `gi` (noting that it now has one). */
  private firstInGroup(v: number, gi: number): boolean {
    const first = this.firstGroup[v];
    if (first < 0) {
      this.firstGroup[v] = gi;
      if (gi < 32) this.groupBits[v] = 1 << gi;
      return true;
    }
    if (first === gi) return false;
    this.mixed[v] = 1;
    if (gi < 32) {
      const bits = this.groupBits[v];
      if (bits & (1 << gi)) return false;
      this.groupBits[v] = bits | (1 << gi);
      return true;
    }
    const others = this.otherPairs.get(v);
    if (others !== undefined && others.includes(gi)) return false;
    if (!this.ownPairs) [this.otherPairs, this.ownPairs] = [new Map(this.otherPairs), true];
    this.otherPairs.set(v, others === undefined ? [gi] : [...others, gi]);
    return true;
  }

  /**
   * A copy to add lines to, with room for `visits` visits, and its costs (which depend on the
   * books, not the rows) copied too. `onlyNewVisits`: every line to add is of a visit not seen
   * before, so the per-visit columns are grown at their end and shared (see `grown`), not copied.
   * The rows keep their places (new ones come at the end, `rows` in all), so each row's group is
   * grown the same way, whatever the lines added.
   */
  copy(visits: number, onlyNewVisits: boolean, rows: number): Grouping {
    const n = this.firstGroup.length;
    let columns: { firstGroup: Int32Array; groupBits: Int32Array; mixed: Uint8Array } | undefined;
    if (onlyNewVisits && visits >= n) {
      columns = { firstGroup: grown(this.firstGroup, visits), groupBits: grown(this.groupBits, visits), mixed: grown(this.mixed, visits) };
      columns.firstGroup.fill(-1, n);
      columns.groupBits.fill(0, n);
    }
    const out = new Grouping(this.blank, this.textOf, visits, rows, columns, grown(this.rowGroup, rows));
    for (const g of this.list) {
      // As `groupOf` makes a group, field by field (a spread's copy would have a shape of its own).
      const c: Group = { index: g.index, name: g.name, visits: g.visits, priced: g.priced, blocking: new Set(g.blocking) };
      out.list.push(c);
    }
    for (const [k, g] of this.byKey) out.byKey.set(k, out.list[g.index]);
    for (const [t, g] of this.byText) out.byText.set(t, out.list[g.index]);
    out.cogs = this.cogs.resized(this.cogs.length);
    out.revenue = this.revenue.resized(this.revenue.length);
    if (!columns) {
      out.firstGroup.set(this.firstGroup.subarray(0, Math.min(n, visits)));
      out.groupBits.set(this.groupBits.subarray(0, Math.min(n, visits)));
      out.mixed.set(this.mixed.subarray(0, Math.min(this.mixed.length, visits)));
    }
    // Shared until a line adds a pair (lines appended rarely do: a new visit's first line adds none).
    out.otherPairs = this.otherPairs;
    out.ownPairs = false;
    return out;
  }

  isBlank(g: Group): boolean {
    return this.byKey.get("") === g;
  }

  private groupOf(text: string | null): Group {
    const name = text === null || text.trim() === "" ? this.blank : text.trim();
    const key = name === this.blank ? "" : fold(name);
    let g = this.byKey.get(key);
    if (!g) {
      g = { index: this.list.length, name, visits: 0, priced: 0, blocking: new Set() };
      this.byKey.set(key, g);
      this.list.push(g);
      if (this.list.length > this.cogs.length) {
        this.cogs = this.cogs.resized(this.cogs.length * 2);
        this.revenue = this.revenue.resized(this.revenue.length * 2);
      }
    }
    this.byText.set(text, g);
    return g;
  }
}

// Its shape outlives every ledger (see `keepShape`).
keepShape(new Grouping("", () => null, 0, 0));

/**
 * The line groupings of each ledger, each made when first asked for (a sheet asking margins by
 * service alone does not pay for the providers and products too): one pass over the Draws rows,
 * one over the books.
 */
const lineGroupings = new WeakMap<Ledger, Partial<Record<LineGroup, Grouping>>>();

/** The text a Visit line is grouped by; `owner`, the product the line belongs to (its lot's, where it names only a lot). */
const TEXT_OF: Record<LineGroup, (row: DrawRow, owner: Product | null) => string | null> = {
  service: (row) => row.service,
  provider: (row) => row.provider,
  product: (row, owner) => owner?.name ?? row.product,
};

function groupingOf(ledger: Ledger, by: LineGroup): Grouping {
  let made = lineGroupings.get(ledger);
  if (!made) lineGroupings.set(ledger, (made = {}));
  return (made[by] ??= patchGrouping(ledger, by) ?? makeGrouping(ledger, by));
}

function makeGrouping(ledger: Ledger, by: LineGroup): Grouping {
  const totals = visitTotals(ledger);
  const visits = totals.ids.length;
  const rows = ledger.draws.rows;
  const g = new Grouping(BLANK[by], TEXT_OF[by], visits, rows.length);
  const blocks = totals.blocking.size > 0;
  // Only the product grouping reads a line's product (see TEXT_OF).
  const byOwner = by === "product";
  // Every Visit line, booked or not, names its group's visits, revenue and what blocks them.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const v = row.visitIndex;
    if (v < 0 || row.kind !== "Visit") continue;
    g.line(row, i, byOwner ? drawOwner(ledger, i) : null, v, row.usable ? row.price : null, blocks ? totals.blocking.get(v) : undefined);
  }
  // Costs come from the books. A visit whose lines all fall in one group adds its whole cost of
  // goods there (the visit totals already summed its booked draws); only a visit split between
  // groups is costed line by line, each booked Visit draw at the cost of the layers it took.
  for (let v = 0; v < visits; v++) if (g.firstGroup[v] >= 0 && g.mixed[v] === 0) g.cogs.add(g.firstGroup[v], totals.cogs.get(v));
  for (const p of ledger.productIndex.values()) {
    const { booked, bookedKind, bookedVisit, bookedRow, costs } = replayProduct(ledger, p);
    for (let i = 0; i < booked.length; i++) {
      const v = bookedVisit[i];
      if (bookedKind[i] === KIND_CODE.Visit && v >= 0 && g.mixed[v] === 1) g.cogs.add(g.rowGroup[bookedRow[i]], costs.get(i));
    }
  }
  return g;
}

/** What puts a Visit line (of product `owner`) in its groups and its revenue, as the groupings read it. */
function lineOf(row: DrawRow, owner: Product | null): string {
  return row.visitIndex < 0 || row.kind !== "Visit" ? "" : `${row.visitIndex}|${row.service}|${row.provider}|${TEXT_OF.product(row, owner)}|${row.usable ? row.price : null}`;
}

function blockingPrint(blocking: ReadonlyMap<number, readonly Diagnostic[]>): string {
  return [...blocking].map(([v, ds]) => `${v}:${diagnosticsPrint(ds)}`).sort().join("\n");
}

/**
 * A grouping of a ledger updated from another (`updateLedger`), from the earlier one: lines
 * appended are added, lines edited in place without moving group are kept, and only the visits
 * the change re-costed move their groups' costs. `null` where that cannot be told so simply (a
 * line moving group, a visit newly split between groups, a change to what blocks a visit, no
 * grouping made of the earlier ledger): the grouping is then made whole.
 */
function patchGrouping(ledger: Ledger, by: LineGroup): Grouping | null {
  const lineage = lineageOf(ledger);
  const earlier = lineage && lineGroupings.get(lineage.prev)?.[by];
  if (!lineage || !earlier) return null;
  const before = visitTotals(lineage.prev);
  const totals = visitTotals(ledger);
  if (totals.tables || before.tables) return null;
  if ((before.blocking.size > 0 || totals.blocking.size > 0) && blockingPrint(before.blocking) !== blockingPrint(totals.blocking)) return null;
  const appended: { readonly row: DrawRow; readonly at: number; readonly owner: Product | null }[] = [];
  for (const { before, after, was, now, at } of lineage.redrawn) {
    if (before === null) {
      if (lineOf(after, now.owner) !== "") appended.push({ row: after, at, owner: now.owner });
    } else if (lineOf(before, was.owner) !== lineOf(after, now.owner)) return null;
  }
  const visits = totals.ids.length;
  const g = earlier.copy(visits, appended.every(({ row }) => row.visitIndex >= earlier.firstGroup.length), ledger.draws.rows.length);
  for (const { row, at, owner } of appended) {
    const v = row.visitIndex;
    const wasMixed = g.mixed[v];
    // What blocks a group is kept as the diagnostics themselves: a blocked visit is made whole.
    if (totals.blocking.has(v)) return null;
    g.line(row, at, owner, v, row.usable ? row.price : null, undefined);
    // A visit newly split between groups moves its cost from one group to its lines: made whole.
    if (g.mixed[v] !== wasMixed) return null;
  }
  // Costs: each visit the change re-costed moves by its difference; a split visit, line by line.
  // The visits are listed as found, not looked for among all (a loop run once per change is not
  // optimised, and a practice has visits by the hundred thousand).
  const recosted: number[] = [];
  const seen = new Uint8Array(visits);
  // Lines booked alike in both cancel out: only those after them move their groups.
  for (const { before, after, from } of touchedBooks(lineage.prev, ledger, lineage.touched)) {
    if (before) moveLines(before, g, seen, recosted, -1, from);
    if (after) moveLines(after, g, seen, recosted, 1, from);
  }
  for (const v of recosted) {
    if (g.firstGroup[v] < 0 || g.mixed[v] !== 0) continue;
    const delta = subAmount(totals.cogs.get(v), v < before.cogs.length ? before.cogs.get(v) : 0);
    if (delta !== 0 && delta !== 0n) g.cogs.add(g.firstGroup[v], delta);
  }
  return g;
}

/** Lists the visits of a product's booked Visit draws (once each, by `seen`), and moves the lines of split visits. */
function moveLines(state: ProductState, g: Grouping, seen: Uint8Array, recosted: number[], sign: 1 | -1, from: number): void {
  const { booked, bookedKind, bookedVisit, bookedRow, costs } = state;
  for (let i = from; i < booked.length; i++) {
    const v = bookedVisit[i];
    if (bookedKind[i] !== KIND_CODE.Visit || v < 0) continue;
    if (seen[v] === 0) {
      seen[v] = 1;
      recosted.push(v);
    }
    if (g.mixed[v] !== 1) continue;
    const c = costs.get(i);
    g.cogs.add(g.rowGroup[bookedRow[i]], sign === 1 ? c : -c);
  }
}

function byLine(ledger: Ledger, by: LineGroup): Result<MarginLine>[] {
  const grouping = groupingOf(ledger, by);
  const { list, cogs, revenue } = grouping;
  const blankLast = (g: Group) => (grouping.isBlank(g) ? 1 : 0);
  const sorted = [...list].sort((a, b) => blankLast(a) - blankLast(b) || a.name.localeCompare(b.name));
  return sorted.map((g): Result<MarginLine> => {
    if (g.blocking.size > 0) return { ok: false, error: named(failureOf([...g.blocking]), g.name) };
    const c = cogs.get(g.index);
    const r = g.priced > 0 ? revenue.get(g.index) : null;
    return ok({ group: g.name, date: null, visits: g.visits, revenue: r, cogs: c, margin: r === null ? null : subAmount(r, c) });
  });
}

/** A failure that says which group it stands for (shown in the group's own cell). */
function named(failure: Failure, group: string): Failure {
  return { ...failure, product: group };
}
