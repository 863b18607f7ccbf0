// Capacity: extra reps and the new leads a rep starts a day.
import { memo } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { setExtraReps, setRepCapacity } from '../../app/scenario-edits';
import { ControlGroup } from './ControlGroup';
import { NumberField } from './NumberField';
import { signedReps, Stepper } from './Stepper';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

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
