// The workspace as columnar typed arrays, loaded once and kept: what the
// interactive replay and forecast loop over. Leads are numbered 0..n-1 in
// lead_id order ("lead index"); every per-lead array is indexed by it.

/** A dictionary-encoded string column: codes[i] indexes values, -1 = empty (NULL or blank). */
export interface CodedColumn {
  readonly codes: Int32Array;
  /** Distinct trimmed values (lead columns: in order of first appearance by lead index; others: sorted); code k is values[k]. */
  readonly values: readonly string[];
}

export const LEAD_STRING_FIELDS = [
  'email', 'first_name', 'last_name', 'company', 'account_id', 'industry', 'region', 'title', 'seniority', 'source', 'campaign',
] as const;
export type LeadStringField = (typeof LEAD_STRING_FIELDS)[number];

/** emailKind values: computed once with engine/scoring/free-email.ts so every consumer agrees. */
export const EMAIL_MISSING = 0;
export const EMAIL_FREE = 1;
export const EMAIL_OTHER = 2;

export interface LeadColumns {
  readonly n: number;
  /** lead_id by lead index (sorted ascending). */
  readonly ids: readonly string[];
  /** epoch ms; NaN when missing. */
  readonly createdAt: Float64Array;
  /** Employees; NaN when missing. */
  readonly companySize: Float64Array;
  readonly strings: Readonly<Record<LeadStringField, CodedColumn>>;
  /** EMAIL_MISSING, EMAIL_FREE or EMAIL_OTHER per lead. */
  readonly emailKind: Uint8Array;
}

/** Activities grouped per lead (CSR) and sorted by (occurred_at, file order) within a lead. */
export interface ActivityColumns {
  readonly n: number;
  /** Activities of lead i are rows leadOffsets[i] .. leadOffsets[i+1]-1. Length nLeads + 1. */
  readonly leadOffsets: Int32Array;
  /** epoch ms */
  readonly time: Float64Array;
  /** Index into `types`. */
  readonly typeCode: Uint16Array;
  /** Distinct activity types, lower-cased and trimmed. */
  readonly types: readonly string[];
  /** Activities whose lead_id is not in leads (or without a time or type): not loaded. */
  readonly dropped: number;
}

export const TRIGGER_NONE = 0;
export const TRIGGER_SCORE = 1;
export const TRIGGER_HIGH_INTENT = 2;
export const TRIGGER_MANUAL = 3;
export const TRIGGER_OTHER = 4;
export const TRIGGER_NAMES = ['', 'score_threshold', 'high_intent', 'manual', 'other'] as const;

/**
 * The historical handoff of each lead. A lead can have several handoff rows
 * (re-MQL after recycling); these arrays hold its FIRST one (earliest mql_at,
 * then file order), which is what the replay compares with since a lead
 * becomes an MQL at most once under a policy. `count` says how many rows there were.
 */
export interface HandoffColumns {
  /** Number of handoff rows per lead (0 = never handed off). */
  readonly count: Int32Array;
  /** epoch ms of the first handoff; NaN when none. */
  readonly mqlAt: Float64Array;
  /** TRIGGER_* code. */
  readonly trigger: Uint8Array;
  /** NaN when missing. */
  readonly scoreAtMql: Float64Array;
  readonly tier: CodedColumn;
  readonly assignedRep: CodedColumn;
  /** epoch ms; NaN when missing. */
  readonly assignedAt: Float64Array;
  readonly routingRule: CodedColumn;
  /** Handoff rows whose lead_id is not in leads: not loaded. */
  readonly dropped: number;
}

export const DECISION_NONE = 0;
export const DECISION_ACCEPTED = 1;
export const DECISION_REJECTED = 2;
export const DECISION_DEFERRED = 3;
export const DECISION_OTHER = 4;

/**
 * The disposition of each lead: its FIRST disposition row in file order (the
 * contract has no key tying a disposition to a handoff row; exports list them
 * in handoff order). `count` says how many rows there were.
 */
export interface DispositionColumns {
  readonly count: Int32Array;
  readonly rep: CodedColumn;
  /** DECISION_* code. */
  readonly decision: Uint8Array;
  readonly decidedAt: Float64Array;
  readonly rejectionReason: CodedColumn;
  readonly firstContactAt: Float64Array;
  readonly firstContactChannel: CodedColumn;
  readonly firstContactOutcome: CodedColumn;
  /** NaN when missing. */
  readonly contactAttempts: Float64Array;
  readonly sqlAt: Float64Array;
  readonly opportunityAt: Float64Array;
  readonly opportunityAmount: Float64Array;
  readonly closedAt: Float64Array;
  /** 1 won, 0 lost, -1 unknown. */
  readonly won: Int8Array;
  readonly dropped: number;
}

export interface WorkspaceColumns {
  readonly leads: LeadColumns;
  readonly activities: ActivityColumns;
  readonly handoffs: HandoffColumns;
  readonly dispositions: DispositionColumns;
  /** IANA zone from hl_meta 'timezone' (default UTC): dates in scenarios are read in it. */
  readonly timezone: string;
  /** Wall-clock ms the load took, in total and per phase. */
  readonly loadMs: number;
  readonly loadPhases: Readonly<Record<string, number>>;
}

/**
 * The columns a forecast session keeps (and everything it calls reads): the dispositions are read once,
 * into the lead history (forecast/history.ts), then let go (~60 MB at L of a 2 GB budget).
 */
export type SessionColumns = Omit<WorkspaceColumns, 'dispositions'>;

/** `cols` without its dispositions (a new object: the caller's keeps them). */
export function withoutDispositions(cols: WorkspaceColumns): SessionColumns {
  const { dispositions: _dropped, ...kept } = cols;
  return kept;
}
