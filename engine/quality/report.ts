// The data-quality report: how complete and clean the loaded history is, in
// counts and shares, so a RevOps lead sees partial data before trusting a forecast.
import { FREE_EMAIL_DOMAINS } from '../scoring/free-email';
import type { Workspace } from '../workspace/database';

export interface Share {
  readonly count: number;
  /** What count is out of. */
  readonly base: number;
  /** count / base, or null when base is 0. */
  readonly share: number | null;
}

export interface QualityReport {
  readonly leads: number;
  readonly handoffs: number;
  readonly dispositions: number;
  /** Free-mail addresses among leads with an email address. */
  readonly freeEmail: Share;
  readonly missingEmail: Share;
  /** No first name or no last name. */
  readonly missingName: Share;
  readonly missingCompany: Share;
  readonly missingCompanySize: Share;
  /** Leads that repeat an earlier lead: same email (case-insensitive), or same first + last name + company (case, spaces, punctuation ignored). */
  readonly probableDuplicates: Share & { readonly sameEmail: number; readonly sameNameAndCompany: number };
  readonly handoffsWithoutTrigger: Share;
  /** Rejected dispositions with no rejection_reason, out of rejected dispositions. */
  readonly rejectedWithoutReason: Share;
  /** The findings as plain sentences, worst first where it matters. */
  readonly notes: readonly string[];
}

const share = (count: number, base: number): Share => ({ count, base, share: base === 0 ? null : count / base });

const pct = (s: Share): string => (s.share === null ? 'n/a' : `${(s.share * 100).toFixed(1)}%`);

const blank = (col: string): string => `(${col} IS NULL OR TRIM(${col}) = '')`;

export async function qualityReport(ws: Workspace): Promise<QualityReport> {
  const c = ws.connection;
  const leadRow = (
    await c.runAndReadAll(
      `WITH l AS (
         SELECT *, lower(TRIM(email)) AS email_key,
           lower(regexp_extract(TRIM(email), '^[^@\\s]+@([^@\\s]+)$', 1)) AS domain,
           CASE WHEN NOT ${blank('first_name')} AND NOT ${blank('last_name')} AND NOT ${blank('company')}
             THEN regexp_replace(lower(first_name || '|' || last_name || '|' || company), '[^a-z0-9|]', '', 'g') END AS name_key
         FROM leads),
       d AS (
         SELECT *,
           CASE WHEN email_key IS NULL OR email_key = '' THEN 1 ELSE row_number() OVER (PARTITION BY email_key ORDER BY created_at, lead_id) END AS e_rank,
           CASE WHEN name_key IS NULL THEN 1 ELSE row_number() OVER (PARTITION BY name_key ORDER BY created_at, lead_id) END AS n_rank
         FROM l)
       SELECT count(*) AS leads,
         count(*) FILTER (WHERE domain IS NOT NULL AND domain <> '') AS with_email,
         count(*) FILTER (WHERE list_contains(from_json($1, '["VARCHAR"]'), domain)) AS free_email,
         count(*) FILTER (WHERE ${blank('email')}) AS missing_email,
         count(*) FILTER (WHERE ${blank('first_name')} OR ${blank('last_name')}) AS missing_name,
         count(*) FILTER (WHERE ${blank('company')}) AS missing_company,
         count(*) FILTER (WHERE company_size IS NULL) AS missing_size,
         count(*) FILTER (WHERE e_rank > 1) AS dup_email,
         count(*) FILTER (WHERE n_rank > 1) AS dup_name,
         count(*) FILTER (WHERE e_rank > 1 OR n_rank > 1) AS dup_any
       FROM d`,
      [JSON.stringify([...FREE_EMAIL_DOMAINS])],
    )
  ).getRowObjectsJS()[0]!;
  const handoffRow = (
    await c.runAndReadAll(`SELECT count(*) AS n, count(*) FILTER (WHERE ${blank('trigger')}) AS no_trigger FROM handoffs`)
  ).getRowObjectsJS()[0]!;
  const dispRow = (
    await c.runAndReadAll(
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE lower(TRIM(decision)) = 'rejected') AS rejected,
         count(*) FILTER (WHERE lower(TRIM(decision)) = 'rejected' AND ${blank('rejection_reason')}) AS no_reason
       FROM dispositions`,
    )
  ).getRowObjectsJS()[0]!;
  const n = (v: unknown): number => Number(v ?? 0);
  const leads = n(leadRow.leads);
  const report = {
    leads,
    handoffs: n(handoffRow.n),
    dispositions: n(dispRow.n),
    freeEmail: share(n(leadRow.free_email), n(leadRow.with_email)),
    missingEmail: share(n(leadRow.missing_email), leads),
    missingName: share(n(leadRow.missing_name), leads),
    missingCompany: share(n(leadRow.missing_company), leads),
    missingCompanySize: share(n(leadRow.missing_size), leads),
    probableDuplicates: { ...share(n(leadRow.dup_any), leads), sameEmail: n(leadRow.dup_email), sameNameAndCompany: n(leadRow.dup_name) },
    handoffsWithoutTrigger: share(n(handoffRow.no_trigger), n(handoffRow.n)),
    rejectedWithoutReason: share(n(dispRow.no_reason), n(dispRow.rejected)),
  };
  return { ...report, notes: qualityNotes(report) };
}

function qualityNotes(r: Omit<QualityReport, 'notes'>): string[] {
  if (r.leads === 0) return ['No leads are loaded yet: import a history to see its data quality.'];
  const notes: string[] = [];
  const fmt = (x: number): string => x.toLocaleString('en-US');
  notes.push(`${fmt(r.freeEmail.count)} of ${fmt(r.freeEmail.base)} email addresses (${pct(r.freeEmail)}) are free-mail (gmail.com, outlook.com, ...), not business addresses.`);
  notes.push(`${pct(r.missingName)} of leads lack a first or last name, ${pct(r.missingCompany)} a company and ${pct(r.missingCompanySize)} a company size: these fail the enrichment pre-flight and go to the data-completion queue when a policy requires them.`);
  if (r.probableDuplicates.count > 0) {
    notes.push(`${fmt(r.probableDuplicates.count)} leads (${pct(r.probableDuplicates)}) look like repeats of an earlier lead: ${fmt(r.probableDuplicates.sameEmail)} by email, ${fmt(r.probableDuplicates.sameNameAndCompany)} by name and company.`);
  } else notes.push('No probable duplicate people were found.');
  if (r.handoffs > 0) notes.push(`${fmt(r.handoffsWithoutTrigger.count)} of ${fmt(r.handoffs)} handoffs (${pct(r.handoffsWithoutTrigger)}) have no logged trigger.`);
  if (r.rejectedWithoutReason.base > 0) {
    notes.push(`${fmt(r.rejectedWithoutReason.count)} of ${fmt(r.rejectedWithoutReason.base)} rejections (${pct(r.rejectedWithoutReason)}) give no reason, which hides why sales turns leads down.`);
  } else if (r.dispositions > 0) notes.push('No rejected dispositions are logged.');
  return notes;
}
