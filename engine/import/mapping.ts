// Column mapping: which header in a user's file holds which canonical column.
// Suggestions come from a saved mapping first, then the canonical name itself,
// then synonyms from common CRM exports; the caller confirms them and the
// confirmed mapping is saved per table and source header for the next import.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../workspace/database';
import { TABLES, type TableName } from '../workspace/tables';

/** canonical column -> source header, as written in the file. */
export type ColumnMapping = Readonly<Record<string, string>>;

export type MatchReason = 'saved' | 'exact' | 'synonym' | 'partial';

export interface ColumnSuggestion {
  /** Header as written in the file. */
  readonly source: string;
  /** Canonical column it maps to, or null when nothing fits (the column is ignored). */
  readonly canonical: string | null;
  /** 1 = saved or exact name, 0.9 = known CRM synonym, 0.5 = partial name match (confirm it). */
  readonly confidence: number;
  readonly reason: MatchReason | null;
}

export interface MappingSuggestion {
  readonly table: TableName;
  readonly columns: readonly ColumnSuggestion[];
  /** The mapping the suggestions add up to (only matches with confidence >= AUTO_ACCEPT). */
  readonly mapping: ColumnMapping;
  /** Required canonical columns no header was matched to. */
  readonly missingRequired: readonly string[];
}

/** Suggestions at or above this confidence are used without asking (directory import). */
export const AUTO_ACCEPT = 0.8;

const CONFIDENCE: Readonly<Record<MatchReason, number>> = { saved: 1, exact: 1, synonym: 0.9, partial: 0.5 };
// A saved choice beats an exact name: the user confirmed it.
const RANK: Readonly<Record<MatchReason, number>> = { saved: 4, exact: 3, synonym: 2, partial: 1 };

