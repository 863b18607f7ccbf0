// The baseline: the policy that was in force. Read from hl_meta 'scoring_model'
// (the imported scoring_model.json) when present; whatever it leaves out is
// inferred from the handoffs and labelled as inferred, so the app can say so.
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadColumns } from '../columns/load';
import type { WorkspaceColumns } from '../columns/types';
import { inferScoring, type ScoringInference } from '../policy/infer-scoring';
import type { Workspace } from '../workspace/database';
import {
  DEFAULT_CAPACITY,
  DEFAULT_SIMULATION,
  DEFAULT_SLA,
  DEFAULT_TIER_SLA_HOURS,
  DEFAULT_WINDOW,
  FALLBACK_TIER_SLA_HOURS,
  type Policy,
} from './policy';
import { parseScoringModelJson, type ScoringModel, type Tier } from './schema';

/** What the handoffs say about the policy in force. */
export interface InferredFacts {
  /** Lowest score_at_mql of score-triggered handoffs, or a low quantile when triggers are missing; null without scores. */
  readonly threshold: number | null;
  readonly thresholdHow: string;
  /** Tiers seen in handoffs.tier, highest minimum score first. */
  readonly tiers: readonly { name: string; minScore: number | null }[];
  readonly highIntentTypes: readonly string[];
}

/** Share of high-intent handoffs a type must occur at (at mql_at) to count as high intent: ignores coincidences. */
const HIGH_INTENT_MIN_SHARE = 0.02;
/** Quantile of score_at_mql used as the threshold when no handoff says what triggered it. */
const THRESHOLD_QUANTILE_WITHOUT_TRIGGERS = 0.05;

