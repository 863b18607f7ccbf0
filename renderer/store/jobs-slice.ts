// Long engine jobs in flight (forecast intervals, sweeps, imports), as their
// progress events describe them. A job leaves when it reaches 1 or is cancelled.
import type { StateCreator } from 'zustand';
import type { ProgressEvent } from '../../engine/api/contract';
import type { AppState } from './app-store';

export interface JobsSlice {
  jobs: Readonly<Record<string, ProgressEvent>>;
  /** Jobs the user cancelled: events still in flight for them must not bring them back. */
  cancelledJobs: ReadonlySet<string>;
  progressReceived(event: ProgressEvent): void;
  jobGone(jobId: string): void;
  jobCancelled(jobId: string): void;
}

export const initialJobs = (): Pick<JobsSlice, 'jobs' | 'cancelledJobs'> => ({ jobs: {}, cancelledJobs: new Set() });

export const createJobsSlice: StateCreator<AppState, [], [], JobsSlice> = (set) => ({
  ...initialJobs(),
  progressReceived: (event) =>
    set((s) => {
      if (s.cancelledJobs.has(event.jobId)) return {};
      const { [event.jobId]: _previous, ...rest } = s.jobs;
      return { jobs: event.fraction >= 1 ? rest : { ...rest, [event.jobId]: event } };
    }),
  jobGone: (jobId) =>
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest };
    }),
  jobCancelled: (jobId) =>
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest, cancelledJobs: new Set([...s.cancelledJobs, jobId]) };
    }),
});
