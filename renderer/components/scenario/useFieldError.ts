// The engine's complaint about one control's field, for the current draft only
// (an error about an older draft is history once the user changed it).
import { useApp } from '../../app/context';
import { fieldMatches } from '../../app/scenario-edits';
import { selectScenarioFieldError } from '../../store/scenario-selectors';

export function useFieldError(field: string): string | null {
  const error = useApp(selectScenarioFieldError);
  return error && fieldMatches(error.field, field) ? stripField(error.message, error.field) : null;
}

/** "scenario: mql.threshold: must be a number" -> "must be a number": the control already says which field. */
export function stripField(message: string, field: string | undefined): string {
  const first = message.split('\n')[0] ?? message;
  if (!field) return first;
  const at = first.indexOf(`${field}: `);
  return at >= 0 ? first.slice(at + field.length + 2) : first;
}
