// A whole-number control with − and + buttons (reps), sized for the editor or the presenter.
import { useId } from 'react';

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
