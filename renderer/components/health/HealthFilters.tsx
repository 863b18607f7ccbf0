// The filters every health chart follows: a window (presets or dates), and a
// source, tier and rep. Choices are the segment keys of an unfiltered call, so
// a menu never offers a value that would come back empty.
import { useId } from 'react';
import { humanize } from '../../charts/format';
import { windowPreset } from '../../app/health-actions';
import { NO_FILTERS, type HealthChoices, type HealthFilters } from '../../store/health-slice';

interface Props {
  readonly filters: HealthFilters;
  readonly choices: HealthChoices | null;
  /** New numbers are on their way: said next to the filters that asked for them, not over the content. */
  readonly updating: boolean;
  readonly onChange: (patch: Partial<HealthFilters>) => void;
  readonly onReset: () => void;
}

const PRESETS = [
  { days: 30, label: 'Last 30 days' },
  { days: 91, label: 'Last quarter' },
] as const;

export function windowIsInverted(f: HealthFilters): boolean {
  return f.from !== null && f.to !== null && f.from > f.to;
}

export function HealthFiltersBar({ filters, choices, updating, onChange, onReset }: Props) {
  const id = useId();
  const last = choices?.lastDate ?? null;
  const active = (Object.keys(NO_FILTERS) as (keyof HealthFilters)[]).some((k) => filters[k] !== null);
  const presetActive = (days: number) => {
    if (!last) return false;
    const w = windowPreset(last, days);
    return filters.from === w.from && filters.to === w.to;
  };
  return (
    <section className="filters card" aria-label="Filters">
      <div className="filter-group">
        <span className="filter-label" id={`${id}-window`}>
          Window
        </span>
        <div className="segmented" role="group" aria-labelledby={`${id}-window`}>
          <button type="button" className={`seg-btn${filters.from === null && filters.to === null ? ' active' : ''}`} aria-pressed={filters.from === null && filters.to === null} onClick={() => onChange({ from: null, to: null })}>
            All history
          </button>
          {PRESETS.map((p) => (
            <button
              key={p.days}
              type="button"
              className={`seg-btn${presetActive(p.days) ? ' active' : ''}`}
              aria-pressed={presetActive(p.days)}
              disabled={!last}
              onClick={() => last && onChange(windowPreset(last, p.days))}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="date-range">
          <label className="sr-only" htmlFor={`${id}-from`}>
            From
          </label>
          <input
            id={`${id}-from`}
            data-testid="filter-from"
            type="date"
            className="input date-input"
            value={filters.from ?? ''}
            min={choices?.firstDate ?? undefined}
            max={filters.to ?? last ?? undefined}
            onChange={(e) => onChange({ from: e.target.value || null })}
            aria-label="Window from"
          />
          <span className="muted" aria-hidden="true">
            –
          </span>
          <label className="sr-only" htmlFor={`${id}-to`}>
            To
          </label>
          <input
            id={`${id}-to`}
            data-testid="filter-to"
            type="date"
            className="input date-input"
            value={filters.to ?? ''}
            min={filters.from ?? choices?.firstDate ?? undefined}
            max={last ?? undefined}
            onChange={(e) => onChange({ to: e.target.value || null })}
            aria-label="Window to"
          />
        </div>
      </div>
      <div className="filter-group">
        <FilterSelect label="Source" all="All sources" value={filters.source} options={choices?.sources ?? []} onChange={(source) => onChange({ source })} testId="filter-source" />
        <FilterSelect label="Tier" all="All tiers" value={filters.tier} options={choices?.tiers ?? []} onChange={(tier) => onChange({ tier })} testId="filter-tier" />
        <FilterSelect label="Rep" all="All reps" value={filters.rep} options={choices?.reps ?? []} onChange={(rep) => onChange({ rep })} testId="filter-rep" />
        <button type="button" className="btn btn-ghost btn-small reset-btn" onClick={onReset} disabled={!active}>
          Reset filters
        </button>
        <span className="updating-chip" role="status" aria-live="polite">
          {updating ? (
            <>
              <span className="spinner" aria-hidden="true" /> Updating…
            </>
          ) : null}
        </span>
      </div>
      {windowIsInverted(filters) ? (
        <p className="filter-hint" role="alert">
          The window starts after it ends: pick a “from” date on or before the “to” date.
        </p>
      ) : null}
    </section>
  );
}

function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
  testId,
}: {
  readonly label: string;
  readonly all: string;
  readonly value: string | null;
  readonly options: readonly string[];
  readonly onChange: (v: string | null) => void;
  readonly testId: string;
}) {
  const id = useId();
  // A value from before (e.g. typed into the store) that the menu lacks still shows, so the select never lies.
  const list = value !== null && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="select-field" htmlFor={id}>
      <span className="filter-label">{label}</span>
      <select id={id} className="select" data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{all}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
