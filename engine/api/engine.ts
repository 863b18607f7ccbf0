// The engine behind EngineApi: one open workspace at a time, every request
// validated against REQUEST_SCHEMAS before it reaches a module.
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { forecast } from '../forecast/forecast';
import { modelHealth } from '../analysis/model-health';
import { suggestWeights } from '../analysis/suggest-weights';
import { thresholdSweep } from '../analysis/threshold-sweep';
import { trustReport } from '../trust/report';
import { ForecastSession } from '../forecast/session';
import { importDirectory, importFiles } from '../import/importer';
import { previewFile } from '../import/preview';
import { dataCapabilities } from '../quality/capabilities';
import { qualityReport } from '../quality/report';
import { observedMetrics, type ObservedOptions } from '../metrics/observed';
import { contactHistogram } from '../metrics/contact-histogram';
import { JobRegistry, type JobHandle, type ProgressListener } from '../jobs/registry';
import { diffAgainstHistory, diffPage } from '../replay/diff';
import { scenarioFromPolicy } from '../scenario/from-policy';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import { ScenarioStore, ScenarioStoreError, checkScenarioName } from '../scenario/store';
import { PriorityQueue, type YieldPoint } from '../jobs/priority-queue';
import { openWorkspace, type Workspace } from '../workspace/database';
import { TABLE_NAMES } from '../workspace/tables';
import {
  REQUEST_SCHEMAS,
  type EngineApi,
  type EngineErrorInfo,
  type EngineIssue,
  type EngineMethod,
  type EngineParams,
  type EngineResults,
  type Result,
  type WorkspaceInfo,
} from './contract';

const packageVersion = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;

export interface EngineOptions {
  /** Where the engine keeps its own files (the sample workspace). Default ~/.handoff-lab. */
  readonly dataDir?: string;
  /** The shipped sample world. Default sample-data/shipped beside the engine. */
  readonly sampleDir?: string;
}

export const DEFAULT_SAMPLE_DIR = fileURLToPath(new URL('../../sample-data/shipped', import.meta.url));

export class Engine implements EngineApi {
  private workspace: Workspace | null = null;
  /** Columns and fitted models of the open workspace, kept between forecasts; dropped when the history changes. */
  private forecastSession: ForecastSession | null = null;
  private readonly jobs = new JobRegistry();
  /** Work on the open workspace runs one task at a time; a slider's forecast goes first (jobs/priority-queue.ts). */
  private readonly serial = new PriorityQueue();
  private readonly dataDir: string;
  private readonly sampleDir: string;

  constructor(options: EngineOptions = {}) {
    this.dataDir = options.dataDir ?? join(homedir(), '.handoff-lab');
    this.sampleDir = options.sampleDir ?? DEFAULT_SAMPLE_DIR;
  }

  /** Progress of long jobs (both transports subscribe here). */
  onProgress(listener: ProgressListener): () => void {
    return this.jobs.onProgress(listener);
  }

  cancel(jobId: string): void {
    this.jobs.cancel(jobId);
  }

  async health(): Promise<EngineResults['health']> {
    return { app: 'handoff-lab', version: packageVersion };
  }

  async openWorkspace(params: { path: string }): Promise<WorkspaceInfo> {
    return this.serial.run(async () => {
      const next = await openWorkspace(params.path);
      this.replaceWorkspace(next);
      return this.describeWorkspace(next);
    }, 'barrier');
  }

  /** The shipped sample in its own workspace file, imported on first use (or if a past import never finished). */
  async openSample(params: { jobId?: string | undefined }): Promise<WorkspaceInfo> {
    // The job is registered before it queues, so a cancel sent while it waits still counts.
    return this.jobs.run(params.jobId, (job) =>
      this.serial.run(async () => {
        job.signal.throwIfAborted();
        mkdirSync(this.dataDir, { recursive: true });
        const next = await openWorkspace(join(this.dataDir, 'sample.duckdb'));
        try {
          const info = await this.describeWorkspace(next);
          if ((info.rowCounts.leads ?? 0) === 0) {
            job.report(0.05, 'Importing the sample world');
            await importDirectory(next, this.sampleDir, {
              signal: job.signal,
              onProgress: (p) => job.report(0.05 + 0.9 * p.fraction, p.message),
            });
          }
        } catch (err) {
          next.close();
          throw err;
        }
        this.replaceWorkspace(next);
        return this.describeWorkspace(next);
      }, 'barrier'),
    );
  }

