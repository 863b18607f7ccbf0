import { importDirectory, importFiles, type ImportFileSpec, type ImportSummary } from '../../import/importer';
import { TABLE_NAMES, type TableName } from '../../workspace/tables';
import { UsageError, optionalString, type Command } from '../command';
import { textTable } from '../text-table';
import { withWorkspace } from '../workspace-arg';

function summaryText(summary: ImportSummary): string {
  const rows = TABLE_NAMES.map((t) => [t, summary.tables[t].file ?? '(not supplied)', summary.tables[t].rows] as const);
  const lines = [
    textTable(['table', 'file', 'rows'], rows),
    '',
    `Time zone for timestamps without an offset: ${summary.timezone}.`,
    summary.scoringModel ? 'Scoring model (policy in force) stored.' : 'No scoring_model.json: the baseline policy will be inferred from the history.',
    `Imported in ${(summary.durationMs / 1000).toFixed(2)} s.`,
  ];
  for (const w of summary.warnings) lines.push(`Warning: ${w.message}`);
  for (const m of summary.missing) lines.push(`Missing: ${m}`);
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import leads, activities, handoffs, dispositions and reps (CSV, Parquet, JSON Lines); replaces the previous history, all or nothing.',
  usage: 'handoff-lab import --workspace W.duckdb (--dir DIR | --leads F --handoffs F --dispositions F [--activities F] [--reps F]) [--timezone ZONE] [--format table|json]',
  flags: {
    workspace: { type: 'string' },
    dir: { type: 'string' },
    timezone: { type: 'string' },
    format: { type: 'string' },
    ...Object.fromEntries(TABLE_NAMES.map((t) => [t, { type: 'string' as const }])),
  },
  async run(flags, io) {
    const dir = optionalString(flags, 'dir');
    const files: ImportFileSpec[] = TABLE_NAMES.flatMap((table: TableName) => {
      const path = optionalString(flags, table);
      return path ? [{ path, table }] : [];
    });
    if (!dir && files.length === 0) throw new UsageError('Give --dir with the exported files, or one flag per file (--leads, --handoffs, ...).');
    if (dir && files.length > 0) throw new UsageError('Give either --dir or per-file flags, not both.');
    const timezone = optionalString(flags, 'timezone');
    const options = timezone ? { timezone } : {};
    const summary = await withWorkspace(flags, 'create', (ws) => (dir ? importDirectory(ws, dir, options) : importFiles(ws, files, options)));
    io.out(flags.format === 'json' ? JSON.stringify(summary, null, 2) : summaryText(summary));
  },
};
