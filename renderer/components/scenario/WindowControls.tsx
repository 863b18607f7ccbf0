// The forecast window's dates.
import { memo } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { setWindow } from '../../app/scenario-edits';
import { DateField } from './DateField';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

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
