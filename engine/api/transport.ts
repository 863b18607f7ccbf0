// How a UI reaches the engine, whatever carries the bytes. Renderer-safe: no
// Node imports, so the same file serves the browser build, the preload's
// callers and Electron's main process (which validates what the utility
// process sends back with the same schemas).
import { z } from 'zod';
import type { EngineErrorInfo, ProgressEvent, Result } from './contract';

export type ProgressListener = (event: ProgressEvent) => void;

/**
 * One door, two implementations (HTTP+WebSocket in the browser, IPC in
 * Electron). Methods are addressed by name so a transport never needs to
 * change when the contract gains a method.
 */
export interface Transport {
  invoke(method: string, params: unknown): Promise<Result<unknown>>;
  /** Subscribe to progress of long jobs; returns the unsubscribe function. */
  onProgress(listener: ProgressListener): () => void;
  /** Ask the engine to stop a job; resolves once the request was delivered. */
  cancel?(jobId: string): Promise<void>;
}

/** Something that emits progress: the engine once it streams, or a test double. */
export interface ProgressSource {
  onProgress(listener: ProgressListener): () => void;
}

/** Something that can stop a running job by id. */
export interface Cancellable {
  cancel(jobId: string): void | Promise<void>;
}

// Method names are short identifiers; anything else is refused before it is
// looked up anywhere (keeps `__proto__`-style names and megabyte strings out).
export const METHOD_NAME = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'not a method name');
export const JOB_ID = z.string().min(1).max(128);

const issueSchema = z.object({
  message: z.string(),
  file: z.string().optional(),
  row: z.number().optional(),
  rowKind: z.enum(['line', 'data_row']).optional(),
  column: z.string().optional(),
  field: z.string().optional(),
  value: z.string().optional(),
});

const errorInfoSchema = z.object({
  message: z.string(),
  file: z.string().optional(),
  row: z.number().optional(),
  column: z.string().optional(),
  field: z.string().optional(),
  issues: z.array(issueSchema).max(1000).optional(),
});

/** A Result as it arrives over the wire: the value stays unknown until the typed client hands it out. */
export const RESULT_SCHEMA = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorInfoSchema }),
]);

export const PROGRESS_EVENT_SCHEMA = z.object({
  jobId: JOB_ID,
  fraction: z.number().min(0).max(1),
  message: z.string(),
});

/** Parse bytes from a peer into a Result; a malformed reply becomes an Err, not a crash. */
export function parseResult(raw: unknown): Result<unknown> {
  const parsed = RESULT_SCHEMA.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.ok) return { ok: true, value: parsed.data.value };
    return { ok: false, error: stripUndefined(parsed.data.error) };
  }
  return { ok: false, error: { message: 'The engine sent a reply this version of the app cannot read.' } };
}

export function parseProgressEvent(raw: unknown): ProgressEvent | null {
  const parsed = PROGRESS_EVENT_SCHEMA.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function stripUndefined(info: z.infer<typeof errorInfoSchema>): EngineErrorInfo {
  const out: { -readonly [K in keyof EngineErrorInfo]: EngineErrorInfo[K] } = { message: info.message };
  if (info.file !== undefined) out.file = info.file;
  if (info.row !== undefined) out.row = info.row;
  if (info.column !== undefined) out.column = info.column;
  if (info.field !== undefined) out.field = info.field;
  return out;
}

/** The engine's progress stream, if this engine has one yet (it is optional in the contract). */
export function progressSourceOf(engine: object): ProgressSource | null {
  const candidate = engine as Partial<ProgressSource>;
  return typeof candidate.onProgress === 'function' ? (candidate as ProgressSource) : null;
}

/** The engine's job cancellation, if this engine has one yet. */
export function cancellerOf(engine: object): Cancellable | null {
  const candidate = engine as Partial<Cancellable>;
  return typeof candidate.cancel === 'function' ? (candidate as Cancellable) : null;
}

// ---------------------------------------------------------------------------
// The desktop shell's side of the door. The preload exposes exactly this
// object as window.handoffLab; main validates every call again, so these
// types are a convenience for both sides, not a security boundary.

/** Commands the native menu sends to the renderer. */
export const MENU_COMMANDS = [
  'new-workspace',
  'open-workspace',
  'import-data',
  'export',
  'undo',
  'redo',
  'presenter-mode',
  'toggle-theme',
] as const;
export type MenuCommandName = (typeof MENU_COMMANDS)[number];

/** A menu command; `path` is set when main already asked the user for a file. */
export const MENU_COMMAND_SCHEMA = z.object({
  command: z.enum(MENU_COMMANDS),
  path: z.string().min(1).optional(),
});
export type MenuCommand = z.infer<typeof MENU_COMMAND_SCHEMA>;

export const FILE_PURPOSES = ['open-workspace', 'new-workspace', 'import-data', 'export'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const RECENT_WORKSPACE_SCHEMA = z.object({
  path: z.string().min(1),
  openedAt: z.string(),
});
export type RecentWorkspace = z.infer<typeof RECENT_WORKSPACE_SCHEMA>;
export const RECENT_LIST_SCHEMA = z.array(RECENT_WORKSPACE_SCHEMA).max(50);

/** window.handoffLab in Electron. Replies are raw (unknown) and parsed by the caller. */
export interface DesktopBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  cancel(jobId: string): Promise<void>;
  onProgress(listener: (event: unknown) => void): () => void;
  onMenuCommand(listener: (command: unknown) => void): () => void;
  recentWorkspaces(): Promise<unknown>;
  /** A native open/save dialog; null when the user cancelled. */
  chooseFile(purpose: FilePurpose): Promise<string | null>;
}