/** Case, spaces and punctuation do not matter: "Lead ID", "lead_id" and "LeadId" are one name. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Headers of HubSpot, Salesforce, Marketo and Pardot exports, by table. Written
// as exported; normalised on use.
const SYNONYMS: Readonly<Record<TableName, Readonly<Record<string, readonly string[]>>>> = {
  leads: {
    lead_id: ['Record ID', 'Contact ID', 'Lead ID', 'Id', 'Prospect ID', 'Marketo ID', 'Pardot ID', 'Lead Number', 'hs_object_id', 'vid'],
    created_at: ['Create Date', 'Created Date', 'CreatedDate', 'Created At', 'Created', 'Date Created', 'createdate', 'Lead Created Date', 'Created Time'],
    email: ['Email', 'Email Address', 'E-mail', 'Work Email', 'Business Email'],
    first_name: ['First Name', 'FirstName', 'Given Name', 'firstname'],
    last_name: ['Last Name', 'LastName', 'Surname', 'Family Name', 'lastname'],
    company: ['Company Name', 'Company', 'Account Name', 'Organization', 'Organisation', 'Associated Company'],
    account_id: ['AccountId', 'Account ID', 'Associated Company ID', 'Company ID', 'SFDC Account ID'],
    company_size: ['Number of Employees', 'NumberOfEmployees', 'Employees', 'Company Size', 'Employee Count', 'numemployees'],
    industry: ['Industry', 'Sector', 'Vertical'],
    region: ['Region', 'Territory', 'Country', 'Country/Region', 'State/Region', 'Sales Region'],
    title: ['Job Title', 'Title', 'jobtitle', 'Position', 'Role'],
    seniority: ['Seniority', 'Job Level', 'Management Level', 'Job Seniority'],
    source: ['Original Source', 'Lead Source', 'LeadSource', 'Source', 'Original Source Type', 'Channel', 'hs_analytics_source', 'Acquisition Channel', 'Origin'],
    campaign: ['Campaign', 'Campaign Name', 'Original Source Drill-Down 1', 'Acquisition Program', 'utm_campaign', 'First Touch Campaign'],
  },
  activities: {
    lead_id: ['Record ID', 'Contact ID', 'Lead ID', 'LeadId', 'WhoId', 'Prospect ID', 'Marketo ID'],
    occurred_at: ['Activity Date', 'ActivityDate', 'Timestamp', 'Date', 'Created Date', 'CreatedDate', 'Event Date', 'Occurred At'],
    activity_type: ['Activity Type', 'Type', 'Event Type', 'Activity', 'Activity Type Name', 'Event'],
    detail: ['Details', 'Detail', 'Description', 'Subject', 'Primary Attribute Value', 'Asset', 'Page URL'],
  },
  handoffs: {
    lead_id: ['Record ID', 'Contact ID', 'Lead ID', 'Id', 'Prospect ID'],
    mql_at: ['Became a Marketing Qualified Lead Date', 'MQL Date', 'MQL Date Time', 'MQL Timestamp', 'Date became MQL', 'hs_lifecyclestage_marketingqualifiedlead_date', 'MQL_Date__c'],
    trigger: ['MQL Reason', 'MQL Trigger', 'Trigger', 'Qualification Reason'],
    score_at_mql: ['Score at MQL', 'HubSpot Score', 'Lead Score', 'Score', 'Pardot Score', 'Behavior Score'],
    tier: ['Tier', 'Priority', 'Lead Priority', 'Rating', 'Lead Rating', 'Grade'],
    assigned_rep_id: ['Contact owner', 'Lead Owner', 'OwnerId', 'Owner ID', 'HubSpot Owner ID', 'Assigned User', 'Assigned To', 'Lead Owner ID', 'Sales Owner'],
    assigned_at: ['Owner Assigned Date', 'Assigned Date', 'Assigned At', 'hubspot_owner_assigneddate'],
    routing_rule: ['Routing Rule', 'Assignment Rule', 'Routing Reason'],
  },
  dispositions: {
    lead_id: ['Record ID', 'Contact ID', 'Lead ID', 'Id', 'Prospect ID'],
    rep_id: ['Rep ID', 'OwnerId', 'Owner ID', 'Contact owner', 'Lead Owner', 'Sales Rep', 'Decided By'],
    decision: ['Decision', 'Status', 'Lead Status', 'Disposition', 'Acceptance Status'],
    decided_at: ['Decided At', 'Decision Date', 'Status Changed Date', 'Accepted Date'],
    rejection_reason: ['Rejection Reason', 'Disqualification Reason', 'Disqualified Reason', 'Reason', 'Unqualified Reason', 'Lead Status Reason'],
    first_contact_at: ['First Contact Date', 'First Contact At', 'First Outreach Date', 'First Touch Date', 'Time of First Engagement', 'hs_sa_first_engagement_date'],
    first_contact_channel: ['First Contact Channel', 'First Outreach Channel', 'Contact Channel'],
    first_contact_outcome: ['First Contact Outcome', 'Call Outcome', 'First Outreach Outcome'],
    contact_attempts: ['Contact Attempts', 'Number of Sales Activities', 'Attempts', 'num_contacted_notes', 'Call Attempts'],
    sql_at: ['SQL Date', 'Became a Sales Qualified Lead Date', 'Sales Qualified Date', 'hs_lifecyclestage_salesqualifiedlead_date'],
    opportunity_at: ['Opportunity Date', 'Became an Opportunity Date', 'Opportunity Created Date', 'ConvertedDate', 'hs_lifecyclestage_opportunity_date'],
    opportunity_amount: ['Opportunity Amount', 'Amount', 'Deal Amount', 'Close Value', 'Expected Revenue'],
    closed_at: ['Closed At', 'Close Date', 'CloseDate', 'Closed Date'],
    won: ['Won', 'IsWon', 'Is Won', 'Closed Won'],
  },
  reps: {
    rep_id: ['Rep ID', 'Owner ID', 'User ID', 'Id', 'OwnerId', 'Sales Agent', 'Agent ID'],
    name: ['Name', 'Full Name', 'Rep Name', 'Owner Name', 'User Name'],
    region: ['Region', 'Regions', 'Territory', 'Territories', 'Regional Office'],
    segment: ['Segment', 'Market Segment', 'Team'],
    timezone: ['Timezone', 'Time Zone', 'TimeZoneSidKey'],
    work_start: ['Work Start', 'Start Time', 'Shift Start'],
    work_end: ['Work End', 'End Time', 'Shift End'],
    daily_capacity: ['Daily Capacity', 'Capacity', 'Leads Per Day'],
    active_from: ['Active From', 'Start Date', 'Hire Date'],
    active_to: ['Active To', 'End Date', 'Termination Date'],
  },
};

/** Suggest a mapping for one table from a file's headers; saved rows (source header -> canonical) take precedence. */
export function suggestMapping(
  table: TableName,
  headers: readonly string[],
  saved: ReadonlyMap<string, string> = new Map(),
): MappingSuggestion {
  const def = TABLES[table];
  const canonicalByNorm = new Map(def.columns.map((col) => [normaliseHeader(col.name), col.name]));
  const synonymByNorm = new Map<string, string>();
  for (const [canonical, names] of Object.entries(SYNONYMS[table])) {
    for (const n of names) if (!synonymByNorm.has(normaliseHeader(n))) synonymByNorm.set(normaliseHeader(n), canonical);
  }

  // Candidates for every header, then each canonical column goes to its best header.
  type Candidate = { source: string; canonical: string; reason: MatchReason; order: number; len?: number };
  const candidates: Candidate[] = [];
  headers.forEach((source, order) => {
    const norm = normaliseHeader(source);
    const fromSaved = saved.get(source);
    if (fromSaved !== undefined && def.columns.some((col) => col.name === fromSaved)) {
      candidates.push({ source, canonical: fromSaved, reason: 'saved', order });
      return;
    }
    const exact = canonicalByNorm.get(norm);
    if (exact) candidates.push({ source, canonical: exact, reason: 'exact', order });
    const syn = synonymByNorm.get(norm);
    if (syn) candidates.push({ source, canonical: syn, reason: 'synonym', order });
    if (!exact && !syn && norm.length >= 4) {
      // "Lead Email Address" still hints at email; offered for confirmation, never auto-accepted.
      for (const col of def.columns) {
        const cn = normaliseHeader(col.name);
        if (cn.length >= 4 && norm.includes(cn)) candidates.push({ source, canonical: col.name, reason: 'partial', order, len: cn.length });
      }
    }
  });
  // Among partial matches the longest name wins: "company size" over "company".
  candidates.sort((a, b) => RANK[b.reason] - RANK[a.reason] || (b.len ?? 0) - (a.len ?? 0) || a.order - b.order);

  const bySource = new Map<string, Candidate>();
  const taken = new Set<string>();
  for (const cand of candidates) {
    if (bySource.has(cand.source) || taken.has(cand.canonical)) continue;
    bySource.set(cand.source, cand);
    taken.add(cand.canonical);
  }

  const columns: ColumnSuggestion[] = headers.map((source) => {
    const cand = bySource.get(source);
    return cand
      ? { source, canonical: cand.canonical, confidence: CONFIDENCE[cand.reason], reason: cand.reason }
      : { source, canonical: null, confidence: 0, reason: null };
  });
  const mapping: Record<string, string> = {};
  for (const col of columns) if (col.canonical && col.confidence >= AUTO_ACCEPT) mapping[col.canonical] = col.source;
  const missingRequired = def.columns.filter((col) => col.required && mapping[col.name] === undefined).map((col) => col.name);
  return { table, columns, mapping, missingRequired };
}

