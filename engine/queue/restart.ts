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
}

/** RestartRun.link bits per row: its inputs equal its old row's; the old run was quiet there; the rep's next row is the old row's next, same inputs; both runs' rep rows end here. */
const SAME = 1;
const OLD_QUIET = 2;
const SAME_NEXT = 4;
const BOTH_END = 8;

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
  /** Per row: SAME | OLD_QUIET | SAME_NEXT | BOTH_END against the previous run (0 without one). */
  private readonly link: Uint8Array;
  private readonly next: Int32Array;
  private readonly quiet: Uint8Array;
  private readonly free: Float64Array;
  private readonly day: Int32Array;
  private readonly count: Float64Array;
  /** 1: a resume point, whose match was already walked (no second walk). */
  private readonly landed: Uint8Array;
  /** This run's MQL inputs, copied (the previous run's record for the next run). */
  private readonly key: Float64Array;
  private readonly arrival: Float64Array;
  private readonly rep: Int32Array;
  private readonly priority: Int32Array;
  private readonly known: Int8Array;
  private simulated = 0;
  private copied = 0;

  constructor(
    private readonly memo: SimulationMemo,
    private readonly sig: RunSignature,
    inputs: RunInputs,
    private readonly outputs: RunOutputs,
  ) {
    const n = inputs.arrival.length;
    this.n = n;
    this.skip = new Uint8Array(n);
    this.landed = new Uint8Array(n);
    this.quiet = new Uint8Array(n);
    this.free = new Float64Array(n);
    this.day = new Int32Array(n);
    this.count = new Float64Array(n);
    this.key = Float64Array.from(inputs.key);
    this.arrival = Float64Array.from(inputs.arrival);
    this.rep = Int32Array.from(inputs.rep);
    this.priority = Int32Array.from(inputs.priority);
    this.known = inputs.known ? Int8Array.from(inputs.known) : new Int8Array(n).fill(-1);
    this.next = nextOfSameRep(this.rep, sig.tables.length);
    const last = memo.last;
    this.old = last !== null && sameSignature(last.sig, sig) ? last : null;
    this.oldRow = this.old ? alignRows(this.old, this.key, this.arrival) : new Int32Array(0);
    this.link = new Uint8Array(n);
    const old = this.old;
    if (old !== null) {
      // Row order throughout (sequential reads), so quietAt's walks along a rep's rows read link and next only.
      const { link, oldRow, next } = this;
      for (let j = 0; j < n; j++) {
        const i = oldRow[j]!;
        if (i >= 0 && this.sameInputs(j, i)) link[j] = SAME | (old.quiet[i] ? OLD_QUIET : 0);
      }
      for (let j = 0; j < n; j++) {
        if (!(link[j]! & SAME)) continue;
        const i = oldRow[j]!;
        const jn = next[j]!;
        const inx = old.next[i]!;
        if (jn < 0 && inx < 0) link[j] = link[j]! | BOTH_END;
        else if (jn >= 0 && inx >= 0 && link[jn]! & SAME && oldRow[jn] === inx) link[j] = link[j]! | SAME_NEXT;
      }
    }
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
    const link = this.link;
    if (old === null || this.landed[j] || (link[j]! & (SAME | OLD_QUIET)) !== (SAME | OLD_QUIET)) return NOT_COPIED;
    const i = this.oldRow[j]!;
    if (!Object.is(old.free[i], free) || old.day[i] !== day || !Object.is(old.count[i], count)) return NOT_COPIED;
    // The farthest row both runs share, along the rep's rows, at which the previous run was quiet. A rep's
    // rows lie ~(number of reps) rows apart: this walk reads two arrays, the results are copied in row order (finish).
    const next = this.next;
    let jj = j;
    let toJ = -1;
    let toEnd = false;
    for (;;) {
      const l = link[jj]!;
      if (l & BOTH_END) {
        toEnd = true;
        break;
      }
      if (!(l & SAME_NEXT)) break;
      jj = next[jj]!;
      if (link[jj]! & OLD_QUIET) toJ = jj;
    }
    if (!toEnd && toJ < 0) return NOT_COPIED;
    // Rows j.. up to (not including) the resume point, or to the rep's last row, are copied.
    const skip = this.skip;
    const stop = toEnd ? -1 : toJ;
    let copied = 0;
    for (jj = j; jj >= 0 && jj !== stop; jj = next[jj]!) {
      skip[jj] = 1;
      copied++;
    }
    this.copied += copied;
    if (toEnd) return ALL_COPIED;
    this.landed[toJ] = 1;
    const toI = this.oldRow[toJ]!;
    this.resumeFree = old.free[toI]!;
    this.resumeDay = old.day[toI]!;
    this.resumeCount = old.count[toI]!;
    return RESUME;
  }

  /** Row j is simulated (not copied). */
  simulatedRow(): void {
    this.simulated++;
  }

  /** The run is over: the copied rows take the previous run's results and records; the run becomes the memo's previous run. */
  finish(): void {
    const { outputs, n } = this;
    const old = this.old;
    if (old !== null && this.copied > 0) {
      const { skip, oldRow, quiet, free, day, count } = this;
      const { contactAt, flags, ignoreP } = outputs;
      for (let j = 0; j < n; j++) {
        if (!skip[j]) continue;
        const i = oldRow[j]!;
        contactAt[j] = old.contactAt[i]!;
        flags[j] = old.flags[i]!;
        ignoreP[j] = old.ignoreP[i]!;
        quiet[j] = old.quiet[i]!;
        free[j] = old.free[i]!;
        day[j] = old.day[i]!;
        count[j] = old.count[i]!;
      }
    }
    this.memo.simulated += this.simulated;
    this.memo.copied += this.copied;
    this.memo.last = {
      sig: this.sig,
      n,
      key: this.key,
      arrival: this.arrival,
      rep: this.rep,
      priority: this.priority,
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
    return old.key[i] === this.key[j] && old.arrival[i] === this.arrival[j] && old.rep[i] === this.rep[j] && old.priority[i] === this.priority[j] && old.known[i] === this.known[j];
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
function alignRows(old: RunRecord, key: Float64Array, arrival: Float64Array): Int32Array {
  const n = arrival.length;
  const out = new Int32Array(n).fill(-1);
  let p = 0;
  for (let j = 0; j < n; j++) {
    const a = arrival[j]!;
    while (p < old.n && old.arrival[p]! < a) p++;
    for (let q = p; q < old.n && old.arrival[q] === a; q++) {
      if (old.key[q] === key[j]) {
        out[j] = q;
        break;
      }
    }
  }
  return out;
}
