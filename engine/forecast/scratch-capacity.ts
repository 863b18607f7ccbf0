// How far a grow-only scratch buffer grows when it must hold n entries. An
// eighth more than n, not double its old size: the sizes it sees (scenario
// cohorts, window MQLs) differ by a few percent from call to call, and
// doubling left up to half of each buffer unused for the rest of the process
// (~60 MB at L across group-metrics.ts's and queue-effects.ts's row buffers,
// against a 2 GB budget). An eighth still spares a regrowth per small step.

export function scratchCapacity(n: number): number {
  return Math.max(1024, n + (n >> 3));
}

type ColumnType = Float64ArrayConstructor | Int32ArrayConstructor | Int8ArrayConstructor | Uint8ArrayConstructor;

/** A set of row columns of the types a spec names, all of one length. */
export type RowColumns<S extends Record<string, ColumnType>> = { readonly [K in keyof S]: InstanceType<S[K]> };

/**
 * Grow-only row columns for a hot path's scratch (reused by every call, so a slider drag or an interval
 * call's draws allocate nothing n-sized): `ensure(n)` gives columns of at least n entries, regrown together
 * to scratchCapacity(n) when a call needs more. Their contents are whatever the last call left.
 */
export class GrowOnlyColumns<S extends Record<string, ColumnType>> {
  private columns: RowColumns<S>;
  private capacity = 0;
  constructor(private readonly spec: S) {
    this.columns = this.make(0);
  }

  ensure(n: number): RowColumns<S> {
    if (n > this.capacity) {
      this.capacity = scratchCapacity(n);
      this.columns = this.make(this.capacity);
    }
    return this.columns;
  }

  private make(length: number): RowColumns<S> {
    const out: Record<string, Float64Array | Int32Array | Int8Array | Uint8Array> = {};
    for (const [name, Type] of Object.entries(this.spec)) out[name] = new Type(length);
    return out as RowColumns<S>;
  }
}
