// Exports: tables as CSV (formula cells neutralised by the engine's CSV
// writer), charts as PNG, the comparison as a one-page HTML report. Each one
// goes through platform.saveFile, which sanitises the name and asks where to
// save on the desktop; the outcome is said in the status toast.
import { reportHtml, toCsv, type CsvCell, type ExportMime, type ReportBlock } from '../../engine/api/contract';
import { COMPARE_METRICS, compareCsvRows, compareTextTable, compareWarnings, formatWindow, type CompareColumn } from '../charts/compare-metrics';
import { chartPngDataUrl } from '../components/export/chart-image';
import { fileName } from '../components/TopBar';
import type { AppState, AppStore } from '../store/app-store';
import { BASELINE_KEY } from '../store/compare-slice';
import { errorInfo } from './actions';
import { leadDiffExportRequest } from './scenario-actions';
import type { Platform } from './platform';

async function save(platform: Platform, store: AppStore, name: string, mime: ExportMime, data: string): Promise<boolean> {
  try {
    const outcome = await platform.saveFile(name, mime, data);
    if (outcome.saved) store.getState().notify(`Saved ${outcome.name}`);
    return outcome.saved;
  } catch (err) {
    store.getState().notify(`Could not save: ${errorInfo(err).message}`);
    return false;
  }
}

/** Today as YYYY-MM-DD for file names (the local date the user sees). */
function stamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---- Compare ------------------------------------------------------------------

export function compareColumns(s: Pick<AppState, 'compareRuns'>): { baseline: CompareColumn | null; columns: CompareColumn[] } {
  let baseline: CompareColumn | null = null;
  const columns: CompareColumn[] = [];
  for (const run of s.compareRuns) {
    if (run.status !== 'ready' || !run.result) continue;
    const col = { key: run.key, label: run.label, result: run.result };
    if (run.key === BASELINE_KEY) baseline = col;
    else columns.push(col);
  }
  return { baseline, columns };
}

export async function exportCompareCsv(platform: Platform, store: AppStore): Promise<boolean> {
  const { baseline, columns } = compareColumns(store.getState());
  if (columns.length === 0) {
    store.getState().notify('Run a comparison first: there is no table to export yet.');
    return false;
  }
  return save(platform, store, `scenario-comparison-${stamp()}`, 'text/csv', toCsv(compareCsvRows(columns, baseline)));
}

export const COMPARE_CHART_SELECTOR = '[data-testid="compare-delta-rates"]';

export async function exportCompareReport(platform: Platform, store: AppStore, doc: Document | null = typeof document === 'undefined' ? null : document): Promise<boolean> {
  const s = store.getState();
  const { baseline, columns } = compareColumns(s);
  if (columns.length === 0) {
    store.getState().notify('Run a comparison first: there is nothing to report yet.');
    return false;
  }
  const table = compareTextTable(columns, baseline);
  const png = doc ? await chartPngDataUrl(doc.querySelector(COMPARE_CHART_SELECTOR), 'light').catch(() => null) : null;
  const first = columns[0];
  const blocks: ReportBlock[] = [
    { kind: 'table', heading: 'Forecast by scenario', table },
    ...(png ? [{ kind: 'image' as const, heading: 'Change against the policy in force (rates)', pngDataUrl: png, alt: 'Rate changes per scenario, in percentage points' }] : []),
    { kind: 'notes', heading: 'Read with care', lines: compareWarnings(baseline ? [baseline, ...columns] : columns) },
  ];
  const html = reportHtml({
    title: `Scenario comparison: ${columns.map((c) => c.label).join(' vs ')}`,
    subtitle: `${s.workspace ? fileName(s.workspace.path) : 'Workspace'} · window ${first ? formatWindow(first.result.window) : ''} · ${new Date().toLocaleDateString('en-US', { dateStyle: 'medium' })}`,
    blocks,
    footer:
      'Observed: what history shows under the policy in force. Forecast: the expected value under each scenario; 90% interval from ' +
      `${first?.result.details.runs ?? 0} bootstrap and simulation runs. Change: against the policy in force replayed by the same models. Made with Handoff Lab.`,
  });
  return save(platform, store, `scenario-comparison-${stamp()}`, 'text/html', html);
}

// ---- Charts ---------------------------------------------------------------------

export async function exportChartPng(platform: Platform, store: AppStore, container: Element | null, name: string): Promise<boolean> {
  const png = await chartPngDataUrl(container, store.getState().theme).catch(() => null);
  if (!png) {
    store.getState().notify('The chart is not drawn yet; try again in a moment.');
    return false;
  }
  return save(platform, store, name, 'image/png', png);
}

// ---- Frontier ---------------------------------------------------------------------

export function frontierCsvRows(s: Pick<AppState, 'frontierResult'>): CsvCell[][] | null {
  const r = s.frontierResult;
  if (!r) return null;
  const names = COMPARE_METRICS.map((m) => m.name);
  return [
    ['threshold', 'is_policy_in_force', 'is_proposed', 'rep_load_per_day', ...names],
    ...r.points.map((p) => [p.threshold, p.threshold === r.baselineThreshold, p.threshold === r.currentThreshold, p.repLoadPerDay, ...names.map((n) => p.metrics[n])]),
  ];
}

