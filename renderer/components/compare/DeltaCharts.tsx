// The change of each scenario against the policy in force, as two bar charts
// (rates in points, volumes in percent), each savable as PNG.
import { useMemo } from 'react';
import { deltaChartOption, deltaSummary, DELTA_GROUPS, type DeltaGroup } from '../../charts/compare-delta-chart';
import type { CompareColumn } from '../../charts/compare-metrics';
import type { Theme } from '../../store/ui-slice';
import { ChartPanel } from '../export/ChartPanel';

function DeltaChart({ columns, baseline, group }: { readonly columns: readonly CompareColumn[]; readonly baseline: CompareColumn; readonly group: DeltaGroup }) {
  const build = useMemo(() => (t: Theme, p: boolean) => deltaChartOption(columns, baseline, group, t, p), [columns, baseline, group]);
  const spec = DELTA_GROUPS[group];
  const height = 70 + spec.metrics.length * Math.max(34, columns.length * 16);
  return (
    <ChartPanel
      title={spec.title}
      subtitle="Forecast under each scenario minus the policy in force, replayed by the same models; zero is no change"
      build={build}
      summary={deltaSummary(columns, baseline, group)}
      height={height}
      fileName={`scenario-changes-${group}`}
      testId={`compare-delta-${group}`}
    />
  );
}

export function DeltaCharts({ columns, baseline }: { readonly columns: readonly CompareColumn[]; readonly baseline: CompareColumn }) {
  return (
    <div className="chart-grid">
      <DeltaChart columns={columns} baseline={baseline} group="rates" />
      <DeltaChart columns={columns} baseline={baseline} group="volume" />
    </div>
  );
}
