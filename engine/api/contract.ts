// EngineApi: the only door between the UI and the engine. Electron IPC and the
// local HTTP server are two transports of this one contract; both validate
// every request with REQUEST_SCHEMAS before it reaches the engine.
//
// Each method takes one JSON-serialisable params object and resolves to a
// JSON-serialisable result. Errors travel as data (see Result below), so an
// engine error reaches the UI as a message, not a lost exception.
import { z } from 'zod';
import {
  ImportDirectoryRequestSchema,
  ImportFilesRequestSchema,
  PreviewFileRequestSchema,
} from '../import/request-schemas';
import type { ForecastResult } from '../forecast/types';
import type { FilePreview, ImportSummary } from '../import/types';
import { observedOptionsSchema } from '../metrics/options';
import type { ObservedMetricsResult } from '../metrics/types';
import type { DataCapabilities } from '../quality/capabilities';
import type { QualityReport } from '../quality/report';
import type { ContactHistogramResult } from '../metrics/contact-histogram-types';
import type { DiffCounts, DiffKind, DiffPage } from '../replay/diff';
import type { Scenario } from '../scenario/schema';
import type { SavedScenario, ScenarioListing } from '../scenario/store';
import type { ModelHealthReport, SuggestedWeights, ThresholdSweepResult } from '../analysis/types';
import type { TrustReport } from '../trust/types';

// The canonical tables (DATA_CONTRACT section 1) are part of the contract: the
// import screen shows their columns. tables.ts imports nothing, so the renderer may use it.
export { TABLES, TABLE_NAMES, type ColumnDef, type TableDef, type TableName } from '../workspace/tables';
// CSV, file-name and report helpers for exports (Node-free), shared by the UI and the desktop shell.
export * from '../export/index';
// Lead fields a fit rule or mql.require_fields may name (the Scenario editor's checkboxes); schema.ts is Node-free.
export { LEAD_FIELDS } from '../scenario/schema';
export { curveAt } from '../analysis/curve-at';

const scenarioName = z.string().min(1).max(200);

/** Long jobs take an id the UI chooses: progress events carry it, and cancel names it. */
const jobId = z.string().min(1).max(128).optional();

export const REQUEST_SCHEMAS = {
  health: z.strictObject({}),
  openWorkspace: z.strictObject({ path: z.string().min(1) }),
  /** The sample world shipped with the app, imported into its own workspace on first use. */
  openSample: z.strictObject({ jobId }),
  /** Headers, first rows and the suggested mapping of one file, before importing it. */
  previewFile: PreviewFileRequestSchema,
  /** Import the canonical files found in a folder (all or nothing; replaces the history). */
  importDirectory: ImportDirectoryRequestSchema.extend({ jobId }),
  /** Import files with confirmed mappings (all or nothing; replaces the history). */
  importFiles: ImportFilesRequestSchema.extend({ jobId }),
  /** The data-quality report and which questions the loaded data can answer. */
  quality: z.strictObject({}),
  /**
   * A scenario's forecast (forecast@1). The scenario body is checked by the
   * scenario schema, which names the bad field. runs 0 = expected values only
   * (the slider path); omitted = the scenario's simulation.runs.
   */
  forecast: z.strictObject({ scenario: z.unknown(), runs: z.number().int().min(0).max(10_000).optional(), jobId }),
  /** Observed handoff health over a window, overall and by segment (DATA_CONTRACT section 3). */
  metrics: observedOptionsSchema,
  /** Hours from MQL to first contact as a histogram, same window and filters as metrics. */
  contactHistogram: observedOptionsSchema,
  /** The policy in force as a complete scenario, and whether any of it was inferred from the data. */
  /** The policy in force; jobId: report the forecast session's open (first use) as that job. */
  baselineScenario: z.strictObject({ jobId }),
  /** Saved scenarios of the open workspace, by name (bodies are checked by the scenario schema, field by field). */
  listScenarios: z.strictObject({}),
  getScenario: z.strictObject({ name: scenarioName }),
  /** Creates or replaces (overwrite: false refuses to replace an existing name). */
  saveScenario: z.strictObject({ name: scenarioName, scenario: z.unknown(), overwrite: z.boolean().optional() }),
  renameScenario: z.strictObject({ from: scenarioName, to: scenarioName }),
  duplicateScenario: z.strictObject({ from: scenarioName, to: scenarioName }),
  deleteScenario: z.strictObject({ name: scenarioName }),
  /**
   * Leads that enter or leave the MQL set (or change tier or MQL time) under a
   * scenario, against history, in the scenario's window: counts, and one page
   * of one list with the reason per lead.
   */
  leadDiff: z.strictObject({
    scenario: z.unknown(),
    kind: z.enum(['entered', 'left', 'tier_changed', 'time_moved']),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(100_000).optional(),
  }),
  /**
   * Every metric as a function of the MQL threshold (the frontier chart), the
   * scenario's other blocks held: `steps` thresholds evenly from `from` to `to`
   * (default: the scores seen, 101 points).
   */
  sweep: z
    .strictObject({
      scenario: z.unknown(),
      from: z.number().finite().optional(),
      to: z.number().finite().optional(),
      steps: z.number().int().min(100).max(1000).optional(),
      jobId,
    })
    .refine((p) => p.from === undefined || p.to === undefined || p.to > p.from, { message: 'must be above from', path: ['to'] }),
  /** Identity replay, time-split backtest and the policy-change test; warnings for the scenario when one is given. */
  trust: z.strictObject({ scenario: z.unknown().optional(), jobId }),
  /** Calibration, lift and ROC AUC of a scoring (the scenario's, default the policy in force) for acceptance and opportunity. */
  modelHealth: z.strictObject({ scenario: z.unknown().optional() }),
  /** Activity and fit points fitted from which leads became opportunities, as a scenario the editor can load. */
  suggestWeights: z.strictObject({ jobId }),
  // More methods join here as their engine modules land.
} as const;

