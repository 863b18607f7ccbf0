// A typed EngineApi over any Transport. The method list comes from
// REQUEST_SCHEMAS, so a method the integrator adds to the contract appears
// here without touching this file or either transport.
import { REQUEST_SCHEMAS, type EngineApi, type EngineErrorInfo, type EngineMethod } from './contract';
import type { ProgressListener, Transport } from './transport';

/** An engine Err, thrown on the UI side so components can use try/catch or error boundaries. */
export class EngineClientError extends Error {
  override readonly name = 'EngineClientError';
  constructor(
    readonly method: string,
    readonly info: EngineErrorInfo,
  ) {
    super(info.message);
  }
}

export interface EngineClientExtras {
  onProgress(listener: ProgressListener): () => void;
  cancel(jobId: string): Promise<void>;
  /**
   * Call a method by name even if this build's contract does not list it yet
   * (the engine still validates it and answers "Unknown engine request" if it
   * does not exist). For screens designed ahead of their engine method.
   */
  invokeByName(method: string, params: unknown): Promise<unknown>;
  /** Whether this build's contract knows the method. */
  knows(method: string): method is EngineMethod;
}

export type EngineClient = EngineApi & EngineClientExtras;

export const ENGINE_METHODS = Object.freeze(Object.keys(REQUEST_SCHEMAS) as EngineMethod[]);

export function createEngineClient(transport: Transport): EngineClient {
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const result = await transport.invoke(method, params ?? {});
    if (!result.ok) throw new EngineClientError(method, result.error);
    return result.value;
  };

  const methods: Record<string, (params: unknown) => Promise<unknown>> = {};
  for (const method of ENGINE_METHODS) methods[method] = (params) => call(method, params);

  const extras: EngineClientExtras = {
    onProgress: (listener) => transport.onProgress(listener),
    cancel: async (jobId) => {
      if (transport.cancel) await transport.cancel(jobId);
    },
    invokeByName: call,
    knows: (method): method is EngineMethod => Object.hasOwn(REQUEST_SCHEMAS, method),
  };

  // The one cast: every key of EngineApi was filled from REQUEST_SCHEMAS above,
  // and the engine checks each reply's params; values are trusted to match
  // EngineResults because the engine produced them through invokeEngine.
  return Object.freeze({ ...methods, ...extras }) as unknown as EngineClient;
}
