// Long engine jobs: each has an id the UI chose, streams progress to every
// listener, and can be cancelled through its AbortController.
import type { ProgressEvent } from '../api/contract';

export type ProgressListener = (event: ProgressEvent) => void;

export interface JobHandle {
  readonly signal: AbortSignal;
  report(fraction: number, message: string): void;
}

export class JobRegistry {
  private readonly listeners = new Set<ProgressListener>();
  private readonly running = new Map<string, AbortController>();
  private sequence = 0;

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.abort(new Error('Cancelled.'));
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** Run work as a job; a job id the caller did not give is made up, so progress still flows. */
  async run<T>(jobId: string | undefined, work: (job: JobHandle) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${++this.sequence}`;
    if (this.running.has(id)) throw new Error(`A job named ${id} is already running.`);
    const controller = new AbortController();
    this.running.set(id, controller);
    const emit = (fraction: number, message: string): void => {
      const event: ProgressEvent = { jobId: id, fraction: Math.min(1, Math.max(0, fraction)), message };
      for (const listener of this.listeners) listener(event);
    };
    try {
      emit(0, 'Starting');
      const result = await work({ signal: controller.signal, report: emit });
      emit(1, 'Done');
      return result;
    } finally {
      this.running.delete(id);
    }
  }
}
