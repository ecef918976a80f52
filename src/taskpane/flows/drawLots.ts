/**
 * The lots a Visit draw offers, said as the assistant at the fridge needs them: why the proposed
 * lot comes first, and how a draw larger than its lot splits across the next lots by FEFO.
 */
import { fefoPlan, formatQty, formatSerial, type DateSystem, type FefoLine, type Ledger, type Lot, type OpenVial, type Qty, type Serial } from "../../core";

/** A lot with stock, as the draw form lists it. */
export interface DrawLot {
  readonly lot: Lot;
  readonly remaining: Qty;
  readonly vial: OpenVial | null;
  readonly expired: boolean;
}

/**
 * Why FEFO proposes `proposed` among `lots` (usable and expired, with stock), in words.
 * @example proposalReason(lots, "C6120B", "U", 1900) // "it expires first of the usable lots (12/21/2026); C5501A expired 11/10/2026 and is skipped."
 */
export function proposalReason(lots: readonly DrawLot[], proposed: string, unit: string, dateSystem: DateSystem): string | null {
  const it = lots.find((l) => l.lot.lot === proposed);
  if (!it) return null;
  const usable = lots.filter((l) => !l.expired);
  const soonest = usable.reduce<DrawLot | null>((a, l) => (a === null || (l.lot.expires ?? Infinity) < (a.lot.expires ?? Infinity) ? l : a), null);
  const expiresFirst = soonest !== null && (soonest.lot.expires ?? Infinity) === (it.lot.expires ?? Infinity);
  const expiry = it.lot.expires === null ? "" : ` (${formatSerial(it.lot.expires, dateSystem)})`;
  const reasons: string[] = [];
  if (it.vial && !it.vial.pastUseBy) reasons.push(`its vial is already open (${formatQty(it.vial.left)}${unit ? ` ${unit}` : ""} left), so it is used first`);
  if (expiresFirst) reasons.push(usable.length === 1 ? `it is the only usable lot${expiry}` : `it expires first of the usable lots${expiry}`);
  else if (reasons.length === 0) reasons.push(`it is the first usable lot by FEFO${expiry}`);
  const skipped = lots
    .filter((l) => l.expired && l.lot.expires !== null)
    .map((l) => `${l.lot.lot} expired ${formatSerial(l.lot.expires!, dateSystem)} and is skipped`);
  return `${reasons.join(", and ")}${skipped.length ? `; ${skipped.join("; ")}` : ""}.`;
}

/** A draw split across lots: the lines to record, and what usable stock cannot cover. */
export interface SplitDraw {
  readonly lines: readonly FefoLine[];
  readonly short: Qty;
}

/**
 * `qty` of a product drawn from `lot` first, all that is left of it (`left`), and the rest from
 * the other usable lots by FEFO (at `location`, or all together); null when the product has no
 * plan (an error in its rows).
 * @example splitDraw(ledger, "Botox 100U", "C3709C3", 180e6, 200e6, at) // lines: C3709C3 180, C4120A1 20
 */
export function splitDraw(ledger: Ledger, product: string, lot: string, left: Qty, qty: Qty, at: Serial, location: string | null = null): SplitDraw | null {
  // Planned for the whole quantity, the other lots in the plan hold at least what the chosen lot lacks.
  const plan = fefoPlan(ledger, product, qty, at, false, location);
  if (!plan.ok) return null;
  const chosen = plan.value.lines.find((l) => l.lot === lot);
  const lines: FefoLine[] = [{ lot, qty: left, expires: chosen?.expires ?? null }];
  let rest = (qty - left) as Qty;
  for (const l of plan.value.lines) {
    if (rest <= 0) break;
    if (l.lot === lot) continue;
    const take = Math.min(l.qty, rest) as Qty;
    lines.push({ ...l, qty: take });
    rest = (rest - take) as Qty;
  }
  return { lines, short: rest };
}
