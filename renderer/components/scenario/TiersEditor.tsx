// Tiers and their first-contact SLAs (edit, add, remove) and the business-hours switch.
import { memo } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { useApp } from '../../app/context';
import { addTier, removeTier, setBusinessHours, setTier } from '../../app/scenario-edits';
import { selectScenarioFieldError } from '../../store/scenario-selectors';
import { ControlGroup } from './ControlGroup';
import { NumberField } from './NumberField';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

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
