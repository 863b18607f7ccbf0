// A new fit rule: field, comparison, value and points, checked here for shape
// (two numbers for "between", a list for "one of") and by the engine for the
// rest. Lead fields come from the contract's canonical leads table.
import { useId, useState, type FormEvent } from 'react';
import { TABLES } from '../../../engine/api/contract';
import { addFitRule, buildFitRule, OP_WORDS, opsFor, opTakesValue, type FitOp, type ScenarioEdit } from '../../app/scenario-edits';
import type { Scenario } from '../../../engine/api/contract';
import { humanize } from '../../charts/format';

const FIELDS = TABLES.leads.columns.filter((c) => c.name !== 'lead_id' && c.name !== 'created_at');
const isNumeric = (field: string) => FIELDS.some((c) => c.name === field && (c.kind === 'integer' || c.kind === 'number'));

const HINTS: Partial<Record<FitOp, string>> = { between: 'e.g. 50, 5000', in: 'e.g. director, vp, c_level', not_in: 'e.g. student, other' };

export function AddFitRule({ onAdd }: { readonly onAdd: (make: (d: Scenario) => ScenarioEdit) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [field, setField] = useState('seniority');
  const [op, setOp] = useState<FitOp>('in');
  const [value, setValue] = useState('');
  const [points, setPoints] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const numeric = isNumeric(field);
  const ops = opsFor(field, numeric);

  if (!open) {
    return (
      <button type="button" className="btn btn-small add-rule-btn" onClick={() => setOpen(true)} data-testid="add-fit-rule">
        Add a fit rule
      </button>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = Number(points);
    if (points.trim() === '' || !Number.isFinite(p)) return setError('Points must be a number (negative takes points away).');
    const built = buildFitRule(field, op, value, p, numeric);
    if ('error' in built) return setError(built.error);
    onAdd((d) => addFitRule(d, built.rule));
    setError(null);
    setValue('');
    setOpen(false);
  };

  return (
    <form className="add-rule" onSubmit={submit} aria-label="Add a fit rule" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <label className="field-name" htmlFor={`${id}-field`}>
        When
      </label>
      <div className="add-rule-row">
        <select
          id={`${id}-field`}
          className="select"
          value={field}
          onChange={(e) => {
            const next = e.target.value;
            setField(next);
            const nextOps = opsFor(next, isNumeric(next));
            if (!nextOps.includes(op)) setOp(nextOps[0]!);
          }}
        >
          {FIELDS.map((c) => (
            <option key={c.name} value={c.name}>
              {humanize(c.name)}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`${id}-op`}>
          Comparison
        </label>
        <select id={`${id}-op`} className="select" value={op} onChange={(e) => setOp(e.target.value as FitOp)}>
          {ops.map((o) => (
            <option key={o} value={o}>
              {OP_WORDS[o]}
            </option>
          ))}
        </select>
      </div>
      {opTakesValue(op) ? (
        <>
          <label className="sr-only" htmlFor={`${id}-value`}>
            Value
          </label>
          <input id={`${id}-value`} className="input" value={value} placeholder={HINTS[op] ?? (numeric ? 'a number' : 'a value')} onChange={(e) => setValue(e.target.value)} />
        </>
      ) : null}
      <div className="add-rule-row">
        <label className="field-name inline" htmlFor={`${id}-points`}>
          add points
        </label>
        <input id={`${id}-points`} className="input num-input" inputMode="decimal" value={points} onChange={(e) => setPoints(e.target.value)} />
        <button type="submit" className="btn btn-primary btn-small">
          Add
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
