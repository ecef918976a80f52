import { keepShape } from "../_lib/shapes";
import { KeyTable } from "./keyTable";

/**
 * Names looked up by their key, and numbered by it: each name as written is keyed once (a
 * practice's draws name a few hundred products, lots and locations a quarter of a million times),
 * and names of one key (however spelled) share an index, given in the order the keys are first
 * seen. A row's lot and location are then small integers.
 */
export class NameIndex {
  private readonly known = new Map<string, number>();
  private readonly table = new KeyTable(16);
  private readonly names: string[] = [];

  constructor(private readonly keyOf: (name: string) => string) {}

  /** The index of a name's key, a new one the first time the key is seen. */
  indexOf(name: string): number {
    let index = this.known.get(name);
    if (index === undefined) {
      const key = this.keyOf(name);
      index = this.table.indexOf(key);
      if (index < 0) {
        index = this.table.add(key);
        this.names.push(name);
      }
      this.known.set(name, index);
    }
    return index;
  }

  /** A name's key. */
  key(name: string): string {
    return this.keys[this.indexOf(name)];
  }

  /** The keys by index. */
  get keys(): readonly string[] {
    return this.table.keyList();
  }

  /** Each key with the first name seen for it, in index order. */
  firstNames(): Map<string, string> {
    return new Map(this.keys.map((key, i) => [key, this.names[i]]));
  }
}

// Its shape outlives every parse (see `keepShape`).
keepShape(new NameIndex((name) => name));
