// The policy that was in force, as far as observed metrics need it: the tiers
// with their first-contact SLAs and whether SLAs count business hours. Read
// from hl_meta 'scoring_model' (DATA_CONTRACT section 2 blocks) or, without
// it, inferred from handoffs.tier with the contract's default SLAs.
import { inferTierFacts, inferTiers } from '../scenario/baseline';
import { DEFAULT_SLA, tierOrder } from '../scenario/policy';
import { parseScoringModelJson } from '../scenario/schema';
import type { Workspace } from '../workspace/database';
import { getMeta } from '../workspace/settings';

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

/**
 * Reads the baseline policy of a workspace: the stored scoring model's tiers, or
 * tiers inferred exactly as the forecast's baseline infers them
 * (engine/scenario/baseline.ts), so observed and forecast SLA compliance agree.
 */
export async function readBaselinePolicy(ws: Workspace): Promise<BaselinePolicy> {
  const text = await getMeta(ws, 'scoring_model');
  const model = text !== null && text.trim() !== '' ? parseScoringModelJson(text, 'scoring_model.json (saved in the workspace)') : null;
  const businessHours = model?.sla?.business_hours ?? DEFAULT_SLA.business_hours;
  if (model?.tiers) {
    const tiers = tierOrder(model.tiers).flatMap((i) => {
      const t = model.tiers?.[i];
      return t ? [{ name: t.name, minScore: t.min_score, slaHours: t.first_contact_sla_hours }] : [];
    });
    return { source: 'scoring_model', tiers, businessHours };
  }
  // Only names and SLAs matter here; the threshold just bounds the catch-all tier's minimum.
  const inferred = inferTiers({ tiers: await inferTierFacts(ws.connection) }, model?.mql?.threshold ?? 0);
  return {
    source: 'inferred',
    tiers: inferred.map((t) => ({ name: t.name, minScore: null, slaHours: t.first_contact_sla_hours })),
    businessHours,
  };
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