export async function exportFrontierCsv(platform: Platform, store: AppStore): Promise<boolean> {
  const rows = frontierCsvRows(store.getState());
  if (!rows) {
    store.getState().notify('The frontier is not computed yet: nothing to export.');
    return false;
  }
  return save(platform, store, `threshold-frontier-${stamp()}`, 'text/csv', toCsv(rows));
}

// ---- Trust ---------------------------------------------------------------------------

export function trustCsvRows(s: Pick<AppState, 'trustReport'>): CsvCell[][] | null {
  const r = s.trustReport.value;
  if (!r) return null;
  const rows: CsvCell[][] = [['check', 'metric', 'expected_or_actual', 'replayed_or_forecast', 'difference', 'tolerance', 'passed']];
  for (const row of r.identity.rows) rows.push(['identity', row.metric, row.observed, row.replayed, row.difference, row.tolerance, row.passed]);
  if (r.backtest.available) for (const e of r.backtest.errors) rows.push(['backtest', e.metric, e.actual, e.forecast, e.error, e.tolerance, e.withinTolerance]);
  if (r.policyChange.available) for (const e of r.policyChange.errors) rows.push(['policy_change', e.metric, e.actual, e.forecast, e.error, e.tolerance, e.withinTolerance]);
  return rows;
}

export async function exportTrustCsv(platform: Platform, store: AppStore): Promise<boolean> {
  const rows = trustCsvRows(store.getState());
  if (!rows) {
    store.getState().notify('The trust checks have not run yet: nothing to export.');
    return false;
  }
  return save(platform, store, `trust-checks-${stamp()}`, 'text/csv', toCsv(rows));
}

// ---- Scenario lead list ------------------------------------------------------------------

/** Rows per leadDiff call while exporting: large pages, few round trips. */
const LEAD_EXPORT_PAGE = 20_000;

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Every lead of the list shown (enter, leave, tier change or time move) under the current draft, with its reason. */
export async function exportLeadDiffCsv(platform: Platform, store: AppStore): Promise<boolean> {
  const request = leadDiffExportRequest(store);
  if (!request) {
    store.getState().notify('Open the sample or a workspace first: there is no scenario to export.');
    return false;
  }
  const rows: CsvCell[][] = [['lead_id', 'change', 'reason', 'history_mql_at', 'scenario_mql_at', 'history_tier', 'scenario_tier', 'history_score', 'scenario_score']];
  try {
    // Advance by what came back: the engine may answer fewer rows than asked.
    for (let offset = 0; ; ) {
      const { page } = await platform.client.leadDiff({ ...request, offset, limit: LEAD_EXPORT_PAGE });
      for (const r of page.rows) {
        rows.push([r.leadId, r.kind, r.reason, isoOrNull(r.historyMqlAt), isoOrNull(r.scenarioMqlAt), r.historyTier, r.scenarioTier, r.historyScore, r.scenarioScore]);
      }
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total) break;
    }
  } catch (err) {
    store.getState().notify(`Could not list the leads: ${errorInfo(err).message}`);
    return false;
  }
  return save(platform, store, `leads-${request.kind.replaceAll('_', '-')}-${stamp()}`, 'text/csv', toCsv(rows));
}

// ---- Handoff health ----------------------------------------------------------------------

export function healthCsvRows(s: Pick<AppState, 'healthData' | 'healthFilters'>): CsvCell[][] | null {
  const m = s.healthData?.metrics;
  if (!m) return null;
  const f = s.healthFilters;
  const rows: CsvCell[][] = [['metric', 'observed', 'numerator', 'denominator', 'count', 'censored', 'window_from', 'window_to', 'source', 'tier', 'rep']];
  for (const spec of COMPARE_METRICS) {
    const v = m.metrics[spec.name];
    rows.push([spec.name, v.observed, v.numerator, v.denominator, v.count, v.censored, m.window.from, m.window.to, f.source, f.tier, f.rep]);
  }
  return rows;
}

export async function exportHealthCsv(platform: Platform, store: AppStore): Promise<boolean> {
  const rows = healthCsvRows(store.getState());
  if (!rows) {
    store.getState().notify('Handoff health has not loaded yet: nothing to export.');
    return false;
  }
  return save(platform, store, `handoff-health-${stamp()}`, 'text/csv', toCsv(rows));
}

/** File > Export (Ctrl/Cmd+E): the current screen's main export. */
export async function exportCurrentScreen(platform: Platform, store: AppStore): Promise<boolean> {
  switch (store.getState().screen) {
    case 'compare':
      return exportCompareReport(platform, store);
    case 'frontier':
      return exportFrontierCsv(platform, store);
    case 'trust':
      return exportTrustCsv(platform, store);
    case 'health':
      return exportHealthCsv(platform, store);
    case 'scenarios':
      return exportLeadDiffCsv(platform, store);
    default:
      store.getState().notify('Nothing to export on this screen: Handoff health, Scenarios, Compare, Frontier and Trust have exports.');
      return false;
  }
}
