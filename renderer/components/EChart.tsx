// The one bridge between React and ECharts: the chart is created lazily on
// first render, follows its container's size, takes new options in place and
// is disposed on unmount (ECharts holds canvases and listeners otherwise).
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../charts/option-types';

type EChartsInstance = ReturnType<(typeof import('../charts/echarts-setup'))['echarts']['init']>;

export interface EChartProps {
  readonly option: ChartOption;
  readonly height?: number | string;
  readonly ariaLabel: string;
}

export function EChart({ option, height = 280, ariaLabel }: EChartProps) {
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    // Loaded on demand so screens without charts never pay for ECharts.
    void import('../charts/echarts-setup').then(({ echarts }) => {
      if (disposed) return;
      const instance = echarts.init(el, undefined, { renderer: 'canvas' });
      instance.setOption(latest.current, { notMerge: true });
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a builder returns the whole picture; stale series must not linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} className="echart" role="img" aria-label={ariaLabel} style={{ height }} />;
}
