// Every renderer-to-main message lands here, and each passes three checks
// before anything happens: an allow-listed channel, a trusted sender frame
// (sender-check.ts) and a payload that parses. A foreign sender is refused
// outright; a malformed payload from our own window gets an Err back.
import { z } from 'zod';
import type { Result } from '../engine/api/contract';
import type { FilePurpose, RecentWorkspace } from '../engine/api/transport';
import type { SaveFileOutcome, SaveFileRequest } from '../engine/export/save-file';
import { CHANNELS, RENDERER_TO_MAIN } from './channels';
import type { EngineBridge } from './engine-bridge';
import { CANCEL_PAYLOAD, CHOOSE_FILE_PAYLOAD, INVOKE_PAYLOAD, SAVE_FILE_PAYLOAD } from './ipc-payloads';
import type { RecentStore } from './recent-workspaces';
import { isTrustedSender, type IpcEventLike, type TrustedWindow } from './sender-check';

/** What we use of ipcMain (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => unknown): void;
}

export interface IpcDeps {
  readonly ipcMain: IpcMainLike;
  readonly rendererUrl: string;
  getWindow(): TrustedWindow | null;
  readonly engine: EngineBridge;
  readonly recent: RecentStore;
  chooseFile(purpose: FilePurpose): Promise<string | null>;
  /** Ask where, then write an export there (save-file.ts). */
  saveFile(request: SaveFileRequest): Promise<SaveFileOutcome>;
  /** Told about refused messages, for the log. */
  onRefused?(channel: string, reason: string): void;
}

export class IpcRefusedError extends Error {
  override readonly name = 'IpcRefusedError';
}

const OPENED_WORKSPACE = z.object({ path: z.string().min(1) });

/** Methods whose Ok value names a workspace file the user now has open. */
const OPENS_WORKSPACE: ReadonlySet<string> = new Set(['openWorkspace']);

function badPayload(error: z.ZodError): Result<unknown> {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return { ok: false, error: { message: `Malformed request${field ? ` (${field})` : ''}: ${issue?.message ?? 'invalid'}`, field } };
}

export function registerIpcHandlers(deps: IpcDeps): void {
  const guarded = (channel: string, handler: (payload: unknown) => unknown): void => {
    if (!RENDERER_TO_MAIN.has(channel)) throw new Error(`Channel ${channel} is not on the allow-list.`);
    deps.ipcMain.handle(channel, (event, payload) => {
      if (!isTrustedSender(event, deps.getWindow(), deps.rendererUrl)) {
        deps.onRefused?.(channel, `untrusted sender ${event.senderFrame?.url ?? '(no frame)'}`);
        throw new IpcRefusedError('Refused: this request did not come from the Handoff Lab window.');
      }
      return handler(payload);
    });
  };

  guarded(CHANNELS.invoke, async (payload) => {
    const parsed = INVOKE_PAYLOAD.safeParse(payload);
    if (!parsed.success) return badPayload(parsed.error);
    const result = await deps.engine.invoke(parsed.data.method, parsed.data.params);
    if (result.ok && OPENS_WORKSPACE.has(parsed.data.method)) {
      const opened = OPENED_WORKSPACE.safeParse(result.value);
      if (opened.success) deps.recent.add(opened.data.path);
    }
    return result;
  });

  guarded(CHANNELS.cancel, (payload) => {
    const parsed = CANCEL_PAYLOAD.safeParse(payload);
    if (!parsed.success) return badPayload(parsed.error);
    deps.engine.cancel(parsed.data.jobId);
    return { ok: true, value: null };
  });

  guarded(CHANNELS.recentWorkspaces, (): RecentWorkspace[] => deps.recent.list());

  guarded(CHANNELS.chooseFile, async (payload) => {
    const parsed = CHOOSE_FILE_PAYLOAD.safeParse(payload);
    if (!parsed.success) return null;
    return deps.chooseFile(parsed.data.purpose);
  });

  guarded(CHANNELS.saveFile, async (payload): Promise<Result<unknown>> => {
    const parsed = SAVE_FILE_PAYLOAD.safeParse(payload);
    if (!parsed.success) return badPayload(parsed.error);
    try {
      return { ok: true, value: await deps.saveFile(parsed.data) };
    } catch (err) {
      return { ok: false, error: { message: `The file could not be saved: ${err instanceof Error ? err.message : String(err)}` } };
    }
  });
}
