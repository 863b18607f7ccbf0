// A date box (YYYY-MM-DD) that, like NumberField, never fights the user: the
// text is theirs while they type; a complete date goes to the draft at once,
// empty means "no date", anything else stays local with a hint. The engine
// checks the date is real (and the window's order) and names the field.
import { useEffect, useId, useState } from 'react';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  readonly label: string;
  readonly value: string | null;
  readonly onCommit: (value: string | null) => void;
  readonly testId?: string;
  readonly error?: string | null;
}

export function DateField({ label, value, onCommit, testId, error }: Props) {
  const id = useId();
  const [text, setText] = useState(value ?? '');
  const [local, setLocal] = useState<string | null>(null);

  useEffect(() => {
    setText((t) => (t.trim() === (value ?? '') ? t : (value ?? '')));
    setLocal(null);
  }, [value]);

  const onChange = (next: string) => {
    setText(next);
    const t = next.trim();
    if (t !== '' && !DATE.test(t)) return setLocal('Write the date as YYYY-MM-DD.');
    setLocal(null);
    const parsed = t === '' ? null : t;
    if (parsed !== value) onCommit(parsed);
  };

  const message = local ?? error ?? null;
  return (
    <div className="num-field date-field">
      <label htmlFor={id} className="field-name">
        {label}
      </label>
      <input
        id={id}
        className={`input date-input${message ? ' invalid' : ''}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="YYYY-MM-DD"
        value={text}
        data-testid={testId}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {message ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {message}
        </span>
      ) : null}
    </div>
  );
}
