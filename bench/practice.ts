/**
 * A deterministic synthetic practice for the benchmark: a busy multi-injector medspa over three
 * years, as the four ledger tables Excel would hand the engine (2-D arrays, header row first).
 *
 * The generator keeps its own books while it writes rows, mirroring the engine's rules (event
 * order, FEFO key, open-vial relief, counts resetting stock), so every draw is drawn after its
 * receipt, from a lot that holds enough, and blank-lot draws are exactly what FEFO would cover:
 * the ledger is clean apart from the blank-lot warnings. The same seed always gives the same cells.
 */
import { serialFromYmd, ymdFromSerial, type Cell, type Serial } from "../src/core";

/** Small, fast, seedable PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "toxin" | "filler" | "biostimulator";

interface ProductSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly unit: "U" | "mL" | "vial";
  /** Units per vial or syringe. */
  readonly pack: number;
  /** Typical purchase cost per unit, in dollars. */
  readonly cost: number;
  /** What the practice charges per unit, in dollars. */
  readonly price: number;
  /** Relative share of visit lines. */
  readonly share: number;
  /** Units of this product per unit of a service's reference dose (Dysport is dosed 2.5:1). */
  readonly scale: number;
  readonly supplier: string;
  readonly lotPrefix: string;
}

const CATALOG: readonly ProductSpec[] = [
  { name: "Botox 100U", kind: "toxin", unit: "U", pack: 100, cost: 6.0, price: 14, share: 16, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "C" },
  { name: "Botox 50U", kind: "toxin", unit: "U", pack: 50, cost: 6.2, price: 14, share: 3, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "C" },
  { name: "Dysport 300U", kind: "toxin", unit: "U", pack: 300, cost: 2.1, price: 5, share: 8, scale: 2.5, supplier: "Galderma", lotPrefix: "T" },
  { name: "Xeomin 100U", kind: "toxin", unit: "U", pack: 100, cost: 5.2, price: 12, share: 5, scale: 1, supplier: "Merz Aesthetics", lotPrefix: "M" },
  { name: "Daxxify 100U", kind: "toxin", unit: "U", pack: 100, cost: 6.5, price: 15, share: 3, scale: 2, supplier: "Revance", lotPrefix: "D" },
  { name: "Jeuveau 100U", kind: "toxin", unit: "U", pack: 100, cost: 5.0, price: 11, share: 4, scale: 1, supplier: "Evolus", lotPrefix: "J" },
  { name: "Juvederm Ultra XC 1mL", kind: "filler", unit: "mL", pack: 1, cost: 300, price: 750, share: 7, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "V" },
  { name: "Juvederm Voluma XC 1mL", kind: "filler", unit: "mL", pack: 1, cost: 350, price: 850, share: 7, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "V" },
  { name: "Juvederm Vollure XC 1mL", kind: "filler", unit: "mL", pack: 1, cost: 330, price: 800, share: 5, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "V" },
  { name: "Juvederm Volbella XC 1mL", kind: "filler", unit: "mL", pack: 1, cost: 320, price: 775, share: 5, scale: 1, supplier: "Allergan Aesthetics", lotPrefix: "V" },
  { name: "Restylane Lyft 1mL", kind: "filler", unit: "mL", pack: 1, cost: 300, price: 750, share: 5, scale: 1, supplier: "Galderma", lotPrefix: "R" },
  { name: "Restylane Kysse 1mL", kind: "filler", unit: "mL", pack: 1, cost: 310, price: 775, share: 5, scale: 1, supplier: "Galderma", lotPrefix: "R" },
  { name: "Restylane Defyne 1mL", kind: "filler", unit: "mL", pack: 1, cost: 310, price: 775, share: 4, scale: 1, supplier: "Galderma", lotPrefix: "R" },
  { name: "RHA 2 1mL", kind: "filler", unit: "mL", pack: 1, cost: 290, price: 725, share: 3, scale: 1, supplier: "Revance", lotPrefix: "H" },
  { name: "RHA 4 1.5mL", kind: "filler", unit: "mL", pack: 1.5, cost: 290, price: 700, share: 3, scale: 1.5, supplier: "Revance", lotPrefix: "H" },
  { name: "Belotero Balance 1mL", kind: "filler", unit: "mL", pack: 1, cost: 270, price: 700, share: 3, scale: 1, supplier: "Merz Aesthetics", lotPrefix: "B" },
  { name: "Revanesse Versa+ 1.2mL", kind: "filler", unit: "mL", pack: 1.2, cost: 250, price: 600, share: 3, scale: 1.2, supplier: "Prollenium", lotPrefix: "P" },
  { name: "Sculptra", kind: "biostimulator", unit: "vial", pack: 1, cost: 420, price: 900, share: 4, scale: 1, supplier: "Galderma", lotPrefix: "S" },
  { name: "Radiesse 1.5mL", kind: "biostimulator", unit: "mL", pack: 1.5, cost: 260, price: 600, share: 3, scale: 1.5, supplier: "Merz Aesthetics", lotPrefix: "X" },
  { name: "Radiesse (+) 0.8mL", kind: "biostimulator", unit: "mL", pack: 0.8, cost: 310, price: 700, share: 2, scale: 0.8, supplier: "Merz Aesthetics", lotPrefix: "Y" },
];

