// A scoring's score of every handed-off lead at its historical MQL moment: the
// one instant all scorings can be compared on, because outcomes exist only for
// leads sales received, and only from then on.
import { baselineScoreAt } from '../forecast/features';
import type { ForecastSession } from '../forecast/session';
import { compileRules } from '../replay/compile';
import type { Policy } from '../scenario/policy';
import { computeFitPoints } from '../scoring/fit';

/** Score per lead (NaN when the lead was never handed off, or no score is known). */
export function scoreAtHistoricalMql(session: ForecastSession, policy: Policy): Float64Array {
  const { cols, hist } = session;
  const n = hist.n;
  const out = new Float64Array(n).fill(Number.NaN);
  if (policy.provenance.thresholdOnly) {
    // No activity points known: the historical score_at_mql is the only score there is.
    for (let i = 0; i < n; i++) if (hist.handed[i]) out[i] = cols.handoffs.scoreAtMql[i]!;
    return out;
  }
  const fit = new Float64Array(n);
  computeFitPoints(cols.leads, policy.scoring.fit_points, fit);
  const scorer = { rules: compileRules(policy, cols.activities), fit };
  const perType = new Float64Array(cols.activities.types.length);
  for (let i = 0; i < n; i++) if (hist.handed[i] && Number.isFinite(hist.mqlAt[i]!)) out[i] = baselineScoreAt(cols, scorer, i, hist.mqlAt[i]!, perType);
  return out;
}

/** Handed-off leads with a score, and with it the two outcomes the health panel checks. */
export interface LabelledScores {
  /** Acceptance: every handed-off lead (no decision counts against, as in acceptance_rate). */
  readonly acceptScore: Float64Array;
  readonly accepted: Uint8Array;
  /** Opportunity within 90 days: handed-off leads whose 90 days have closed. */
  readonly oppScore: Float64Array;
  readonly opp: Uint8Array;
}

export function labelledScores(session: ForecastSession, score: Float64Array): LabelledScores {
  const { hist } = session;
  const a: number[] = [];
  const ay: number[] = [];
  const o: number[] = [];
  const oy: number[] = [];
  for (let i = 0; i < hist.n; i++) {
    const s = score[i]!;
    if (!hist.handed[i] || !Number.isFinite(s)) continue;
    a.push(s);
    ay.push(hist.accepted[i]!);
    if (hist.mature[i]) {
      o.push(s);
      oy.push(hist.opp90[i]!);
    }
  }
  return { acceptScore: Float64Array.from(a), accepted: Uint8Array.from(ay), oppScore: Float64Array.from(o), opp: Uint8Array.from(oy) };
}
