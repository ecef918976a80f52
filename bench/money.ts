/**
 * `npm run bench:money`: why money is scaled integers. Sums 250,000 amounts as the engine reads
 * them from Excel (JS numbers: prices with up to four decimals, and quantity × unit cost) four ways:
 * - scaled:  the engine's Amount, an integer count of 10⁻¹² dollars held in a double while it is a
 *            safe integer, totalled in an AmountColumn that carries past 2⁵³ into a bigint
 *            (src/core/_lib/amount.ts), as the replay totals a visit's or a product's cost;
 * - bigint:  the same count as a bigint throughout (Money);
 * - decimal: decimal.js, a Decimal per amount, summed with `plus`;
 * - float:   plain doubles, the inexact baseline.
 * Prints the median of `--runs N` (default 9) timed runs of each, the heap one column of 250,000
 * amounts holds in each form, and whether each total is exact. `--json` prints one JSON object.
 */
import { performance } from "node:perf_hooks";
import Decimal from "decimal.js";
import { AmountColumn, mulAmount, toMoney } from "../src/core/_lib/amount";
import { MONEY_ONE, moneyFromNumber } from "../src/core/money";
import { amountFromNumber } from "../src/core/_lib/amount";
import { mulberry32 } from "./practice";

const COUNT = 250_000;
/** Enough significant digits that no sum of these amounts is rounded. */
const D = Decimal.clone({ precision: 40 });

interface Amounts {
  /** A price per line, as Excel hands it over (e.g. 450, 12.5, 6.8125). */
  readonly prices: Float64Array;
  /** Units drawn per line (whole units or tenths of a mL). */
  readonly qty: Float64Array;
  /** The unit cost of the lot drawn from, dollars with up to four decimals. */
  readonly unitCost: Float64Array;
}

function amounts(seed = 20_240_601): Amounts {
  const random = mulberry32(seed);
  const prices = new Float64Array(COUNT);
  const qty = new Float64Array(COUNT);
  const unitCost = new Float64Array(COUNT);
  for (let i = 0; i < COUNT; i++) {
    prices[i] = Math.round(random() * 1_500 * 10_000) / 10_000;
    qty[i] = random() < 0.5 ? 1 + Math.floor(random() * 60) : Math.round(random() * 30) / 10;
    unitCost[i] = Math.round((2 + random() * 400) * 10_000) / 10_000;
  }
  return { prices, qty, unitCost };
}

/** Qty held as the engine holds it: an integer count of 10⁻⁶ units. */
const QTY_SCALE = 1_000_000;

/** A way of summing: Σ price, and Σ qty × unit cost (a visit's cost of goods), each in dollars as text. */
interface Method {
  readonly name: "scaled" | "bigint" | "decimal" | "float";
  sumPrices(a: Amounts): string;
  sumCosts(a: Amounts): string;
  /** Builds a column of the prices in this form, kept alive for the heap measurement. */
  column(a: Amounts): unknown;
}

const dollars = (scaled: bigint, one: bigint): string => new D(scaled.toString()).div(one.toString()).toFixed();

