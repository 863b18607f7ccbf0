// Step 1: which files. A browser page cannot open a native dialog nor learn a
// dropped file's path, so the user types or pastes absolute paths (one a
// line, or a folder); the desktop app adds a folder dialog and takes the
// path of a dropped file when the shell gives it.
import { useId, useState, type DragEvent } from 'react';
import { Icon } from '../icons';
import type { PreviewProblem } from '../../store/import-slice';

interface Props {
  readonly paths: string;
  readonly busy: boolean;
  readonly problems: readonly PreviewProblem[];
  readonly canChooseFolder: boolean;
  /** Which shell: the drop message says why a path is missing in words that fit it. */
  readonly shell: 'desktop' | 'browser';
  readonly onPaths: (text: string) => void;
  readonly onChooseFolder: () => void;
  readonly onPreview: () => void;
}

/** The path of a dropped file when the shell exposes one (older Electron); a browser never does. */
export function droppedPath(file: File): string | null {
  const path = (file as File & { path?: unknown }).path;
  return typeof path === 'string' && path !== '' ? path : null;
}

export function PathPicker({ paths, busy, problems, canChooseFolder, shell, onPaths, onChooseFolder, onPreview }: Props) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    const known = files.map(droppedPath).filter((p): p is string => p !== null);
    if (known.length > 0) {
      const lines = paths.trim() === '' ? known : [paths.trim(), ...known];
      onPaths(lines.join('\n'));
      setDropNote(known.length < files.length ? 'Some dropped files gave no path; type their paths below.' : null);
      return;
    }
    const names = files.map((f) => f.name).join(', ');
    setDropNote(
      shell === 'browser'
        ? `Thanks: ${names}. In the browser, a dropped file does not tell the app where it lives on disk, and the engine reads files from disk. Paste the full path of each file (or of their folder) below.`
        : `Thanks: ${names}. The app could not learn where ${files.length === 1 ? 'this file lives' : 'these files live'} on disk. Use Choose folder…, or paste the full path of each file below.`,
    );
  };

  return (
    <section className="card import-pick" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h3 id={`${id}-title`}>Choose the files to import</h3>
        <span className="muted small">CSV, TSV, Parquet or JSON Lines (gzip too)</span>
      </div>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Icon name="import" size={22} />
        <div>
          <strong>Drop export files here</strong>
          <span className="muted small"> or type their paths below</span>
        </div>
        {canChooseFolder ? (
          <button type="button" className="btn btn-small" onClick={onChooseFolder} disabled={busy}>
            <Icon name="folder" size={16} /> Choose folder…
          </button>
        ) : null}
      </div>
      {dropNote ? (
        <p className="drop-note" role="status">
          {dropNote}
        </p>
      ) : null}
      <label className="field-label" htmlFor={`${id}-paths`}>
        File paths, one per line, or one folder
      </label>
      <textarea
        id={`${id}-paths`}
        data-testid="import-paths"
        className="input path-box"
        rows={5}
        spellCheck={false}
        autoComplete="off"
        placeholder={'/Users/me/exports/hubspot-contacts.csv\n/Users/me/exports/handoffs.csv\n/Users/me/exports/dispositions.csv'}
        value={paths}
        onChange={(e) => onPaths(e.target.value)}
      />
      <p className="muted small hint">
        A folder is imported by file name (leads.csv, activities.csv, handoffs.csv, dispositions.csv, reps.csv) with columns mapped
        automatically. List the files to review each one’s columns first.
      </p>
      <PreviewProblems problems={problems} />
      <div className="card-actions">
        <button type="button" className="btn btn-primary" data-testid="preview-files" disabled={busy || paths.trim() === ''} onClick={onPreview}>
          {busy ? 'Reading files…' : 'Preview files'}
        </button>
      </div>
    </section>
  );
}

/** Paths that could not be previewed, each with the engine's reason. */
export function PreviewProblems({ problems }: { readonly problems: readonly PreviewProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="pick-problems">
      <ul aria-label="Files that could not be read">
        {problems.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            {p.path ? <code>{p.path}</code> : null}
            <span>{p.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
