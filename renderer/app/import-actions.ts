// The import wizard's engine calls: preview what the user named, re-suggest a
// mapping when a file's table changes, run the import as a job with progress
// and Cancel, then fetch the data-quality report of what was loaded.
import type { AppStore } from '../store/app-store';
import type { PreviewProblem } from '../store/import-slice';
import { cancelJob, errorInfo } from './actions';
import { IMPORT_TABLE_NAMES, IMPORT_TABLES, type TableName } from './import-columns';
import { entryFromPreview, importBlockers, importRequest, isCancellation, parsePathList, suggestedChoice, timezoneProblem, type ImportFileEntry } from './import-model';
import type { Platform } from './platform';

/** Read the paths in the box: a folder goes to the engine as a folder, files are previewed one by one. */
export async function previewPaths(platform: Platform, store: AppStore): Promise<void> {
  const list = parsePathList(store.getState().importPaths);
  const problems: PreviewProblem[] = list.relative.map((path) => ({
    path,
    message: 'This is not a full path. Give the absolute path, starting with / (or a drive letter such as C:\\ on Windows).',
  }));
  if (list.folders.length > 0 && list.files.length > 0) {
    problems.push({ path: list.folders[0] ?? '', message: 'Give either one folder or a list of files, not both.' });
  } else if (list.folders.length > 1) {
    problems.push({ path: list.folders[1] ?? '', message: 'Give one folder at a time.' });
  }
  const mixed = problems.length > list.relative.length;
  if (mixed || (list.files.length === 0 && list.folders.length === 0)) {
    store.getState().importPreviewed([], problems.length > 0 ? problems : [{ path: '', message: 'Type or paste at least one file path.' }], null);
    return;
  }
  if (list.folders.length === 1) {
    if (problems.length > 0) {
      store.getState().importPreviewed([], problems, null);
      return;
    }
    store.getState().importPreviewed([], [], list.folders[0] ?? null);
    return;
  }
  store.getState().importPreviewStarted();
  const results = await Promise.allSettled(list.files.map((path) => platform.client.previewFile({ path })));
  const entries: ImportFileEntry[] = [];
  results.forEach((r, i) => {
    const path = list.files[i] ?? '';
    if (r.status === 'fulfilled') entries.push(entryFromPreview(r.value, null));
    else problems.push({ path, message: errorInfo(r.reason).message });
  });
  // A name that hints at no table: guess the first required table still free, and ask for its suggestion.
  for (const [i, e] of entries.entries()) {
    if (e.preview.mapping !== null) continue;
    const taken = new Set(entries.filter((other) => other.preview.mapping !== null).map((other) => other.table));
    const guess = IMPORT_TABLE_NAMES.find((t) => IMPORT_TABLES[t].required && !taken.has(t)) ?? 'leads';
    try {
      entries[i] = entryFromPreview(await platform.client.previewFile({ path: e.path, table: guess }), guess);
    } catch {
      entries[i] = { ...e, table: guess, mapping: suggestedChoice(guess, null) };
    }
  }
  store.getState().importPreviewed(entries, problems, null);
}

/** Another table for a file: ask the engine for that table's suggestion (saved mappings included). */
export async function changeTable(platform: Platform, store: AppStore, path: string, table: TableName): Promise<void> {
  const entry = store.getState().importEntries.find((e) => e.path === path);
  if (!entry || entry.table === table) return;
  // Show the choice at once; the engine's suggestion fills in when it arrives.
  store.getState().replaceImportEntry(path, { ...entry, table, mapping: suggestedChoice(table, null) });
  try {
    const preview = await platform.client.previewFile({ path, table });
    const current = store.getState().importEntries.find((e) => e.path === path);
    if (current?.table === table) store.getState().replaceImportEntry(path, entryFromPreview(preview, table));
  } catch (err) {
    store.getState().notify(`No mapping suggestion for ${entry.preview.file}: ${errorInfo(err).message}`);
  }
}

let importJobs = 0;

function nextImportJobId(): string {
  importJobs += 1;
  return `import-${Date.now().toString(36)}-${importJobs}`;
}

/** Run the import (all or nothing); on success the workspace's row counts and the quality report follow. */
export async function runImport(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const workspace = s.workspace;
  if (!workspace || s.importStep === 'running') return;
  const tz = s.importTimezone.trim();
  if (s.importFolder === null && importBlockers(s.importEntries, tz).length > 0) return;
  if (s.importFolder !== null && timezoneProblem(tz) !== null) return;
  const jobId = nextImportJobId();
  s.jobShownOn(jobId, 'import');
  s.importStarted(jobId);
  try {
    const summary =
      s.importFolder !== null
        ? await platform.client.importDirectory({ dir: s.importFolder, timezone: tz, jobId })
        : await platform.client.importFiles(importRequest(s.importEntries, tz, jobId));
    if (store.getState().importJobId !== jobId) return;
    if (store.getState().importCancelling) store.getState().notify('The import finished before it could be cancelled.');
    const rowCounts: Record<string, number> = {};
    for (const [table, t] of Object.entries(summary.tables)) rowCounts[table] = t.rows;
    // New history: the health screen's answers and filters start over.
    store.getState().workspaceOpened({ path: workspace.path, rowCounts });
    store.getState().importSucceeded(summary);
    await loadImportQuality(platform, store);
  } catch (err) {
    if (store.getState().importJobId !== jobId) return;
    const info = errorInfo(err);
    // After a Cancel any error means the import stopped (all or nothing: the workspace is unchanged). The engine
    // sometimes words a read it aborted as a read failure; that is not a problem with the user's file.
    if (isCancellation(info) || store.getState().importCancelling) {
      store.getState().importStopped();
      store.getState().notify('Import cancelled. The workspace is unchanged.');
    } else {
      store.getState().importFailed(info);
    }
  } finally {
    store.getState().jobGone(jobId);
  }
}

/**
 * Ask the engine to stop. The wizard waits for its answer rather than guessing:
 * an import that finished just before the cancel arrived did change the workspace.
 */
export async function cancelImport(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  if (s.importJobId === null || s.importCancelling) return;
  s.importCancelRequested();
  await cancelJob(platform, store, s.importJobId);
}

export async function loadImportQuality(platform: Platform, store: AppStore): Promise<void> {
  store.getState().importQualityRequested();
  try {
    store.getState().importQualityLoaded(await platform.client.quality({}));
  } catch (err) {
    store.getState().importQualityFailed(errorInfo(err));
  }
}