const METHODS: readonly Method[] = [
  {
    name: "scaled",
    sumPrices(a) {
      const total = new AmountColumn(1);
      for (let i = 0; i < COUNT; i++) total.add(0, amountFromNumber(a.prices[i]));
      return dollars(toMoney(total.get(0)), MONEY_ONE);
    },
    sumCosts(a) {
      // As a cost layer relieves a draw: the cost of one 10⁻⁶ unit (exact for these unit costs) × qty.
      const total = new AmountColumn(1);
      for (let i = 0; i < COUNT; i++) {
        const perMicro = (amountFromNumber(a.unitCost[i]) as number) / QTY_SCALE;
        total.add(0, mulAmount(perMicro, Math.round(a.qty[i] * QTY_SCALE)));
      }
      return dollars(toMoney(total.get(0)), MONEY_ONE);
    },
    column(a) {
      const out = new Float64Array(COUNT);
      for (let i = 0; i < COUNT; i++) out[i] = amountFromNumber(a.prices[i]) as number;
      return out;
    },
  },
  {
    name: "bigint",
    sumPrices(a) {
      let total = 0n;
      for (let i = 0; i < COUNT; i++) total += moneyFromNumber(a.prices[i]);
      return dollars(total, MONEY_ONE);
    },
    sumCosts(a) {
      let total = 0n;
      for (let i = 0; i < COUNT; i++) total += (moneyFromNumber(a.unitCost[i]) / BigInt(QTY_SCALE)) * BigInt(Math.round(a.qty[i] * QTY_SCALE));
      return dollars(total, MONEY_ONE);
    },
    column(a) {
      return Array.from(a.prices, (p) => moneyFromNumber(p));
    },
  },
  {
    name: "decimal",
    sumPrices(a) {
      let total = new D(0);
      for (let i = 0; i < COUNT; i++) total = total.plus(a.prices[i]);
      return total.toFixed();
    },
    sumCosts(a) {
      let total = new D(0);
      for (let i = 0; i < COUNT; i++) total = total.plus(new D(a.unitCost[i]).times(a.qty[i]));
      return total.toFixed();
    },
    column(a) {
      return Array.from(a.prices, (p) => new D(p));
    },
  },
  {
    name: "float",
    sumPrices(a) {
      let total = 0;
      for (let i = 0; i < COUNT; i++) total += a.prices[i];
      return String(total);
    },
    sumCosts(a) {
      let total = 0;
      for (let i = 0; i < COUNT; i++) total += a.unitCost[i] * a.qty[i];
      return String(total);
    },
    column(a) {
      return Array.from(a.prices);
    },
  },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed(run: () => string, runs: number): { ms: number; value: string } {
  let value = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { ms: Math.round(median(times) * 100) / 100, value };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Bytes of heap one column of the prices holds in a method's form (needs --expose-gc). */
function heapBytes(method: Method, a: Amounts): number | null {
  if (!gc) return null;
  // A typed array's values live outside the JS heap, in its ArrayBuffer: count both.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const before = used();
  const kept = method.column(a);
  gc();
  const bytes = used() - before;
  if (kept === null) throw new Error("unreachable");
  return Math.round(bytes / COUNT);
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Math.max(3, Number(args[runsAt + 1])) : 9;
  const a = amounts();
  const results = METHODS.map((m) => {
    const prices = timed(() => m.sumPrices(a), runs);
    const costs = timed(() => m.sumCosts(a), runs);
    return { method: m.name, prices, costs, bytesPerAmount: heapBytes(m, a) };
  });
  const exact = results.find((r) => r.method === "decimal")!;
  const figures = {
    amounts: COUNT,
    runs,
    node: process.version,
    methods: results.map((r) => ({
      method: r.method,
      sum_prices_ms: r.prices.ms,
      sum_costs_ms: r.costs.ms,
      bytes_per_amount: r.bytesPerAmount,
      prices_exact: new D(r.prices.value).eq(exact.prices.value),
      costs_exact: new D(r.costs.value).eq(exact.costs.value),
      sum_prices: r.prices.value,
      sum_costs: r.costs.value,
    })),
  };
  if (args.includes("--json")) {
    console.log(JSON.stringify(figures));
    return;
  }
  console.log(`Summing ${COUNT.toLocaleString("en-US")} amounts, medians of ${runs} runs, Node ${process.version}`);
  console.log("method    Σ price ms  Σ qty×cost ms  bytes/amount  exact  Σ price / Σ qty×cost");
  for (const m of figures.methods) {
    const exactness = m.prices_exact && m.costs_exact ? "yes" : "no";
    console.log(
      `${m.method.padEnd(8)}  ${String(m.sum_prices_ms).padStart(10)}  ${String(m.sum_costs_ms).padStart(13)}  ${String(m.bytes_per_amount ?? "-").padStart(12)}  ${exactness.padEnd(5)}  ${m.sum_prices} / ${m.sum_costs}`,
    );
  }
}

main();
