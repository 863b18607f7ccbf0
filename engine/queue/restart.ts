// Restartable queue simulation (issue #6): a slider move changes a few MQLs of
// each rep and leaves the rest as they were. Without escalation and
// reassignment a rep's queue depends only on its own MQLs, so a rep whose
// queue is quiet (nothing waiting, no wake planned, an empty heap) at an MQL's
// arrival in the new run, in the same state as at the same MQL in the previous
// run, follows the previous run exactly while its MQLs stay the same: those
// MQLs' results are copied up to the last quiet arrival before the first
// difference, and the simulation resumes there from the previous run's state.
//
// The state of a quiet rep at an arrival instant t is (freeAt, countDay,
// countToday), normalised so equivalent states compare equal: freeAt <= t acts
// as -Infinity (every later use takes max(t', freeAt) or asks freeAt > t' with
// t' >= t), and a count of a working day that ended by t as none.
// tests/engine/queue-restart.test.ts checks restarted runs against full ones.

/** Everything a run's results depend on besides the MQLs: equal signatures, comparable runs. */
export interface RunSignature {
  /** Scalars and per-rep parameters, flattened (compared with Object.is). */
  readonly values: Float64Array;
  /** Per rep, its working-day table object (same span and schedule: the same cached object). */
  readonly tables: readonly object[];
}

/** A finished run: its MQLs, its quiet arrivals' states and its results, per MQL row. */
interface RunRecord {
  readonly sig: RunSignature;
  readonly n: number;
  readonly key: Float64Array;
  readonly arrival: Float64Array;
  readonly rep: Int32Array;
  readonly priority: Int32Array;
  readonly known: Int8Array;
  /** Next row of the same rep, -1 none. */
  readonly next: Int32Array;
  readonly quiet: Uint8Array;
  readonly free: Float64Array;
  readonly day: Int32Array;
  readonly count: Float64Array;
  readonly contactAt: Float64Array;
  readonly flags: Uint8Array;
  readonly ignoreP: Float64Array;
}

/** What a caller keeps between runs (one per stream of similar runs, e.g. a session's slider path). */
export class SimulationMemo {
  last: RunRecord | null = null;
  /** Rows simulated and rows copied over the memo's life (bench and tests). */
  simulated = 0;
  copied = 0;
}

export interface RunInputs {
  readonly arrival: Float64Array;
  readonly rep: Int32Array;
  readonly priority: Int32Array;
  readonly key: ArrayLike<number>;
  readonly known: ArrayLike<number> | undefined;
}

export interface RunOutputs {
  readonly contactAt: Float64Array;
  readonly flags: Uint8Array;
  readonly ignoreP: Float64Array;
  /** The simulation's lead states; copied rows are set to `done`. */
  readonly state: Uint8Array;
}

/** RestartRun.quietAt's answers. */
export const NOT_COPIED = 0;
export const RESUME = 1;
export const ALL_COPIED = 2;

export function sameSignature(a: RunSignature, b: RunSignature): boolean {
  if (a.values.length !== b.values.length || a.tables.length !== b.tables.length) return false;
  for (let k = 0; k < a.values.length; k++) if (!Object.is(a.values[k], b.values[k])) return false;
  for (let k = 0; k < a.tables.length; k++) if (a.tables[k] !== b.tables[k]) return false;
  return true;
}

/** One run's side of the restart: aligns its MQLs with the previous run's, copies results where it may, records itself. */
export class RestartRun {
  /** 1: the row's results were copied; its arrival is not simulated. */
  readonly skip: Uint8Array;
  /** After quietAt returned RESUME: the rep's state to resume from. */
  resumeFree = Number.NEGATIVE_INFINITY;
  resumeDay = -1;
  resumeCount = 0;
  private readonly n: number;
  private readonly old: RunRecord | null;
  /** Per row: the previous run's row of the same MQL (same key and arrival), -1 none. */
  private readonly oldRow: Int32Array;
  private readonly next: Int32Array;
  private readonly quiet: Uint8Array;
  private readonly free: Float64Array;
  private readonly day: Int32Array;
  private readonly count: Float64Array;
  /** 1: a resume point, whose match was already walked (no second walk). */
  private readonly landed: Uint8Array;
  private readonly known: Int8Array;
  private simulated = 0;
  private copied = 0;

  constructor(
    private readonly memo: SimulationMemo,
    private readonly sig: RunSignature,
    private readonly inputs: RunInputs,
    private readonly outputs: RunOutputs,
    private readonly done: number,
  ) {
    const n = inputs.arrival.length;
    this.n = n;
    this.skip = new Uint8Array(n);
    this.landed = new Uint8Array(n);
    this.quiet = new Uint8Array(n);
    this.free = new Float64Array(n);
    this.day = new Int32Array(n);
    this.count = new Float64Array(n);
    this.known = new Int8Array(n);
    for (let j = 0; j < n; j++) this.known[j] = inputs.known ? inputs.known[j]! : -1;
    this.next = nextOfSameRep(inputs.rep, sig.tables.length);
    const last = memo.last;
    this.old = last !== null && sameSignature(last.sig, sig) ? last : null;
    this.oldRow = this.old ? alignRows(this.old, inputs) : new Int32Array(0);
  }

