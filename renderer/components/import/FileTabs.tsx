// The files of one import as tabs: each names its table and whether its
// required columns all have a source, so what needs attention is visible
// without scrolling through every mapping.
import { IMPORT_TABLES } from '../../app/import-columns';
import { checkMapping, type ImportFileEntry } from '../../app/import-model';

interface Props {
  readonly entries: readonly ImportFileEntry[];
  readonly active: string | null;
  readonly onSelect: (path: string) => void;
}

export function FileTabs({ entries, active, onSelect }: Props) {
  return (
    <div className="file-tabs" role="tablist" aria-label="Files to import">
      {entries.map((e) => {
        const check = checkMapping(e);
        const status = check.missingRequired.length > 0 || check.repeated.length > 0 ? 'bad' : check.toConfirm.length > 0 ? 'watch' : 'good';
        const note =
          status === 'bad'
            ? `${check.missingRequired.length + check.repeated.length} to fix`
            : status === 'watch'
              ? `${check.toConfirm.length} to confirm`
              : 'ready';
        return (
          <button
            key={e.path}
            type="button"
            role="tab"
            aria-selected={e.path === active}
            className={`file-tab${e.path === active ? ' active' : ''}`}
            data-testid={`tab-${e.preview.file}`}
            onClick={() => onSelect(e.path)}
          >
            <span className="file-tab-name">{e.preview.file}</span>
            <span className="file-tab-meta">
              <span className={`status-pip tab-pip-${status}`} aria-hidden="true" />
              {IMPORT_TABLES[e.table].label} · {note}
            </span>
          </button>
        );
      })}
    </div>
  );
}
