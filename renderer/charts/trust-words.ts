// The trust panel in plain words: what an AUC, a calibration table and a
// backtest error mean for a RevOps leader deciding whether to believe the
// forecast. Pure functions, so the wording is tested with the numbers.
import type { EngineResults } from '../../engine/api/contract';
import { COMPARE_METRICS, formatMetric, type MetricKind, type MetricName } from './compare-metrics';

export type TrustReport = EngineResults['trust'];
export type ModelHealthReport = EngineResults['modelHealth'];
export type OutcomeHealth = ModelHealthReport['acceptance'];
export type HealthBand = OutcomeHealth['calibration'][number];

/** Above this the score ranks outcomes too well to be honest: outcome data probably leaked into it. */
export const LEAKAGE_AUC = 0.85;

export function metricLabel(name: MetricName): string {
  return COMPARE_METRICS.find((m) => m.name === name)?.label ?? name.replace(/_/g, ' ');
}

export function metricKind(name: MetricName): MetricKind {
  return COMPARE_METRICS.find((m) => m.name === name)?.kind ?? 'count';
}

export function formatMetricValue(name: MetricName, v: number | null | undefined): string {
  return formatMetric(metricKind(name), v);
}

/** A difference in the metric's own unit: points for rates, hours, counts. */
export function formatDifference(name: MetricName, d: number | null | undefined): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '–';
  const kind = metricKind(name);
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const abs = Math.abs(d);
  if (kind === 'rate') return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (kind === 'hours') return `${sign}${abs.toFixed(1)} h`;
  return `${sign}${formatMetric(kind, abs)}`;
}

export type Verdict = 'good' | 'watch' | 'bad';

export interface AucReading {
  readonly verdict: Verdict;
  readonly headline: string;
  readonly detail: string;
}

const OUTCOME_WORDS: Readonly<Record<OutcomeHealth['outcome'], { readonly yes: string; readonly no: string }>> = {
  acceptance: { yes: 'accepted', no: 'rejected or ignored' },
  opportunity: { yes: 'became an opportunity', no: 'did not' },
};

/** What the AUC says about the score, for this outcome, in one headline and one sentence. */
export function readAuc(h: OutcomeHealth): AucReading {
  const w = OUTCOME_WORDS[h.outcome];
  if (h.auc === null) return { verdict: 'watch', headline: 'Not enough outcomes to judge', detail: `Every lead with a known outcome ${h.positives === 0 ? w.no : w.yes}, so the score cannot be checked against it.` };
  const pct = Math.round(h.auc * 100);
  const odds = `Pick one lead that ${w.yes} and one that ${w.no}: the first has the higher score ${pct}% of the time (50% would be a coin flip).`;
  if (h.auc > LEAKAGE_AUC || h.leakageSuspected)
    return {
      verdict: 'bad',
      headline: 'Suspiciously good: check for leakage',
      detail: `${odds} Real lead scores rarely rank this well. The score may include something recorded after the handoff (a sales activity, a stage change), which would make every forecast look better than it will be.`,
    };
  if (h.auc >= 0.7) return { verdict: 'good', headline: 'The score ranks leads well', detail: odds };
  if (h.auc >= 0.6) return { verdict: 'watch', headline: 'The score ranks leads somewhat better than chance', detail: odds };
  return { verdict: 'bad', headline: 'The score says little about this outcome', detail: `${odds} Raising the threshold will mostly cut volume, not improve quality.` };
}

/** How far the score's predictions are from what happened, over bands with leads, weighted by leads. */
export function calibrationGap(bands: readonly HealthBand[]): number | null {
  let weighted = 0;
  let n = 0;
  for (const b of bands) {
    if (b.predicted === null || b.observed === null || b.count === 0) continue;
    weighted += Math.abs(b.predicted - b.observed) * b.count;
    n += b.count;
  }
  return n === 0 ? null : weighted / n;
}

export function readCalibration(bands: readonly HealthBand[]): { verdict: Verdict; text: string } {
  const gap = calibrationGap(bands);
  if (gap === null) return { verdict: 'watch', text: 'No score band has enough leads to compare predicted and observed rates.' };
  const pts = (gap * 100).toFixed(1);
  if (gap <= 0.03) return { verdict: 'good', text: `Predicted and observed rates agree: on average ${pts} points apart across score bands.` };
  if (gap <= 0.08) return { verdict: 'watch', text: `Predicted and observed rates drift apart in places: on average ${pts} points across score bands.` };
  return { verdict: 'bad', text: `Predicted and observed rates differ by ${pts} points on average: read forecasts for unusual score ranges with care.` };
}

/** The identity check in one sentence. */
export function readIdentity(report: TrustReport): { verdict: Verdict; text: string } {
  const failed = report.identity.rows.filter((r) => !r.passed);
  if (report.identity.passed)
    return { verdict: 'good', text: 'Replaying the policy in force reproduces what history shows, metric by metric, within tolerance. The replay engine itself adds no error.' };
  return {
    verdict: 'bad',
    text: `Replaying the policy in force does not reproduce history for ${failed.map((r) => metricLabel(r.metric)).join(', ')}. Forecasts of these metrics carry that error too.`,
  };
}

/** The backtest in one sentence: how many metrics landed within their bound. */
export function readBacktest(errors: readonly { readonly withinTolerance: boolean | null; readonly metric: MetricName }[]): { verdict: Verdict; text: string } {
  const judged = errors.filter((e) => e.withinTolerance !== null);
  const missed = judged.filter((e) => e.withinTolerance === false);
  if (judged.length === 0) return { verdict: 'watch', text: 'Too few MQLs in the later period to judge the forecast.' };
  if (missed.length === 0) return { verdict: 'good', text: `Fitted on the earlier period, the forecast landed within bounds on all ${judged.length} metrics of the later one.` };
  return {
    verdict: missed.length * 2 > judged.length ? 'bad' : 'watch',
    text: `Fitted on the earlier period, the forecast missed its bound on ${missed.length} of ${judged.length} metrics of the later one: ${missed.map((e) => metricLabel(e.metric)).join(', ')}.`,
  };
}

export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = { good: 'Holds', watch: 'Watch', bad: 'Check' };
