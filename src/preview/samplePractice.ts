/**
 * The sample practice the browser preview opens with: six products (four toxins, one not yet received, and two fillers),
 * a year of visits, lots past expiry and within 30, 60 and 90 days of it, a count that finds a
 * unit missing, and a vial opened yesterday. It keeps stock at two locations: everything is
 * received, drawn and counted at Main Street; ten days ago 50 U of Botox lot C7033D were
 * transferred to Suite B, which counted them the next morning.
 *
 * Every date is counted from `today`, the day the preview is opened (the real today in the page,
 * a fixed day in tests): the expiry bands are therefore the same whichever day it runs — the
 * expired lot is always 20 days past, the orange one always 25 days ahead — where fixed calendar
 * dates would drift into "everything expired" within months. The same `today` gives the same rows.
 */
import { serialFromYmd, ymdFromSerial, type Serial, type TableName } from "../core";
import type { CellValue } from "../workbook/port";

export type SampleGrids = Record<TableName, CellValue[][]>;

interface SampleLot {
  product: string;
  lot: string;
  /** Days from today: negative is past. */
  expires: number;
  received: number;
  qty: number;
  unitCost: number;
  supplier: string;
  po: string;
}

// GTINs under GS1's example company prefix 0614141 (never a real product), so the preview can be
// tried with a scanner or a typed scan; Jeuveau has none yet, so its first scan asks which product it is.
const PRODUCTS: CellValue[][] = [
  ["Product", "Unit", "Vial Size", "Use Within Hours", "Alert Days", "Loss Allowance", "Price per Unit", "GTIN", "Lead Days", "Cover Days", "Pack Size"],
  // Use Within Hours only where the practice tracks open vials: Dysport, whose vials it keeps 72 hours.
  // Lead Days, Cover Days and Pack Size left blank take REORDER's defaults (7 days, 30 days, the vial).
  ["Botox 100U", "U", 100, null, "90,60,30", 0.02, 14, "00614141000012", 5, null, null],
  ["Dysport 300U", "U", 300, 72, "90,60,30", 0.02, 5, "00614141000029", null, null, null],
  ["Xeomin 100U", "U", 100, null, "90,60,30", 0.02, 12, "00614141000036", null, null, null],
  ["Juvederm Ultra XC", "syringe", 1, null, "90,60,30", 0, 750, "00614141000043", 3, 45, 2],
  ["Restylane Lyft", "syringe", 1, null, "90,60,30", 0, 800, "00614141000050", null, 45, 2],
  // A toxin the practice is about to stock: listed, no lot received yet.
  ["Jeuveau 100U", "U", 100, null, "90,60,30", 0.02, 13, null, null, null, null],
];

const LOTS: SampleLot[] = [
  { product: "Botox 100U", lot: "C5501A", expires: -20, received: -365, qty: 500, unitCost: 6.5, supplier: "Allergan", po: "PO-2101" },
  { product: "Botox 100U", lot: "C6120B", expires: 25, received: -120, qty: 300, unitCost: 6.6, supplier: "Allergan", po: "PO-2140" },
  { product: "Botox 100U", lot: "C7033D", expires: 410, received: -40, qty: 200, unitCost: 6.8, supplier: "Allergan", po: "PO-2188" },
  { product: "Dysport 300U", lot: "D88201", expires: 50, received: -300, qty: 900, unitCost: 2.1, supplier: "Galderma", po: "PO-2109" },
  { product: "Dysport 300U", lot: "D90417", expires: 85, received: -120, qty: 600, unitCost: 2.15, supplier: "Galderma", po: "PO-2160" },
  { product: "Xeomin 100U", lot: "X31107", expires: 300, received: -370, qty: 800, unitCost: 5.4, supplier: "Merz", po: "PO-2122" },
  { product: "Juvederm Ultra XC", lot: "JU4410", expires: 15, received: -370, qty: 30, unitCost: 300, supplier: "Allergan", po: "PO-2101" },
  { product: "Juvederm Ultra XC", lot: "JU5127", expires: 520, received: -90, qty: 10, unitCost: 310, supplier: "Allergan", po: "PO-2171" },
  { product: "Restylane Lyft", lot: "RL2290", expires: -5, received: -370, qty: 16, unitCost: 320, supplier: "Galderma", po: "PO-2109" },
  { product: "Restylane Lyft", lot: "RL3012", expires: 400, received: -60, qty: 6, unitCost: 330, supplier: "Galderma", po: "PO-2182" },
];

const PROVIDERS = ["Dr. Reyes", "N. Patel, NP"];

/** Where everything arrives, is drawn and counted, and the second site stocked from it. */
export const MAIN = "Main Street";
export const SECOND = "Suite B";
/** The transfer that stocks the second site: 50 U of C7033D ($6.80), ten days ago. */
const TRANSFER = { lot: "C7033D", qty: 50, offset: -10 };
const SERVICES: Record<string, [string, number][]> = {
  "Botox 100U": [["Glabella", 20], ["Forehead", 12], ["Crow's feet", 24]],
  "Dysport 300U": [["Glabella", 50], ["Forehead", 30]],
  "Xeomin 100U": [["Glabella", 20]],
  "Juvederm Ultra XC": [["Lips", 1]],
  "Restylane Lyft": [["Cheeks", 1]],
};
/**
 * The product of each visit, in turn: toxins more often than fillers. Dysport's vials are opened
 * only yesterday, so the one open vial is the one the sample means to show.
 */
