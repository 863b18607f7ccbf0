// The editor's controls: threshold, capacity, tiers and SLAs, scoring. Each
// reads the draft and sends one pure edit (app/scenario-edits.ts); nothing
// here waits for the engine, so dragging never stalls on a forecast.
import { memo, useId, type ReactNode } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { useApp, useServices } from '../../app/context';
import { editScenario } from '../../app/scenario-actions';
import {
  activityTypes,
  addTier,
  removeTier,
  describeFitRule,
  removeFitRule,
  setActivityPoints,
  setBusinessHours,
  setExtraReps,
  setFitPoints,
  setRepCapacity,
  setThreshold,
  setTier,
  threshold,
  toggleHighIntent,
  type ScenarioEdit,
} from '../../app/scenario-edits';
import { humanize } from '../../charts/format';
import { selectScenarioFieldError } from '../../store/scenario-selectors';
import { AddFitRule } from './AddFitRule';
import { NumberField } from './NumberField';
import { useFieldError } from './useFieldError';

/**
 * Edits are built from the draft in the store at the moment of the event, so
 * the control groups below need only their own block as props and skip
 * re-rendering while another control (the slider) moves.
 */
export function useEdit(): (make: (draft: Scenario) => ScenarioEdit | null, timed?: boolean) => void {
  const { store } = useServices();
  return (make, timed = false) => {
    const draft = store.getState().scenarioHistory?.present;
    const edit = draft ? make(draft) : null;
    if (edit) editScenario(store, edit, timed);
  };
}

/** Slider bounds that fit the policy: room above the top tier and below zero-ish scores. */
export function thresholdBounds(s: Scenario, base: Scenario): { min: number; max: number } {
  const tiers = [...(s.tiers ?? []), ...(base.tiers ?? [])].map((t) => t.min_score);
  const t = Math.max(threshold(s), threshold(base));
  const max = Math.max(100, Math.ceil((Math.max(t, ...tiers) + 30) / 10) * 10);
  return { min: Math.min(0, Math.floor(threshold(s))), max };
}

export function ControlGroup({ title, hint, children }: { readonly title: string; readonly hint?: string; readonly children: ReactNode }) {
  return (
    <section className="scn-group" aria-label={title}>
      <h3 className="scn-group-title">{title}</h3>
      {hint ? <p className="scn-group-hint muted">{hint}</p> : null}
      {children}
    </section>
  );
}

