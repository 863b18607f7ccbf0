// Running engine jobs, bottom right, each with its progress and a Cancel.
import { cancelJob } from '../app/actions';
import { useApp, useServices } from '../app/context';
import { selectJobs, selectScreen } from '../store/selectors';

export function JobProgress() {
  const { platform, store } = useServices();
  const screen = useApp(selectScreen);
  const shownOn = useApp((s) => s.jobsShownOn);
  // A screen that shows its own job's progress and Cancel in place (import, compare, frontier, trust, the
  // scenario editor's intervals) said so when it started the job; while that screen is up, one bar is enough.
  const jobs = Object.values(useApp(selectJobs)).filter((job) => shownOn[job.jobId] !== screen);
  if (jobs.length === 0) return null;
  return (
    <aside className="jobs" aria-label="Running jobs">
      {jobs.map((job) => (
        <div key={job.jobId} className="job">
          <div className="job-head">
            <span className="job-message">{job.message || 'Working…'}</span>
            <span className="job-pct">{Math.round(job.fraction * 100)}%</span>
          </div>
          <div className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.fraction * 100)} aria-label={job.message}>
            <span style={{ width: `${job.fraction * 100}%` }} />
          </div>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void cancelJob(platform, store, job.jobId)}>
            Cancel
          </button>
        </div>
      ))}
    </aside>
  );
}
