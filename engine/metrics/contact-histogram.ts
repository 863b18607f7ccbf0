// How long MQLs waited for their first contact, as a histogram: the shape
// behind the median and p90 (a fast median can hide a long tail of leads that
// waited days). Reuses fetchHandoffFacts, the one SQL query (bound parameters)
// that joins dispositions to handoffs, so a histogram can never disagree with
// the median: same MQLs, same first-contact rule, same window and filters.
import { getWorkspaceTimezone } from '../workspace/settings';
import type { Workspace } from '../workspace/database';
import type { ContactHistogramBin, ContactHistogramResult } from './contact-histogram-types';
import { fetchHandoffFacts } from './handoff-facts';
import { MetricsInputError } from './observed';
import { observedOptionsSchema, type ObservedOptions } from './options';

export type { ContactHistogramBin, ContactHistogramResult } from './contact-histogram-types';

const HOUR_MS = 3_600_000;

/** Edges chosen for speed-to-lead: the 5-minute mark the studies cite, then the usual SLA steps (1 h, 4 h, 24 h). */
export const CONTACT_BINS: readonly Omit<ContactHistogramBin, 'count'>[] = [
  { key: 'before', label: 'Before MQL', min_hours: null, max_hours: 0 },
  { key: 'lt5m', label: '< 5 min', min_hours: 0, max_hours: 5 / 60 },
  { key: '5-30m', label: '5–30 min', min_hours: 5 / 60, max_hours: 0.5 },
  { key: '30-60m', label: '30–60 min', min_hours: 0.5, max_hours: 1 },
  { key: '1-4h', label: '1–4 h', min_hours: 1, max_hours: 4 },
  { key: '4-8h', label: '4–8 h', min_hours: 4, max_hours: 8 },
  { key: '8-24h', label: '8–24 h', min_hours: 8, max_hours: 24 },
  { key: '1-3d', label: '1–3 days', min_hours: 24, max_hours: 72 },
  { key: '3d+', label: '3+ days', min_hours: 72, max_hours: null },
];

/** Index of the bin holding `hours` (edges: lower inclusive, upper exclusive). */
export function contactBinIndex(hours: number): number {
  for (let i = 0; i < CONTACT_BINS.length; i++) {
    const max = CONTACT_BINS[i]!.max_hours;
    if (max === null || hours < max) return i;
  }
  return CONTACT_BINS.length - 1;
}

export async function contactHistogram(ws: Workspace, options: ObservedOptions = {}): Promise<ContactHistogramResult> {
  const parsed = observedOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new MetricsInputError(`${field ? `${field}: ` : ''}${issue?.message ?? 'invalid histogram options'}`, field);
  }
  const opts = parsed.data;
  const timezone = await getWorkspaceTimezone(ws);
  const facts = await fetchHandoffFacts(ws, { timezone, from: opts.from, to: opts.to, filters: opts.filters });
  const counts = new Array<number>(CONTACT_BINS.length).fill(0);
  let contacted = 0;
  for (let i = 0; i < facts.length; i++) {
    const contact = facts.firstContactMs[i]!;
    if (Number.isNaN(contact)) continue;
    contacted++;
    counts[contactBinIndex((contact - facts.mqlMs[i]!) / HOUR_MS)]!++;
  }
  return {
    window: { from: opts.from ?? null, to: opts.to ?? null },
    bins: CONTACT_BINS.map((b, i) => ({ ...b, count: counts[i]! })),
    contacted,
    not_contacted: facts.length - contacted,
  };
}
