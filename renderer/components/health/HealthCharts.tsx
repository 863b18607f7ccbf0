// The health screen's charts, each a small component named for what it shows.
// Options come from the pure builders in charts/health-charts.ts; a chart
// with nothing to draw says why instead of showing empty axes.
import { useMemo, type ReactNode } from 'react';
import { useApp } from '../../app/context';
import { formatHours, formatInteger, formatPercent } from '../../charts/format';
import {
  contactHistogramOption,
  funnelSteps,
  handoffFunnelOption,
  rejectionBySourceOption,
  repLoadOption,
  scoreBandOption,
  tierOption,
  weeklyTrendOption,
} from '../../charts/health-charts';
import type { ContactHistogram, HealthMetrics } from '../../charts/health-types';
import type { ChartOption } from '../../charts/option-types';
import { selectPresenter, selectTheme } from '../../store/selectors';
import type { Theme } from '../../store/ui-slice';
import { EChart } from '../EChart';

function ChartCard({
  title,
  subtitle,
  wide,
  testId,
  children,
}: {
  readonly title: string;
  readonly subtitle: string;
  readonly wide?: boolean;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  return (
    <section className={`card chart-card${wide ? ' wide' : ''}`} data-testid={testId} aria-label={title}>
      <div className="chart-head">
        <h3>{title}</h3>
        <p className="chart-sub">{subtitle}</p>
      </div>
      {children}
    </section>
  );
}

/** The chart, focusable with a text summary for keyboard and screen-reader users. */
function Chart({ build, summary, height }: { readonly build: (theme: Theme, presenter: boolean) => ChartOption; readonly summary: string; readonly height: number }) {
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const option = useMemo(() => build(theme, presenter), [build, theme, presenter]);
  return (
    <figure className="chart-figure" tabIndex={0} aria-label={summary}>
      <EChart option={option} height={presenter ? Math.round(height * 1.2) : height} ariaLabel={summary} />
    </figure>
  );
}

function NothingToDraw({ children }: { readonly children: ReactNode }) {
  return <p className="chart-empty">{children}</p>;
}

export function FunnelChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const steps = useMemo(() => funnelSteps(metrics.metrics), [metrics]);
  const build = useMemo(() => (t: Theme, p: boolean) => handoffFunnelOption(steps, t, p), [steps]);
  return (
    <ChartCard title="Qualification funnel" subtitle="MQL → accepted → SQL → opportunity → won; SQL and opportunity over MQLs whose 90 days have closed" testId="chart-funnel">
      {steps[0]?.count ? (
        <Chart build={build} height={300} summary={`Funnel: ${steps.map((s) => `${s.stage} ${formatInteger(s.count)}`).join(', ')}`} />
      ) : (
        <NothingToDraw>No MQLs in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function ContactTimeChart({ histogram, metrics }: { readonly histogram: ContactHistogram | null; readonly metrics: HealthMetrics }) {
  const build = useMemo(() => (histogram ? (t: Theme, p: boolean) => contactHistogramOption(histogram, t, p) : null), [histogram]);
  const m = metrics.metrics;
  const subtitle = `Wall-clock hours from MQL to first contact · median ${formatHours(m.median_hours_to_first_contact.observed)}, p90 ${formatHours(m.p90_hours_to_first_contact.observed)}`;
  return (
    <ChartCard title="Time to first contact" subtitle={subtitle} testId="chart-contact">
      {!histogram || !build ? (
        <NothingToDraw>The engine could not give the contact-time distribution for this selection.</NothingToDraw>
      ) : histogram.contacted === 0 ? (
        <NothingToDraw>No MQL in this selection was contacted.</NothingToDraw>
      ) : (
        <>
          <Chart build={build} height={264} summary={`First contact: ${histogram.bins.map((b) => `${b.label} ${formatInteger(b.count)}`).join(', ')}`} />
          <p className="chart-foot muted small">
            {formatInteger(histogram.contacted)} contacted · {formatInteger(histogram.not_contacted)} never contacted
          </p>
        </>
      )}
    </ChartCard>
  );
}

export function ScoreBandChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const entries = metrics.segments.score_band;
  const build = useMemo(() => (t: Theme, p: boolean) => scoreBandOption(entries, t, p), [entries]);
  return (
    <ChartCard title="Acceptance and opportunity by score" subtitle="Does a higher score mean a better lead? Bars: acceptance; line: opportunity within 90 days" testId="chart-score">
      {entries.length > 0 ? (
        <Chart build={build} height={280} summary={`By score band: ${entries.map((e) => `${e.key} acceptance ${formatPercent(e.metrics.acceptance_rate.observed)}`).join(', ')}`} />
      ) : (
        <NothingToDraw>No MQLs in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function WeeklyTrendChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const entries = metrics.segments.week;
  const build = useMemo(() => (t: Theme, p: boolean) => weeklyTrendOption(entries, t, p), [entries]);
  return (
    <ChartCard title="Weekly trend" subtitle="MQL volume per week (bars) with acceptance and SLA compliance (lines)" wide testId="chart-weekly">
      {entries.length > 0 ? (
        <Chart build={build} height={290} summary={`${entries.length} weeks of MQL volume, acceptance and SLA compliance`} />
      ) : (
        <NothingToDraw>No MQLs in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function RepLoadChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const entries = metrics.segments.rep;
  const build = useMemo(() => (t: Theme, p: boolean) => repLoadOption(entries, t, p), [entries]);
  return (
    <ChartCard title="Rep load" subtitle="MQLs per rep, busiest first (bars), and each rep's SLA compliance (dots)" wide testId="chart-reps">
      {entries.length > 0 ? (
        <Chart build={build} height={280} summary={`Rep load: ${entries.map((e) => `${e.key} ${formatInteger(e.metrics.mql_count.observed)} MQLs, SLA ${formatPercent(e.metrics.sla_compliance_rate.observed)}`).join('; ')}`} />
      ) : (
        <NothingToDraw>No MQLs in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function TierChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const entries = metrics.segments.tier;
  const tiers = metrics.policy.tiers;
  const build = useMemo(() => (t: Theme, p: boolean) => tierOption(entries, tiers, t, p), [entries, tiers]);
  return (
    <ChartCard title="SLA and black holes by tier" subtitle="Each tier against its own first-contact SLA · dashed lines: SLA target 85% (green), black-hole limit 10% (red)" testId="chart-tiers">
      {entries.length > 0 ? (
        <Chart
          build={build}
          height={280}
          summary={`By tier: ${entries.map((e) => `${e.key} SLA ${formatPercent(e.metrics.sla_compliance_rate.observed)}, black hole ${formatPercent(e.metrics.black_hole_rate.observed)}`).join('; ')}`}
        />
      ) : (
        <NothingToDraw>No MQLs in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function RejectionReasonsChart({ metrics }: { readonly metrics: HealthMetrics }) {
  const bySource = metrics.rejection_reasons.by_source;
  const build = useMemo(() => (t: Theme, p: boolean) => rejectionBySourceOption(bySource, t, p), [bySource]);
  const rejected = metrics.rejection_reasons.overall.rejected;
  return (
    <ChartCard title="Rejection reasons by source" subtitle={`Why sales turned MQLs down, per lead source · ${formatInteger(rejected)} rejected in all`} wide testId="chart-rejections">
      {rejected > 0 ? (
        <Chart build={build} height={300} summary={`Rejections by source: ${bySource.map((m) => `${m.source} ${formatInteger(m.rejected)}`).join(', ')}`} />
      ) : (
        <NothingToDraw>No rejections logged in this window.</NothingToDraw>
      )}
    </ChartCard>
  );
}

export function ChartSkeletons() {
  return (
    <div className="chart-grid" aria-hidden="true">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="card chart-card skeleton-card">
          <span className="skeleton skeleton-line short" />
          <span className="skeleton skeleton-chart" />
        </div>
      ))}
    </div>
  );
}
