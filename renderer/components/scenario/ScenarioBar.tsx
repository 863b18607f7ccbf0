// Which scenario is being edited, and what can be done with it: undo/redo,
// back to the policy in force, open a saved one, save, save as, duplicate,
// rename, delete. Names are asked for inline (no browser prompt), and the
// engine's refusal (e.g. the name is taken) shows next to the name field.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAppShallow, useServices } from '../../app/context';
import { deleteSavedScenario, duplicateCurrentScenario, openSavedScenario, renameCurrentScenario, saveScenarioAs } from '../../app/scenario-actions';
import { selectSavedView } from '../../store/scenario-selectors';
import { stripField } from './useFieldError';

type NameMode = 'save' | 'save-as' | 'rename' | 'duplicate';

const MODE_WORDS: Readonly<Record<NameMode, { title: string; confirm: string }>> = {
  save: { title: 'Save this scenario as', confirm: 'Save' },
  'save-as': { title: 'Save a copy as', confirm: 'Save' },
  rename: { title: 'Rename to', confirm: 'Rename' },
  duplicate: { title: 'Duplicate as', confirm: 'Duplicate' },
};

export function ScenarioBar({ onUndo, onRedo, onReset }: { readonly onUndo: () => void; readonly onRedo: () => void; readonly onReset: () => void }) {
  const { platform, store } = useServices();
  const { name, dirty, list, busy, nameError, canUndo, canRedo } = useAppShallow(selectSavedView);
  const [mode, setMode] = useState<NameMode | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const openId = useId();

  const startName = (m: NameMode) => {
    store.getState().scenarioNameFailed(null);
    setMode(m);
  };
  const save = () => (name ? void saveScenarioAs(platform, store, name, true) : startName('save'));

  return (
    <section className="card scn-bar" aria-label="Scenario">
      <div className="scn-bar-row">
        <div className="scn-title">
          <span className="filter-label">Scenario</span>
          <span className="scn-name" data-testid="scenario-name">
            {name ?? 'Unsaved scenario'}
          </span>
          {dirty ? (
            <span className="dirty-pill" data-testid="scenario-dirty">
              {name ? 'edited' : 'changed from the policy in force'}
            </span>
          ) : null}
        </div>
        <div className="scn-actions">
          <button type="button" className="btn btn-small" onClick={onUndo} disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" data-testid="scenario-undo">
            Undo
          </button>
          <button type="button" className="btn btn-small" onClick={onRedo} disabled={!canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" data-testid="scenario-redo">
            Redo
          </button>
          <button type="button" className="btn btn-small" onClick={onReset} disabled={!dirty && name === null} title="Start again from the policy in force">
            Reset to policy in force
          </button>
          <span className="scn-sep" aria-hidden="true" />
          <label className="sr-only" htmlFor={openId}>
            Open a saved scenario
          </label>
          <select
            id={openId}
            className="select"
            value=""
            data-testid="scenario-open"
            disabled={list.length === 0 || busy !== null}
            onChange={(e) => e.target.value && void openSavedScenario(platform, store, e.target.value)}
          >
            <option value="">{list.length === 0 ? 'No saved scenarios' : `Open saved (${list.length})…`}</option>
            {list.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small btn-primary" onClick={save} disabled={busy !== null || (name !== null && !dirty)} data-testid="scenario-save">
            {name ? 'Save' : 'Save…'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => startName('save-as')} disabled={busy !== null}>
            Save as…
          </button>
          <button type="button" className="btn btn-small" onClick={() => startName('duplicate')} disabled={busy !== null || name === null}>
            Duplicate…
          </button>
          <button type="button" className="btn btn-small" onClick={() => startName('rename')} disabled={busy !== null || name === null}>
            Rename…
          </button>
          {name !== null ? (
            confirmDelete ? (
              <span className="confirm-delete">
                <button
                  type="button"
                  className="btn btn-small danger"
                  onClick={() => {
                    setConfirmDelete(false);
                    void deleteSavedScenario(platform, store, name);
                  }}
                >
                  Delete “{name}”
                </button>
                <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirmDelete(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirmDelete(true)} disabled={busy !== null}>
                Delete
              </button>
            )
          ) : null}
        </div>
      </div>
      {mode ? (
        <NameForm
          mode={mode}
          initial={mode === 'rename' ? (name ?? '') : mode === 'duplicate' || mode === 'save-as' ? `${name ?? 'Scenario'} (copy)` : ''}
          busy={busy !== null}
          error={nameError ? stripField(nameError.message, nameError.field) : null}
          onCancel={() => {
            store.getState().scenarioNameFailed(null);
            setMode(null);
          }}
          onSubmit={async (text) => {
            const ok =
              mode === 'rename'
                ? await renameCurrentScenario(platform, store, text)
                : mode === 'duplicate'
                  ? await duplicateCurrentScenario(platform, store, text)
                  : await saveScenarioAs(platform, store, text, false);
            if (ok) setMode(null);
          }}
        />
      ) : nameError ? (
        <p className="field-error" role="alert">
          {stripField(nameError.message, nameError.field)}
        </p>
      ) : null}
    </section>
  );
}

function NameForm({
  mode,
  initial,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  readonly mode: NameMode;
  readonly initial: string;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onCancel: () => void;
  readonly onSubmit: (name: string) => Promise<void>;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const words = MODE_WORDS[mode];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() !== '') void onSubmit(text);
  };
  return (
    <form className="name-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor={id} className="field-name">
        {words.title}
      </label>
      <input
        id={id}
        ref={input}
        className={`input${error ? ' invalid' : ''}`}
        value={text}
        maxLength={120}
        data-testid="scenario-name-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-primary btn-small" disabled={busy || text.trim() === ''} data-testid="scenario-name-confirm">
        {words.confirm}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
