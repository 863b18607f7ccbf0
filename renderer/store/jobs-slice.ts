// Long engine jobs in flight (forecast intervals, sweeps, imports), as their
// progress events describe them. A job leaves when it reaches 1 or is cancelled.
import type { StateCreator } from 'zustand';
import type { ProgressEvent } from '../../engine/api/contract';
import type { AppState } from './app-store';

export interface JobsSlice {
  jobs: Readonly<Record<string, ProgressEvent>>;
  progressReceived(event: ProgressEvent): void;
  jobGone(jobId: string): void;
}

export const initialJobs = (): Pick<JobsSlice, 'jobs'> => ({ jobs: {} });

export const createJobsSlice: StateCreator<AppState, [], [], JobsSlice> = (set) => ({
  ...initialJobs(),
  progressReceived: (event) =>
    set((s) => {
      const { [event.jobId]: _previous, ...rest } = s.jobs;
      return { jobs: event.fraction >= 1 ? rest : { ...rest, [event.jobId]: event } };
    }),
  jobGone: (jobId) =>
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest };
    }),
});
