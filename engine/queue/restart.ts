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
import type { QueueResult } from './simulate';

/** Everything a run's results depend on besides the MQLs: equal signatures, comparable runs. */
export interface RunSignature {
  /** Scalars and per-rep parameters, flattened (compared with Object.is). */
  readonly values: Float64Array;
  /** Per rep, its working-day table object (same span and schedule: the same cached object). */
  readonly tables: readonly object[];
}

/** A run record's columns, one entry per MQL row. */
interface RecordColumns {
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

/**
 * Grow-only arrays of a run record (views of length n are taken): a memo keeps two, the previous run's and a
 * spare for the next, so a slider move allocates none (at a million leads a record is ~25 MB; fresh arrays every
 * move fed the garbage collector).
 */
interface RecordBuffers extends RecordColumns {
  readonly capacity: number;
}

function recordBuffers(capacity: number): RecordBuffers {
  const c = capacity;
  return {
    capacity,
    key: new Float64Array(c),
    arrival: new Float64Array(c),
    rep: new Int32Array(c),
    priority: new Int32Array(c),
    known: new Int8Array(c),
    next: new Int32Array(c),
    quiet: new Uint8Array(c),
    free: new Float64Array(c),
    day: new Int32Array(c),
    count: new Float64Array(c),
    contactAt: new Float64Array(c),
    flags: new Uint8Array(c),
    ignoreP: new Float64Array(c),
  };
}

/** Per-run working arrays (not part of a record), grow-only on the memo. */
class RunScratch {
  capacity = 0;
  skip = new Uint8Array(0);
  landed = new Uint8Array(0);
  link = new Uint8Array(0);
  oldRow = new Int32Array(0);
  ensure(n: number): this {
    if (n > this.capacity) {
      const c = Math.max(n, Math.ceil(1.1 * this.capacity));
      this.capacity = c;
      this.skip = new Uint8Array(c);
      this.landed = new Uint8Array(c);
      this.link = new Uint8Array(c);
      this.oldRow = new Int32Array(c);
    }
    return this;
  }
}

/** A finished run: its MQLs, its quiet arrivals' states and its results, per MQL row (views of `buffers`). */
interface RunRecord extends RecordColumns {
  readonly buffers: RecordBuffers;
  readonly sig: RunSignature;
  readonly n: number;
}

/** What a caller keeps between runs (one per stream of similar runs, e.g. a session's slider path). */
export class SimulationMemo {
  last: RunRecord | null = null;
  /** A retired record's arrays, reused by the next run. */
  spare: RecordBuffers | null = null;
  readonly scratch = new RunScratch();
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

/** The per-row results a restart copies from the previous run. */
export type RunOutputs = Pick<QueueResult, 'contactAt' | 'flags' | 'ignoreP'>;

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
  private readonly buffers: RecordBuffers;
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
    // Arrays from the memo: the spare record's (or fresh ones, 10% roomier), the run's scratch zeroed.
    const spare = memo.spare;
    memo.spare = null;
    const buffers = spare !== null && spare.capacity >= n ? spare : recordBuffers(Math.ceil(1.1 * n));
    this.buffers = buffers;
    const sc = memo.scratch.ensure(n);
    this.skip = sc.skip.subarray(0, n).fill(0);
    this.landed = sc.landed.subarray(0, n).fill(0);
    this.link = sc.link.subarray(0, n).fill(0);
    // free, day and count are read only where quiet is 1 (quietAt writes all four).
    this.quiet = buffers.quiet.subarray(0, n).fill(0);
    this.free = buffers.free.subarray(0, n);
    this.day = buffers.day.subarray(0, n);
    this.count = buffers.count.subarray(0, n);
    this.key = buffers.key.subarray(0, n);
    this.key.set(inputs.key);
    this.arrival = buffers.arrival.subarray(0, n);
    this.arrival.set(inputs.arrival);
    this.rep = buffers.rep.subarray(0, n);
    this.rep.set(inputs.rep);
    this.priority = buffers.priority.subarray(0, n);
    this.priority.set(inputs.priority);
    this.known = buffers.known.subarray(0, n);
    if (inputs.known) this.known.set(inputs.known);
    else this.known.fill(-1);
    this.next = nextOfSameRep(this.rep, sig.tables.length, buffers.next.subarray(0, n));
    const last = memo.last;
    this.old = last !== null && sameSignature(last.sig, sig) ? last : null;
    this.oldRow = this.old ? alignRows(this.old, this.key, this.arrival, sc.oldRow.subarray(0, n)) : sc.oldRow.subarray(0, 0);
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
    const b = this.buffers;
    const contactAt = b.contactAt.subarray(0, n);
    contactAt.set(outputs.contactAt);
    const flags = b.flags.subarray(0, n);
    flags.set(outputs.flags);
    const ignoreP = b.ignoreP.subarray(0, n);
    ignoreP.set(outputs.ignoreP);
    // The previous record is read no more: its arrays become the next run's.
    const retired = this.memo.last;
    this.memo.spare = retired !== null && retired.buffers !== b ? retired.buffers : null;
    this.memo.last = {
      buffers: b,
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
      contactAt,
      flags,
      ignoreP,
    };
  }

  private sameInputs(j: number, i: number): boolean {
    const old = this.old!;
    return old.key[i] === this.key[j] && old.arrival[i] === this.arrival[j] && old.rep[i] === this.rep[j] && old.priority[i] === this.priority[j] && old.known[i] === this.known[j];
  }
}

/** Per row, the next row with the same rep (reps outside [0, nr): -1). */
function nextOfSameRep(rep: Int32Array, nr: number, next: Int32Array): Int32Array {
  const n = rep.length;
  next.fill(-1);
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
function alignRows(old: RunRecord, key: Float64Array, arrival: Float64Array, out: Int32Array): Int32Array {
  const n = arrival.length;
  out.fill(-1);
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
