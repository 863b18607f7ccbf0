// The trust report as cards: does the replay reproduce history (identity),
// how well did a forecast fitted on an earlier period predict a later one
// (backtest), and the policy-change test; each with a verdict in words and
// the numbers behind it.
import type { ReactNode } from 'react';
import { formatInteger } from '../../charts/format';
import {
  formatDifference,
  formatMetricValue,
  metricLabel,
  readBacktest,
  readIdentity,
  VERDICT_WORDS,
  type TrustReport,
  type Verdict,
} from '../../charts/trust-words';

type Errors = Extract<TrustReport['backtest'], { available: true }>['errors'];

export function VerdictBadge({ verdict }: { readonly verdict: Verdict }) {
  return (
    <span className={`status-badge status-${verdict}`}>
      <span className="status-pip" aria-hidden="true" />
      {VERDICT_WORDS[verdict]}
    </span>
  );
}

export function TrustCard({ title, verdict, lead, children, testId }: { readonly title: string; readonly verdict: Verdict | null; readonly lead: string; readonly children?: ReactNode; readonly testId: string }) {
  return (
    <section className="card trust-card" data-testid={testId} aria-label={title}>
      <div className="metric-top">
        <h3>{title}</h3>
        {verdict ? <VerdictBadge verdict={verdict} /> : null}
      </div>
      <p className="trust-lead">{lead}</p>
      {children}
    </section>
  );
}

function mark(ok: boolean | null): string {
  return ok === null ? '–' : ok ? '✓ within' : '✗ outside';
}

export function IdentityCard({ report }: { readonly report: TrustReport }) {
  const reading = readIdentity(report);
  return (
    <TrustCard title="Does replaying history reproduce it?" verdict={reading.verdict} lead={reading.text} testId="trust-identity">
      <details className="trust-details">
        <summary>Metric by metric</summary>
        <table className="compare-table compact">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">History</th>
              <th scope="col">Replayed</th>
              <th scope="col">Difference</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {report.identity.rows.map((r) => (
              <tr key={r.metric}>
                <th scope="row">{metricLabel(r.metric)}</th>
                <td className="num">{formatMetricValue(r.metric, r.observed)}</td>
                <td className="num">{formatMetricValue(r.metric, r.replayed)}</td>
                <td className="num">{formatDifference(r.metric, r.difference)}</td>
                <td className={r.passed ? 'ok' : 'bad'}>{r.passed ? '✓ matches' : '✗ differs'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!report.identity.scoringModelKnown ? (
          <p className="muted small">The scoring rules in force were inferred from the data, so MQL counts may differ slightly; rates are held to half a point.</p>
        ) : null}
      </details>
    </TrustCard>
  );
}

function ErrorsTable({ errors, testId }: { readonly errors: Errors; readonly testId: string }) {
  return (
    <table className="compare-table compact" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">What happened</th>
          <th scope="col">Forecast</th>
          <th scope="col">Error</th>
          <th scope="col">Bound</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e) => (
          <tr key={e.metric} data-metric={e.metric}>
            <th scope="row">{metricLabel(e.metric)}</th>
            <td className="num">{formatMetricValue(e.metric, e.actual)}</td>
            <td className="num">{formatMetricValue(e.metric, e.forecast)}</td>
            <td className="num">{formatDifference(e.metric, e.error)}</td>
            <td className={e.withinTolerance === false ? 'bad' : e.withinTolerance ? 'ok' : 'muted'}>{mark(e.withinTolerance)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BacktestCard({ report }: { readonly report: TrustReport }) {
  const b = report.backtest;
  if (!b.available) return <TrustCard title="Does the forecast predict a later period?" verdict={null} lead={`Not available: ${b.reason}`} testId="trust-backtest" />;
  const reading = readBacktest(b.errors);
  return (
    <TrustCard title="Does the forecast predict a later period?" verdict={reading.verdict} lead={reading.text} testId="trust-backtest">
      <p className="muted small">
        Models fitted on {formatInteger(b.fitMqls)} MQLs from {b.fitPeriod.from} to {b.fitPeriod.to}; forecast {formatInteger(b.testMqls)} MQLs from {b.testPeriod.from} to{' '}
        {b.testPeriod.to}, compared with what happened.
      </p>
      <ErrorsTable errors={b.errors} testId="backtest-table" />
    </TrustCard>
  );
}

export function PolicyChangeCard({ report }: { readonly report: TrustReport }) {
  const c = report.policyChange;
  if (!c.available) return <TrustCard title="Did it predict a real policy change?" verdict={null} lead={`Not available: ${c.reason}`} testId="trust-policy-change" />;
  const reading = readBacktest(c.errors);
  return (
    <TrustCard
      title="Did it predict a real policy change?"
      verdict={reading.verdict}
      lead={`The threshold moved from ${c.thresholdBefore} to ${c.thresholdAfter} on ${c.changedAt.slice(0, 10)}. Fitted before the change, the forecast of the new threshold: ${reading.text.replace(/^Fitted on the earlier period, the forecast /, '')}`}
      testId="trust-policy-change"
    >
      <ErrorsTable errors={c.errors} testId="policy-change-table" />
    </TrustCard>
  );
}
