// Model health of the scoring: for acceptance and for opportunity, how well
// the score ranks leads (AUC, in words), whether its predictions match what
// happened (a reliability diagram per score band), and a leakage warning when
// the score ranks too well to be true.
import { useMemo } from 'react';
import { reliabilityOption, reliabilitySummary } from '../../charts/trust-reliability';
import { readAuc, readCalibration, type ModelHealthReport, type OutcomeHealth } from '../../charts/trust-words';
import type { Theme } from '../../store/ui-slice';
import { ChartPanel } from '../export/ChartPanel';
import { VerdictBadge } from './TrustChecks';

const OUTCOME_LABEL: Readonly<Record<OutcomeHealth['outcome'], { title: string; rate: string }>> = {
  acceptance: { title: 'Acceptance by sales', rate: 'acceptance' },
  opportunity: { title: 'Opportunity within 90 days', rate: 'opportunity rate' },
};

function OutcomePanel({ health }: { readonly health: OutcomeHealth }) {
  const labels = OUTCOME_LABEL[health.outcome];
  const auc = readAuc(health);
  const calibration = readCalibration(health.calibration);
  const build = useMemo(() => (t: Theme, p: boolean) => reliabilityOption(health.calibration, labels.rate, t, p), [health.calibration, labels.rate]);
  return (
    <div className="health-outcome" data-testid={`model-health-${health.outcome}`}>
      <section className={`card trust-card${auc.verdict === 'bad' ? ' trust-alert' : ''}`} aria-label={`${labels.title}: how well the score ranks`}>
        <div className="metric-top">
          <h3>{labels.title}</h3>
          <VerdictBadge verdict={auc.verdict} />
        </div>
        <div className="auc-line">
          <span className="metric-value" data-testid={`auc-${health.outcome}`}>
            {health.auc === null ? '–' : health.auc.toFixed(2)}
          </span>
          <span className="muted small">AUC over {health.count.toLocaleString('en-US')} leads with a known outcome</span>
        </div>
        <p className="trust-lead">
          <strong>{auc.headline}.</strong> {auc.detail}
        </p>
        {health.leakageSuspected || (health.auc ?? 0) > 0.85 ? (
          <p className="leakage" role="alert">
            Leakage warning: an AUC above 0.85 is rare for a lead score. Check that no scoring rule uses activity logged after the handoff.
          </p>
        ) : null}
        <p className="trust-lead">{calibration.text}</p>
      </section>
      {health.calibration.some((b) => b.count > 0) ? (
        <ChartPanel
          title={`Predicted vs observed ${labels.rate}`}
          subtitle="Each dot a score band (size: leads). On the dashed line the score is honest; above it leads do better than the score says, below it worse."
          build={build}
          summary={reliabilitySummary(health.calibration, labels.rate)}
          height={300}
          fileName={`reliability-${health.outcome}`}
          testId={`reliability-${health.outcome}`}
        />
      ) : null}
    </div>
  );
}

export function ModelHealth({ report }: { readonly report: ModelHealthReport }) {
  return (
    <section className="model-health" aria-label="Model health">
      <h2 className="section-title">Is the lead score any good?</h2>
      <p className="muted">
        {report.scoring === 'baseline' ? 'The scoring in force' : 'The scenario’s scoring'}, checked against what sales did with the leads it sent.
      </p>
      <div className="chart-grid">
        <OutcomePanel health={report.acceptance} />
        <OutcomePanel health={report.opportunity} />
      </div>
      {report.warnings.length > 0 ? (
        <ul className="warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
