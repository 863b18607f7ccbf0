// Step 2, one file: what the engine read (format, separator, first rows), the
// table it goes to, and which of its headers feeds each canonical column.
import { useId } from 'react';
import { IMPORT_TABLE_NAMES, IMPORT_TABLES, type TableName } from '../../app/import-columns';
import { BADGE_TEXT, badgeFor, checkMapping, type ImportFileEntry } from '../../app/import-model';

interface Props {
  readonly entry: ImportFileEntry;
  readonly onTable: (table: TableName) => void;
  readonly onMap: (canonical: string, header: string) => void;
  readonly onRemove: () => void;
}

const DELIMITERS: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const FORMATS = { csv: 'CSV', parquet: 'Parquet', jsonl: 'JSON Lines' } as const;

export function FileMapping({ entry, onTable, onMap, onRemove }: Props) {
  const id = useId();
  const p = entry.preview;
  const check = checkMapping(entry);
  const delimiter = p.delimiter === null ? null : (DELIMITERS[p.delimiter] ?? `“${p.delimiter}”`);
  return (
    <section className="card file-card" aria-labelledby={`${id}-name`} data-testid={`file-${p.file}`}>
      <header className="file-head">
        <div className="file-title">
          <h3 id={`${id}-name`}>{p.file}</h3>
          <span className="muted small path" title={p.path}>
            {p.path}
          </span>
        </div>
        <div className="file-facts">
          <span className="chip">{FORMATS[p.format]}{p.gzip ? ' · gzip' : ''}</span>
          {delimiter ? <span className="chip">{delimiter}-separated</span> : null}
          <span className="chip">{p.headers.length} columns</span>
        </div>
        <label className="select-field" htmlFor={`${id}-table`}>
          <span className="filter-label">Table</span>
          <select id={`${id}-table`} className="select" data-testid="file-table" value={entry.table} onChange={(e) => onTable(e.target.value as TableName)}>
            {IMPORT_TABLE_NAMES.map((t) => (
              <option key={t} value={t}>
                {IMPORT_TABLES[t].label}
                {p.suggestedTable === t ? ' (suggested)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove} aria-label={`Remove ${p.file}`}>
          Remove
        </button>
      </header>

      <PreviewRows headers={p.headers} rows={p.rows} />

      <div className="mapping-grid">
        <table className="mapping-table" aria-label={`Columns of ${p.file} for ${entry.table}`}>
          <thead>
            <tr>
              <th scope="col">{IMPORT_TABLES[entry.table].label} column</th>
              <th scope="col">From the file’s column</th>
              <th scope="col">First value</th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_TABLES[entry.table].columns.map((col) => {
              const value = entry.mapping[col.name] ?? '';
              const badge = badgeFor(entry, col.name);
              const missing = col.required && value === '';
              return (
                <tr key={col.name} className={missing ? 'missing' : undefined} data-testid={`map-${col.name}`}>
                  <th scope="row">
                    <span className="col-label">{col.label}</span>
                    {col.required ? (
                      <span className="required" title="Required">
                        required
                      </span>
                    ) : null}
                    <code className="col-name">{col.name}</code>
                  </th>
                  <td>
                    <select className="select" aria-label={`File column for ${col.label}`} value={value} onChange={(e) => onMap(col.name, e.target.value)}>
                      <option value="">{col.required ? '— choose a column —' : '— not imported —'}</option>
                      {p.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="example" title={example(p, value)}>
                    {example(p, value)}
                  </td>
                  <td>
                    {missing ? (
                      <span className="badge badge-bad">missing</span>
                    ) : badge === 'none' ? null : (
                      <span className={`badge badge-${badge}`}>{BADGE_TEXT[badge]}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <aside className="mapping-side">
          {check.missingRequired.length > 0 ? (
            <p className="mapping-flag flag-bad" role="alert">
              Required without a column: {check.missingRequired.join(', ')}. Choose the file’s column for each, or pick another table.
            </p>
          ) : (
            <p className="mapping-flag flag-ok">Every required column has a source.</p>
          )}
          {check.repeated.length > 0 ? <p className="mapping-flag flag-bad">Chosen twice: {check.repeated.join(', ')}.</p> : null}
          {check.toConfirm.length > 0 ? <p className="mapping-flag flag-watch">Partial name matches to confirm: {check.toConfirm.join(', ')}.</p> : null}
          <div className="ignored">
            <span className="filter-label">Not imported ({check.ignored.length})</span>
            {check.ignored.length === 0 ? (
              <span className="muted small">Every column of the file is used.</span>
            ) : (
              <ul className="ignored-list" aria-label="Columns not imported">
                {check.ignored.map((h) => (
                  <li key={h}>{h}</li>
                ))}
              </ul>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}

/** The chosen column's value in the first row, so a wrong choice shows at a glance. */
function example(p: ImportFileEntry['preview'], header: string): string {
  if (header === '') return '';
  const i = p.headers.indexOf(header);
  return i < 0 ? '' : (p.rows[0]?.[i] ?? '');
}

/** The first rows as the engine read them; every cell is text (React escapes it). */
function PreviewRows({ headers, rows }: { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] }) {
  const shown = rows.slice(0, 5);
  return (
    <div className="preview-scroll">
      <table className="preview-table" aria-label="First rows of the file">
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={`${h}-${i}`} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={Math.max(1, headers.length)} className="muted">
                The file has a header but no rows.
              </td>
            </tr>
          ) : (
            shown.map((r, i) => (
              <tr key={i}>
                {headers.map((_h, j) => (
                  <td key={j} title={r[j] ?? ''}>
                    {r[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