  async previewFile(params: EngineParams<'previewFile'>): Promise<EngineResults['previewFile']> {
    const { path, table, rows } = params;
    return previewFile(path, { ...(this.workspace ? { ws: this.workspace } : {}), ...(table ? { table } : {}), ...(rows ? { rows } : {}) });
  }

  async importDirectory(params: EngineParams<'importDirectory'>): Promise<EngineResults['importDirectory']> {
    const { jobId, dir, timezone } = params;
    return this.jobs.run(jobId, (job) =>
      this.serial.run(() =>
        this.changingHistory(importDirectory(this.requireWorkspace(), dir, {
          signal: job.signal,
          onProgress: (p) => job.report(p.fraction, p.message),
          ...(timezone ? { timezone } : {}),
        })),
      'barrier'),
    );
  }

  async importFiles(params: EngineParams<'importFiles'>): Promise<EngineResults['importFiles']> {
    const { jobId, files, timezone, scoringModelPath } = params;
    return this.jobs.run(jobId, (job) =>
      this.serial.run(() =>
        this.changingHistory(importFiles(this.requireWorkspace(), files, {
          signal: job.signal,
          onProgress: (p) => job.report(p.fraction, p.message),
          ...(timezone ? { timezone } : {}),
          ...(scoringModelPath ? { scoringModelPath } : {}),
        })),
      'barrier'),
    );
  }

