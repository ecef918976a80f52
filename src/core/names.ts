/**
 * How names are matched across tables: the key each kind of name is compared by. A product, lot,
 * unit or location written differently in two rows (case, spaces) is the same one when its keys
 * are equal; every table and formula compares names through these.
 */

/**
 * Product names match ignoring case and repeated spaces.
 * @example productKey(" Botox  100U ") // "botox 100u"
 */
export function productKey(name: string): string {
  return name.replace(/\s+/g, " ").toLowerCase();
}

/**
 * Lot numbers match trimmed and case-insensitively.
 * @example lotKey(" c3709c3 ") // "C3709C3"
 */
export function lotKey(lot: string): string {
  return lot.toUpperCase();
}

/**
 * Visit ids match case-insensitively, like lot numbers. An id with no lower-case letter (most:
 * "V1024") is its own key: a quarter of a million draws are keyed without a copy of each id.
 * @example visitKey("v1024") // "V1024"
 */
export function visitKey(visit: string): string {
  for (let i = 0; i < visit.length; i++) {
    const c = visit.charCodeAt(i);
    // a–z, or anything beyond ASCII (whose upper case only toUpperCase knows).
    if ((c >= 97 && c <= 122) || c > 127) return visit.toUpperCase();
  }
  return visit;
}

/**
 * Units of measure match ignoring case; `units` and `unit` mean `U`.
 * @example unitKey("ML") // "ml"
 */
export function unitKey(unit: string): string {
  const u = unit.trim().toLowerCase();
  return u === "units" || u === "unit" ? "u" : u;
}

/**
 * Locations match ignoring case and runs of spaces; blank is the unnamed location, `""`.
 * @example locationKey("  Suite  B ") // "suite b"
 */
export function locationKey(location: string | null | undefined): string {
  return location ? location.trim().replace(/\s+/g, " ").toLowerCase() : "";
}
