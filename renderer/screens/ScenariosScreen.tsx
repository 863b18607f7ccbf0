// Scenario editor: change the policy (threshold, scoring, tiers and SLAs,
// capacity) and watch the forecast answer against the baseline. Controls
// update the draft at once; the forecast follows through a latest-wins gate
// (app/scenario-actions.ts), the last answer stays on screen, dimmed and
// marked "Updating", until the next arrives. Presenter mode swaps the editor
// for big controls and a before/after view.
import { useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import type { DiffKind, EngineErrorInfo, Scenario } from '../../engine/api/contract';
import { fieldLabel } from '../app/scenario-edits';
import { stripField } from '../components/scenario/useFieldError';
import type { MetricName } from '../charts/health-types';
import type { Platform } from '../app/platform';
import type { AppStore } from '../store/app-store';
import { useApp, useAppShallow, useServices } from '../app/context';
import { thresholdPreview, type ThresholdPreview } from '../app/threshold-preview';
import {
  cancelScenarioIntervals,
  computeScenarioIntervals,
  DIFF_PAGE_SIZE,
  diffKey,
  leaveScenarios,
  loadLeadDiff,
  loadScenarioWorkspace,
  requestLeadDiff,
  requestScenarioForecast,
} from '../app/scenario-actions';
import { forecastDeltas, METRIC_KINDS } from '../charts/scenario-deltas';
import { ForecastNotes } from '../components/scenario/ForecastNotes';
import { ScenarioCards, type IntervalState } from '../components/scenario/ForecastCards';
import { LeadDiffPanel } from '../components/scenario/LeadDiffPanel';
import { PresenterView } from '../components/scenario/PresenterView';
import { ScenarioBar } from '../components/scenario/ScenarioBar';
import { RateDeltaChart, TierVolumeChart } from '../components/scenario/ScenarioCharts';
import { CapacityControls } from '../components/scenario/CapacityControls';
import { PreflightChecks } from '../components/scenario/PreflightChecks';
import { ScoringEditor } from '../components/scenario/ScoringEditor';
import { ThresholdControl } from '../components/scenario/ThresholdControl';
import { TiersEditor } from '../components/scenario/TiersEditor';
import { WindowControls } from '../components/scenario/WindowControls';
import { MetricCardSkeletons } from '../components/health/MetricCards';
import { ErrorNote, Loading } from '../components/states';
import { NoWorkspace } from '../components/NoWorkspace';
import {
  selectBaselineProgress,
  selectDiffView,
  selectForecastView,
  selectIntervalProgress,
  selectScenarioCurve,
  selectScenarioDraft,
  selectScenarioScreen,
} from '../store/scenario-selectors';
import { selectPresenter } from '../store/selectors';

const ALL_METRICS = Object.keys(METRIC_KINDS) as MetricName[];

export interface ScenariosScreenProps {
  /**
   * CSV export of the lead list on screen: where the Export work plugs in
   * (from App.tsx). It gets the request for the whole list from
   * leadDiffExportRequest(store) in app/scenario-actions.ts and pages leadDiff
   * with it. Without it the Export CSV button stays disabled and says why.
   */
  readonly exportLeadDiff?: (platform: Platform, store: AppStore) => void;
}

export function ScenariosScreen({ exportLeadDiff }: ScenariosScreenProps = {}) {
  const { platform, store } = useServices();
  const { workspace, baseline, baselineStatus, baselineError, draft, draftKey } = useAppShallow(selectScenarioScreen);
  const presenter = useApp(selectPresenter);
  const baselineProgress = useApp(selectBaselineProgress) ?? null;
  // The workspace object, not its path: a re-import into the same file opens it anew, with a new history.
  useEffect(() => {
    if (workspace) void loadScenarioWorkspace(platform, store);
  }, [platform, store, workspace]);

  useEffect(() => {
    if (draftKey !== null) requestScenarioForecast(platform, store);
  }, [platform, store, draftKey]);

  // Leaving the screen (or the app) cancels the interval job: nobody is looking at it.
  useEffect(() => () => leaveScenarios(platform, store), [platform, store]);

  if (!workspace) {
    return (
      <NoWorkspace screen="scenarios" title="Open a workspace to try scenarios">
        Move the MQL threshold, scoring weights, SLAs and rep capacity, and watch volume, acceptance and conversion respond, with 90% intervals.
        Open the sample workspace to explore, or import your own history first.
      </NoWorkspace>
    );
  }

  if (baselineStatus === 'error' && baselineError) {
    return (
      <div className="scenarios">
        <div className="health-error">
          <ErrorNote error={baselineError} />
          <button type="button" className="btn btn-primary" onClick={() => void loadScenarioWorkspace(platform, store, true)}>
            Retry
          </button>
        </div>
      </div>
    );
  }

  if (!baseline || !draft) return <Loading label="Preparing the forecast for this workspace…" progress={baselineProgress} />;

  return presenter ? <PresenterScreen /> : <Editor {...(exportLeadDiff ? { exportLeadDiff } : {})} />;
}

/** The answer on screen as deltas against the baseline; while a threshold drag waits, its preview from the curve. */
function useDeltas() {
  const view = useAppShallow(selectForecastView);
  const draft = useApp(selectScenarioDraft);
  const curve = useApp(selectScenarioCurve);
  const preview: ThresholdPreview | null = useMemo(
    () => (view.updating && view.shown && draft ? thresholdPreview(curve, draft, view.shown.result) : null),
    [view.updating, view.shown, draft, curve],
  );
  const result = preview ? preview.result : (view.shown?.result ?? null);
  const deltas = useMemo(() => (result ? forecastDeltas(result, ALL_METRICS, view.baseline) : null), [result, view.baseline]);
  return { ...view, deltas, preview };
}

function PresenterScreen() {
  const { baseline, draft, draftKey } = useAppShallow(selectScenarioScreen);
  const { deltas, shown, updating, preview } = useDeltas();
  if (!baseline || !draft) return null;
  return (
    <PresenterView
      draft={draft}
      baseline={baseline.scenario}
      deltas={deltas}
      answerKey={preview ? draftKey : (shown?.key ?? null)}
      updating={updating}
      stale={preview?.stale ?? null}
    />
  );
}

function Editor({ exportLeadDiff }: ScenariosScreenProps) {
  const { platform, store } = useServices();
  const { baseline, draft, draftKey } = useAppShallow(selectScenarioScreen);
  const live = useDeltas();
  const { updating, error, intervalsReady, intervalJob, intervalError } = live;
  // A new answer re-renders cards, charts and notes as interruptible (time-sliced) work,
  // so a slider move arriving meanwhile is handled first and no long task blocks it.
  const shown = useDeferredValue(live.shown);
  const deltas = useDeferredValue(live.deltas);
  const preview = useDeferredValue(live.preview);
  const progress = useApp(selectIntervalProgress);
  const diffView = useAppShallow(selectDiffView);
  const pointCurrent = live.shown !== null && live.shown.key === draftKey;
  const onKind = useCallback((k: DiffKind) => store.getState().setScenarioDiffKind(k), [store]);
  const onPage = useCallback((o: number) => store.getState().setScenarioDiffOffset(o), [store]);
  const onRetryDiff = useCallback(() => void loadLeadDiff(platform, store), [platform, store]);
  const onExport = useMemo(() => (exportLeadDiff ? () => exportLeadDiff(platform, store) : null), [exportLeadDiff, platform, store]);

  useEffect(() => {
    // The diff waits for the draft's forecast: the slider's answer comes first.
    if (pointCurrent) requestLeadDiff(platform, store);
  }, [platform, store, pointCurrent, draftKey, diffView.kind, diffView.offset]);

  const tierOrder = useMemo(() => [...(draft?.tiers ?? [])].sort((a, b) => b.min_score - a.min_score).map((t) => t.name), [draft?.tiers]);
  if (!baseline || !draft || draftKey === null) return null;

  const intervalState: IntervalState = intervalsReady ? 'ready' : intervalJob ? 'running' : intervalError ? 'stopped' : 'waiting';
  const undo = () => store.getState().scenarioUndo();
  const redo = () => store.getState().scenarioRedo();

  return (
    <div className="scenarios">
      <ScenarioBar onUndo={undo} onRedo={redo} onReset={() => store.getState().scenarioResetToBaseline(Date.now())} />
      {baseline.inferred ? (
        <details className="policy-note scn-inferred" data-testid="inferred-baseline">
          <summary>
            <span className="policy-pill pill-inferred">Inferred baseline</span> Part of the policy in force was read from history, not from a scoring model file: what and how well ({baseline.notes.length})
          </summary>
          <ul className="scn-inferred-notes">
            {baseline.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="scn-layout">
        <aside className="card scn-controls" aria-label="Scenario settings">
          <ThresholdControl draft={draft} baseline={baseline.scenario} />
          <CapacityControls capacity={draft.capacity} />
          <TiersEditor tiers={draft.tiers} businessHours={draft.sla?.business_hours} />
          <ScoringEditor scoring={draft.scoring} highIntentTypes={draft.mql?.high_intent_types} thresholdOnly={baseline.thresholdOnly} />
          <PreflightChecks businessEmail={draft.mql?.require_business_email} requiredFields={draft.mql?.require_fields} />
          <WindowControls window={draft.window} />
        </aside>
        <section className="scn-results" aria-label="Forecast" aria-busy={updating}>
          <div className="scn-status">
            <span className="updating-chip" role="status" aria-live="polite" data-testid="forecast-status">
              {preview ? (
                <>
                  <span className="spinner" aria-hidden="true" />
                  <span data-testid="forecast-preview" title="MQLs and outcome rates read off the threshold curve; the queue's metrics (dimmed) update with the exact forecast">
                    Preview from the threshold curve · exact forecast on its way
                  </span>
                </>
              ) : updating || (!shown && !error) ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Updating…
                </>
              ) : error ? null : (
                <span className="muted">Forecast for this scenario</span>
              )}
            </span>
            <IntervalStatus
              state={intervalState}
              progress={progress}
              onCompute={() => void computeScenarioIntervals(platform, store)}
              onCancel={() => void cancelScenarioIntervals(platform, store)}
              pointCurrent={pointCurrent}
              error={intervalError?.message ?? null}
            />
          </div>
          {error ? <ErrorNote error={readableError(error, draft)} /> : null}
          {deltas && shown ? (
            <div
              className={`scn-body${preview ? ' previewing' : updating ? ' updating' : ''}`}
              data-testid="scenario-forecast"
              data-answer={preview ? 'preview' : shown.key === draftKey ? 'current' : 'stale'}
            >
              <ScenarioCards deltas={deltas} intervalState={intervalState} stale={preview?.stale ?? null} />
              <ForecastNotes result={shown.result} />
              <div className="chart-grid">
                <RateDeltaChart deltas={deltas} answerKey={preview ? draftKey : shown.key} preview={preview !== null} />
                <TierVolumeChart result={shown.result} tierOrder={tierOrder} stale={preview !== null} />
              </div>
            </div>
          ) : !error ? (
            <div className="scn-body" role="status" aria-label="Loading the forecast">
              <MetricCardSkeletons count={4} headline />
              <MetricCardSkeletons count={7} headline={false} />
            </div>
          ) : null}
          <LeadDiffPanel
            kind={diffView.kind}
            offset={diffView.offset}
            pageSize={DIFF_PAGE_SIZE}
            diff={diffView.diff}
            current={diffView.diff?.key === diffKey(draftKey, diffView.kind, diffView.offset)}
            status={diffView.status}
            error={diffView.error}
            onKind={onKind}
            onPage={onPage}
            onRetry={onRetryDiff}
            {...(onExport ? { onExport } : {})}
          />
        </section>
      </div>
    </div>
  );
}

/** The engine's message with its field path in the editor's words ("Tier A first-contact SLA: must be more than 0 hours"). */
export function readableError(error: EngineErrorInfo, draft: Scenario | null): EngineErrorInfo {
  if (!error.field) return error;
  const { field, ...rest } = error;
  return { ...rest, message: `${fieldLabel(field, draft)}: ${stripField(error.message, field)}` };
}

function IntervalStatus({
  state,
  progress,
  pointCurrent,
  error,
  onCompute,
  onCancel,
}: {
  readonly state: IntervalState;
  readonly progress: number | null;
  readonly pointCurrent: boolean;
  readonly error: string | null;
  readonly onCompute: () => void;
  readonly onCancel: () => void;
}) {
  if (state === 'ready') return <span className="interval-status muted small">90% intervals from the simulation runs</span>;
  if (state === 'running') {
    const pct = Math.round((progress ?? 0) * 100);
    return (
      <span className="interval-status" data-testid="interval-progress">
        <span className="small">90% intervals {pct}%</span>
        <span className="mini-bar" role="progressbar" aria-label="90% intervals" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${pct}%` }} />
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <span className="interval-status">
      {error ? <span className="small field-error">Intervals failed: {error}</span> : null}
      <button type="button" className="btn btn-small" disabled={!pointCurrent} onClick={onCompute} data-testid="compute-intervals">
        Compute 90% intervals
      </button>
    </span>
  );
}
