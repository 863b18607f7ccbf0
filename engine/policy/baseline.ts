// The policy that was in force, as far as observed metrics need it: the tiers
// with their first-contact SLAs and whether SLAs count business hours. Read
// from hl_meta 'scoring_model' (DATA_CONTRACT section 2 blocks) or, without
// it, inferred from handoffs.tier with the contract's default SLAs.
// Only the parts read here are validated; the full scenario schema lives in engine/scenario.
import { z } from 'zod';
import type { Workspace } from '../workspace/database';

export interface TierSla {
  readonly name: string;
  /** From the scoring model; null when tiers were inferred. */
  readonly minScore: number | null;
  readonly slaHours: number;
}

export interface BaselinePolicy {
  /** Where the tiers and SLA settings came from; 'inferred' must be shown as such. */
  readonly source: 'scoring_model' | 'inferred';
  /** Highest priority first (highest min_score); the last one is the catch-all. */
  readonly tiers: readonly TierSla[];
  readonly businessHours: boolean;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** The contract's field defaults for inferred tiers (business hours). */
export const DEFAULT_TIER_SLA_HOURS: Readonly<Record<string, number>> = { A: 1, B: 4, C: 24 };
/** An inferred tier with a name outside A/B/C gets the most lenient default. */
export const FALLBACK_SLA_HOURS = 24;

const tierSchema = z.looseObject({
  name: z.string().trim().min(1),
  min_score: z.number().finite(),
  first_contact_sla_hours: z.number().finite().nonnegative(),
});

// Loose objects: other blocks and fields belong to the scenario schema, not to this reader.
const scoringModelSchema = z.looseObject({
  tiers: z.array(tierSchema).min(1).optional(),
  sla: z.looseObject({ business_hours: z.boolean().optional() }).optional(),
});

/** Parses the stored scoring model JSON; PolicyError naming the field when it is malformed. */
export function parseScoringModel(json: string): { tiers: TierSla[] | null; businessHours: boolean | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new PolicyError('The saved scoring model is not valid JSON. Re-import scoring_model.json.');
  }
  const parsed = scoringModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.join('.') : '';
    throw new PolicyError(`The saved scoring model has a bad value${field ? ` at "${field}"` : ''}: ${issue?.message ?? 'invalid'}.`);
  }
  const tiers = parsed.data.tiers
    ? [...parsed.data.tiers]
        .map((t) => ({ name: t.name, minScore: t.min_score, slaHours: t.first_contact_sla_hours }))
        // Stable sort: tiers are tried from the highest min_score down (engine/scoring/SEMANTICS.md).
        .sort((a, b) => b.minScore - a.minScore)
    : null;
  return { tiers, businessHours: parsed.data.sla?.business_hours ?? null };
}

/**
 * Tiers inferred from the tier names seen in handoffs: A, B, C first with 1/4/24 h,
 * other names after with 24 h; with no names at all, the default A/B/C.
 */
export function inferTiers(names: readonly string[]): TierSla[] {
  const seen = new Set(names.map((n) => n.trim()).filter((n) => n.length > 0));
  if (seen.size === 0) for (const n of Object.keys(DEFAULT_TIER_SLA_HOURS)) seen.add(n);
  const sla = (n: string): number => DEFAULT_TIER_SLA_HOURS[n.toUpperCase()] ?? FALLBACK_SLA_HOURS;
  return [...seen]
    .sort((a, b) => sla(a) - sla(b) || a.localeCompare(b))
    .map((name) => ({ name, minScore: null, slaHours: sla(name) }));
}

/** Reads the baseline policy of a workspace. */
export async function readBaselinePolicy(ws: Workspace): Promise<BaselinePolicy> {
  const row = (await ws.connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key = 'scoring_model'`)).getRowObjectsJS()[0];
  const model = typeof row?.value === 'string' && row.value.trim() !== '' ? parseScoringModel(row.value) : null;
  if (model?.tiers) {
    return { source: 'scoring_model', tiers: model.tiers, businessHours: model.businessHours ?? true };
  }
  const names = (await ws.connection.runAndReadAll(`SELECT DISTINCT tier FROM handoffs WHERE tier IS NOT NULL`))
    .getRowObjectsJS()
    .map((r) => String(r.tier));
  return { source: 'inferred', tiers: inferTiers(names), businessHours: model?.businessHours ?? true };
}

/**
 * The tier whose SLA applies to a handoff's recorded tier: matched by name
 * (trimmed, case-insensitive). A missing or unknown tier gets the last tier
 * (the catch-all, lowest priority, most lenient SLA) and matched = false, so
 * callers can count and report it.
 */
export function resolveTier(policy: BaselinePolicy, tier: string | null): { tier: TierSla; matched: boolean } {
  const key = tier?.trim().toLowerCase();
  const found = key ? policy.tiers.find((t) => t.name.trim().toLowerCase() === key) : undefined;
  if (found) return { tier: found, matched: true };
  const last = policy.tiers[policy.tiers.length - 1];
  if (!last) throw new PolicyError('The policy lists no tiers, so no SLA applies.');
  return { tier: last, matched: false };
}
