// Which questions the loaded data can answer. Optional data that is missing is
// said in a sentence, never an error: the app then offers the modes that work.
import type { Workspace } from '../workspace/database';

export type CapabilityKey = 'full_replay' | 'threshold_only' | 'capacity' | 'baseline_policy' | 'first_contact' | 'outcomes';

export interface Capability {
  readonly key: CapabilityKey;
  readonly available: boolean;
  /** How the answer is obtained: observed data, inferred from other data, or not at all. */
  readonly source: 'data' | 'inferred' | 'none';
  /** What the loaded data can and cannot answer, in one or two plain sentences. */
  readonly sentence: string;
}

export interface DataCapabilities {
  readonly capabilities: readonly Capability[];
  /** Convenience flags for the UI and the replay. */
  readonly fullReplay: boolean;
  readonly thresholdOnly: boolean;
  readonly repsTable: boolean;
  readonly scoringModel: boolean;
}

export async function dataCapabilities(ws: Workspace): Promise<DataCapabilities> {
  const c = ws.connection;
  const row = (
    await c.runAndReadAll(
      `SELECT
         (SELECT count(*) FROM leads) AS leads,
         (SELECT count(*) FROM activities) AS activities,
         (SELECT count(DISTINCT lead_id) FROM activities) AS active_leads,
         (SELECT count(*) FROM handoffs) AS handoffs,
         (SELECT count(score_at_mql) FROM handoffs) AS scored,
         (SELECT count(DISTINCT assigned_rep_id) FROM handoffs) AS assigned_reps,
         (SELECT count(*) FROM reps) AS reps,
         (SELECT count(*) FROM dispositions) AS dispositions,
         (SELECT count(first_contact_at) FROM dispositions) AS contacted,
         (SELECT count(*) FROM dispositions WHERE sql_at IS NOT NULL OR opportunity_at IS NOT NULL OR won IS NOT NULL) AS outcomes,
         (SELECT count(*) FROM hl_meta WHERE key = 'scoring_model') AS model`,
    )
  ).getRowObjectsJS()[0]!;
  const n = (k: string): number => Number(row[k] ?? 0);
  const fmt = (x: number): string => x.toLocaleString('en-US');
  const caps: Capability[] = [];

  const fullReplay = n('activities') > 0;
  caps.push(
    fullReplay
      ? { key: 'full_replay', available: true, source: 'data', sentence: `${fmt(n('activities'))} activities for ${fmt(n('active_leads'))} leads are loaded, so every lead can be re-scored under new scoring weights and the whole funnel replayed.` }
      : { key: 'full_replay', available: false, source: 'none', sentence: 'No activities are loaded, so new scoring weights cannot be replayed: only the MQL threshold, SLAs and capacity can be changed.' },
  );

  const thresholdOnly = n('scored') > 0;
  caps.push(
    thresholdOnly
      ? { key: 'threshold_only', available: true, source: 'data', sentence: `${fmt(n('scored'))} of ${fmt(n('handoffs'))} handoffs carry the score at MQL, so threshold and SLA what-ifs work without re-scoring.` }
      : {
          key: 'threshold_only',
          available: false,
          source: 'none',
          sentence: fullReplay
            ? 'Handoffs carry no score at MQL, so thresholds are tested by re-scoring from activities only.'
            : 'Handoffs carry no score at MQL and no activities are loaded, so threshold what-ifs cannot be answered; SLA and capacity what-ifs still can.',
        },
  );

  if (n('reps') > 0) {
    caps.push({ key: 'capacity', available: true, source: 'data', sentence: `A reps table with ${fmt(n('reps'))} reps gives working hours, time zones and capacity for the queue simulation.` });
  } else if (n('assigned_reps') > 0) {
    caps.push({ key: 'capacity', available: true, source: 'inferred', sentence: `No reps table: ${fmt(n('assigned_reps'))} reps are inferred from the handoffs' assigned reps, working 09:00-17:00 Monday to Friday in the workspace time zone, with capacity taken from their past daily load.` });
  } else {
    caps.push({ key: 'capacity', available: false, source: 'none', sentence: 'No reps table and no assigned reps in the handoffs, so rep load, capacity and "more reps" questions cannot be answered.' });
  }

  const scoringModel = n('model') > 0;
  caps.push(
    scoringModel
      ? { key: 'baseline_policy', available: true, source: 'data', sentence: 'scoring_model.json describes the policy that was in force; observed SLA compliance is measured against its tiers.' }
      : { key: 'baseline_policy', available: true, source: 'inferred', sentence: 'No scoring_model.json: the baseline policy is inferred (threshold from the scores at MQL, tiers from the handoffs, SLAs of 1/4/24 business hours for tiers A/B/C) and labelled as inferred.' },
  );

  caps.push(
    n('contacted') > 0
      ? { key: 'first_contact', available: true, source: 'data', sentence: `${fmt(n('contacted'))} of ${fmt(n('dispositions'))} dispositions log a first contact, so speed-to-lead, SLA compliance and black holes can be measured.` }
      : { key: 'first_contact', available: false, source: 'none', sentence: 'No first-contact times are logged, so speed-to-lead, SLA compliance and the effect of response time cannot be measured.' },
  );
  caps.push(
    n('outcomes') > 0
      ? { key: 'outcomes', available: true, source: 'data', sentence: `${fmt(n('outcomes'))} dispositions record an SQL, opportunity or win, so conversion beyond acceptance can be forecast.` }
      : { key: 'outcomes', available: false, source: 'none', sentence: 'No SQL, opportunity or win is recorded, so only acceptance and contact can be forecast, not conversion or pipeline.' },
  );

  return { capabilities: caps, fullReplay, thresholdOnly, repsTable: n('reps') > 0, scoringModel };
}
