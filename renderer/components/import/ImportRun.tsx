// Step 3: the time zone, what still stops the import, the Import button, and
// while the engine works, its progress with a Cancel.
import { useId } from 'react';
import type { ProgressEvent } from '../../../engine/api/contract';
import { timezoneProblem } from '../../app/import-model';

interface SetupProps {
  readonly timezone: string;
  readonly blockers: readonly string[];
  readonly what: string;
  /** Rows the workspace holds now: the import replaces them. */
  readonly existingRows: number;
  readonly onTimezone: (tz: string) => void;
  readonly onImport: () => void;
  readonly onBack: () => void;
}

export function ImportSetup({ timezone, blockers, what, existingRows, onTimezone, onImport, onBack }: SetupProps) {
  const id = useId();
  const tzProblem = timezoneProblem(timezone);
  return (
    <section className="card import-run" aria-label="Import">
      <div className="run-row">
        <div className="tz-field">
          <label className="field-label" htmlFor={`${id}-tz`}>
            Time zone for times without an offset
          </label>
          <input
            id={`${id}-tz`}
            data-testid="import-timezone"
            className={`input tz-input${tzProblem ? ' invalid' : ''}`}
            value={timezone}
            onChange={(e) => onTimezone(e.target.value)}
            aria-invalid={tzProblem !== null}
            aria-describedby={`${id}-tz-hint`}
            spellCheck={false}
            list={`${id}-zones`}
          />
          <datalist id={`${id}-zones`}>
            {['UTC', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Singapore', 'Australia/Sydney'].map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <span id={`${id}-tz-hint`} className={`small ${tzProblem ? 'tz-error' : 'muted'}`}>
            {tzProblem ?? 'IANA name. Timestamps with an offset keep it.'}
          </span>
        </div>
        <div className="run-actions">
          <button type="button" className="btn" onClick={onBack}>
            Back
          </button>
          <button type="button" className="btn btn-primary btn-large" data-testid="run-import" disabled={blockers.length > 0} onClick={onImport}>
            Import {what}
          </button>
        </div>
      </div>
      {blockers.length > 0 ? (
        <ul className="blockers" aria-label="Before importing">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small run-note" data-testid="replace-note">
          {existingRows > 0
            ? `This workspace holds ${existingRows.toLocaleString('en-US')} rows of history; importing replaces them, and only if every file checks out.`
            : 'All or nothing: the import fills this workspace only if every file checks out.'}
        </p>
      )}
    </section>
  );
}

export function ImportProgress({ job, cancelling, onCancel }: { readonly job: ProgressEvent | null; readonly cancelling: boolean; readonly onCancel: () => void }) {
  const pct = Math.round((job?.fraction ?? 0) * 100);
  return (
    <section className="card import-progress" aria-label="Importing" aria-busy="true">
      <div className="job-head">
        <span className="job-message">{cancelling ? 'Cancelling…' : job?.message || 'Starting the import…'}</span>
        <span className="job-pct">{pct}%</span>
      </div>
      <div className="job-bar progress-lg" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Import progress">
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="run-actions">
        <span className="muted small">The workspace changes only when the import completes.</span>
        <button type="button" className="btn" data-testid="cancel-import" onClick={onCancel} disabled={cancelling}>
          Cancel
        </button>
      </div>
    </section>
  );
}
