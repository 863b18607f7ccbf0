// A scriptable Transport: answers per method, records calls, emits progress.
import type { ProgressEvent, Result } from '../../engine/api/contract';
import type { ProgressListener, Transport } from '../../engine/api/transport';

export class FakeTransport implements Transport {
  readonly calls: Array<{ method: string; params: unknown }> = [];
  readonly cancelled: string[] = [];
  private readonly listeners = new Set<ProgressListener>();
  constructor(private readonly answer: (method: string, params: unknown) => Result<unknown> | Promise<Result<unknown>>) {}
  async invoke(method: string, params: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, params });
    return this.answer(method, params);
  }
  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async cancel(jobId: string): Promise<void> {
    this.cancelled.push(jobId);
  }
  emit(event: ProgressEvent): void {
    for (const l of this.listeners) l(event);
  }
}

export const unknownMethod = (method: string): Result<unknown> => ({ ok: false, error: { message: `Unknown engine request "${method}".` } });