interface Service {
  readonly name: string;
  readonly weight: number;
  /** Reference doses: Botox-equivalent units for toxins, syringes or vials otherwise. */
  readonly doses: readonly number[];
}

const SERVICES: Readonly<Record<Kind, readonly Service[]>> = {
  toxin: [
    { name: "Glabellar lines", weight: 30, doses: [20, 20, 20, 25, 15, 17.5] },
    { name: "Forehead lines", weight: 22, doses: [10, 12, 15, 8, 7.5] },
    { name: "Crow's feet", weight: 22, doses: [24, 24, 20, 12, 30] },
    { name: "Masseter", weight: 6, doses: [50, 40, 60] },
    { name: "Lip flip", weight: 6, doses: [4, 6, 4.5] },
    { name: "Bunny lines", weight: 4, doses: [4, 5] },
    { name: "Chin dimpling", weight: 4, doses: [6, 4] },
    { name: "Platysmal bands", weight: 4, doses: [30, 40, 25] },
    { name: "Hyperhidrosis", weight: 2, doses: [100] },
  ],
  filler: [
    { name: "Lip augmentation", weight: 28, doses: [1, 0.5, 1, 0.7] },
    { name: "Cheek augmentation", weight: 20, doses: [1, 2, 1.5] },
    { name: "Nasolabial folds", weight: 14, doses: [1, 2] },
    { name: "Marionette lines", weight: 10, doses: [1, 0.5] },
    { name: "Jawline", weight: 8, doses: [2, 3, 2] },
    { name: "Chin", weight: 8, doses: [1, 1.5] },
    { name: "Tear trough", weight: 8, doses: [0.5, 0.3, 1] },
    { name: "Perioral lines", weight: 4, doses: [0.5, 0.3] },
  ],
  biostimulator: [
    { name: "Facial volumization", weight: 60, doses: [1, 2, 2] },
    { name: "Decolletage", weight: 20, doses: [2, 3] },
    { name: "Hand rejuvenation", weight: 20, doses: [1, 2] },
  ],
};

const PROVIDERS = [
  "Dr. Amelia Chen", "Dr. Marcus Reyes", "Jordan Patel, NP", "Sofia Alvarez, PA-C", "Hannah Kim, RN",
  "Olivia Brooks, NP", "Ethan Morales, RN", "Grace Liu, PA-C", "Noah Bennett, RN", "Dr. Priya Shah",
];
const COUNTERS = ["Maria", "Lena", "Tom", "Aisha", "Kevin"];

const Q = 1_000_000;
const HOUR = 1 / 24;

/** How big a practice to generate. The defaults are the benchmark's. */
export interface PracticeOptions {
  readonly seed?: number;
  readonly products?: number;
  readonly receipts?: number;
  readonly draws?: number;
  readonly counts?: number;
  /** Calendar days covered, starting on a Monday. */
  readonly days?: number;
  /**
   * Locations (the README, "Locations"): with two or more, Lots, Draws and Counts get a Location
   * column (Draws a To), each receipt and visit is at one of them (the first the busiest), and
   * fillers and biostimulators are moved between them by Transfer rows to even out their stock.
   * Left out, the practice is the one-site practice, cell for cell.
   */
  readonly sites?: readonly string[];
}

