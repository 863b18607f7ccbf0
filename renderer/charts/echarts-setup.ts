// ECharts, tree-shaken: only the chart types and components the workbench
// draws are registered, which keeps the bundle (and the parse time) small.
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DatasetComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DatasetComponent, CanvasRenderer]);

export { echarts };