/** Saved rows for a table: source header -> canonical column. */
export async function loadSavedMapping(ws: Workspace, table: TableName): Promise<Map<string, string>> {
  const rows = (
    await ws.connection.runAndReadAll(`SELECT source_header, canonical FROM hl_mappings WHERE table_name = $1`, [table])
  ).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.source_header), String(r.canonical)]));
}

/**
 * Save a confirmed mapping. A header mapped anew replaces its old row, and a
 * canonical column now taken by another header forgets its old header, so the
 * saved state always reads as one consistent mapping per header.
 */
export async function saveMapping(ws: Workspace, table: TableName, mapping: ColumnMapping): Promise<void> {
  await saveMappingWith(ws.connection, table, mapping);
}

/** saveMapping on a given connection, so the importer can save inside its own transaction. */
export async function saveMappingWith(connection: DuckDBConnection, table: TableName, mapping: ColumnMapping): Promise<void> {
  for (const [canonical, source] of Object.entries(mapping)) {
    await connection.run(`DELETE FROM hl_mappings WHERE table_name = $1 AND canonical = $2 AND source_header <> $3`, [
      table,
      canonical,
      source,
    ]);
    await connection.run(`INSERT OR REPLACE INTO hl_mappings VALUES ($1, $2, $3)`, [table, source, canonical]);
  }
}
