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

/**
 * Names numbered by their key, as `KeyCache` keys them: each name as written is looked up once, and
 * names of one key (however spelled) share an index, given in the order the keys are first seen.
 * For the lots and locations of a quarter of a million draws: each row's are then small integers.
 */
export class NameIndex {
  private readonly known = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  private readonly list: string[] = [];
  private readonly names: string[] = [];

  constructor(private readonly keyOf: (name: string) => string) {}

  indexOf(name: string): number {
    let index = this.known.get(name);
    if (index === undefined) {
      const key = this.keyOf(name);
      index = this.byKey.get(key);
      if (index === undefined) {
        index = this.list.length;
        this.list.push(key);
        this.names.push(name);
        this.byKey.set(key, index);
      }
      this.known.set(name, index);
    }
    return index;
  }

  /** The keys by index. */
  get keys(): readonly string[] {
    return this.list;
  }

  /** Each key with the first name seen for it, in index order (as `KeyCache.firstNames`). */
  firstNames(): Map<string, string> {
    return new Map(this.list.map((key, i) => [key, this.names[i]]));
  }
}

// Their shapes outlive every parse (see `keepShape`).
keepShape(new KeyCache((name) => name));
keepShape(new NameIndex((name) => name));
