// A number box that never fights the user: the text is theirs while they
// type; a valid number goes to the draft at once, anything else stays local
// with a hint. When the draft changes from outside (undo, open, reset), the
// box follows it.
import { useEffect, useId, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: number | null;
  readonly onCommit: (value: number | null) => void;
  /** Empty means null (e.g. "use the data"), else empty is invalid. */
  readonly allowEmpty?: boolean;
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly suffix?: string;
  readonly placeholder?: string;
  readonly testId?: string;
  /** The engine's message for this field, if it refused the value. */
  readonly error?: string | null;
  readonly hideLabel?: boolean;
  readonly wide?: boolean;
}

export function parseNumber(text: string, integer: boolean): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return 'bad';
  return integer && !Number.isInteger(n) ? 'bad' : n;
}

export function NumberField({ label, value, onCommit, allowEmpty, integer = false, min, max, step, suffix, placeholder, testId, error, hideLabel, wide }: Props) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [local, setLocal] = useState<string | null>(null);

  useEffect(() => {
    // Follow outside changes, but leave half-typed text ("1.", "-") alone when it already means this value.
    setText((t) => {
      const parsed = parseNumber(t, integer);
      return parsed === value ? t : value === null ? '' : String(value);
    });
    setLocal(null);
  }, [value, integer]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parseNumber(next, integer);
    if (parsed === 'bad') return setLocal(integer ? 'Enter a whole number.' : 'Enter a number.');
    if (parsed === null && !allowEmpty) return setLocal('Enter a number.');
    setLocal(null);
    if (parsed !== value) onCommit(parsed);
  };

  const message = local ?? error ?? null;
  return (
    <div className={`num-field${wide ? ' wide' : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'field-name'}>
        {label}
      </label>
      <div className="num-box">
        <input
          id={id}
          className={`input num-input${message ? ' invalid' : ''}`}
          inputMode={integer ? 'numeric' : 'decimal'}
          type="text"
          value={text}
          placeholder={placeholder}
          data-testid={testId}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-err` : undefined}
          data-min={min}
          data-max={max}
          data-step={step}
          onChange={(e) => onChange(e.target.value)}
        />
        {suffix ? <span className="num-suffix muted">{suffix}</span> : null}
      </div>
      {message ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {message}
        </span>
      ) : null}
    </div>
  );
}
