// Long engine jobs in flight (forecast intervals, sweeps, imports), as their
// progress events describe them. A job leaves when it reaches 1 or is cancelled.
import type { StateCreator } from 'zustand';
import type { ProgressEvent } from '../../engine/api/contract';
import type { ScreenId } from '../app/screens';
import type { AppState } from './app-store';

export interface JobsSlice {
  jobs: Readonly<Record<string, ProgressEvent>>;
  /** Jobs the user cancelled: events still in flight for them must not bring them back. */
  cancelledJobs: ReadonlySet<string>;
  /**
   * Jobs whose screen shows their progress and Cancel itself, by that screen: the
   * running-jobs panel leaves them out while that screen is up (one bar is enough),
   * and shows them again if the user goes elsewhere while they run.
   */
  jobsShownOn: Readonly<Record<string, ScreenId>>;
  /** Say, before starting a job, that `screen` shows its progress in place. */
  jobShownOn(jobId: string, screen: ScreenId): void;
  progressReceived(event: ProgressEvent): void;
  jobGone(jobId: string): void;
  jobCancelled(jobId: string): void;
}

export const initialJobs = (): Pick<JobsSlice, 'jobs' | 'cancelledJobs' | 'jobsShownOn'> => ({ jobs: {}, cancelledJobs: new Set(), jobsShownOn: {} });

const without = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

export const createJobsSlice: StateCreator<AppState, [], [], JobsSlice> = (set) => ({
  ...initialJobs(),
  jobShownOn: (jobId, screen) => set((s) => ({ jobsShownOn: { ...s.jobsShownOn, [jobId]: screen } })),
  progressReceived: (event) =>
    set((s) => {
      if (s.cancelledJobs.has(event.jobId)) return {};
      const rest = without(s.jobs, event.jobId);
      return { jobs: event.fraction >= 1 ? rest : { ...rest, [event.jobId]: event } };
    }),
  jobGone: (jobId) => set((s) => ({ jobs: without(s.jobs, jobId), jobsShownOn: without(s.jobsShownOn, jobId) })),
  jobCancelled: (jobId) =>
    set((s) => ({ jobs: without(s.jobs, jobId), jobsShownOn: without(s.jobsShownOn, jobId), cancelledJobs: new Set([...s.cancelledJobs, jobId]) })),
});
