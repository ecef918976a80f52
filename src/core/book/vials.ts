/** Opened vials of a lot: what is left in them and until when they may be used. */
import type { Qty } from "../quantity";
import type { LotState } from "./state";
import { EXPIRED, WASTE } from "./timeline";

// ---------------------------------------------------------------------------------------------
// Vials.

export function vialContent(s: LotState): Qty {
  let c: number = s.open ? s.open.left : 0;
  for (const v of s.stale) c += v.left;
  return c as Qty;
}

/** Units of the lot that may still be drawn at `moment` (opened vials past use-by excluded). */
export function usableRemaining(s: LotState, moment: number): Qty {
  let r: number = s.remaining;
  for (const v of s.stale) r -= v.left;
  if (s.open && s.open.useBy !== null && moment > s.open.useBy) r -= s.open.left;
  return r as Qty;
}

/** True when the lot has an opened vial that may still be used at `moment`. */
export function hasUsableOpenVial(s: LotState, moment: number): boolean {
  return !!s.open && s.open.left > 0 && (s.open.useBy === null || moment <= s.open.useBy);
}

export function retireOpenVial(s: LotState, t: number): void {
  if (s.open && s.open.useBy !== null && t > s.open.useBy) {
    if (s.open.left > 0) s.stale.push(s.open);
    s.open = null;
  }
}

export function drawFromVials(s: LotState, q: Qty, kind: number, t: number, vialSize: Qty, hours: number | null): void {
  retireOpenVial(s, t);
  let rest: number = q;
  if (kind === WASTE || kind === EXPIRED) {
    while (rest > 0 && s.stale.length > 0) {
      const v = s.stale[0];
      const x = Math.min(v.left, rest);
      v.left = (v.left - x) as Qty;
      rest -= x;
      if (v.left === 0) s.stale.shift();
    }
  }
  if (rest > 0 && s.open) {
    const x = Math.min(s.open.left, rest);
    s.open.left = (s.open.left - x) as Qty;
    rest -= x;
    if (s.open.left === 0) s.open = null;
  }
  let sealed = s.remaining - vialContent(s) - (q - rest);
  while (rest > 0) {
    let content = Math.min(vialSize, sealed);
    if (content <= 0) content = rest; // an overdraw: there is no sealed vial to open
    sealed -= content;
    const x = Math.min(content, rest);
    rest -= x;
    if (content - x > 0) {
      if (s.open && s.open.left > 0) s.stale.push(s.open);
      s.open = { left: (content - x) as Qty, opened: t, useBy: hours === null ? null : t + hours / 24 };
    }
  }
}

export function trimVialsToCount(s: LotState, counted: Qty): void {
  let excess: number = vialContent(s) - counted;
  while (excess > 0 && s.stale.length > 0) {
    const v = s.stale[0];
    const x = Math.min(v.left, excess);
    v.left = (v.left - x) as Qty;
    excess -= x;
    if (v.left === 0) s.stale.shift();
  }
  if (excess > 0 && s.open) {
    s.open.left = (s.open.left - Math.min(s.open.left, excess)) as Qty;
    if (s.open.left === 0) s.open = null;
  }
}
