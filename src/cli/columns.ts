import type { Cell, Grid } from "../core";
import { CellKind } from "./xlsx";

/**
 * A table's cells as typed columns: per column, what each cell holds (a byte) and its number (a
 * value, or the index of its shared string), 9 bytes a cell, rather than an array or an object per
 * row. Text held in a cell itself is kept aside by position. Rows and columns are 0-based from the
 * table's top-left cell; both grow as cells arrive.
 * @example const t = new ColumnTable(strings); t.set(0, 0, CellKind.Shared, 3, null); t.row(0)
 */
export class ColumnTable {
  private kinds: Uint8Array[] = [];
  private nums: Float64Array[] = [];
  private readonly texts = new Map<number, string>();
  private capacity = 0;
  /** How many rows and columns hold a cell (with or without a value). */
  rows = 0;
  width = 0;

  constructor(private readonly shared: readonly string[]) {}

  set(row: number, col: number, kind: CellKind, num: number, text: string | null): void {
    if (row >= this.capacity) this.grow(row + 1);
    while (col >= this.kinds.length) {
      this.kinds.push(new Uint8Array(this.capacity));
      this.nums.push(new Float64Array(this.capacity));
    }
    if (row >= this.rows) this.rows = row + 1;
    if (col >= this.width) this.width = col + 1;
    if (kind === CellKind.Empty) return;
    this.kinds[col][row] = kind;
    if (kind === CellKind.Text) this.texts.set(row * 16384 + col, text ?? "");
    else this.nums[col][row] = num;
  }

  /** The value of one cell, as Excel hands it to a custom function (`null` when empty). */
  cell(row: number, col: number): Cell {
    if (col >= this.kinds.length || row >= this.capacity) return null;
    switch (this.kinds[col][row] as CellKind) {
      case CellKind.Number: return this.nums[col][row];
      case CellKind.Shared: return this.shared[this.nums[col][row]] ?? null;
      case CellKind.Text: return this.texts.get(row * 16384 + col) ?? null;
      case CellKind.Boolean: return this.nums[col][row] === 1;
      default: return null;
    }
  }

  /** One row's cells from column `left` to `right` (0-based, inclusive). */
  row(row: number, left = 0, right = this.width - 1): Cell[] {
    const out: Cell[] = new Array(right - left + 1);
    for (let c = left; c <= right; c++) out[c - left] = this.cell(row, c);
    return out;
  }

  private grow(need: number): void {
    let cap = Math.max(this.capacity, 64);
    while (cap < need) cap *= 2;
    for (let c = 0; c < this.kinds.length; c++) {
      const k = new Uint8Array(cap);
      k.set(this.kinds[c]);
      this.kinds[c] = k;
      const n = new Float64Array(cap);
      n.set(this.nums[c]);
      this.nums[c] = n;
    }
    this.capacity = cap;
  }
}

/**
 * A read-only grid over rows `top`…`bottom` and columns `left`…`right` of a column table (0-based,
 * inclusive), for the engine, which reads a table as rows of cells. Each row is made when it is
 * read and dropped after, so a million-row table is never held twice.
 * @example gridView(table, 2, 0, 101, 7)[0] // the header row
 */
export function gridView(table: ColumnTable, top: number, left: number, bottom: number, right: number): Grid {
  const length = Math.max(bottom - top + 1, 0);
  const target: Cell[][] = [];
  target.length = length;
  const index = (p: string | symbol): number => {
    if (typeof p !== "string" || p.length === 0) return -1;
    const c = p.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(p);
    return Number.isInteger(i) && i < length ? i : -1;
  };
  return new Proxy(target, {
    get(t, p, receiver) {
      const i = index(p);
      return i >= 0 ? table.row(top + i, left, right) : Reflect.get(t, p, receiver);
    },
    has(t, p) {
      return index(p) >= 0 || Reflect.has(t, p);
    },
  });
}
