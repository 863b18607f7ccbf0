// Feature matrices as the stats code takes them: dense columns of Float64Array,
// either as a list of columns or as one column-major buffer. Both become a list
// of column views (no copy), so the fitting loops read contiguous memory.

export type FeatureColumns = readonly Float64Array[];

export interface ColumnMajor {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export type Features = FeatureColumns | ColumnMajor;

/**
 * A feature column kept for a session's lifetime: dummies as bytes and counts as
 * 16-bit integers when every value fits exactly (at a million leads the training
 * rows' 55 columns take ~145 MB as doubles, ~45 MB so), anything else as doubles.
 */
export type StoredColumn = Float64Array | Uint16Array | Uint8Array;

/** The narrowest exact storage of a column: same values read back. */
export function compactColumn(c: Float64Array): StoredColumn {
  let max = 0;
  for (let k = 0; k < c.length; k++) {
    const v = c[k]!;
    // Negative, fractional, NaN and -0 values keep their doubles.
    if (!(v >= 0 && v <= 65535 && Math.floor(v) === v) || Object.is(v, -0)) return c;
    if (v > max) max = v;
  }
  return max <= 1 ? Uint8Array.from(c) : Uint16Array.from(c);
}

/** Doubles for the fitting loops (a copy unless the column already is one). */
export function asFloat64(c: StoredColumn): Float64Array {
  return c instanceof Float64Array ? c : Float64Array.from(c);
}

export function isColumnMajor(x: Features): x is ColumnMajor {
  return !Array.isArray(x);
}

/** The columns of a feature matrix as views; throws when the columns disagree on length. */
export function columnsOf(x: Features, rows?: number): { cols: Float64Array[]; rows: number } {
  if (isColumnMajor(x)) {
    if (x.data.length !== x.rows * x.cols) throw new RangeError(`Feature buffer holds ${x.data.length} values, not ${x.rows} x ${x.cols}`);
    const cols: Float64Array[] = [];
    for (let j = 0; j < x.cols; j++) cols.push(x.data.subarray(j * x.rows, (j + 1) * x.rows));
    return { cols, rows: x.rows };
  }
  const list = x as FeatureColumns;
  const n = rows ?? (list.length > 0 ? list[0]!.length : 0);
  for (let j = 0; j < list.length; j++) {
    if (list[j]!.length !== n) throw new RangeError(`Feature column ${j} has ${list[j]!.length} rows, expected ${n}`);
  }
  return { cols: [...list], rows: n };
}
