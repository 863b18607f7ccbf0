// Presenter mode on the Scenario screen, for workshops: three big controls
// (threshold, extra reps, the first tier's SLA), a before/after table of the
// headline metrics in large type, and the rate chart. Keys: ←/→ threshold
// (Shift: by 5), ↑/↓ extra reps, [ and ] the SLA; F11 leaves.
import { useEffect, useMemo } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { useServices } from '../../app/context';
import { editScenario, requestThresholdCurve } from '../../app/scenario-actions';
import { setExtraReps, setThreshold, setTier, threshold, topTierIndex } from '../../app/scenario-edits';
import { isEditableTarget } from '../../app/shortcuts';
import { formatMetric, METRIC_LABELS, type MetricDelta } from '../../charts/scenario-deltas';
import type { MetricName } from '../../charts/health-types';
import { DeltaChip } from './ForecastCards';
import { RateDeltaChart } from './ScenarioCharts';
import { signedReps, Stepper } from './Stepper';
import { ThresholdControl } from './ThresholdControl';
import { useFieldError } from './useFieldError';

/** SLA choices a facilitator steps through: the usual ones, plus whatever the draft holds. */
export function slaLadder(current: number): number[] {
  return [...new Set([0.25, 0.5, 1, 2, 4, 8, 24, 48, current])].sort((a, b) => a - b);
}

export const formatSla = (h: number) => (h < 1 ? `${Math.round(h * 60)} min` : `${h} h`);

/** The edit a presenter key asks for, or null (pure, so the key map is testable). */
export function presenterKeyEdit(draft: Scenario, key: string, shift: boolean) {
  const step = shift ? 5 : 1;
  const reps = draft.capacity?.extra_reps ?? 0;
  const top = topTierIndex(draft);
  const sla = draft.tiers?.[top]?.first_contact_sla_hours;
  switch (key) {
    case 'ArrowRight':
      return setThreshold(draft, threshold(draft) + step);
    case 'ArrowLeft':
      return setThreshold(draft, threshold(draft) - step);
    case 'ArrowUp':
      return setExtraReps(draft, Math.min(50, reps + 1));
    case 'ArrowDown':
      return setExtraReps(draft, Math.max(-50, reps - 1));
    case ']':
    case '[': {
      if (sla === undefined || top < 0) return null;
      const ladder = slaLadder(sla);
      const i = ladder.indexOf(sla) + (key === ']' ? 1 : -1);
      const next = ladder[Math.max(0, Math.min(ladder.length - 1, i))]!;
      return next === sla ? null : setTier(draft, top, { first_contact_sla_hours: next });
    }
    default:
      return null;
  }
}

const BEFORE_AFTER = ['mql_count', 'acceptance_rate', 'sla_compliance_rate', 'black_hole_rate', 'median_hours_to_first_contact', 'opportunity_rate'] as const;

export function PresenterView({
  draft,
  baseline,
  deltas,
  answerKey,
  updating,
  stale = null,
}: {
  readonly draft: Scenario;
  readonly baseline: Scenario;
  readonly deltas: readonly MetricDelta[] | null;
  readonly answerKey: string | null;
  readonly updating: boolean;
  /** Set while a threshold drag shows its preview from the curve: the metrics still showing the older answer. */
  readonly stale?: ReadonlySet<MetricName> | null;
}) {
  const { platform, store } = useServices();
  const top = topTierIndex(draft);
  const tier = draft.tiers?.[top];
  const slaError = useFieldError(`tiers[${top}]`);
  const repsError = useFieldError('capacity.extra_reps');
  const ladder = useMemo(() => slaLadder(tier?.first_contact_sla_hours ?? 1), [tier?.first_contact_sla_hours]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isEditableTarget(e.target)) return;
      const current = store.getState().scenarioHistory?.present;
      if (!current) return;
      const edit = presenterKeyEdit(current, e.key, e.shiftKey);
      if (!edit) return;
      e.preventDefault();
      editScenario(store, edit, true);
      if (edit.field === 'mql.threshold') void requestThresholdCurve(platform, store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [platform, store]);

  const byName = new Map((deltas ?? []).map((d) => [d.name, d]));
  return (
    <div className="presenter-view" data-testid="presenter-view">
      <section className="pv-controls card" aria-label="Scenario controls">
        <ThresholdControl draft={draft} baseline={baseline} big />
        <Stepper big label="Extra reps" value={draft.capacity?.extra_reps ?? 0} min={-50} max={50} testId="pv-extra-reps" format={signedReps} error={repsError} onChange={(v) => editScenario(store, setExtraReps(draft, v), true)} />
        {tier ? (
          <Stepper
            big
            label={`Tier ${tier.name} first-contact SLA`}
            value={ladder.indexOf(tier.first_contact_sla_hours)}
            min={0}
            max={ladder.length - 1}
            testId="pv-sla"
            format={(i) => formatSla(ladder[i] ?? tier.first_contact_sla_hours)}
            error={slaError}
            onChange={(i) => editScenario(store, setTier(draft, top, { first_contact_sla_hours: ladder[i] ?? tier.first_contact_sla_hours }), true)}
          />
        ) : null}
      </section>
      <section className={`pv-before-after card${stale ? ' previewing' : updating ? ' updating' : ''}`} aria-label="Before and after" aria-busy={updating}>
        <table className="pv-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Metric</span>
              </th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {BEFORE_AFTER.map((name) => {
              const d = byName.get(name);
              return (
                <tr key={name} data-testid={`pv-row-${name}`} className={stale?.has(name) ? 'stale' : undefined}>
                  <th scope="row">{METRIC_LABELS[name]}</th>
                  <td className="pv-before">{d ? formatMetric(d.kind, d.baseline) : '–'}</td>
                  <td className={`pv-after${d?.status ? ` status-${d.status}` : ''}`}>{d ? formatMetric(d.kind, d.forecast) : '–'}</td>
                  <td>{d ? <DeltaChip d={d} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {stale ? <p className="pv-updating muted">Preview from the threshold curve · exact forecast on its way</p> : updating ? <p className="pv-updating muted">Updating…</p> : null}
      </section>
      {deltas ? <RateDeltaChart deltas={deltas} answerKey={answerKey} preview={stale !== null} height={300} /> : null}
      <p className="pv-keys muted" aria-label="Keyboard shortcuts">
        <kbd>←</kbd> <kbd>→</kbd> threshold (Shift: by 5) · <kbd>↑</kbd> <kbd>↓</kbd> extra reps · <kbd>[</kbd> <kbd>]</kbd> SLA · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>F11</kbd> leave presenter mode
      </p>
    </div>
  );
}
