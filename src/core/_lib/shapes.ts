/**
 * Instances kept for the life of the module, one of each class that a build makes by the
 * thousands and then drops. An engine such as V8 reaches the shape of a class instance by
 * transitions it keeps only while some instance of that shape is alive: once every one has been
 * collected (a workbook's previous ledger let go, and a full collection), the next build's
 * instances get a new shape, and the optimised code that reads them (the replay, the row reader)
 * is thrown away and made again in the middle of that build. One instance kept keeps the shape.
 * Measured on the bench practice, three-site posting after a full collection: 150–210 ms without,
 * 97–103 ms with (docs/contributing.md, "Where the time goes").
 */
const kept: object[] = [];

/** Keeps `instance` (and so its shape) for the life of the module; returns it. */
export function keepShape<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}
