// The qualification ladder (lead, MQL, SAL, SQL, opportunity, won) as a
// funnel, with the step-to-step rate in each label, because the drop between
// MQL and SAL is the number a RevOps review argues about.
import type { Theme } from '../store/ui-slice';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';

export interface LadderStep {
  readonly stage: string;
  readonly count: number;
}

/** Share of the previous step that reached this one, or null for the first step / an empty previous step. */
export function stepRates(steps: readonly LadderStep[]): Array<number | null> {
  return steps.map((step, i) => {
    const prev = steps[i - 1];
    return prev === undefined || prev.count <= 0 ? null : step.count / prev.count;
  });
}

export function ladderFunnelOption(steps: readonly LadderStep[], theme: Theme, presenter = false): ChartOption {
  const p = PALETTES[theme];
  const rates = stepRates(steps);
  const max = Math.max(1, ...steps.map((s) => s.count));
  return {
    textStyle: { fontFamily: CHART_FONT, fontSize: chartFontSize(presenter) },
    animationDuration: 400,
    tooltip: { trigger: 'item', backgroundColor: p.tooltipBg, textStyle: { color: p.text } },
    series: [
      {
        type: 'funnel',
        name: 'Qualification ladder',
        sort: 'none',
        min: 0,
        max,
        minSize: '8%',
        gap: 3,
        left: '10%',
        width: '80%',
        label: { color: p.text, position: 'inside', fontSize: chartFontSize(presenter) },
        itemStyle: { borderWidth: 0 },
        data: steps.map((s, i) => {
          const rate = rates[i];
          return {
            name: s.stage,
            value: s.count,
            itemStyle: { color: p.series[i % p.series.length] },
            label: { formatter: rate === null || rate === undefined ? `${s.stage}  ${s.count}` : `${s.stage}  ${s.count}  (${(rate * 100).toFixed(0)}%)` },
          };
        }),
      },
    ],
  };
}
