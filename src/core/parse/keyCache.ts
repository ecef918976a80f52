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

  /** Each key with the first name seen for it, in the order the keys were first seen. */
  firstNames(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, key] of this.known) if (!out.has(key)) out.set(key, name);
    return out;
  }
}

// Its shape outlives every parse (see `keepShape`).
keepShape(new KeyCache((name) => name));
