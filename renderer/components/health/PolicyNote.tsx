// Which policy the numbers are measured against, what the data covers, and
// the engine's warnings, in plain words (as text: React escapes it).
import type { HealthMetrics } from '../../charts/health-types';

function longDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function policySentence(m: HealthMetrics): string {
  const tiers = m.policy.tiers.map((t) => `${t.name} ${t.first_contact_sla_hours} h`).join(', ');
  const hours = m.policy.business_hours ? 'business hours' : 'wall-clock hours';
  return m.policy.source === 'scoring_model'
    ? `SLAs from the imported scoring model: ${tiers} (${hours}).`
    : // the engine's own warning explains where inferred SLAs come from; say only what they are
      `SLAs: ${tiers} (${hours}).`;
}

export function PolicyNote({ metrics }: { readonly metrics: HealthMetrics }) {
  const w = metrics.window;
  const span = w.from || w.to ? `${w.from ? longDate(w.from) : 'the start'} to ${w.to ? longDate(w.to) : 'the data end'}` : 'all history';
  return (
    <section className="policy-note" aria-label="About these numbers">
      <div className="policy-line">
        <span className={`policy-pill ${metrics.policy.source === 'scoring_model' ? 'pill-model' : 'pill-inferred'}`}>
          {metrics.policy.source === 'scoring_model' ? 'Scoring model' : 'Inferred policy'}
        </span>
        <span>{policySentence(metrics)}</span>
        <span className="muted">
          Window: {span}. {metrics.data_end ? `Data through ${longDate(metrics.data_end)}` : 'No dated rows yet'} · times in {metrics.timezone}.
        </span>
      </div>
      {metrics.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Warnings">
          {metrics.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
