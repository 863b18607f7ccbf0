// The editor's controls: threshold, capacity, tiers and SLAs, scoring. Each
// reads the draft and sends one pure edit (app/scenario-edits.ts); nothing
// here waits for the engine, so dragging never stalls on a forecast.
import { memo, useId, type ReactNode } from 'react';
import { LEAD_FIELDS, type Scenario } from '../../../engine/api/contract';
import { useApp, useServices } from '../../app/context';
import { editScenario } from '../../app/scenario-actions';
import {
  activityTypes,
  addTier,
  removeTier,
  describeFitRule,
  removeFitRule,
  setActivityCap,
  setActivityPoints,
  setBusinessHours,
  setDecayHalfLife,
  setLookback,
  setRequireBusinessEmail,
  setWindow,
  toggleRequiredField,
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
import { DateField } from './DateField';
import { NumberField } from './NumberField';
import { SuggestPoints } from './SuggestPoints';
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

/** Pre-flight checks: a lead failing one goes to a data-completion queue (counted, not routed). */
export const PreflightChecks = memo(function PreflightChecks({
  businessEmail,
  requiredFields,
}: {
  readonly businessEmail: boolean | undefined;
  readonly requiredFields: readonly string[] | undefined;
}) {
  const edit = useEdit();
  const emailError = useFieldError('mql.require_business_email');
  const fieldsError = useFieldError('mql.require_fields');
  const required = new Set(requiredFields ?? []);
  return (
    <details className="scn-group scn-details">
      <summary className="scn-group-title">Pre-flight checks</summary>
      <p className="scn-group-hint muted">A lead failing a check goes to a data-completion queue: counted, not handed off.</p>
      <label className="check-field">
        <input
          type="checkbox"
          checked={businessEmail ?? false}
          onChange={(e) => {
            const on = e.target.checked;
            edit((d) => setRequireBusinessEmail(d, on));
          }}
          data-testid="require-business-email"
        />
        <span>Require a business email (not a free address)</span>
      </label>
      {emailError ? (
        <span className="field-error" role="alert">
          {emailError}
        </span>
      ) : null}
      <fieldset className="check-grid">
        <legend className="field-name">Require these lead fields</legend>
        {LEAD_FIELDS.map((f) => (
          <label key={f} className="check-field">
            <input
              type="checkbox"
              checked={required.has(f)}
              onChange={(e) => {
                const on = e.target.checked;
                edit((d) => toggleRequiredField(d, f, on, LEAD_FIELDS));
              }}
              data-testid={`require-${f}`}
            />
            <span>{humanize(f)}</span>
          </label>
        ))}
      </fieldset>
      {fieldsError ? (
        <span className="field-error" role="alert">
          {fieldsError}
        </span>
      ) : null}
    </details>
  );
});

/** The forecast window: which MQLs (by their mql_at date) the forecast covers. */
export const WindowControls = memo(function WindowControls({ window: win }: { readonly window: Scenario['window'] }) {
  const edit = useEdit();
  const fromError = useFieldError('window.from');
  const toError = useFieldError('window.to');
  // A window-wide problem (not one end's) shows under both boxes.
  const blockError = useFieldError('window');
  const wideOnly = blockError && !fromError && !toError ? blockError : null;
  return (
    <details className="scn-group scn-details">
      <summary className="scn-group-title">Window</summary>
      <p className="scn-group-hint muted">The forecast covers MQLs from and to these dates, written YYYY-MM-DD. Empty: no limit on that side.</p>
      <div className="field-pair">
        <DateField label="From" value={win?.from ?? null} error={fromError} testId="window-from" onCommit={(v) => edit((d) => setWindow(d, 'from', v))} />
        <DateField label="To" value={win?.to ?? null} error={toError} testId="window-to" onCommit={(v) => edit((d) => setWindow(d, 'to', v))} />
      </div>
      {wideOnly ? (
        <span className="field-error" role="alert">
          {wideOnly}
        </span>
      ) : null}
    </details>
  );
});
