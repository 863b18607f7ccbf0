// Scoring: points and caps per activity type (with high intent), fit rules, decay and lookback.
import { memo } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { useApp } from '../../app/context';
import {
  activityTypes,
  describeFitRule,
  removeFitRule,
  setActivityCap,
  setActivityPoints,
  setDecayHalfLife,
  setFitPoints,
  setLookback,
  toggleHighIntent,
} from '../../app/scenario-edits';
import { humanize } from '../../charts/format';
import { selectScenarioFieldError } from '../../store/scenario-selectors';
import { AddFitRule } from './AddFitRule';
import { ControlGroup } from './ControlGroup';
import { NumberField } from './NumberField';
import { SuggestPoints } from './SuggestPoints';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

export const ScoringEditor = memo(function ScoringEditor({
  scoring,
  highIntentTypes,
  thresholdOnly,
}: {
  readonly scoring: Scenario['scoring'];
  readonly highIntentTypes: readonly string[] | undefined;
  readonly thresholdOnly: boolean;
}) {
  const edit = useEdit();
  const types = activityTypes({ version: 1, ...(scoring ? { scoring } : {}), mql: { high_intent_types: [...(highIntentTypes ?? [])] } });
  const points = scoring?.activity_points ?? {};
  const rules = scoring?.fit_points ?? [];
  const highIntent = new Set(highIntentTypes ?? []);
  const caps = scoring?.activity_caps ?? {};
  const pointsError = useFieldError('scoring.activity_points');
  const capsError = useFieldError('scoring.activity_caps');
  // A problem with one activity's cap is shown in its row; only block-wide ones show under the table.
  const capRowError = /^scoring\.activity_caps\./.test(useApp(selectScenarioFieldError)?.field ?? '');
  const halfLifeError = useFieldError('scoring.decay_half_life_days');
  const lookbackError = useFieldError('scoring.lookback_days');
  const rulesError = useFieldError('scoring.fit_points');
  const intentError = useFieldError('mql.high_intent_types');
  if (thresholdOnly) {
    return (
      <ControlGroup title="Scoring">
        <p className="muted small">This workspace has no activity points (no scoring model and no activities to fit them to), so only the threshold, tiers, SLAs and capacity can be replayed.</p>
      </ControlGroup>
    );
  }
  return (
    <>
      <details className="scn-group scn-details">
        <summary className="scn-group-title">Points per activity</summary>
        <p className="scn-group-hint muted">Points a lead earns for each activity, up to the cap (empty: no cap). Tick “high intent” to hand off on that activity whatever the score.</p>
        <table className="scn-table points-table">
          <thead>
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">Points</th>
              <th scope="col">Cap</th>
              <th scope="col">High intent</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <PointsRow key={type} type={type} points={points[type] ?? 0} cap={caps[type] ?? null} highIntent={highIntent.has(type)} onEdit={edit} />
            ))}
          </tbody>
        </table>
        {pointsError || intentError || (capsError && !capRowError) ? (
          <span className="field-error" role="alert">
            {pointsError ?? intentError ?? capsError}
          </span>
        ) : null}
        <SuggestPoints />
      </details>
      <details className="scn-group scn-details">
        <summary className="scn-group-title">Fit rules</summary>
        <p className="scn-group-hint muted">Points for who the lead is. Remove a rule to see what it was worth.</p>
        {rules.length === 0 ? <p className="muted small">No fit rules.</p> : null}
        <ul className="fit-rules">
          {rules.map((r, i) => (
            <li key={`${i}-${r.field}-${r.op}`} className="fit-rule">
              <span className="fit-text">{describeFitRule(r)}</span>
              <NumberField label={`Points when ${describeFitRule(r)}`} hideLabel value={r.points} onCommit={(v) => v !== null && edit((d) => setFitPoints(d, i, v))} testId={`fit-${i}`} />
              <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove rule: ${describeFitRule(r)}`} onClick={() => edit((d) => removeFitRule(d, i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <AddFitRule onAdd={(make) => edit(make)} />
        {rulesError ? (
          <span className="field-error" role="alert">
            {rulesError}
          </span>
        ) : null}
      </details>
      <details className="scn-group scn-details">
        <summary className="scn-group-title">Score decay</summary>
        <p className="scn-group-hint muted">Older activities count for less: points halve every half-life. The lookback drops activities older than that. Empty: none.</p>
        <div className="field-pair">
          <NumberField
            label="Half-life"
            value={scoring?.decay_half_life_days ?? null}
            allowEmpty
            placeholder="none"
            suffix="days"
            testId="decay-half-life"
            error={halfLifeError}
            onCommit={(v) => edit((d) => setDecayHalfLife(d, v))}
          />
          <NumberField
            label="Lookback"
            value={scoring?.lookback_days ?? null}
            allowEmpty
            placeholder="none"
            suffix="days"
            testId="lookback-days"
            error={lookbackError}
            onCommit={(v) => edit((d) => setLookback(d, v))}
          />
        </div>
      </details>
    </>
  );
});

function PointsRow({
  type,
  points,
  cap,
  highIntent,
  onEdit,
}: {
  readonly type: string;
  readonly points: number;
  readonly cap: number | null;
  readonly highIntent: boolean;
  readonly onEdit: ReturnType<typeof useEdit>;
}) {
  const capError = useFieldError(`scoring.activity_caps.${type}`);
  const name = humanize(type);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <NumberField label={`Points for ${name}`} hideLabel value={points} onCommit={(v) => v !== null && onEdit((d) => setActivityPoints(d, type, v))} testId={`points-${type}`} />
      </td>
      <td>
        <NumberField label={`Cap for ${name} (empty: no cap)`} hideLabel value={cap} allowEmpty placeholder="none" onCommit={(v) => onEdit((d) => setActivityCap(d, type, v))} error={capError} testId={`cap-${type}`} />
      </td>
      <td className="center">
        <input
          type="checkbox"
          aria-label={`${name} is high intent`}
          checked={highIntent}
          onChange={(e) => {
            const on = e.target.checked;
            onEdit((d) => toggleHighIntent(d, type, on));
          }}
        />
      </td>
    </tr>
  );
}
