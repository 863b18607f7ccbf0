// Handoff health: how the handoff from marketing to sales performed under the
// policy in force, for a window and segment the user picks. Requests are async
// and the newest wins (see store/health-slice.ts); while an update loads, the
// previous numbers stay on screen, dimmed, so the screen never blanks or freezes.
import { useEffect } from 'react';
import { useAppShallow, useServices } from '../app/context';
import { isUnfiltered, loadHealth, metricsRequest } from '../app/health-actions';
import { ChartSkeletons, ContactTimeChart, FunnelChart, RejectionReasonsChart, RepLoadChart, ScoreBandChart, TierChart, WeeklyTrendChart } from '../components/health/HealthCharts';
import { HealthCsvButton } from '../components/export/HealthCsvButton';
import { HealthFiltersBar, windowIsInverted } from '../components/health/HealthFilters';
import { DetailMetrics, HeadlineMetrics, MetricCardSkeletons } from '../components/health/MetricCards';
import { PolicyNote } from '../components/health/PolicyNote';
import { EmptyState, ErrorNote } from '../components/states';
import { NoWorkspace } from '../components/NoWorkspace';
import type { HealthData, HealthFilters } from '../store/health-slice';
import { selectHealthView, selectShellActions } from '../store/selectors';

function metricsRequestIsFiltered(f: HealthFilters): boolean {
  return !isUnfiltered(metricsRequest(f));
}

/** Typing a date fires a change per keystroke: wait for a pause before asking the engine. */
const FILTER_DEBOUNCE_MS = 250;

export function HealthScreen() {
  const { platform, store } = useServices();
  const { workspace, filters, choices, status, data, error } = useAppShallow(selectHealthView);
  const { setScreen } = useAppShallow(selectShellActions);
  const path = workspace?.path ?? null;

  useEffect(() => {
    if (path === null || windowIsInverted(filters)) return undefined;
    // The first load of a workspace goes at once; filter changes wait for the user to pause.
    const delay = store.getState().healthData ? FILTER_DEBOUNCE_MS : 0;
    const timer = setTimeout(() => void loadHealth(platform, store), delay);
    return () => clearTimeout(timer);
  }, [platform, store, path, filters]);

  if (!workspace) {
    return (
      <NoWorkspace screen="health" title="Open a workspace to see its handoff health">
        Acceptance, SLA compliance, black holes and speed to first contact, by tier, source, rep and week. Open the sample workspace to
        explore, or import your own leads, handoffs and dispositions.
      </NoWorkspace>
    );
  }

  const setFilters = (patch: Partial<HealthFilters>) => store.getState().setHealthFilters(patch);
  const retry = () => void loadHealth(platform, store, true);
  const updating = status === 'loading' && data !== null;

  return (
    <div className="health" aria-busy={status === 'loading'}>
      <HealthFiltersBar filters={filters} choices={choices} updating={updating} onChange={setFilters} onReset={() => store.getState().resetHealthFilters()} />

      {status === 'error' && error ? (
        <div className="health-error">
          <ErrorNote error={error} />
          <button type="button" className="btn btn-primary" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}

      {data === null ? (
        status === 'error' ? null : (
          <div className="health-body" role="status" aria-label="Loading handoff health">
            <MetricCardSkeletons count={4} headline />
            <MetricCardSkeletons count={7} headline={false} />
            <ChartSkeletons />
          </div>
        )
      ) : (
        <div className={`health-body${updating ? ' updating' : ''}`}>
          <HealthCsvButton />
          <PolicyNote metrics={data.metrics} />
          {(data.metrics.metrics.mql_count.observed ?? 0) === 0 ? (
            <NoMqls filtered={metricsRequestIsFiltered(filters)} onReset={() => store.getState().resetHealthFilters()} onImport={() => setScreen('import')} />
          ) : (
            <HealthReport data={data} />
          )}
        </div>
      )}
    </div>
  );
}

/** Nothing to measure: a workspace without handoffs, or filters that match none. Better one sentence than eleven dashes. */
function NoMqls({ filtered, onReset, onImport }: { readonly filtered: boolean; readonly onReset: () => void; readonly onImport: () => void }) {
  return filtered ? (
    <EmptyState
      title="No MQLs match these filters"
      icon="health"
      action={
        <button type="button" className="btn btn-primary" onClick={onReset}>
          Reset filters
        </button>
      }
    >
      No handoff in this workspace falls in the chosen window with this source, tier and rep. Widen the window or clear a filter.
    </EmptyState>
  ) : (
    <EmptyState
      title="This workspace has no handoffs yet"
      icon="health"
      action={
        <button type="button" className="btn btn-primary" onClick={onImport}>
          Import data
        </button>
      }
    >
      Handoff health is measured over MQL handoffs (the handoffs table) and what sales did with them (dispositions). Import them to see
      acceptance, SLA compliance and black holes.
    </EmptyState>
  );
}

function HealthReport({ data }: { readonly data: HealthData }) {
  return (
    <>
      <HeadlineMetrics metrics={data.metrics.metrics} />
      <DetailMetrics metrics={data.metrics.metrics} />
      <div className="chart-grid">
        <FunnelChart metrics={data.metrics} />
        <ContactTimeChart histogram={data.histogram} metrics={data.metrics} />
        <WeeklyTrendChart metrics={data.metrics} />
        <ScoreBandChart metrics={data.metrics} />
        <TierChart metrics={data.metrics} />
        <RejectionReasonsChart metrics={data.metrics} />
        <RepLoadChart metrics={data.metrics} />
      </div>
    </>
  );
}