export interface PracticeStats {
  readonly lots: number;
  readonly relotted: number;
  readonly totalCostRows: number;
  readonly visits: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly blankLot: number;
  readonly fractionalQty: number;
  readonly shortLines: number;
  readonly shrinkCounts: number;
  readonly transfers: number;
}

/** The four tables, plus what the benchmark asks the engine about. */
export interface Practice {
  readonly lots: Cell[][];
  readonly draws: Cell[][];
  readonly counts: Cell[][];
  readonly products: Cell[][];
  readonly productNames: readonly string[];
  /** Every distinct visit id, in first-seen order. */
  readonly visitIds: readonly string[];
  /** The last day with data (a serial without time: the end of that day). */
  readonly asOf: Serial;
  readonly stats: PracticeStats;
}

export const DEFAULT_SEED = 20_240_611;

interface LotSim {
  readonly p: number;
  readonly number: string;
  readonly expires: number;
  readonly received: number;
  /** Units on the books, in millionths (the engine's Qty). */
  remaining: number;
  /** Units left in the opened vial (toxins), in millionths. */
  open: number;
  /** Where this stock is (an index into the sites; 0 without sites): a lot at two sites is two LotSims. */
  readonly site: number;
}

/** The engine's FEFO key: expiry, then first receipt, then lot number. */
function fefoCompare(a: LotSim, b: LotSim): number {
  return a.expires - b.expires || a.received - b.received || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

/**
 * Generates the practice. Deterministic for a given seed and size.
 * @example const p = generatePractice(); p.draws.length // 250_001 (header + rows)
 */
export function generatePractice(options: PracticeOptions = {}): Practice {
  const rand = mulberry32(options.seed ?? DEFAULT_SEED);
  const nProducts = Math.min(options.products ?? 20, CATALOG.length);
  const nReceipts = options.receipts ?? 5_000;
  const nDraws = options.draws ?? 250_000;
  const nCounts = options.counts ?? 2_000;
  const nDays = options.days ?? 1_096;
  const catalog = CATALOG.slice(0, nProducts);
  const sites = options.sites && options.sites.length > 1 ? options.sites : null;
  // The first site the busiest: half the visits and receipts, the rest shared out.
  const siteWeight = sites ? sites.map((_, i) => (i === 0 ? sites.length - 1 : 1)) : [1];

  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rand() < p;
  const weighted = <T>(xs: readonly T[], w: (x: T) => number): T => {
    let total = 0;
    for (const x of xs) total += w(x);
    let r = rand() * total;
    for (const x of xs) if ((r -= w(x)) < 0) return x;
    return xs[xs.length - 1];
  };
  const cents = (x: number) => Math.round(x * 100) / 100;
  const cell = (micro: number) => micro / Q;
  /** Picks a site by weight; no random draw at all without sites, so the one-site practice is unchanged. */
  const pickSite = () => (sites ? weighted([...siteWeight.keys()], (i) => siteWeight[i]) : 0);
  /** A row with its Location (and To) cells where the practice keeps sites. */
  const placed = (row: Cell[], site: number, to?: number): Cell[] => (sites ? [...row, sites[site], ...(to === undefined ? [] : [to < 0 ? "" : sites[to]])] : row);

  const start = serialFromYmd(2023, 1, 2); // a Monday
  const openDays: Serial[] = [];
  const dayWeight: number[] = [];
  for (let d = 0; d < nDays; d++) {
    const dow = d % 7; // 0 = Monday
    if (dow === 6) continue;
    openDays.push((start + d) as Serial);
    dayWeight.push(dow === 5 ? 0.6 : 1);
  }

  // ---- tables
  const where = sites ? ["Location"] : [];
  const lots: Cell[][] = [["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO", ...where]];
  const draws: Cell[][] = [["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price", ...(sites ? ["Location", "To"] : [])]];
  const counts: Cell[][] = [["Date", "Product", "Lot", "Counted", "By", "Note", ...where]];
  const products: Cell[][] = [["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit"]];
  for (const s of catalog) {
    const toxin = s.kind === "toxin";
    products.push([
      s.name, s.unit, toxin ? s.pack : "", toxin ? 24 : "", toxin ? "90,60,30" : chance(0.5) ? "120,90,30" : "",
      toxin ? "2%" : s.kind === "filler" ? 1 : "", s.price,
    ]);
  }

  // ---- books
  const active: LotSim[][] = catalog.map(() => []);
  const latest: (LotSim | null)[][] = catalog.map(() => (sites ?? [""]).map(() => null));
  const lotNumbers = new Set<string>();
  const usage: number[][] = catalog.map(() => []);
  const byKind: Record<string, number> = { Visit: 0, Waste: 0, Expired: 0, Sample: 0, Return: 0, ...(sites ? { Transfer: 0 } : {}) };
  let relotted = 0;
  let totalCostRows = 0;
  let blankLot = 0;
  let fractionalQty = 0;
  let shortLines = 0;
  let shrinkCounts = 0;
  let transfers = 0;
  let po = 0;

  const meanDose = catalog.map((s) => {
    const svc = SERVICES[s.kind];
    let w = 0;
    let sum = 0;
    for (const v of svc) {
      w += v.weight;
      sum += (v.weight * v.doses.reduce((a, b) => a + b, 0)) / v.doses.length;
    }
    return (sum / w) * s.scale * Q;
  });
  const shareTotal = catalog.reduce((a, s) => a + s.share, 0);
  const linesPerDay = (nDraws * 0.95) / openDays.length;
  const priorRate = catalog.map((s, p) => linesPerDay * (s.share / shareTotal) * meanDose[p] * 1.4);

  function newLotNumber(s: ProductSpec): string {
    for (;;) {
      const n = s.lotPrefix === "C"
        ? `C${1000 + int(9000)}C${1 + int(9)}`
        : `${s.lotPrefix}${String.fromCharCode(65 + int(26))}${10000 + int(90000)}`;
      if (!lotNumbers.has(n)) {
        lotNumbers.add(n);
        return n;
      }
    }
  }

  function insertActive(l: LotSim): void {
    const list = active[l.p];
    if (list.includes(l)) return;
    let i = list.length;
    while (i > 0 && fefoCompare(list[i - 1], l) > 0) i--;
    list.splice(i, 0, l);
  }

  function dropIfEmpty(l: LotSim): void {
    if (l.remaining > 0) return;
    const list = active[l.p];
    const i = list.indexOf(l);
    if (i >= 0) list.splice(i, 1);
  }

  /** Takes `q` from a lot as the engine books it (toxins: from the open vial first, then fresh vials). */
  function relieve(l: LotSim, q: number, kind: string): void {
    const s = catalog[l.p];
    if (s.kind === "toxin" && kind !== "Return") {
      const vial = s.pack * Q;
      let rest = q;
      if (l.open > 0) {
        const x = Math.min(l.open, rest);
        l.open -= x;
        rest -= x;
      }
      let sealed = l.remaining - l.open - (q - rest);
      while (rest > 0) {
        let content = Math.min(vial, sealed);
        if (content <= 0) content = rest;
        sealed -= content;
        const x = Math.min(content, rest);
        rest -= x;
        if (content - x > 0) l.open = content - x;
      }
    }
    l.remaining -= q;
    if (kind !== "Expired" && kind !== "Return") usage[l.p][dayIndex] = (usage[l.p][dayIndex] ?? 0) + q;
    dropIfEmpty(l);
  }

  function emit(row: Cell[], kind: string): boolean {
    if (draws.length > nDraws) return false;
    draws.push(row);
    byKind[kind]++;
    return true;
  }
  const full = () => draws.length > nDraws;

  function drawRow(t: number, visit: string, patient: string, provider: string, service: string, s: ProductSpec, lot: string, q: number, kind: string, price: number | "", site: number): Cell[] {
    if (!Number.isInteger((q / Q) * 4)) fractionalQty++;
    return placed([t, visit, patient, provider, service, s.name, lot, cell(q), chance(0.9) ? s.unit : "", kind, price], site, -1);
  }

  /** The lot a user would write for a draw of `q`: the open vial's, else FEFO's, now and then the next one. */
  function chooseLot(p: number, q: number, day: number, site: number): LotSim | null {
    const list = active[p].filter((l) => l.site === site && l.expires >= day && l.remaining >= q);
    if (list.length === 0) return null;
    if (catalog[p].kind === "toxin") {
      const open = list.find((l) => l.open > 0);
      if (open && chance(0.97)) return open;
    }
    return list.length > 1 && chance(0.07) ? list[1] : list[0];
  }

  /** What FEFO books for a blank-lot draw: lots in FEFO order, split when one is not enough. */
  function fefoSplit(p: number, q: number, day: number, site: number): { lot: LotSim; qty: number }[] | null {
    const out: { lot: LotSim; qty: number }[] = [];
    let rest = q;
    for (const l of active[p]) {
      if (l.site !== site || l.expires < day || l.remaining <= 0) continue;
      const x = Math.min(l.remaining, rest);
      out.push({ lot: l, qty: x });
      rest -= x;
      if (rest === 0) return out;
    }
    return null;
  }

  function lotCell(l: LotSim): string {
    if (chance(0.003)) return l.number.toLowerCase();
    if (chance(0.002)) return ` ${l.number} `;
    return l.number;
  }

  // ---- schedules fixed in advance: receipts per product, counts, supplier returns
  const receiptDays: number[][] = catalog.map(() => []);
  for (let p = 0; p < nProducts; p++) {
    const n = Math.floor(nReceipts / nProducts) + (p < nReceipts % nProducts ? 1 : 0);
    const span = openDays.length - 4;
    for (let k = 0; k < n; k++) {
      const base = Math.floor((k * span) / n);
      receiptDays[p].push(k === 0 ? 0 : Math.min(openDays.length - 1, base + int(3)));
    }
  }
  const receiptsOn = new Map<number, number[]>();
  receiptDays.forEach((ds, p) => ds.forEach((d) => receiptsOn.set(d, [...(receiptsOn.get(d) ?? []), p])));
  const countsOn = new Map<number, number>();
  for (let i = 0; i < nCounts; i++) {
    const d = 10 + int(openDays.length - 10);
    countsOn.set(d, (countsOn.get(d) ?? 0) + 1);
  }
  const returnsOn = new Set<number>();
  for (let i = 0; i < 24; i++) returnsOn.add(20 + int(openDays.length - 40));
  const interval = openDays.length / (nReceipts / nProducts);

  let weightLeft = dayWeight.reduce((a, b) => a + b, 0);
  const visitIds: string[] = [];
  let dayIndex = 0;
  let patientsSeen = 0;

  for (dayIndex = 0; dayIndex < openDays.length; dayIndex++) {
    const day = openDays[dayIndex];
    const last = dayIndex === openDays.length - 1;

    // Receipts count from the start of the day.
    for (const p of receiptsOn.get(dayIndex) ?? []) {
      const s = catalog[p];
      let used = 0;
      const from = Math.max(0, dayIndex - 24);
      for (let d = from; d < dayIndex; d++) used += usage[p][d] ?? 0;
      const rate = dayIndex >= 12 ? used / (dayIndex - from) : priorRate[p];
      let onHand = 0;
      for (const l of active[p]) if (l.expires > day + 20) onHand += l.remaining;
      const need = rate * (interval + 10) - onHand;
      const packs = Math.max(1, Math.ceil(need / (s.pack * Q)));
      const qty = Math.round(packs * s.pack * Q);
      const site = pickSite();
      const prev = latest[p][site];
      let l: LotSim;
      if (prev && prev.expires > day + 60 && chance(0.01)) {
        l = prev;
        relotted++;
      } else {
        const { year, month } = ymdFromSerial(day);
        const expires = serialFromYmd(year, month + 7 + int(19), 0); // last day of a month 6–24 months on
        l = { p, number: newLotNumber(s), expires, received: day, remaining: 0, open: 0, site };
        latest[p][site] = l;
      }
      l.remaining += qty;
      insertActive(l);
      const unitCost = cents(s.cost * (0.94 + rand() * 0.14));
      const byTotal = chance(0.15);
      if (byTotal) totalCostRows++;
      const total = cents((qty / Q) * unitCost * (chance(0.5) ? 0.97 : 1));
      po++;
      lots.push(placed([
        s.name, l.number, l.expires, day, cell(qty), s.unit, byTotal ? "" : unitCost, byTotal ? total : "",
        chance(0.8) ? s.supplier : "McKesson Medical-Surgical", `PO-${ymdFromSerial(day).year}-${String(po).padStart(5, "0")}`,
      ], site));
    }

    // Lots past their expiry are written off first thing.
    for (const list of active) {
      for (const l of [...list]) {
        if (l.expires >= day || full()) continue;
        const q = l.remaining;
        if (!emit(drawRow(day + 8 * HOUR, "", "", "", "", catalog[l.p], l.number, q, "Expired", "", l.site), "Expired")) break;
        relieve(l, q, "Expired");
      }
    }

    // Now and then a sealed vial or syringe goes back to the supplier.
    if (returnsOn.has(dayIndex) && !full()) {
      const p = int(nProducts);
      const s = catalog[p];
      const pack = Math.round(s.pack * Q);
      const l = active[p].find((x) => x.remaining - x.open >= 2 * pack && x.expires > day + 30);
      if (l && emit(drawRow(day + 8.25 * HOUR, "", "", "", "", s, l.number, pack, "Return", "", l.site), "Return")) relieve(l, pack, "Return");
    }

    // Fillers and biostimulators move from the site holding most to the one holding least.
    if (sites) {
      for (let p = 0; p < nProducts && !full(); p++) {
        const s = catalog[p];
        if (s.kind === "toxin" || !chance(0.3)) continue;
        const held = sites.map((_, i) => active[p].filter((l) => l.site === i && l.expires > day + 30).reduce((n, l) => n + l.remaining, 0));
        const from = held.indexOf(Math.max(...held));
        const to = held.indexOf(Math.min(...held));
        const pack = Math.round(s.pack * Q);
        const packs = Math.floor((held[from] - held[to]) / 2 / pack);
        const l = active[p].find((x) => x.site === from && x.expires > day + 30 && x.remaining >= pack);
        if (from === to || packs < 1 || !l) continue;
        const q = Math.min(packs, Math.floor(l.remaining / pack)) * pack;
        if (!emit(placed([day + 8.5 * HOUR, "", "", "", "", s.name, l.number, cell(q), s.unit, "Transfer", ""], from, to), "Transfer")) break;
        transfers++;
        l.remaining -= q;
        dropIfEmpty(l);
        let there = active[p].find((x) => x.site === to && x.number === l.number);
        if (!there) {
          there = { p, number: l.number, expires: l.expires, received: l.received, remaining: 0, open: 0, site: to };
        }
        there.remaining += q;
        insertActive(there);
      }
    }

    // Visits, in time order through the day.
    const budget = nDraws - (draws.length - 1);
    const target = last ? budget : Math.round((budget * dayWeight[dayIndex]) / weightLeft);
    weightLeft -= dayWeight[dayIndex];
    const dayEnd = draws.length + target;
    const expectedVisits = Math.max(1, Math.round(target / 2.5));
    for (let v = 0; draws.length < dayEnd && !full() && v < 3 * expectedVisits + 50; v++) {
      const minute = Math.min(19 * 60, 8 * 60 + 30 + Math.floor((v * 630) / expectedVisits));
      const t = day + minute / 1440;
      const provider = pick(PROVIDERS);
      const site = pickSite();
      if (chance(0.004)) {
        const p = int(nProducts);
        const s = catalog[p];
        const q = Math.round((s.kind === "toxin" ? 10 * s.scale : 0.5 * s.pack) * Q);
        const l = chooseLot(p, q, day, site);
        if (l && emit(drawRow(t, "", "", provider, "Training", s, l.number, q, "Sample", "", site), "Sample")) relieve(l, q, "Sample");
        continue;
      }
      const visitId = `V${String(visitIds.length + 1).padStart(7, "0")}`;
      // Most patients come back (toxin every three or four months).
      const patient = `MRN${100000 + (patientsSeen > 0 && chance(0.7) ? int(patientsSeen) : patientsSeen++)}`;
      const discount = chance(0.12) ? 0.9 : 1;
      const r = rand();
      const lines = r < 0.25 ? 1 : r < 0.55 ? 2 : r < 0.77 ? 3 : r < 0.92 ? 4 : 5;
      const main = weighted([...catalog.keys()], (p) => catalog[p].share);
      let wrote = 0;
      for (let k = 0; k < lines && draws.length < dayEnd; k++) {
        let done = false;
        for (let attempt = 0; attempt < 6 && !done; attempt++) {
          const p = k === 0 && attempt === 0 ? main : chance(0.65) && attempt === 0 ? main : weighted([...catalog.keys()], (i) => catalog[i].share);
          const s = catalog[p];
          const svc = weighted(SERVICES[s.kind], (x) => x.weight);
          let ref = pick(svc.doses);
          if (s.kind === "toxin" && chance(0.1)) ref += chance(0.5) ? 2.5 : -2.5;
          // Toxins are dosed in quarter units at most; fillers in hundredths of a mL.
          const q = s.kind === "toxin" ? Math.round(ref * s.scale * 4) * (Q / 4) : Math.round(ref * s.scale * 100) * (Q / 100);
          const pack = Math.round(s.pack * Q);
          const price = s.kind === "toxin"
            ? cents((q / Q) * s.price * discount)
            : cents(Math.ceil(q / pack - 1e-9) * (pack / Q) * s.price * discount);
          if (s.kind !== "toxin" && chance(0.001)) {
            const split = fefoSplit(p, q, day, site);
            if (!split) continue;
            if (!emit(drawRow(t, visitId, patient, provider, svc.name, s, "", q, "Visit", price, site), "Visit")) break;
            for (const x of split) relieve(x.lot, x.qty, "Visit");
            blankLot++;
            done = true;
            continue;
          }
          const l = chooseLot(p, q, day, site);
          if (!l) continue;
          if (!emit(drawRow(t, visitId, patient, provider, svc.name, s, lotCell(l), q, "Visit", price, site), "Visit")) break;
          relieve(l, q, "Visit");
          done = true;
          // A partly used syringe is usually discarded; its rest is recorded as waste.
          const leftover = s.kind === "toxin" ? 0 : Math.ceil(q / pack - 1e-9) * pack - q;
          if (leftover > 0 && l.remaining >= leftover && chance(0.75) && !full()) {
            emit(drawRow(t, "", "", provider, svc.name, s, l.number, leftover, "Waste", "", site), "Waste");
            relieve(l, leftover, "Waste");
          }
        }
        if (done) wrote++;
        else shortLines++;
      }
      if (wrote > 0) visitIds.push(visitId);
    }

    // Reconstituted toxin left at the end of the day is discarded (not on the last day: still in use).
    if (!last) {
      for (const list of active) {
        for (const l of [...list]) {
          if (l.open <= 0 || full()) continue;
          const q = l.open;
          if (!emit(drawRow(day + 19.5 * HOUR, "", "", "", "", catalog[l.p], l.number, q, "Waste", "", l.site), "Waste")) break;
          relieve(l, q, "Waste");
        }
      }
    }

    // Cycle counts at the end of the day, one lot each, with a little shrinkage.
    const n = countsOn.get(dayIndex) ?? 0;
    const counted = new Set<LotSim>();
    for (let i = 0; i < n; i++) {
      const withStock = [...catalog.keys()].filter((p) => active[p].some((l) => !counted.has(l)));
      if (withStock.length === 0) break;
      const p = pick(withStock);
      const l = pick(active[p].filter((x) => !counted.has(x)));
      counted.add(l);
      const s = catalog[l.p];
      const expected = l.remaining;
      let c = expected;
      const r = rand();
      const step = s.kind === "toxin" ? Q : Math.round(s.pack * Q);
      if (r < 0.09) c = Math.max(0, expected - (s.kind === "toxin" ? (1 + int(10)) * Q / 2 : step * (chance(0.5) ? 0.5 : 1)));
      else if (r < 0.12) c = expected + (s.kind === "toxin" ? (1 + int(3)) * Q : step);
      c = Math.round(c);
      if (c !== expected) shrinkCounts++;
      counts.push(placed([day, s.name, l.number, cell(c), pick(COUNTERS), c < expected ? "cycle count" : c > expected ? "found in back fridge" : ""], l.site));
      l.remaining = c;
      if (l.open > c) l.open = c;
      dropIfEmpty(l);
    }
  }

  return {
    lots, draws, counts, products,
    productNames: catalog.map((s) => s.name),
    visitIds,
    asOf: openDays[openDays.length - 1],
    stats: {
      lots: lotNumbers.size, relotted, totalCostRows, visits: visitIds.length, byKind, blankLot, fractionalQty, shortLines, shrinkCounts, transfers,
    },
  };
}