  /** An import replaces the history: the forecast session must be rebuilt from the new one. */
  private async changingHistory<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      this.forecastSession = null;
    }
  }

  /** The open workspace's forecast session, built on first use (seconds on a large history). Call inside serial.run. */
  private async session(job?: JobHandle): Promise<ForecastSession> {
    if (!this.forecastSession) {
      this.forecastSession = await ForecastSession.open(this.requireWorkspace(), job ? { onProgress: (f, m) => job.report(f, m), signal: job.signal } : {});
    }
    return this.forecastSession;
  }

  async forecast(params: EngineParams<'forecast'>): Promise<EngineResults['forecast']> {
    const { jobId, scenario, runs } = params;
    const run = async (job: JobHandle, yieldPoint?: YieldPoint): Promise<EngineResults['forecast']> => {
      job.signal.throwIfAborted();
      return forecast(await this.session(job), scenario, {
        signal: job.signal,
        onProgress: (done, total) => job.report(total > 0 ? done / total : 1, `Simulation run ${done} of ${total}`),
        ...(runs !== undefined ? { runs } : {}),
        ...(yieldPoint ? { yieldPoint } : {}),
      });
    };
    // Expected values only (the slider path) go ahead of queued work and run at an interval job's yield points.
    return this.jobs.run(jobId, (job) => (runs === 0 ? this.serial.run(() => run(job), 'interactive') : this.serial.runYielding((yieldPoint) => run(job, yieldPoint))));
  }

  /** With a jobId, the session's open (a minute at 1M leads, on first use) reports its stages as that job. */
  async baselineScenario(params: EngineParams<'baselineScenario'> = {}): Promise<EngineResults['baselineScenario']> {
    const read = (job?: JobHandle) =>
      this.serial.run(async () => {
        const { baseline } = await this.session(job);
        const { inferred, notes, thresholdOnly } = baseline.provenance;
        return { scenario: scenarioFromPolicy(baseline), inferred, notes, thresholdOnly };
      });
    return params.jobId === undefined ? read() : this.jobs.run(params.jobId, read);
  }

  async listScenarios(): Promise<EngineResults['listScenarios']> {
    return this.serial.run(() => this.scenarios().list());
  }

  async getScenario(params: EngineParams<'getScenario'>): Promise<EngineResults['getScenario']> {
    return this.serial.run(() => this.scenarios().getOrThrow(params.name));
  }

  async saveScenario(params: EngineParams<'saveScenario'>): Promise<EngineResults['saveScenario']> {
    const { name, scenario, overwrite } = params;
    return this.serial.run(async () => {
      const store = this.scenarios();
      if (overwrite === false && (await store.get(name)) !== null) {
        throw new ScenarioStoreError(`name: a scenario called "${checkScenarioName(name)}" already exists; pick another name`, 'name');
      }
      return store.save(name, scenario);
    });
  }

  async renameScenario(params: EngineParams<'renameScenario'>): Promise<EngineResults['renameScenario']> {
    return this.serial.run(() => this.scenarios().rename(params.from, params.to));
  }

  async duplicateScenario(params: EngineParams<'duplicateScenario'>): Promise<EngineResults['duplicateScenario']> {
    return this.serial.run(() => this.scenarios().duplicate(params.from, params.to));
  }

  async deleteScenario(params: EngineParams<'deleteScenario'>): Promise<EngineResults['deleteScenario']> {
    return this.serial.run(async () => ({ deleted: await this.scenarios().delete(params.name) }));
  }

  async leadDiff(params: EngineParams<'leadDiff'>): Promise<EngineResults['leadDiff']> {
    const { scenario, kind, offset, limit } = params;
    // A page the user asked for: ahead of queued work, and at an interval job's yield points (which hold no replay).
    return this.serial.run(async () => {
      const session = await this.session();
      const policy = resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
      // The session's replayer is shared with the forecast; from here to the page read nothing awaits, so this replay stays ours.
      const diff = diffAgainstHistory(session.cols, session.replayer.rescore(policy));
      return { counts: diff.counts, page: diffPage(session.replayer, diff, kind, offset ?? 0, limit ?? 50) };
    }, 'paging');
  }

  async sweep(params: EngineParams<'sweep'>): Promise<EngineResults['sweep']> {
    const { jobId, scenario, from, to, steps } = params;
    // Yielding: a sweep's anchors are whole forecasts (seconds at 1M leads); a slider's forecast runs between them.
    return this.jobs.run(jobId, (job) =>
      this.serial.runYielding(async (yieldPoint) => {
        job.signal.throwIfAborted();
        const session = await this.session(job);
        return thresholdSweep(session, scenario, {
          signal: job.signal,
          yieldPoint,
          onProgress: (f, m) => job.report(f, m),
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
          ...(steps !== undefined ? { steps } : {}),
        });
      }),
    );
  }

  async trust(params: EngineParams<'trust'>): Promise<EngineResults['trust']> {
    const { jobId, scenario } = params;
    return this.jobs.run(jobId, (job) =>
      this.serial.run(async () => {
        job.signal.throwIfAborted();
        return trustReport(await this.session(job), scenario, { signal: job.signal, onProgress: (f, m) => job.report(f, m) });
      }),
    );
  }

  async modelHealth(params: EngineParams<'modelHealth'>): Promise<EngineResults['modelHealth']> {
    return this.serial.run(async () => modelHealth(await this.session(), params.scenario));
  }

  async suggestWeights(params: EngineParams<'suggestWeights'>): Promise<EngineResults['suggestWeights']> {
    return this.jobs.run(params.jobId, (job) =>
      this.serial.run(async () => {
        job.signal.throwIfAborted();
        const session = await this.session(job);
        job.report(0.5, 'Fitting points to opportunities');
        return suggestWeights(session);
      }),
    );
  }

  private scenarios(): ScenarioStore {
    return new ScenarioStore(this.requireWorkspace());
  }

  async quality(): Promise<EngineResults['quality']> {
    return this.serial.run(async () => {
      const ws = this.requireWorkspace();
      return { report: await qualityReport(ws), capabilities: await dataCapabilities(ws) };
    });
  }

  async metrics(params: ObservedOptions): Promise<EngineResults['metrics']> {
    return this.serial.run(() => observedMetrics(this.requireWorkspace(), params));
  }

  async contactHistogram(params: ObservedOptions): Promise<EngineResults['contactHistogram']> {
    return this.serial.run(() => contactHistogram(this.requireWorkspace(), params));
  }

  private replaceWorkspace(next: Workspace): void {
    this.workspace?.close();
    this.workspace = next;
    this.forecastSession = null;
  }

  /** The open workspace, or a message that says what to do. */
  protected requireWorkspace(): Workspace {
    if (!this.workspace) throw new Error('No workspace is open. Open a workspace or the sample first.');
    return this.workspace;
  }

  private async describeWorkspace(ws: Workspace): Promise<WorkspaceInfo> {
    const rowCounts: Record<string, number> = {};
    for (const table of TABLE_NAMES) {
      const reader = await ws.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
      rowCounts[table] = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
    }
    return { path: ws.path, rowCounts };
  }

  close(): void {
    this.workspace?.close();
    this.workspace = null;
    this.forecastSession = null;
  }
}