export async function loadBaseline(ws: Workspace, columns?: WorkspaceColumns): Promise<Policy> {
  const rows = (await ws.connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key = 'scoring_model'`)).getRowObjectsJS();
  const text = rows[0]?.value;
  const model = typeof text === 'string' && text.trim() !== '' ? parseScoringModelJson(text, 'scoring_model.json (saved in the workspace)') : null;
  const facts = await inferFacts(ws.connection);
  const first = buildBaseline(model, facts);
  if (!first.provenance.thresholdOnly) return first;
  // No activity points: recover them from the handoffs' score_at_mql (policy/infer-scoring.ts), adopted
  // only when replaying them reproduces history.
  let inference: ScoringInference;
  try {
    inference = inferScoring(columns ?? (await loadColumns(ws)), first.mql);
  } catch (e) {
    // The inference is a bonus: a failure in it must not keep the workspace from opening threshold-only.
    const why = e instanceof Error ? e.message : String(e);
    inference = { scoring: null, notes: [`scoring.activity_points: unknown (recovering them from history failed: ${why}); only threshold what-ifs`], reproduced: NaN, checked: 0, elapsedMs: 0 };
  }
  return buildBaseline(model, facts, inference);
}

/** Model blocks win; an absent model or block is filled from the facts and noted. Pure, for tests. */
export function buildBaseline(model: ScoringModel | null, facts: InferredFacts, inference: ScoringInference | null = null): Policy {
  const notes: string[] = [];
  const scoring = model?.scoring;
  const mql = model?.mql;

  let threshold = mql?.threshold;
  if (threshold === undefined) {
    threshold = facts.threshold ?? 0;
    notes.push(
      facts.threshold === null
        ? 'mql.threshold: unknown (no score_at_mql in handoffs); 0 assumed'
        : `mql.threshold: ${facts.threshold}, ${facts.thresholdHow}`,
    );
  }

  let highIntent = mql?.high_intent_types;
  if (highIntent === undefined) {
    if (model?.mql) highIntent = [];
    else {
      highIntent = [...facts.highIntentTypes];
      notes.push(
        highIntent.length > 0
          ? `mql.high_intent_types: ${highIntent.join(', ')}, the activity types found at the MQL moment of high-intent handoffs`
          : 'mql.high_intent_types: none found (no high-intent handoffs matched an activity)',
      );
    }
  }
  if (!model?.mql) notes.push('mql.require_business_email, mql.require_fields: unknown; no pre-flight checks assumed');

  let tiers: Tier[];
  if (model?.tiers) tiers = model.tiers;
  else {
    tiers = inferTiers(facts, threshold);
    notes.push(`tiers: ${tiers.map((t) => `${t.name} from ${t.min_score} (${t.first_contact_sla_hours} h SLA)`).join(', ')}, from handoffs.tier; SLAs are the defaults`);
  }

  const recovered = scoring?.activity_points === undefined ? (inference?.scoring ?? null) : null;
  const thresholdOnly = scoring?.activity_points === undefined && recovered === null;
  if (inference !== null && scoring?.activity_points === undefined) notes.push(...inference.notes);
  else if (thresholdOnly) notes.push('scoring.activity_points: unknown; give points in a scenario to re-score, otherwise only threshold what-ifs');

  return {
    name: model?.name ?? null,
    scoring: recovered ?? {
      activity_points: scoring?.activity_points ?? {},
      activity_caps: scoring?.activity_caps ?? {},
      fit_points: scoring?.fit_points ?? [],
      decay_half_life_days: scoring?.decay_half_life_days ?? null,
      lookback_days: scoring?.lookback_days ?? null,
    },
    mql: {
      threshold,
      high_intent_types: highIntent,
      require_business_email: mql?.require_business_email ?? false,
      require_fields: mql?.require_fields ?? [],
    },
    tiers,
    sla: { ...DEFAULT_SLA, ...definedOnly(model?.sla ?? {}) },
    capacity: DEFAULT_CAPACITY,
    window: DEFAULT_WINDOW,
    simulation: DEFAULT_SIMULATION,
    provenance: { inferred: notes.length > 0, notes, thresholdOnly },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Tiers when no scoring model gives them: the names seen in handoffs, ordered by
 * their lowest score; A/B/C get the contract's 1/4/24 h, other names 1/4/24 h by position.
 * Observed metrics and the forecast both use this, so their SLAs agree.
 */
export function inferTiers(facts: Pick<InferredFacts, 'tiers'>, threshold: number): Tier[] {
  if (facts.tiers.length === 0) {
    return [{ name: 'All', min_score: Math.min(0, threshold), first_contact_sla_hours: FALLBACK_TIER_SLA_HOURS }];
  }
  const positional = [1, 4, 24];
  const seen = new Set<number>();
  const tiers: Tier[] = [];
  facts.tiers.forEach((t, i) => {
    const last = i === facts.tiers.length - 1;
    // The lowest tier must catch every MQL, so it starts at the threshold at most.
    let min = t.minScore ?? threshold;
    if (last) min = Math.min(min, threshold);
    while (seen.has(min)) min -= 1e-9; // tiers need distinct min_score; equal observed minima are a tie in the data
    seen.add(min);
    const sla = DEFAULT_TIER_SLA_HOURS[t.name.toUpperCase()] ?? positional[i] ?? FALLBACK_TIER_SLA_HOURS;
    tiers.push({ name: t.name, min_score: min, first_contact_sla_hours: sla });
  });
  return tiers;
}

type Rows = Record<string, unknown>[];

async function rowsOf(conn: DuckDBConnection, sql: string, params: (string | number)[] = []): Promise<Rows> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJS() as Rows;
}

const TRIGGER = `lower(trim("trigger"))`;

/** The MQL threshold the handoffs imply, and how it was found (two cheap reads of handoffs). */
export async function inferThreshold(conn: DuckDBConnection): Promise<Pick<InferredFacts, 'threshold' | 'thresholdHow'>> {
  const row =
    (
      await rowsOf(
        conn,
        `SELECT min(score_at_mql) FILTER (WHERE ${TRIGGER} = 'score_threshold') AS by_trigger,
                quantile_disc(score_at_mql, $1) AS low_quantile
           FROM handoffs`,
        [THRESHOLD_QUANTILE_WITHOUT_TRIGGERS],
      )
    )[0] ?? {};
  if (typeof row.by_trigger === 'number') {
    return { threshold: row.by_trigger, thresholdHow: 'the lowest score_at_mql of handoffs with trigger score_threshold' };
  }
  if (typeof row.low_quantile === 'number') {
    return {
      threshold: row.low_quantile,
      thresholdHow: `the ${THRESHOLD_QUANTILE_WITHOUT_TRIGGERS * 100}% quantile of score_at_mql (no handoff says it was score-triggered)`,
    };
  }
  return { threshold: null, thresholdHow: '' };
}

/** Tier names seen in handoffs.tier, highest minimum score first. */
export async function inferTierFacts(conn: DuckDBConnection): Promise<InferredFacts['tiers']> {
  const tierRows = await rowsOf(
    conn,
    `SELECT trim(tier) AS name, min(score_at_mql) FILTER (WHERE ${TRIGGER} IS DISTINCT FROM 'high_intent') AS min_score,
            max(score_at_mql) FILTER (WHERE ${TRIGGER} IS DISTINCT FROM 'high_intent') AS max_score
       FROM handoffs WHERE tier IS NOT NULL AND trim(tier) <> ''
      GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1`,
  );
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return tierRows.map((r, i) => {
    const min = num(r.min_score);
    // The boundary lies above every lower tier's scores and at or below this tier's lowest: a decayed
    // score of 90.0012 says "from 90". Take the roundest number within a point below the lowest score
    // and above the lower tiers' (every handoff keeps its tier); a wider gap is no evidence for a round number.
    const below = tierRows.slice(i + 1).map((b) => num(b.max_score)).filter((x): x is number => x !== null);
    const lo = Math.max(min === null ? -Infinity : min - 1, ...below);
    return { name: String(r.name), minScore: min === null ? null : roundestAbove(lo, min) };
  });
}

/** The roundest number x with lo < x <= hi (multiples of 100, 50, 25, 10, 5, 1, 0.5, 0.1, 0.01 in turn); hi when none is. */
export function roundestAbove(lo: number, hi: number): number {
  for (const step of [100, 50, 25, 10, 5, 1, 0.5, 0.1, 0.01]) {
    const round = (v: number): number => Math.round(v * 100) / 100; // no float dust (0.30000000000000004)
    let x = round(Math.ceil(lo / step) * step);
    if (x <= lo) x = round(x + step);
    if (x <= hi) return x;
  }
  return hi;
}

export async function inferFacts(conn: DuckDBConnection): Promise<InferredFacts> {
  const { threshold, thresholdHow } = await inferThreshold(conn);
  const tiers = await inferTierFacts(conn);
  const trig = TRIGGER;
  const one = (sql: string): Promise<Rows> => rowsOf(conn, sql);

  const hi = await one(
    `WITH hi AS (SELECT DISTINCT lead_id, mql_at FROM handoffs WHERE ${trig} = 'high_intent')
     SELECT a.activity_type AS type, count(DISTINCT hi.lead_id)::INTEGER AS n, (SELECT count(*) FROM hi)::INTEGER AS total
       FROM hi JOIN activities a ON a.lead_id = hi.lead_id AND a.occurred_at = hi.mql_at
      GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const highIntentTypes = hi
    .filter((r) => Number(r.n) >= Math.max(1, HIGH_INTENT_MIN_SHARE * Number(r.total)))
    .map((r) => String(r.type));

  return { threshold, thresholdHow, tiers, highIntentTypes };
}
