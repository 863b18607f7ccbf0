// Import: choose files, confirm how their columns map to the canonical tables,
// import all or nothing with progress and Cancel, then read the data-quality
// report. The logic lives in app/import-model.ts and app/import-actions.ts;
// the state in store/import-slice.ts; this screen renders and dispatches.
import { useId, useState, type FormEvent } from 'react';
import { openSample, openWorkspaceAt } from '../app/actions';
import { useApp, useAppShallow, useServices } from '../app/context';
import { cancelImport, changeTable, loadImportQuality, previewPaths, runImport } from '../app/import-actions';
import { importBlockers, timezoneProblem } from '../app/import-model';
import { FileMapping } from '../components/import/FileMapping';
import { FileTabs } from '../components/import/FileTabs';
import { DataQuality, ImportSummaryCard } from '../components/import/ImportDone';
import { ImportFailure } from '../components/import/ImportFailure';
import { ImportProgress, ImportSetup } from '../components/import/ImportRun';
import { PathPicker, PreviewProblems } from '../components/import/PathPicker';
import { EmptyState, ErrorNote } from '../components/states';
import type { ImportStep } from '../store/import-slice';
import { selectImportView, selectShellActions, selectWorkspaceView } from '../store/selectors';

export function ImportScreen() {
  const { platform, store } = useServices();
  const v = useAppShallow(selectImportView);
  const { setScreen } = useAppShallow(selectShellActions);
  const job = useApp((s) => (v.jobId ? (s.jobs[v.jobId] ?? null) : null));

  if (!v.workspace) return <WorkspaceNeeded />;

  const s = store.getState;
  const blockers = v.folder !== null ? (timezoneProblem(v.timezone) ? [timezoneProblem(v.timezone) ?? ''] : []) : importBlockers(v.entries, v.timezone);
  const activeEntry = v.entries.find((e) => e.path === v.active) ?? v.entries[0] ?? null;
  const what = v.folder !== null ? 'the folder' : v.entries.length === 1 ? '1 file' : `${v.entries.length} files`;

  return (
    <div className="import" aria-busy={v.step === 'running'}>
      <Steps step={v.step} />
      {v.step === 'pick' ? (
        <PathPicker
          paths={v.paths}
          busy={v.previewing}
          problems={v.problems}
          canChooseFolder={platform.canChooseFiles}
          shell={platform.kind}
          onPaths={(t) => s().setImportPaths(t)}
          onChooseFolder={() =>
            void platform.chooseFile('import-data').then((dir) => {
              if (dir) s().setImportPaths(dir);
            })
          }
          onPreview={() => void previewPaths(platform, store)}
        />
      ) : null}

      {v.step === 'mapping' ? (
        <>
          <PreviewProblems problems={v.problems} />
          {v.folder !== null ? (
            <section className="card folder-card">
              <h3>Import a folder</h3>
              <p className="folder-path">{v.folder}</p>
              <p className="muted">
                The engine takes leads, activities, handoffs, dispositions and reps from files named after them in this folder, and maps
                their columns by name and known CRM headers. To review a file’s columns first, go back and list the files instead.
              </p>
            </section>
          ) : (
            <>
              <FileTabs entries={v.entries} active={activeEntry?.path ?? null} onSelect={(path) => s().setImportActive(path)} />
              {activeEntry ? (
                <FileMapping
                  key={activeEntry.path}
                  entry={activeEntry}
                  onTable={(t) => void changeTable(platform, store, activeEntry.path, t)}
                  onMap={(canonical, header) => s().setImportMapping(activeEntry.path, canonical, header)}
                  onRemove={() => s().removeImportEntry(activeEntry.path)}
                />
              ) : null}
            </>
          )}
          <ImportSetup
            timezone={v.timezone}
            blockers={blockers}
            what={what}
            existingRows={Object.values(v.workspace.rowCounts).reduce((a, b) => a + b, 0)}
            onTimezone={(tz) => s().setImportTimezone(tz)} onImport={() => void runImport(platform, store)} onBack={() => s().importBack()} />
        </>
      ) : null}

      {v.step === 'running' ? <ImportProgress job={job} cancelling={v.cancelling} onCancel={() => void cancelImport(platform, store)} /> : null}

      {v.step === 'failed' && v.failure ? <ImportFailure error={v.failure} onBack={() => s().importBack()} /> : null}

      {v.step === 'done' && v.summary ? (
        <>
          <ImportSummaryCard summary={v.summary} />
          <DataQuality status={v.qualityStatus} quality={v.quality} error={v.qualityError} onRetry={() => void loadImportQuality(platform, store)} />
          <div className="done-actions">
            <button type="button" className="btn btn-primary btn-large" data-testid="go-health" onClick={() => setScreen('health')}>
              Go to Handoff health
            </button>
            <button type="button" className="btn" onClick={() => s().resetImport()}>
              Import other files
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

const STEPS: readonly { readonly label: string; readonly steps: readonly ImportStep[] }[] = [
  { label: 'Choose files', steps: ['pick'] },
  { label: 'Confirm columns', steps: ['mapping'] },
  { label: 'Import', steps: ['running', 'failed'] },
  { label: 'Review quality', steps: ['done'] },
];

function Steps({ step }: { readonly step: ImportStep }) {
  const current = STEPS.findIndex((s) => s.steps.includes(step));
  return (
    <ol className="steps-bar" aria-label="Import steps">
      {STEPS.map((s, i) => (
        <li key={s.label} className={i < current ? 'done' : i === current ? 'current' : undefined} aria-current={i === current ? 'step' : undefined}>
          <span className="step-num">{i < current ? '✓' : i + 1}</span>
          {s.label}
        </li>
      ))}
    </ol>
  );
}

/** No workspace: say why one is needed, and offer a new one at a path or the sample. */
function WorkspaceNeeded() {
  const { platform, store } = useServices();
  const { status, error } = useAppShallow(selectWorkspaceView);
  const id = useId();
  const [path, setPath] = useState('');
  const busy = status === 'loading';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void openWorkspaceAt(platform, store, path.trim());
  };
  return (
    <EmptyState
      title="Import goes into a workspace"
      icon="import"
      action={
        <div className="ws-needed">
          <form className="path-form" onSubmit={submit}>
            <label htmlFor={`${id}-ws`}>Create or open a workspace at</label>
            <div className="path-row">
              <input
                id={`${id}-ws`}
                data-testid="workspace-path"
                className="input"
                placeholder="/Users/me/handoff-lab/team.duckdb"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                spellCheck={false}
                autoComplete="off"
              />
              <button type="submit" className="btn btn-primary" disabled={busy || path.trim() === ''}>
                {busy ? 'Opening…' : 'Create / open'}
              </button>
            </div>
          </form>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void openSample(platform, store)}>
            Or explore the sample workspace
          </button>
          {status === 'error' && error ? <ErrorNote error={error} onDismiss={() => store.getState().dismissWorkspaceError()} /> : null}
        </div>
      }
    >
      A workspace is one file on this computer that keeps your imported history, mappings and scenarios. Name a new file (it is created
      if it does not exist) or an existing workspace, then choose your CRM exports.
    </EmptyState>
  );
}