const ROTATION = ["Botox 100U", "Xeomin 100U", "Juvederm Ultra XC", "Botox 100U", "Restylane Lyft", "Xeomin 100U", "Juvederm Ultra XC", "Xeomin 100U"];

/**
 * An expiry as a label gives it: never the 1st of a month, which Check rightly questions (a month-only
 * label typed as a date); the day before instead, which moves no lot out of its band.
 */
function expiry(serial: Serial): Serial {
  return ymdFromSerial(serial).day === 1 ? ((serial - 1) as Serial) : serial;
}

/** The sample practice's four tables, header first, with dates as serials counted from `today`. */
export function samplePractice(today: Date): SampleGrids {
  const base: Serial = serialFromYmd(today.getFullYear(), today.getMonth() + 1, today.getDate());
  const day = (offset: number) => (base + offset) as Serial;
  const left = new Map(LOTS.map((l) => [l.lot, l.qty]));
  const price = new Map(PRODUCTS.slice(1).map((p) => [p[0] as string, p[6] as number]));
  const unit = new Map(PRODUCTS.slice(1).map((p) => [p[0] as string, p[1] as string]));

  const draws: CellValue[][] = [["Date", "Visit", "Patient", "Provider", "Service", "Product", "Lot", "Qty", "Unit", "Kind", "Price", "Location", "To"]];
  const draw = (offset: number, hour: number, product: string, service: string, qty: number, visit: number, priced = true) => {
    // The lot a careful nurse takes: received by then, not expired, enough left, expiring first.
    const lot = LOTS.filter((l) => l.product === product && l.received <= offset && l.expires > offset && (left.get(l.lot) ?? 0) >= qty).sort((a, b) => a.expires - b.expires)[0];
    if (!lot) return;
    left.set(lot.lot, (left.get(lot.lot) ?? 0) - qty);
    const id = `V${2000 + visit}`;
    draws.push([day(offset) + hour / 24, id, `P-${1000 + ((visit * 37) % 240)}`, PROVIDERS[visit % 2], service, product, lot.lot, qty, unit.get(product) ?? null, "Visit", priced ? qty * (price.get(product) ?? 0) : null, MAIN, null]);
  };

  // A year of visits, one every four days, each with one product.
  let visit = 0;
  for (let offset = -360; offset <= -12; offset += 4, visit++) {
    const product = ROTATION[visit % ROTATION.length];
    const choices = SERVICES[product];
    const [service, qty] = choices[visit % choices.length];
    draw(offset, 9 + (visit % 8), product, service, qty, visit);
  }
  // Ten days ago, Suite B was stocked from Main Street with part of the Botox lot that expires last.
  left.set(TRANSFER.lot, (left.get(TRANSFER.lot) ?? 0) - TRANSFER.qty);
  draws.push([day(TRANSFER.offset) + 12 / 24, null, null, null, null, "Botox 100U", TRANSFER.lot, TRANSFER.qty, "U", "Transfer", null, MAIN, SECOND]);
  // A week ago, a visit of two lines whose filler line was left without a price: Check warns of it.
  draw(-7, 11, "Botox 100U", "Glabella", 20, visit);
  draw(-7, 11, "Juvederm Ultra XC", "Lips", 1, visit++, false);
  // Yesterday's Dysport visit opens a fresh vial (used within 72 hours): an open vial today.
  draw(-1, 15, "Dysport 300U", "Glabella", 40, visit++);

  // Last month's count of the Botox lot in use found one unit fewer than the books expected.
  const countDay = -30;
  const inUse = LOTS.filter((l) => l.product === "Botox 100U" && l.received <= countDay && l.expires > countDay).sort((a, b) => a.expires - b.expires)[0];
  const drawnSince = draws.slice(1).filter((r) => r[6] === inUse.lot && (r[0] as number) > day(countDay) + 17 / 24).reduce((s, r) => s + (r[7] as number), 0);
  const expected = (left.get(inUse.lot) ?? 0) + drawnSince;
  const counts: CellValue[][] = [
    ["Date", "Product", "Lot", "Counted", "By", "Note", "Location"],
    [day(countDay) + 17 / 24, inUse.product, inUse.lot, expected - 1, "M. Chen", "Monthly count", MAIN],
    // Suite B counted what it was sent the next morning: all there.
    [day(TRANSFER.offset + 1) + 9 / 24, "Botox 100U", TRANSFER.lot, TRANSFER.qty, "M. Chen", "Opening count", SECOND],
  ];

  const lots: CellValue[][] = [
    ["Product", "Lot", "Expires", "Received", "Qty", "Unit", "Unit Cost", "Total Cost", "Supplier", "PO", "Location"],
    ...LOTS.map((l) => [l.product, l.lot, expiry(day(l.expires)), day(l.received), l.qty, unit.get(l.product) ?? null, l.unitCost, null, l.supplier, l.po, MAIN]),
  ];
  return { Products: PRODUCTS.map((r) => [...r]), Lots: lots, Draws: draws, Counts: counts };
}