export function ThresholdControl({ draft, baseline, big = false }: { readonly draft: Scenario; readonly baseline: Scenario; readonly big?: boolean }) {
  const id = useId();
  const edit = useEdit();
  const error = useFieldError('mql.threshold');
  const value = threshold(draft);
  const base = threshold(baseline);
  const { min, max } = thresholdBounds(draft, baseline);
  return (
    <div className={`threshold-control${big ? ' big' : ''}`}>
      <div className="threshold-head">
        <label htmlFor={id} className="field-name">
          MQL threshold
        </label>
        <span className="threshold-value" data-testid="threshold-value">
          {value}
        </span>
      </div>
      <input
        id={id}
        type="range"
        className="range"
        data-testid="threshold-slider"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-valuetext={`score ${value}${value === base ? ', the policy in force' : ''}`}
        aria-describedby={`${id}-scale`}
        onChange={(e) => {
          const v = Number(e.target.value);
          edit((d) => setThreshold(d, v), true);
        }}
      />
      <div id={`${id}-scale`} className="range-scale muted small">
        <span>{min}</span>
        <span>In force: {base}</span>
        <span>{max}</span>
      </div>
      {!big ? <NumberField label="Threshold score" hideLabel value={value} onCommit={(v) => v !== null && edit((d) => setThreshold(d, v))} testId="threshold-input" error={error} /> : error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

/** − / + around a whole number, for reps: the keyboard can also type it. */
export function Stepper({
  label,
  value,
  onChange,
  min,
  max,
  testId,
  format,
  error,
  big = false,
}: {
  readonly label: string;
  readonly value: number;
  readonly onChange: (v: number) => void;
  readonly min: number;
  readonly max: number;
  readonly testId: string;
  readonly format?: (v: number) => string;
  readonly error?: string | null;
  readonly big?: boolean;
}) {
  const id = useId();
  return (
    <div className={`stepper${big ? ' big' : ''}`}>
      <span className="field-name" id={id}>
        {label}
      </span>
      <div className="stepper-row" role="group" aria-labelledby={id}>
        <button type="button" className="btn stepper-btn" aria-label={`Less: ${label}`} disabled={value <= min} onClick={() => onChange(Math.max(min, value - 1))}>
          −
        </button>
        <output className="stepper-value" data-testid={testId} aria-live="polite">
          {format ? format(value) : value}
        </output>
        <button type="button" className="btn stepper-btn" aria-label={`More: ${label}`} disabled={value >= max} onClick={() => onChange(Math.min(max, value + 1))}>
          +
        </button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export const signedReps = (v: number) => {
  const n = Math.abs(v);
  return v === 0 ? 'no change' : `${v > 0 ? '+' : '−'}${n} rep${n === 1 ? '' : 's'}`;
};

type Capacity = Scenario['capacity'];

export const CapacityControls = memo(function CapacityControls({ capacity }: { readonly capacity: Capacity }) {
  const edit = useEdit();
  const repsError = useFieldError('capacity.extra_reps');
  const capError = useFieldError('capacity.rep_daily_capacity');
  return (
    <ControlGroup title="Capacity" hint="More MQLs on the same reps means longer queues and later first contact.">
      <Stepper label="Extra reps" value={capacity?.extra_reps ?? 0} min={-50} max={50} testId="extra-reps" format={signedReps} error={repsError} onChange={(v) => edit((d) => setExtraReps(d, v), true)} />
      <NumberField
        label="New leads per rep a day (empty: from the data)"
        value={capacity?.rep_daily_capacity ?? null}
        allowEmpty
        integer
        wide
        placeholder="from data"
        suffix="a day"
        testId="rep-capacity"
        error={capError}
        onCommit={(v) => edit((d) => setRepCapacity(d, v))}
      />
    </ControlGroup>
  );
});

export const TiersEditor = memo(function TiersEditor({ tiers = [], businessHours }: { readonly tiers: Scenario['tiers']; readonly businessHours: boolean | undefined }) {
  const edit = useEdit();
  const tiersError = useFieldError('tiers');
  // A problem with one tier's cell is shown in that cell; only list-wide ones (e.g. "needs at least one tier") show here.
  const rowError = /^tiers\[\d+\]\./.test(useApp(selectScenarioFieldError)?.field ?? '');
  return (
    <ControlGroup title="Tiers and SLAs" hint="A lead gets the highest tier whose minimum score it reaches; high-intent leads go to the first tier.">
      <table className="scn-table tiers-table">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Min score</th>
            <th scope="col">First-contact SLA</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((t, i) => (
            <TierRow key={i} index={i} name={t.name} minScore={t.min_score} sla={t.first_contact_sla_hours} onEdit={edit} removable={tiers.length > 1} />
          ))}
        </tbody>
      </table>
      {tiersError && !rowError ? (
        <span className="field-error" role="alert">
          {tiersError}
        </span>
      ) : null}
      <button type="button" className="btn btn-small add-rule-btn" onClick={() => edit((d) => (tiers.length < 20 ? addTier(d) : null))} disabled={tiers.length >= 20} data-testid="add-tier">
        Add a tier
      </button>
      <label className="check-field">
        <input type="checkbox" checked={businessHours ?? true}
          onChange={(e) => {
            const on = e.target.checked;
            edit((d) => setBusinessHours(d, on));
          }} data-testid="business-hours" />
        <span>Count SLA hours inside each rep’s working hours</span>
      </label>
    </ControlGroup>
  );
});

function TierRow({
  index,
  name,
  minScore,
  sla,
  onEdit,
  removable,
}: {
  readonly index: number;
  readonly name: string;
  readonly minScore: number;
  readonly sla: number;
  readonly onEdit: ReturnType<typeof useEdit>;
  readonly removable: boolean;
}) {
  const scoreError = useFieldError(`tiers[${index}].min_score`);
  const slaError = useFieldError(`tiers[${index}].first_contact_sla_hours`);
  return (
    <tr>
      <th scope="row" className="tier-name">
        {name}
      </th>
      <td>
        <NumberField label={`Tier ${name} minimum score`} hideLabel value={minScore} onCommit={(v) => v !== null && onEdit((d) => setTier(d, index, { min_score: v }))} error={scoreError} testId={`tier-${index}-min`} />
      </td>
      <td>
        <NumberField label={`Tier ${name} first-contact SLA in hours`} hideLabel value={sla} suffix="h" onCommit={(v) => v !== null && onEdit((d) => setTier(d, index, { first_contact_sla_hours: v }))} error={slaError} testId={`tier-${index}-sla`} />
      </td>
      <td>
        {removable ? (
          <button type="button" className="btn btn-ghost btn-small icon-x" aria-label={`Remove tier ${name}`} title={`Remove tier ${name}`} onClick={() => onEdit((d) => removeTier(d, index))}>
            ×
          </button>
        ) : null}
      </td>
    </tr>
  );
}

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
  const pointsError = useFieldError('scoring.activity_points');
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
        <p className="scn-group-hint muted">Points a lead earns for each activity. Tick “high intent” to hand off on that activity whatever the score.</p>
        <table className="scn-table points-table">
          <thead>
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">Points</th>
              <th scope="col">High intent</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type}>
                <th scope="row">{humanize(type)}</th>
                <td>
                  <NumberField label={`Points for ${humanize(type)}`} hideLabel value={points[type] ?? 0} onCommit={(v) => v !== null && edit((d) => setActivityPoints(d, type, v))} testId={`points-${type}`} />
                </td>
                <td className="center">
                  <input type="checkbox" aria-label={`${humanize(type)} is high intent`} checked={highIntent.has(type)} onChange={(e) => {
                      const on = e.target.checked;
                      edit((d) => toggleHighIntent(d, type, on));
                    }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {pointsError || intentError ? (
          <span className="field-error" role="alert">
            {pointsError ?? intentError}
          </span>
        ) : null}
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
    </>
  );
});
