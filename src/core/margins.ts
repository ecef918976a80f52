import { failureOf } from "./blocking";
import type { Serial } from "./dates";
import type { Diagnostic } from "./diagnostic";
import type { Ledger } from "./ledger";
import type { Money } from "./money";
import { KIND_CODE, replayProduct } from "./replay";
import { ok, type Failure, type Result } from "./result";
import { AmountColumn, toMoney } from "./_lib/amount";
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
  /** Σ Price of the group's lines; null when none of them has a price. */
  readonly revenue: Money | null;
  readonly cogs: Money;
  /** Revenue − COGS (blank prices count as 0); null when no line has a price. */
  readonly margin: Money | null;
}

const BLANK: Record<Exclude<MarginGroup, "visit">, string> = { service: "(no service)", provider: "(no provider)", product: "(no product)" };

interface Group {
  readonly index: number;
  name: string;
  visits: Set<number>;
  /** The last visit added: a visit's lines are mostly adjacent, so most adds are skipped. */
  lastVisit: number;
  priced: number;
  blocking: Set<Diagnostic>;
}

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
  // Undated visits last; ties keep the order of the Draws table.
  order.sort((a, b) => first[a] - first[b] || a - b);
  return order.map((v): Result<MarginLine> => {
    const blocked = totals.blocking.get(v);
    if (blocked) return { ok: false, error: named(failureOf([...new Set(blocked)]), totals.ids[v]) };
    const cogs = toMoney(totals.cogs.get(v));
    const rev = priced[v] > 0 ? toMoney(revenue.get(v)) : null;
    return ok({ group: totals.ids[v], date: Number.isFinite(first[v]) ? Math.floor(first[v]) : null, visits: 1, revenue: rev, cogs, margin: rev === null ? null : rev - cogs });
  });
}

/** Each booked Visit draw's cost by its Draws row number: shared by every grouping of a ledger. */
const lineCosts = new WeakMap<Ledger, AmountColumn>();

function costByRow(ledger: Ledger): AmountColumn {
  let out = lineCosts.get(ledger);
  if (out) return out;
  const rows = ledger.draws.rows;
  out = new AmountColumn((rows.length > 0 ? rows[rows.length - 1].row : 0) + 1);
  for (const product of ledger.productIndex.values()) {
    const { booked, bookedKind, bookedVisit, costs } = replayProduct(ledger, product);
    for (let i = 0; i < booked.length; i++) {
      if (bookedKind[i] === KIND_CODE.Visit && bookedVisit[i] >= 0) out.add(booked[i].row, costs.get(i));
    }
  }
  lineCosts.set(ledger, out);
  return out;
}

function byLine(ledger: Ledger, by: Exclude<MarginGroup, "visit">): Result<MarginLine>[] {
  const totals = visitTotals(ledger);
  const cost = costByRow(ledger);
  const groups = new Map<string, Group>();
  const list: Group[] = [];
  // Raw cell text → group: a practice writes a few dozen services in a quarter of a million rows,
  // so the text is folded once per distinct spelling, not once per row.
  const byText = new Map<string | null, Group>();
  const groupOfText = (text: string | null): Group => {
    let g = byText.get(text);
    if (g) return g;
    const name = text === null || text.trim() === "" ? BLANK[by] : text.trim();
    const key = name === BLANK[by] ? "" : fold(name);
    g = groups.get(key);
    if (!g) {
      g = { index: list.length, name, visits: new Set(), lastVisit: -1, priced: 0, blocking: new Set() };
      groups.set(key, g);
      list.push(g);
    }
    byText.set(text, g);
    return g;
  };
  // Sums per group in typed columns (exact: see AmountColumn), sized for one group per row at most.
  const rows = ledger.draws.rows;
  const cogs = new AmountColumn(rows.length);
  const revenue = new AmountColumn(rows.length);
  // Every Visit line, booked or not, names its group's visits, revenue and what blocks it; a
  // booked one adds what the books say it cost.
  for (const row of rows) {
    const v = row.visitIndex;
    if (v < 0 || row.kind !== "Visit") continue;
    const g = groupOfText(by === "service" ? row.service : by === "provider" ? row.provider : (row.owner?.name ?? row.product));
    if (g.lastVisit !== v) {
      g.visits.add(v);
      g.lastVisit = v;
    }
    const blocked = totals.blocking.size > 0 ? totals.blocking.get(v) : undefined;
    if (blocked) for (const d of blocked) g.blocking.add(d);
    cogs.add(g.index, cost.get(row.row));
    if (row.usable && row.price !== null) {
      revenue.add(g.index, row.price);
      g.priced++;
    }
  }
  const sorted = [...groups.entries()].sort(([a, ga], [b, gb]) => (a === "" ? 1 : 0) - (b === "" ? 1 : 0) || ga.name.localeCompare(gb.name));
  return sorted.map(([, g]): Result<MarginLine> => {
    if (g.blocking.size > 0) return { ok: false, error: named(failureOf([...g.blocking]), g.name) };
    const c = toMoney(cogs.get(g.index));
    const r = g.priced > 0 ? toMoney(revenue.get(g.index)) : null;
    return ok({ group: g.name, date: null, visits: g.visits.size, revenue: r, cogs: c, margin: r === null ? null : r - c });
  });
}

/** A failure that says which group it stands for (shown in the group's own cell). */
function named(failure: Failure, group: string): Failure {
  return { ...failure, product: group };
}
