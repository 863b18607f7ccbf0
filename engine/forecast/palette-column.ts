// A float64 column with few distinct values, stored as 16-bit codes into a
// table of those values: 2 bytes a row instead of 8, and read back exactly
// (every value, bit for bit, is a table entry). For columns kept across calls,
// such as a queue draw's per-MQL ignore chances (a function of the rep and its
// backlog: ~2,000 distinct values among 84,000 MQLs at M).

export interface PaletteColumn {
  readonly codes: Uint16Array;
  readonly table: Float64Array;
}

const MAX_DISTINCT = 1 << 16;

/** The palette form of `values`, or null when it has more than 65,536 distinct values (or a -0 or NaN, which a Map key would not keep apart). */
export function paletteOf(values: Float64Array): PaletteColumn | null {
  const codeOf = new Map<number, number>();
  const codes = new Uint16Array(values.length);
  const table: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    let c = codeOf.get(v);
    if (c === undefined) {
      if (table.length === MAX_DISTINCT || Number.isNaN(v) || Object.is(v, -0)) return null;
      c = table.length;
      table.push(v);
      codeOf.set(v, c);
    }
    codes[k] = c;
  }
  return { codes, table: Float64Array.from(table) };
}

/** Row k's value. */
export function paletteValue(p: PaletteColumn, k: number): number {
  return p.table[p.codes[k]!]!;
}

/** All rows' values into `out` (length >= the column's). */
export function decodePalette(p: PaletteColumn, out: Float64Array): Float64Array {
  const { codes, table } = p;
  for (let k = 0; k < codes.length; k++) out[k] = table[codes[k]!]!;
  return out;
}
