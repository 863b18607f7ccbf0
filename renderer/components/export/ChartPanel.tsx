// A chart card with its own "Save PNG" button: the Compare, Frontier and
// Trust charts all look like the health charts and can each leave the app
// as an image. The option builder gets the theme and presenter mode.
import { useMemo, useRef, type ReactNode } from 'react';
import { useApp, useServices } from '../../app/context';
import { exportChartPng } from '../../app/export-actions';
import type { ChartOption } from '../../charts/option-types';
import { selectPresenter, selectTheme } from '../../store/selectors';
import type { Theme } from '../../store/ui-slice';
import { EChart } from '../EChart';

export function ChartPanel({
  title,
  subtitle,
  build,
  summary,
  height,
  fileName,
  testId,
  wide,
  footer,
}: {
  readonly title: string;
  readonly subtitle: string;
  readonly build: (theme: Theme, presenter: boolean) => ChartOption;
  /** The chart in words: the figure's label for screen readers and keyboard users. */
  readonly summary: string;
  readonly height: number;
  /** Suggested file name of the PNG (sanitised before saving). */
  readonly fileName: string;
  readonly testId: string;
  readonly wide?: boolean;
  readonly footer?: ReactNode;
}) {
  const { platform, store } = useServices();
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const option = useMemo(() => build(theme, presenter), [build, theme, presenter]);
  const figure = useRef<HTMLElement | null>(null);
  return (
    <section className={`card chart-card${wide ? ' wide' : ''}`} data-testid={testId} aria-label={title}>
      <div className="chart-head chart-head-row">
        <div>
          <h3>{title}</h3>
          <p className="chart-sub">{subtitle}</p>
        </div>
        <button type="button" className="btn btn-ghost btn-small no-print" onClick={() => void exportChartPng(platform, store, figure.current, fileName)} aria-label={`Save “${title}” as PNG`}>
          Save PNG
        </button>
      </div>
      <figure className="chart-figure" tabIndex={0} aria-label={summary} ref={figure}>
        <EChart option={option} height={presenter ? Math.round(height * 1.2) : height} ariaLabel={summary} />
      </figure>
      {footer}
    </section>
  );
}
