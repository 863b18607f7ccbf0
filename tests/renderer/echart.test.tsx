// @vitest-environment happy-dom
// The <EChart> wrapper's life cycle, with ECharts replaced by a recorder
// (happy-dom has no canvas).
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';

const chart = vi.hoisted(() => ({
  inits: 0,
  options: [] as unknown[],
  resizes: 0,
  disposed: 0,
}));

vi.mock('../../renderer/charts/echarts-setup', () => ({
  echarts: {
    init: () => {
      chart.inits += 1;
      return {
        setOption: (o: unknown) => chart.options.push(o),
        resize: () => {
          chart.resizes += 1;
        },
        dispose: () => {
          chart.disposed += 1;
        },
      };
    },
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let resizeCallback: (() => void) | null = null;
class RecordingResizeObserver {
  constructor(cb: () => void) {
    resizeCallback = cb;
  }
  observe(): void {}
  disconnect(): void {
    resizeCallback = null;
  }
}
vi.stubGlobal('ResizeObserver', RecordingResizeObserver);

const { EChart } = await import('../../renderer/components/EChart');

describe('<EChart>', () => {
  it('creates the chart lazily, updates options in place, resizes with its box and disposes on unmount', async () => {
    const el = document.createElement('div');
    document.body.appendChild(el);
    const root = createRoot(el);
    const first = { series: [{ type: 'bar' as const, data: [1] }] };
    const second = { series: [{ type: 'bar' as const, data: [2] }] };

    await act(async () => root.render(<EChart option={first} ariaLabel="Rows" />));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(chart.inits).toBe(1);
    expect(chart.options).toEqual([first]);
    expect(el.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Rows');

    await act(async () => root.render(<EChart option={second} ariaLabel="Rows" />));
    expect(chart.inits).toBe(1);
    expect(chart.options).toEqual([first, second]);

    resizeCallback?.();
    expect(chart.resizes).toBe(1);

    await act(async () => root.unmount());
    expect(chart.disposed).toBe(1);
    expect(resizeCallback).toBeNull();
    el.remove();
  });
});
