import { keepShape } from "../_lib/shapes";

/**
 * The keys of names already seen, looked up rather than made again: a practice's draws name a few
 * hundred products, lots and locations a quarter of a million times.
 */
export class KeyCache {
  private readonly known = new Map<string, string>();

  constructor(private readonly keyOf: (name: string) => string) {}

  of(name: string): string {
    let key = this.known.get(name);
    if (key === undefined) this.known.set(name, (key = this.keyOf(name)));
    return key;
  }
}

// Its shape outlives every parse (see `keepShape`).
keepShape(new KeyCache((name) => name));
