// The full-data models' linear predictors for "fresh" MQLs (moved off their
// historical instant, or new), remembered per lead and MQL instant. Dragging
// a threshold slider moves only the leads whose crossing record lies between
// the old and new threshold; every other moved lead keeps its instant, so its
// features (two scans of its activities) and etas need not be rebuilt.
// A lead's features at (instant, trigger) are a pure function of the columns
// and the session's feature spec, and each eta is the same per-row sum, so a
// remembered value is bit-identical to a recomputed one.
import type { Etas } from './assemble';
import { ETA_MODELS } from './assemble';

/** Sparse: slots only for leads that were ever fresh. */
export class FreshEtaMemo {
  private readonly slotOfLead: Int32Array;
  private at = new Float64Array(0);
  private high = new Uint8Array(0);
  private eta = new Float64Array(0); // 6 per slot, ETA_MODELS order
  private used = 0;

  constructor(nLeads: number) {
    this.slotOfLead = new Int32Array(nLeads).fill(-1);
  }

  /** Slot holding lead i's etas at (at, high), or -1. */
  find(i: number, at: number, high: number): number {
    const s = this.slotOfLead[i]!;
    return s >= 0 && this.at[s] === at && this.high[s] === high ? s : -1;
  }

  /** Copies slot s's etas into out[*][q]. */
  read(s: number, out: Etas, q: number): void {
    const e = this.eta;
    const b = s * 6;
    out.accept[q] = e[b]!;
    out.reject[q] = e[b + 1]!;
    out.contacted[q] = e[b + 2]!;
    out.sql[q] = e[b + 3]!;
    out.opp[q] = e[b + 4]!;
    out.won[q] = e[b + 5]!;
  }

  /** Remembers lead i's etas at (at, high) from src[*][j] (overwrites its previous instant). */
  write(i: number, at: number, high: number, src: Etas, j: number): void {
    let s = this.slotOfLead[i]!;
    if (s < 0) {
      s = this.used++;
      this.grow(this.used);
      this.slotOfLead[i] = s;
    }
    this.at[s] = at;
    this.high[s] = high;
    const b = s * 6;
    ETA_MODELS.forEach((k, m) => (this.eta[b + m] = src[k][j]!));
  }

  private grow(n: number): void {
    if (this.at.length >= n) return;
    const cap = Math.max(n, this.at.length * 2, 1024);
    const at = new Float64Array(cap);
    at.set(this.at);
    this.at = at;
    const high = new Uint8Array(cap);
    high.set(this.high);
    this.high = high;
    const eta = new Float64Array(cap * 6);
    eta.set(this.eta);
    this.eta = eta;
  }
}

const memos = new WeakMap<object, FreshEtaMemo>();

export function freshEtaMemo(session: object, nLeads: number): FreshEtaMemo {
  let m = memos.get(session);
  if (!m) memos.set(session, (m = new FreshEtaMemo(nLeads)));
  return m;
}
