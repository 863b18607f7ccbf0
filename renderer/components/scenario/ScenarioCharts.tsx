// The editor's two charts. Each marks 'hl:forecast-drawn' once the answer it
// shows has reached the canvas (see app/scenario-timing.ts).
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApp } from '../../app/context';
import { markDrawn } from '../../app/scenario-timing';
import { rateDeltaOption, tierVolumeOption, tierVolumes } from '../../charts/scenario-charts';
import { formatDelta, METRIC_LABELS, type ForecastResult, type MetricDelta } from '../../charts/scenario-deltas';
import { formatInteger } from '../../charts/format';
import { selectPresenter, selectTheme } from '../../store/selectors';
import { EChart } from '../EChart';

function ChartCard({ title, subtitle, testId, children, wide, stale }: { readonly title: string; readonly subtitle: string; readonly testId: string; readonly children: ReactNode; readonly wide?: boolean; readonly stale?: boolean }) {
  return (
    <section className={`card chart-card${wide ? ' wide' : ''}${stale ? ' stale' : ''}`} data-testid={testId} aria-label={title}>
      <div className="chart-head">
        <h3>{title}</h3>
        <p className="chart-sub">{subtitle}</p>
      </div>
      {children}
    </section>
  );
}

/** After React committed the new option (EChart's effect ran first: children before parents), wait for the frame that paints it. */
function useDrawnMark(answerKey: string | null, preview: boolean) {
  useEffect(() => {
    if (answerKey === null) return undefined;
    const frame = requestAnimationFrame(() => markDrawn(answerKey, preview));
    return () => cancelAnimationFrame(frame);
  }, [answerKey, preview]);
}

export const RateDeltaChart = memo(function RateDeltaChart({
  deltas,
  answerKey,
  preview = false,
  height = 300,
}: {
  readonly deltas: readonly MetricDelta[];
  readonly answerKey: string | null;
  /** The deltas are a threshold drag's preview from the curve (app/threshold-preview.ts). */
  readonly preview?: boolean;
  readonly height?: number;
}) {
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const option = useMemo(() => rateDeltaOption(deltas, theme, presenter), [deltas, theme, presenter]);
  useDrawnMark(answerKey, preview);
  const rates = deltas.filter((d) => d.kind === 'rate');
  const summary = `Change against baseline: ${rates.map((d) => `${METRIC_LABELS[d.name]} ${formatDelta(d.kind, d.delta)}`).join(', ')}`;
  return (
    <ChartCard title="How the rates move" subtitle="Scenario minus baseline, in percentage points · green better, red worse · whiskers: 90% interval" testId="chart-rate-delta">
      <figure className="chart-figure" tabIndex={0} aria-label={summary}>
        <EChart option={option} height={presenter ? Math.round(height * 1.15) : height} ariaLabel={summary} />
      </figure>
    </ChartCard>
  );
});

export const TierVolumeChart = memo(function TierVolumeChart({ result, tierOrder, stale = false }: { readonly result: ForecastResult; readonly tierOrder: readonly string[]; readonly stale?: boolean }) {
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const latest = useMemo(() => tierVolumes(result, tierOrder), [result, tierOrder]);
  // Drawn one task after the rate chart: two ECharts updates in one task can pass the 50 ms budget on a busy machine.
  const [rows, setRows] = useState(latest);
  useEffect(() => {
    const timer = setTimeout(() => setRows(latest), 0);
    return () => clearTimeout(timer);
  }, [latest]);
  const option = useMemo(() => tierVolumeOption(rows, theme, presenter), [rows, theme, presenter]);
  const summary = `MQLs by tier: ${rows.map((r) => `tier ${r.tier} ${formatInteger(r.baseline)} now, ${formatInteger(r.scenario === null ? null : Math.round(r.scenario))} in the scenario`).join('; ')}`;
  return (
    <ChartCard title="MQL volume by tier" subtitle="Where the handoffs land: baseline (history) against the scenario, per tier" testId="chart-tier-volume" stale={stale}>
      {rows.length > 0 ? (
        <figure className="chart-figure" tabIndex={0} aria-label={summary}>
          <EChart option={option} height={300} ariaLabel={summary} />
        </figure>
      ) : (
        <p className="chart-empty">No MQLs in the scenario’s window.</p>
      )}
    </ChartCard>
  );
});
