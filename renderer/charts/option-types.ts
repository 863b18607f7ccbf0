// The subset of ECharts' option type our builders return: the real type, so a
// typo in a builder is a compile error, but imported as a type only.
import type { EChartsCoreOption } from 'echarts/core';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

export type ChartOption = EChartsCoreOption & {
  series?: Array<BarSeriesOption | FunnelSeriesOption | LineSeriesOption>;
  grid?: GridComponentOption;
  tooltip?: TooltipComponentOption;
};
