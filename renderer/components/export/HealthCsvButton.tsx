// The Handoff health metric table as CSV (every metric with its basis and the
// filters in force): the same export File > Export gives on this screen.
import { useServices } from '../../app/context';
import { exportHealthCsv } from '../../app/export-actions';

export function HealthCsvButton() {
  const { platform, store } = useServices();
  return (
    <div className="health-export no-print">
      <button type="button" className="btn btn-small" onClick={() => void exportHealthCsv(platform, store)} data-testid="health-csv">
        Export metrics CSV
      </button>
    </div>
  );
}
