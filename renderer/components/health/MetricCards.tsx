// Every DATA_CONTRACT section-3 metric as a card: the value, its basis ("n of
// m") and censored counts in small print, and for the four with field targets
// a status colour with the target written out (colour is never the only cue).
import { formatAmount, formatHours, formatInteger, formatPercent } from '../../charts/format';
import type { MetricName, MetricSet, MetricValue } from '../../charts/health-types';
import { metricStatus, STATUS_WORDS, TARGETS } from '../../charts/health-status';

interface CardSpec {
  readonly name: MetricName;
  readonly label: string;
  readonly format: (v: number | null) => string;
  /** The small print under the value. */
  readonly basis: (m: MetricValue) => string[];
  /** What the metric counts, in a few words (headline cards). */
  readonly hint?: string;
}

/** "2,204 of 3,300 MQLs", and how many were too recent to judge (left out of both numbers). */
const rateBasis = (m: MetricValue): string[] => {
  const lines = [`${formatInteger(m.numerator ?? 0)} of ${formatInteger(m.denominator ?? 0)} MQLs`];
  if (m.censored) lines.push(`${formatInteger(m.censored)} too recent to judge, left out`);
  return lines;
};

const quantileBasis = (m: MetricValue): string[] => [`over ${formatInteger(m.count ?? 0)} contacted MQLs`];

export const HEADLINE_CARDS: readonly CardSpec[] = [
  { name: 'acceptance_rate', label: 'Acceptance rate', format: formatPercent, basis: rateBasis, hint: 'accepted by sales, of all MQLs' },
  { name: 'sla_compliance_rate', label: 'SLA compliance', format: formatPercent, basis: rateBasis, hint: 'first contact within the tier’s SLA' },
  { name: 'black_hole_rate', label: 'Black-hole rate', format: formatPercent, basis: rateBasis, hint: 'no decision or contact within 24 h' },
  { name: 'median_hours_to_first_contact', label: 'Median first contact', format: formatHours, basis: quantileBasis, hint: 'wall-clock hours, MQL to first contact' },
];

export const DETAIL_CARDS: readonly CardSpec[] = [
  { name: 'mql_count', label: 'MQLs', format: formatInteger, basis: () => ['handed off in the window'] },
  { name: 'rejection_rate', label: 'Rejection rate', format: formatPercent, basis: rateBasis },
  { name: 'p90_hours_to_first_contact', label: 'P90 first contact', format: formatHours, basis: quantileBasis },
  { name: 'sql_rate', label: 'SQL rate', format: formatPercent, basis: rateBasis },
  { name: 'opportunity_rate', label: 'Opportunity rate', format: formatPercent, basis: rateBasis },
  {
    name: 'won_count',
    label: 'Won deals',
    format: formatInteger,
    basis: (m) => ['closed won', ...(m.censored ? [`${formatInteger(m.censored)} opportunities still open`] : [])],
  },
  {
    name: 'pipeline_amount',
    label: 'Pipeline',
    format: formatAmount,
    basis: (m) => ['opportunities within 90 days', ...(m.censored ? [`may grow: ${formatInteger(m.censored)} MQLs still open`] : [])],
  },
];

function MetricCard({ spec, value, headline }: { readonly spec: CardSpec; readonly value: MetricValue; readonly headline: boolean }) {
  const status = metricStatus(spec.name, value.observed);
  const target = TARGETS[spec.name];
  return (
    <article className={`metric-card${headline ? ' headline' : ''}${status ? ` status-${status}` : ''}`} data-testid={`metric-${spec.name}`} aria-label={spec.label}>
      <div className="metric-top">
        <h3 className="metric-label">{spec.label}</h3>
        {status ? <StatusBadge status={status} /> : null}
      </div>
      <div className="metric-value">{spec.format(value.observed)}</div>
      {target ? <div className="metric-target">{target.label}</div> : null}
      {spec.hint ? <div className="metric-hint">{spec.hint}</div> : null}
      <Basis lines={spec.basis(value)} />
    </article>
  );
}

function StatusBadge({ status }: { readonly status: 'good' | 'watch' | 'bad' }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-pip" aria-hidden="true" />
      {STATUS_WORDS[status]}
    </span>
  );
}

function Basis({ lines }: { readonly lines: readonly string[] }) {
  return (
    <div className="metric-basis">
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </div>
  );
}

export function HeadlineMetrics({ metrics }: { readonly metrics: MetricSet }) {
  return (
    <section className="metric-grid headline-grid" aria-label="Headline handoff metrics">
      {HEADLINE_CARDS.map((spec) => (
        <MetricCard key={spec.name} spec={spec} value={metrics[spec.name]} headline />
      ))}
    </section>
  );
}

export function DetailMetrics({ metrics }: { readonly metrics: MetricSet }) {
  return (
    <section className="metric-grid detail-grid" aria-label="More handoff metrics">
      {DETAIL_CARDS.map((spec) => (
        <MetricCard key={spec.name} spec={spec} value={metrics[spec.name]} headline={false} />
      ))}
    </section>
  );
}

export function MetricCardSkeletons({ count, headline }: { readonly count: number; readonly headline: boolean }) {
  return (
    <div className={`metric-grid ${headline ? 'headline-grid' : 'detail-grid'}`} aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={`metric-card skeleton-card${headline ? ' headline' : ''}`}>
          <span className="skeleton skeleton-line short" />
          <span className="skeleton skeleton-value" />
          <span className="skeleton skeleton-line" />
        </div>
      ))}
    </div>
  );
}
