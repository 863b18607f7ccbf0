// The import wizard's state: the paths typed, the files previewed with their
// mappings, the running job, and how it ended. The logic that reads it lives
// in app/import-model.ts; the engine calls in app/import-actions.ts.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo } from '../../engine/api/contract';
import type { ImportFileEntry, ImportSummary, QualityResult } from '../app/import-model';
import type { AppState } from './app-store';
import type { LoadStatus } from './workspace-slice';

export type ImportStep = 'pick' | 'mapping' | 'running' | 'done' | 'failed';

export interface PreviewProblem {
  readonly path: string;
  readonly message: string;
}

export interface ImportSlice {
  importStep: ImportStep;
  importPaths: string;
  importPreviewing: boolean;
  importProblems: readonly PreviewProblem[];
  importEntries: readonly ImportFileEntry[];
  /** The file whose columns the mapping step shows. */
  importActive: string | null;
  /** Set when the user gave one folder: the engine matches its files by name. */
  importFolder: string | null;
  importTimezone: string;
  importJobId: string | null;
  /** Cancel was pressed; the engine's answer (cancelled, or done just before) decides what follows. */
  importCancelling: boolean;
  importSummary: ImportSummary | null;
  importFailure: EngineErrorInfo | null;
  importQuality: QualityResult | null;
  importQualityStatus: LoadStatus;
  importQualityError: EngineErrorInfo | null;
  setImportPaths(text: string): void;
  importPreviewStarted(): void;
  importPreviewed(entries: readonly ImportFileEntry[], problems: readonly PreviewProblem[], folder: string | null): void;
  replaceImportEntry(path: string, entry: ImportFileEntry): void;
  setImportMapping(path: string, canonical: string, header: string): void;
  removeImportEntry(path: string): void;
  setImportActive(path: string): void;
  setImportTimezone(tz: string): void;
  importBack(): void;
  importStarted(jobId: string): void;
  importSucceeded(summary: ImportSummary): void;
  importFailed(error: EngineErrorInfo): void;
  /** Cancelled: back to the mapping, nothing changed. */
  importStopped(): void;
  importCancelRequested(): void;
  importQualityRequested(): void;
  importQualityLoaded(quality: QualityResult): void;
  importQualityFailed(error: EngineErrorInfo): void;
  resetImport(): void;
}

type ImportData = Pick<
  ImportSlice,
  | 'importStep'
  | 'importPaths'
  | 'importPreviewing'
  | 'importProblems'
  | 'importEntries'
  | 'importActive'
  | 'importFolder'
  | 'importTimezone'
  | 'importJobId'
  | 'importCancelling'
  | 'importSummary'
  | 'importFailure'
  | 'importQuality'
  | 'importQualityStatus'
  | 'importQualityError'
>;

export const initialImport = (): ImportData => ({
  importStep: 'pick',
  importPaths: '',
  importPreviewing: false,
  importProblems: [],
  importEntries: [],
  importActive: null,
  importFolder: null,
  importTimezone: 'UTC',
  importJobId: null,
  importCancelling: false,
  importSummary: null,
  importFailure: null,
  importQuality: null,
  importQualityStatus: 'idle',
  importQualityError: null,
});

export const createImportSlice: StateCreator<AppState, [], [], ImportSlice> = (set) => ({
  ...initialImport(),
  setImportPaths: (importPaths) => set({ importPaths }),
  importPreviewStarted: () => set({ importPreviewing: true, importProblems: [] }),
  importPreviewed: (entries, problems, folder) =>
    set({
      importPreviewing: false,
      importProblems: problems,
      importEntries: entries,
      importActive: entries[0]?.path ?? null,
      importFolder: folder,
      // Stay on the pick step while nothing could be read, so the paths can be fixed.
      importStep: entries.length > 0 || folder !== null ? 'mapping' : 'pick',
    }),
  replaceImportEntry: (path, entry) => set((s) => ({ importEntries: s.importEntries.map((e) => (e.path === path ? entry : e)) })),
  setImportMapping: (path, canonical, header) =>
    set((s) => ({ importEntries: s.importEntries.map((e) => (e.path === path ? { ...e, mapping: { ...e.mapping, [canonical]: header } } : e)) })),
  removeImportEntry: (path) =>
    set((s) => {
      const importEntries = s.importEntries.filter((e) => e.path !== path);
      const importActive = s.importActive === path ? (importEntries[0]?.path ?? null) : s.importActive;
      return { importEntries, importActive, importStep: importEntries.length === 0 ? 'pick' : s.importStep };
    }),
  setImportActive: (importActive) => set({ importActive }),
  setImportTimezone: (importTimezone) => set({ importTimezone }),
  importBack: () => set((s) => ({ importStep: s.importStep === 'failed' ? 'mapping' : 'pick', importFailure: null })),
  importStarted: (importJobId) => set({ importStep: 'running', importJobId, importCancelling: false, importFailure: null, importSummary: null, importQuality: null, importQualityStatus: 'idle' }),
  importSucceeded: (importSummary) => set({ importStep: 'done', importSummary, importJobId: null, importCancelling: false }),
  importFailed: (importFailure) => set({ importStep: 'failed', importFailure, importJobId: null, importCancelling: false }),
  importStopped: () => set({ importStep: 'mapping', importJobId: null, importCancelling: false }),
  importCancelRequested: () => set({ importCancelling: true }),
  importQualityRequested: () => set({ importQualityStatus: 'loading', importQualityError: null }),
  importQualityLoaded: (importQuality) => set({ importQuality, importQualityStatus: 'ready', importQualityError: null }),
  importQualityFailed: (importQualityError) => set({ importQualityStatus: 'error', importQualityError }),
  resetImport: () => set(initialImport()),
});
