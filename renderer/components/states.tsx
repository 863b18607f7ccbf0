// Loading, empty and error look the same on every screen.
import type { ReactNode } from 'react';
import type { EngineErrorInfo } from '../../engine/api/contract';
import { Icon, type IconName } from './icons';

/** A wait; with progress (a job's fraction and its stage in words), a bar under the label. */
export function Loading({ label, progress = null }: { readonly label: string; readonly progress?: { readonly fraction: number; readonly message: string } | null }) {
  if (progress) {
    const pct = Math.round(progress.fraction * 100);
    return (
      <div className="state state-loading state-progress" role="status" aria-live="polite">
        <span className="state-progress-label">
          <span className="spinner" aria-hidden="true" /> {label}
        </span>
        <span className="job-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${pct}%` }} />
        </span>
        <span className="muted small" data-testid="loading-stage">
          {progress.message} · {pct}%
        </span>
      </div>
    );
  }
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  icon = 'spark',
  children,
  action,
}: {
  readonly title: string;
  readonly icon?: IconName;
  readonly children?: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <div className="state state-empty">
      <div className="state-illustration" aria-hidden="true">
        <Icon name={icon} size={26} />
      </div>
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {action ? <div className="state-actions">{action}</div> : null}
    </div>
  );
}

/** Where the engine says the problem is (file, row, column, field), in plain words. */
export function describeLocation(error: EngineErrorInfo): string | null {
  const parts: string[] = [];
  if (error.file) parts.push(`file ${error.file}`);
  if (error.row !== undefined) parts.push(`row ${error.row}`);
  if (error.column) parts.push(`column ${error.column}`);
  if (error.field) parts.push(`field ${error.field}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function ErrorNote({ error, onDismiss }: { readonly error: EngineErrorInfo; readonly onDismiss?: () => void }) {
  const where = describeLocation(error);
  return (
    <div className="error-note" role="alert">
      <div>
        <strong>{error.message}</strong>
        {where ? <div className="error-where">{where}</div> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
