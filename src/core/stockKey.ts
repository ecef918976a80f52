/**
 * The key stock is kept under: today the normalised lot number. Every computation keys stock by
 * this one type, so that (lot, location) can replace it when a workbook tracks several sites.
 */
export type StockKey = string & { readonly __stock: unique symbol };

/** @example stockKeyOf("C3709C3") */
export function stockKeyOf(lotKey: string): StockKey {
  return lotKey as StockKey;
}
