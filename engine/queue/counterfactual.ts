// First-contact times under a scenario that keep each MQL's observed history
// where the scenario does not change it.
//
// For an MQL under both policies the observed time is adjusted, not replaced:
// its observed delay (business ms on the rep's schedule) is shifted by the
// simulated change in delay, scenario minus baseline, both simulated with the
// same seed and the same per-lead draws (common random numbers), then laid
// from the scenario MQL time on the scenario rep's schedule. When the scenario
// equals the baseline the simulations agree and the observed time comes back
// unchanged (even one logged outside working hours). A shift is used rather
// than a quantile map because it keeps the identity exact per lead and needs
// no distribution estimate per rep.
//
// Never-contacted cases:
//   observed  baseline  scenario  -> result
//   any       any       NaN       -> NaN if baseline was contacted (the scenario loses it), else observed
//   NaN       NaN       t         -> t (the scenario rescues a lead the baseline also lost)
//   NaN       t         t'        -> NaN (history's black hole was not the queue's doing)
//   t         NaN       t'        -> t (no simulated change to apply)
// MQLs only under the scenario (inHistory = 0) take the scenario's simulated time.
import { WorkSchedule } from '../calendar/business-hours';

export interface ContactTimeline {
  /** MQL instant, epoch ms. */
  readonly arrival: Float64Array;
  /** First contact, epoch ms; NaN none. */
  readonly contact: Float64Array;
  /** Rep index into the schedules; -1 unknown (the fallback schedule is used). */
  readonly rep: Int32Array;
}

export interface CounterfactualOptions {
  readonly schedules: readonly WorkSchedule[];
  readonly fallback: WorkSchedule;
  /** 1 = the MQL is also a historical MQL (observed timeline valid); default all 1. */
  readonly inHistory?: Uint8Array;
  readonly out?: Float64Array;
}

export function counterfactualContactTimes(
  observed: ContactTimeline,
  baseline: ContactTimeline,
  scenario: ContactTimeline,
  options: CounterfactualOptions,
): Float64Array {
  const n = scenario.arrival.length;
  const out = options.out ?? new Float64Array(n);
  const sched = (r: number): WorkSchedule => (r >= 0 && r < options.schedules.length ? options.schedules[r]! : options.fallback);
  for (let i = 0; i < n; i++) {
    const cs = scenario.contact[i]!;
    if (options.inHistory && !options.inHistory[i]) {
      out[i] = cs;
      continue;
    }
    const co = observed.contact[i]!;
    const cb = baseline.contact[i]!;
    const okS = Number.isFinite(cs);
    const okB = Number.isFinite(cb);
    const okO = Number.isFinite(co);
    if (!okS) {
      out[i] = okB ? Number.NaN : co;
      continue;
    }
    if (!okO) {
      out[i] = okB ? Number.NaN : cs;
      continue;
    }
    if (!okB) {
      out[i] = co;
      continue;
    }
    const repS = scenario.rep[i]!;
    const sS = sched(repS);
    const delta = sS.businessMsBetween(scenario.arrival[i]!, cs) - sched(baseline.rep[i]!).businessMsBetween(baseline.arrival[i]!, cb);
    if (delta === 0 && scenario.arrival[i] === observed.arrival[i] && repS === observed.rep[i]) {
      out[i] = co; // nothing about this lead changed
      continue;
    }
    const dObs = sched(observed.rep[i]! >= 0 ? observed.rep[i]! : repS).businessMsBetween(observed.arrival[i]!, co);
    out[i] = sS.addBusinessMs(scenario.arrival[i]!, Math.max(0, dObs + delta));
  }
  return out;
}