export type EngineMethod = keyof typeof REQUEST_SCHEMAS;
export type EngineParams<M extends EngineMethod> = z.infer<(typeof REQUEST_SCHEMAS)[M]>;

export interface HealthInfo {
  readonly app: 'handoff-lab';
  readonly version: string;
}

export interface WorkspaceInfo {
  readonly path: string;
  readonly rowCounts: Readonly<Record<string, number>>;
}

export interface EngineResults {
  health: HealthInfo;
  openWorkspace: WorkspaceInfo;
  openSample: WorkspaceInfo;
  previewFile: FilePreview;
  importDirectory: ImportSummary;
  importFiles: ImportSummary;
  quality: { readonly report: QualityReport; readonly capabilities: DataCapabilities };
  forecast: ForecastResult;
  metrics: ObservedMetricsResult;
  contactHistogram: ContactHistogramResult;
  baselineScenario: BaselineScenario;
  listScenarios: readonly ScenarioListing[];
  getScenario: SavedScenario;
  saveScenario: SavedScenario;
  renameScenario: SavedScenario;
  duplicateScenario: SavedScenario;
  deleteScenario: { readonly deleted: boolean };
  leadDiff: LeadDiffResult;
  sweep: ThresholdSweepResult;
  trust: TrustReport;
  modelHealth: ModelHealthReport;
  suggestWeights: SuggestedWeights;
}

export interface BaselineScenario {
  readonly scenario: Scenario;
  /** True when part of the baseline was inferred from the history (no scoring_model.json). */
  readonly inferred: boolean;
  /** One plain-words line per inferred field. */
  readonly notes: readonly string[];
  /** True when activity points are unknown: only the threshold can be replayed. */
  readonly thresholdOnly: boolean;
}

export interface LeadDiffResult {
  readonly counts: DiffCounts;
  readonly page: DiffPage;
}

export type { DiffCounts, DiffKind, DiffPage, Scenario, SavedScenario, ScenarioListing };
export type * from '../analysis/types';
export type * from '../trust/types';

/** A reply is data: Ok or Err, never a thrown exception across a transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo };

export interface EngineErrorInfo {
  /** One plain-words line a RevOps person can act on. */
  readonly message: string;
  /** Where: file, row, column or field, when known. */
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly field?: string;
  /** Every located problem, when there are several (a failed import lists each bad row). */
  readonly issues?: readonly EngineIssue[];
}

/** One located problem of a failed request, e.g. one bad value in an imported file. */
export interface EngineIssue {
  readonly message: string;
  readonly file?: string;
  readonly row?: number;
  /** 'line': counted in the file, header = line 1; 'data_row': the first row after the header is 1. */
  readonly rowKind?: 'line' | 'data_row';
  readonly column?: string;
  readonly field?: string;
  readonly value?: string;
}

/** Progress of a long job, streamed to the UI. fraction in [0, 1]. */
export interface ProgressEvent {
  readonly jobId: string;
  readonly fraction: number;
  readonly message: string;
}

export type EngineApi = {
  [M in EngineMethod]: (params: EngineParams<M>) => Promise<EngineResults[M]>;
};
