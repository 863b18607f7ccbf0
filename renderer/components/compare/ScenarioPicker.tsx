// Which saved scenarios go side by side: 2 to 4 checkboxes (a native
// fieldset, so Tab and Space work), then Run. While forecasts run, Cancel.
import type { ScenarioListing } from '../../../engine/api/contract';
import { MAX_COMPARED, MIN_COMPARED } from '../../store/compare-slice';

const DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

function savedAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

export function ScenarioPicker({
  listing,
  selected,
  running,
  onToggle,
  onRun,
  onCancel,
}: {
  readonly listing: readonly ScenarioListing[];
  readonly selected: readonly string[];
  readonly running: boolean;
  readonly onToggle: (name: string) => void;
  readonly onRun: () => void;
  readonly onCancel: () => void;
}) {
  const full = selected.length >= MAX_COMPARED;
  const enough = selected.length >= MIN_COMPARED;
  return (
    <section className="card compare-picker no-print" aria-labelledby="compare-picker-title">
      <div className="card-head">
        <h3 id="compare-picker-title">Scenarios to compare</h3>
        <span className="muted small" aria-live="polite">
          {selected.length} of {MAX_COMPARED} picked{enough ? '' : ` · pick at least ${MIN_COMPARED}`}
        </span>
      </div>
      <fieldset className="picker-list" disabled={running}>
        <legend className="sr-only">Saved scenarios</legend>
        {listing.map((s) => {
          const checked = selected.includes(s.name);
          const order = selected.indexOf(s.name);
          return (
            <label key={s.name} className={`picker-item${checked ? ' checked' : ''}`} data-testid="compare-option">
              <input type="checkbox" checked={checked} disabled={!checked && full} onChange={() => onToggle(s.name)} />
              <span className="picker-name">{s.name}</span>
              <span className="picker-meta">{checked ? `Column ${order + 1}` : `saved ${savedAt(s.updatedAt)}`}</span>
            </label>
          );
        })}
      </fieldset>
      <div className="card-actions">
        {running ? (
          <button type="button" className="btn" onClick={onCancel} data-testid="compare-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={!enough} onClick={onRun} data-testid="compare-run">
            Compare with 90% intervals
          </button>
        )}
        <span className="muted small picker-note">Each scenario is forecast with its bootstrap and simulation runs; the policy in force is replayed the same way, so changes compare like with like.</span>
      </div>
    </section>
  );
}