  /**
   * Row j (rep r) arrives; the rep is quiet in normalised state (free, day, count). Records it and,
   * when the previous run was at the same MQL in the same state, copies the rows the two runs share
   * from there. Returns NOT_COPIED, RESUME (row j was copied: skip it; the rep resumes at a later row in
   * state resumeFree, resumeDay, resumeCount) or ALL_COPIED (the rep's rows from j on were copied).
   */
  quietAt(j: number, free: number, day: number, count: number): number {
    this.quiet[j] = 1;
    this.free[j] = free;
    this.day[j] = day;
    this.count[j] = count;
    const old = this.old;
    if (old === null || this.landed[j]) return NOT_COPIED;
    const i = this.oldRow[j]!;
    if (i < 0 || !old.quiet[i] || !this.sameInputs(j, i) || !Object.is(old.free[i], free) || old.day[i] !== day || !Object.is(old.count[i], count)) return NOT_COPIED;
    // The farthest row both runs share, along the rep's rows, at which the previous run was quiet.
    let jj = j;
    let ii = i;
    let toJ = -1;
    let toI = -1;
    let toEnd = false;
    for (;;) {
      const jn = this.next[jj]!;
      const inx = old.next[ii]!;
      if (jn < 0 && inx < 0) {
        toEnd = true;
        break;
      }
      if (jn < 0 || inx < 0 || !this.sameInputs(jn, inx)) break;
      jj = jn;
      ii = inx;
      if (old.quiet[ii]) {
        toJ = jj;
        toI = ii;
      }
    }
    if (!toEnd && toJ < 0) return NOT_COPIED;
    // Copy rows j.. up to (not including) the resume point, or to the rep's last row.
    jj = j;
    ii = i;
    const { contactAt, flags, ignoreP, state } = this.outputs;
    for (;;) {
      if (!toEnd && jj === toJ) break;
      contactAt[jj] = old.contactAt[ii]!;
      flags[jj] = old.flags[ii]!;
      ignoreP[jj] = old.ignoreP[ii]!;
      state[jj] = this.done;
      this.skip[jj] = 1;
      this.quiet[jj] = old.quiet[ii]!;
      this.free[jj] = old.free[ii]!;
      this.day[jj] = old.day[ii]!;
      this.count[jj] = old.count[ii]!;
      this.copied++;
      if (toEnd && this.next[jj]! < 0) break;
      jj = this.next[jj]!;
      ii = old.next[ii]!;
    }
    if (toEnd) return ALL_COPIED;
    this.landed[toJ] = 1;
    this.resumeFree = old.free[toI]!;
    this.resumeDay = old.day[toI]!;
    this.resumeCount = old.count[toI]!;
    return RESUME;
  }

  /** Row j is simulated (not copied). */
  simulatedRow(): void {
    this.simulated++;
  }

  /** The run is over: it becomes the memo's previous run. */
  finish(): void {
    const { inputs, outputs, n } = this;
    this.memo.simulated += this.simulated;
    this.memo.copied += this.copied;
    this.memo.last = {
      sig: this.sig,
      n,
      key: Float64Array.from(inputs.key),
      arrival: Float64Array.from(inputs.arrival),
      rep: Int32Array.from(inputs.rep),
      priority: Int32Array.from(inputs.priority),
      known: this.known,
      next: this.next,
      quiet: this.quiet,
      free: this.free,
      day: this.day,
      count: this.count,
      contactAt: Float64Array.from(outputs.contactAt),
      flags: Uint8Array.from(outputs.flags),
      ignoreP: Float64Array.from(outputs.ignoreP),
    };
  }

  private sameInputs(j: number, i: number): boolean {
    const old = this.old!;
    const x = this.inputs;
    return (
      old.key[i] === x.key[j] && old.arrival[i] === x.arrival[j] && old.rep[i] === x.rep[j] && old.priority[i] === x.priority[j] && old.known[i] === this.known[j]
    );
  }
}

/** Per row, the next row with the same rep (reps outside [0, nr): -1). */
function nextOfSameRep(rep: Int32Array, nr: number): Int32Array {
  const n = rep.length;
  const next = new Int32Array(n).fill(-1);
  const lastOf = new Int32Array(nr).fill(-1);
  for (let j = 0; j < n; j++) {
    const r = rep[j]!;
    if (r < 0 || r >= nr) continue;
    const p = lastOf[r]!;
    if (p >= 0) next[p] = j;
    lastOf[r] = j;
  }
  return next;
}

/** Per new row, the old row with the same key and arrival (both runs ascend in arrival), -1 none. */
function alignRows(old: RunRecord, x: RunInputs): Int32Array {
  const n = x.arrival.length;
  const out = new Int32Array(n).fill(-1);
  let p = 0;
  for (let j = 0; j < n; j++) {
    const a = x.arrival[j]!;
    while (p < old.n && old.arrival[p]! < a) p++;
    for (let q = p; q < old.n && old.arrival[q] === a; q++) {
      if (old.key[q] === x.key[j]) {
        out[j] = q;
        break;
      }
    }
  }
  return out;
}
