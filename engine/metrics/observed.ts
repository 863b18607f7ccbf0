// Observed handoff health (DATA_CONTRACT section 3, the "observed" side):
// every metric over the MQLs whose mql_at falls in the window, overall and by
// segment. One SQL fetch, one pass in TypeScript (business hours need the
// reps' calendars), no query per row. Rules: handoff-facts.ts (joining),
// outcomes.ts (censoring and each metric's window).
import type { WorkSchedule } from '../calendar/business-hours';
import { readRepSchedules, type RepSchedules } from '../calendar/rep-schedules';
import { getWorkspaceTimezone } from '../workspace/settings';
import { withReadSnapshot } from '../workspace/snapshot';
import { readBaselinePolicy, type BaselinePolicy } from '../policy/baseline';
import type { Workspace } from '../workspace/database';
import { groupMetrics } from './aggregate';
import { DAY_MS, fetchDataEndMs, fetchHandoffFacts, type HandoffFacts } from './handoff-facts';
import { computeOutcomes } from './outcomes';
import { rejectionMix, segmentMetrics } from './segments';
import type { ObservedMetricsResult } from './types';

import { observedOptionsSchema, type ObservedOptions } from './options';

export { observedOptionsSchema, type ObservedOptions };

export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function observedMetrics(ws: Workspace, options: ObservedOptions = {}): Promise<ObservedMetricsResult> {
  const parsed = observedOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new MetricsInputError(`${field ? `${field}: ` : ''}${issue?.message ?? 'invalid metrics options'}`, field);
  }
  const opts = parsed.data;
  // Five reads, one snapshot: an import committing meanwhile shows wholly or not at all.
  const { timezone, policy, schedules, dataEnd, facts } = await withReadSnapshot(ws, async (snap) => {
    const timezone = await getWorkspaceTimezone(snap);
    return {
      timezone,
      policy: await readBaselinePolicy(snap),
      schedules: await readRepSchedules(snap, timezone),
      dataEnd: await fetchDataEndMs(snap),
      facts: await fetchHandoffFacts(snap, { timezone, from: opts.from, to: opts.to, filters: opts.filters }),
    };
  });

  if (policy.businessHours) prepareCalendars(facts, policy, schedules);

  const outcomes = computeOutcomes(facts, policy, schedules, dataEnd ?? Number.NEGATIVE_INFINITY);
  const overall = groupMetrics(facts, outcomes, null, 1)[0]!;

  const warnings = [...schedules.warnings];
  if (policy.source === 'inferred') {
    warnings.push(
      `No scoring model was imported, so tiers come from the handoffs and SLAs are the defaults (A 1 h, B 4 h, C 24 h${policy.businessHours ? ', business hours' : ''}).`,
    );
  }
  const last = policy.tiers[policy.tiers.length - 1];
  if (outcomes.unmatchedTiers > 0 && last) {
    warnings.push(`${plural(outcomes.unmatchedTiers, 'MQL has', 'MQLs have')} no tier or one not in the policy; they were measured against tier ${last.name}'s ${last.slaHours} h SLA.`);
  }
  if (outcomes.untimedDecisions > 0) {
    warnings.push(`${plural(outcomes.untimedDecisions, 'MQL has a decision', 'MQLs have decisions')} without a decision time; they are not counted as black holes.`);
  }
  if (outcomes.neverDue > 0) {
    warnings.push(`${plural(outcomes.neverDue, 'MQL is', 'MQLs are')} assigned to reps with no working hours, so their SLA never comes due.`);
  }

  return {
    window: { from: opts.from ?? null, to: opts.to ?? null },
    timezone,
    data_end: dataEnd === null ? null : new Date(dataEnd).toISOString(),
    policy: {
      source: policy.source,
      business_hours: policy.businessHours,
      tiers: policy.tiers.map((t) => ({ name: t.name, min_score: t.minScore, first_contact_sla_hours: t.slaHours })),
    },
    metrics: overall,
    segments: segmentMetrics(facts, outcomes, policy),
    rejection_reasons: rejectionMix(facts, outcomes),
    warnings,
  };
}

/** Builds each rep calendar once over the window's span plus the longest SLA, instead of growing it row by row. */
function prepareCalendars(facts: HandoffFacts, policy: BaselinePolicy, schedules: RepSchedules): void {
  if (facts.length === 0) return;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < facts.length; i++) {
    const m = facts.mqlMs[i]!;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  // an SLA of h business hours spans about h / 8 working days, 7/5 as many calendar days
  const longest = Math.max(0, ...policy.tiers.map((t) => t.slaHours));
  const reach = hi + Math.ceil((longest / 8) * 1.4 + 7) * DAY_MS;
  const done = new Set<WorkSchedule>();
  for (const rep of [null, ...facts.rep.values]) {
    const s = schedules.forRep(rep);
    if (!done.has(s)) {
      done.add(s);
      s.prepare(lo, reach);
    }
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
