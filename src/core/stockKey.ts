/**
 * The key stock is kept under: the normalised lot number, and where the workbook has a Location
 * column, the location too. A lot at the unnamed location (no Location column, or a blank cell)
 * is keyed by its lot number alone, so a workbook without locations keys stock as it always did.
 */
export type StockKey = string & { readonly __stock: unique symbol };

/**
 * @example stockKeyOf("C3709C3") // "C3709C3"
 * @example stockKeyOf("C3709C3", "suite b") // "C3709C3\u0001suite b"
 */
export function stockKeyOf(lotKey: string, locationKey = ""): StockKey {
  return (locationKey === "" ? lotKey : `${lotKey}\u0001${locationKey}`) as StockKey;
}
