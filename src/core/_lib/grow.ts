/**
 * Typed columns that grow at their end without a copy. A live ledger adds a draw at a time to
 * columns a quarter of a million long; copying each for every draw would cost more than the rest
 * of the update. A column made here is a view into a buffer with room to spare: the next, longer
 * column is a longer view of the same buffer, and the shorter one (the ledger before) never sees
 * what is written past its end. A buffer remembers how far it is claimed, so a second column
 * grown from the same one (a trial ledger beside the live one) gets a copy instead.
 */
type Column = Int32Array | Uint8Array;

/** How many bytes of each buffer a column already uses: only a column reaching that far may grow in place. */
const claimed = new WeakMap<ArrayBufferLike, number>();

/**
 * `column` with room for `length` values: its own values first, zeros after. Only the values past
 * `column.length` may be written: the first ones stay shared with `column`.
 * @example const more = grown(visitOf, visitOf.length + 1); more[visitOf.length] = 7;
 */
export function grown<T extends Column>(column: T, length: number): T {
  const bytes = column.BYTES_PER_ELEMENT;
  const end = column.byteOffset + column.byteLength;
  const room = column.buffer.byteLength - column.byteOffset;
  if (length <= column.length) return column.subarray(0, length) as T;
  if (claimed.get(column.buffer) === end && room >= length * bytes) {
    claimed.set(column.buffer, column.byteOffset + length * bytes);
    return new (column.constructor as new (b: ArrayBufferLike, o: number, l: number) => T)(column.buffer, column.byteOffset, length);
  }
  const capacity = Math.max(1024, Math.ceil(length * 1.25));
  const fresh = new (column.constructor as new (n: number) => T)(capacity);
  fresh.set(column);
  claimed.set(fresh.buffer, length * bytes);
  return fresh.subarray(0, length) as T;
}

/**
 * A column of `length` zeros with room to grow at its end (see `grown`): what a table's first
 * reading makes, so the first row added after it copies nothing either.
 * @example const visitOf = growable(Int32Array, rows);
 */
export function growable<T extends Column>(Kind: new (length: number) => T, length: number): T {
  const column = new Kind(Math.max(1024, Math.ceil(length * 1.25))).subarray(0, length) as T;
  claimed.set(column.buffer, column.byteLength);
  return column;
}

/**
 * A growable column cut to its first `length` values, still with room to grow: the values past
 * `length` are left to the next `grown`, which may write over them.
 * @example const visitOf = cut(growable(Int32Array, 10), 7);
 */
export function cut<T extends Column>(column: T, length: number): T {
  if (length >= column.length) return column;
  const short = column.subarray(0, length) as T;
  if (claimed.get(column.buffer) === column.byteOffset + column.byteLength) {
    column.fill(0, length);
    claimed.set(column.buffer, short.byteOffset + short.byteLength);
  }
  return short;
}

/**
 * A list that grows at its end without a copy: the plain-array counterpart of `grown`, for the
 * Draws rows a ledger keeps (a quarter of a million, one more per draw recorded). The next, longer
 * list pushes onto the same array; this one goes on reading only its first `length` items, and
 * copies them out the first time it is read after the array grew past them. A second list grown
 * from this one (a trial ledger beside the live one) finds the array already longer and copies.
 *
 * So the array `items` returns is read at once, not kept: a later list may push onto it.
 * @example const more = AppendList.owning(rows).concat([row]); more.items.length === rows.length + 1
 */
export class AppendList<T> {
  private copied: readonly T[] | null = null;

  private constructor(
    private readonly array: T[],
    readonly length: number,
  ) {}

  /** A list of `items`, which it then owns: nothing else may change that array. */
  static owning<T>(items: T[]): AppendList<T> {
    return new AppendList(items, items.length);
  }

  /** The items: the array itself while nothing was pushed past them, else a copy of them, made once. */
  get items(): readonly T[] {
    if (this.array.length === this.length) return this.array;
    return (this.copied ??= this.array.slice(0, this.length));
  }

  /** This list with `more` at its end, pushed onto the same array where no other list did so first. */
  concat(more: readonly T[]): AppendList<T> {
    if (more.length === 0) return this;
    if (this.array.length !== this.length) return AppendList.owning(this.items.concat(more));
    for (const item of more) this.array.push(item);
    return new AppendList(this.array, this.length + more.length);
  }
}
