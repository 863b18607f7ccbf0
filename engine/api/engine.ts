// The engine behind EngineApi: one open workspace at a time, every request
// validated against REQUEST_SCHEMAS before it reaches a module.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { openWorkspace, type Workspace } from '../workspace/database';
import { TABLE_NAMES } from '../workspace/tables';
import {
  REQUEST_SCHEMAS,
  type EngineApi,
  type EngineErrorInfo,
  type EngineMethod,
  type EngineResults,
  type Result,
  type WorkspaceInfo,
} from './contract';

const packageVersion = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;

export class Engine implements EngineApi {
  private workspace: Workspace | null = null;

  async health(): Promise<EngineResults['health']> {
    return { app: 'handoff-lab', version: packageVersion };
  }

  async openWorkspace(params: { path: string }): Promise<WorkspaceInfo> {
    const next = await openWorkspace(params.path);
    this.workspace?.close();
    this.workspace = next;
    return this.describeWorkspace(next);
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
    return info;
  }
  return { message: String(err) };
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
