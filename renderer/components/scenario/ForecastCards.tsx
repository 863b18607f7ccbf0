// Scenario against baseline as cards: the forecast in big type, coloured by
// the same field targets as the health cards; the baseline, the change (with
// a word, not only a colour) and the 90% interval once the runs are in.
import { memo } from 'react';
import { STATUS_WORDS } from '../../charts/health-status';
import type { MetricName } from '../../charts/health-types';
import { TARGETS } from '../../charts/health-status';
import { formatDelta, formatInterval, formatMetric, METRIC_LABELS, type MetricDelta, type Verdict } from '../../charts/scenario-deltas';

export const HEADLINE_METRICS: readonly MetricName[] = ['mql_count', 'acceptance_rate', 'sla_compliance_rate', 'black_hole_rate'];
export const DETAIL_METRICS: readonly MetricName[] = ['median_hours_to_first_contact', 'p90_hours_to_first_contact', 'rejection_rate', 'sql_rate', 'opportunity_rate', 'won_count', 'pipeline_amount'];

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = { better: 'better', worse: 'worse', same: 'no change', neutral: '' };

export function DeltaChip({ d }: { readonly d: MetricDelta }) {
  const arrow = d.delta === null || d.verdict === 'same' ? '' : d.delta > 0 ? '▲ ' : '▼ ';
  const words = VERDICT_WORDS[d.verdict];
  return (
    <span className={`delta-chip verdict-${d.verdict}`} data-testid={`delta-${d.name}`}>
      {d.verdict === 'same' ? 'no change' : `${arrow}${formatDelta(d.kind, d.delta)}`}
      {words && d.verdict !== 'same' ? <span className="sr-only"> ({words})</span> : null}
    </span>
  );
}

function IntervalLine({ d, intervalState }: { readonly d: MetricDelta; readonly intervalState: IntervalState }) {
  const text = formatInterval(d);
  if (text) return <div className="scn-interval">90%: {text}</div>;
  return <div className="scn-interval muted">{intervalState === 'running' ? '90% interval: computing…' : intervalState === 'stopped' ? '90% interval: not computed' : ' '}</div>;
}

export type IntervalState = 'ready' | 'running' | 'stopped' | 'waiting';

export function ScenarioMetricCard({ d, headline, intervalState, stale = false }: { readonly d: MetricDelta; readonly headline: boolean; readonly intervalState: IntervalState; readonly stale?: boolean }) {
  const target = TARGETS[d.name];
  return (
    <article
      className={`metric-card scn-card${headline ? ' headline' : ''}${d.status ? ` status-${d.status}` : ''}${stale ? ' stale' : ''}`}
      data-testid={`scn-metric-${d.name}`}
      aria-label={METRIC_LABELS[d.name]}
      {...(stale ? { title: 'The previous answer: this metric updates with the exact forecast' } : {})}
    >
      <div className="metric-top">
        <h3 className="metric-label">{METRIC_LABELS[d.name]}</h3>
        {d.status && headline ? (
          <span className={`status-badge status-${d.status}`}>
            <span className="status-pip" aria-hidden="true" />
            {STATUS_WORDS[d.status]}
          </span>
        ) : null}
      </div>
      <div className="metric-value">{formatMetric(d.kind, d.forecast)}</div>
      <div className="scn-compare">
        <DeltaChip d={d} />
        <span className="scn-baseline muted" data-testid={`baseline-${d.name}`} title="The policy in force, forecast by the same model">
          was {formatMetric(d.kind, d.baseline)}
        </span>
      </div>
      {formatMetric(d.kind, d.history) !== formatMetric(d.kind, d.baseline) ? (
        <div className="scn-history muted" title="What history shows for the window; the forecast also counts outcomes that had not happened yet by the data's end">
          history: {formatMetric(d.kind, d.history)}
        </div>
      ) : null}
      {headline && target ? <div className="metric-target">{target.label}</div> : null}
      <IntervalLine d={d} intervalState={intervalState} />
    </article>
  );
}

export const ScenarioCards = memo(function ScenarioCards({
  deltas,
  intervalState,
  stale = null,
}: {
  readonly deltas: readonly MetricDelta[];
  readonly intervalState: IntervalState;
  /** Metrics showing an older answer while the rest are a threshold preview. */
  readonly stale?: ReadonlySet<MetricName> | null;
}) {
  const byName = new Map(deltas.map((d) => [d.name, d]));
  const pick = (names: readonly MetricName[]) => names.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
  return (
    <>
      <section className="metric-grid headline-grid" aria-label="Headline forecast">
        {pick(HEADLINE_METRICS).map((d) => (
          <ScenarioMetricCard key={d.name} d={d} headline intervalState={intervalState} stale={stale?.has(d.name) ?? false} />
        ))}
      </section>
      <section className="metric-grid detail-grid" aria-label="More forecast metrics">
        {pick(DETAIL_METRICS).map((d) => (
          <ScenarioMetricCard key={d.name} d={d} headline={false} intervalState={intervalState} stale={stale?.has(d.name) ?? false} />
        ))}
      </section>
    </>
  );
});
