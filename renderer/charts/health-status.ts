// Field targets for the four headline handoff metrics and how a value rates
// against them. Green inside the target; amber within a margin of it (worth
// watching, not yet a fire); red beyond.
import type { MetricName } from './health-types';

export type Status = 'good' | 'watch' | 'bad';

export interface Target {
  /** Written on the card, e.g. "Target 50–70%". */
  readonly label: string;
  readonly rate: (value: number) => Status;
}

const band = (inside: boolean, near: boolean): Status => (inside ? 'good' : near ? 'watch' : 'bad');

export const TARGETS: Partial<Readonly<Record<MetricName, Target>>> = {
  // Above 70% is not better: sales accepting nearly everything usually means the threshold is too strict (volume left on the table).
  acceptance_rate: { label: 'Target 50–70%', rate: (v) => band(v >= 0.5 && v <= 0.7, v >= 0.45 && v <= 0.75) },
  sla_compliance_rate: { label: 'Target > 85%', rate: (v) => band(v > 0.85, v > 0.75) },
  black_hole_rate: { label: 'Target < 10%', rate: (v) => band(v < 0.1, v < 0.15) },
  median_hours_to_first_contact: { label: 'Target < 4 h', rate: (v) => band(v < 4, v < 8) },
};

export const STATUS_WORDS: Readonly<Record<Status, string>> = { good: 'On target', watch: 'Near target', bad: 'Off target' };

/** null when the metric has no target or no value. */
export function metricStatus(name: MetricName, value: number | null): Status | null {
  const target = TARGETS[name];
  return target && value !== null && Number.isFinite(value) ? target.rate(value) : null;
}
