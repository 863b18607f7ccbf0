// One way for a control to edit the scenario: each control sends one pure edit
// (app/scenario-edits.ts) built from the draft in the store at the moment of the
// event; nothing waits for the engine, so dragging never stalls on a forecast.
import type { Scenario } from '../../../engine/api/contract';
import { useServices } from '../../app/context';
import { editScenario } from '../../app/scenario-actions';
import type { ScenarioEdit } from '../../app/scenario-edits';

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