/** Turn any thrown error into the data a transport sends back. */
export function toErrorInfo(err: unknown): EngineErrorInfo {
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.join('.') ?? '';
    return { message: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid request'}`, field };
  }
  if (err instanceof Error) {
    const located = err as Error & Partial<Omit<EngineErrorInfo, 'message'>>;
    const info: { -readonly [K in keyof EngineErrorInfo]: EngineErrorInfo[K] } = { message: err.message };
    if (typeof located.file === 'string') info.file = located.file;
    if (typeof located.row === 'number') info.row = located.row;
    if (typeof located.column === 'string') info.column = located.column;
    if (typeof located.field === 'string') info.field = located.field;
    // Import errors list every bad row: the UI groups them by file.
    const issues = (err as { issues?: unknown }).issues;
    if (Array.isArray(issues) && issues.length > 0) info.issues = issues.flatMap(toIssue);
    // Scenario errors list field problems; the first one locates the error.
    const problems = (err as { problems?: unknown }).problems;
    if (info.field === undefined && Array.isArray(problems)) {
      const first: unknown = problems[0];
      if (first && typeof first === 'object' && typeof (first as { field?: unknown }).field === 'string') {
        info.field = (first as { field: string }).field;
      }
    }
    return info;
  }
  return { message: String(err) };
}

function toIssue(raw: unknown): EngineIssue[] {
  if (!raw || typeof raw !== 'object') return [];
  const r = raw as Record<string, unknown>;
  if (typeof r.message !== 'string') return [];
  const issue: { -readonly [K in keyof EngineIssue]: EngineIssue[K] } = { message: r.message };
  if (typeof r.file === 'string') issue.file = r.file;
  if (typeof r.row === 'number') issue.row = r.row;
  if (r.rowKind === 'line' || r.rowKind === 'data_row') issue.rowKind = r.rowKind;
  if (typeof r.column === 'string') issue.column = r.column;
  if (typeof r.field === 'string') issue.field = r.field;
  if (typeof r.value === 'string') issue.value = r.value;
  return [issue];
}

/**
 * The single entry point both transports call: validate the method name and
 * its params, run it, and return Ok | Err as data.
 */
export async function invokeEngine(engine: EngineApi, method: string, params: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(REQUEST_SCHEMAS, method)) {
    return { ok: false, error: { message: `Unknown engine request "${method}".` } };
  }
  const name = method as EngineMethod;
  try {
    const parsed = REQUEST_SCHEMAS[name].parse(params ?? {});
    const fn = engine[name] as (p: typeof parsed) => Promise<unknown>;
    return { ok: true, value: await fn.call(engine, parsed) };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
