// Per-session caches of a scenario's pieces, each keyed by the policy blocks
// it depends on, so a slider move redoes only what it changes:
//   cohort (re-score + handed-off MQLs)  <- scoring, mql, tiers' min_score
//   queue  (reps, simulation, contacts)  <- cohort key + capacity
//   window (window MQLs, features, run-0 expectations) <- queue key + window
// The SLA (tiers' hours, sla block) is read only by assemble.ts slaColumn,
// recomputed every call. A block a piece starts to read MUST join its key
// here (tests/engine/forecast-cache.test.ts checks cached against fresh).
import type { WindowRange } from '../replay/window';
import type { Policy } from '../scenario/policy';
import type { CohortInWindow } from './assemble';
import type { PolicyCohort } from './cohort';
import type { WindowFeatures } from './kernel';
import type { ScenarioPool } from './queue-effects';
import type { KeptLaterConversions } from './later-conversions';
import type { LeadExpectations } from './types';

/** Kept later conversions with the scenario pool's rep of each. */
export interface LaterWithReps extends KeptLaterConversions {
  readonly rep: Int32Array;
}

export interface CohortPiece {
  readonly cohort: PolicyCohort;
  /** MQL instants of leads held by a pre-flight check (data-completion queue), any window. */
  readonly heldAt: Float64Array;
  /** Later conversions of recycled leads that stand under the policy (later-conversions.ts). */
  readonly later: KeptLaterConversions;
}

export interface QueuePiece {
  readonly pool: ScenarioPool;
  /** The cohort with this pool's reps. */
  readonly cohort: PolicyCohort;
  readonly sameQueue: boolean;
  /** Run 0's scenario first contact per cohort row (memoised on first use). */
  contact0: Float64Array | null;
  readonly later: LaterWithReps;
}

export interface WindowPiece {
  readonly range: WindowRange;
  /** Cohort rows of the window's first MQLs: window rows 0 .. rows.length - 1. */
  readonly rows: Int32Array;
  /** Later-conversion index of each window row after them (carried as observed). */
  readonly later: Int32Array;
  readonly inWindow: Omit<CohortInWindow, 'contact'>;
  readonly feats: WindowFeatures;
  readonly shared: number;
  readonly left: number;
  readonly extrapolated: number;
  /** Run 0's first contact per window row (memoised). */
  contact0: Float64Array | null;
  /** Run 0's expectations with the full-data models; its `sla` column is the first caller's (kernel.ts recomputes it). */
  point: LeadExpectations | null;
}

export interface BlockKeys {
  readonly cohort: string;
  readonly queue: string;
  readonly window: string;
}

export function blockKeys(policy: Policy): BlockKeys {
  const cohort = JSON.stringify([policy.scoring, policy.mql, policy.tiers.map((t) => t.min_score), policy.provenance.thresholdOnly]);
  const queue = `${cohort}|${JSON.stringify(policy.capacity)}`;
  return { cohort, queue, window: `${queue}|${JSON.stringify(policy.window)}` };
}

/** A few most recently used entries: a slider drag moves forward, a compare view flips between two or three. */
class Recent<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string, make: () => V): V {
    let v = this.entries.get(key);
    if (v === undefined) {
      v = make();
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    } else this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }
}

export interface ScenarioCaches {
  readonly cohorts: Recent<CohortPiece>;
  readonly queues: Recent<QueuePiece>;
  readonly windows: Recent<WindowPiece>;
}

// Two cohorts and queues (a compare view flips between scenarios); one window piece, the
// largest (per-MQL features and expectations: ~50-90 MB at a million leads, RAM is capped at 2 GB).
const ENTRIES = 2;
const WINDOW_ENTRIES = 1;
const bySession = new WeakMap<object, ScenarioCaches>();

export function scenarioCaches(session: object): ScenarioCaches {
  let c = bySession.get(session);
  if (!c) bySession.set(session, (c = { cohorts: new Recent(ENTRIES), queues: new Recent(ENTRIES), windows: new Recent(WINDOW_ENTRIES) }));
  return c;
}

/** Drops a session's cached pieces (tests compare cached against fresh results). */
export function clearScenarioCaches(session: object): void {
  bySession.delete(session);
}
