// X Education "Lead Scoring": one row per lead with a Converted outcome and no
// timestamps at all. Leads, handoffs and dispositions all come from Leads.csv;
// every date is one placeholder (the day the data was published), which the
// missing notes state plainly.
import { sqlIdent as q, sqlString } from '../sql-text';
import type { DatasetAdapter } from './dataset-adapter';
import { csvText } from './dataset-adapter';

/** The only date this dataset can be given: when it was published (2019-12-30). */
export const X_EDUCATION_PLACEHOLDER_DATE = '2019-12-30 00:00:00+00';

// "Select" is the form's unselected state: it means no answer.
const answer = (col: string): string => `NULLIF(NULLIF(TRIM(${q(col)}), ''), 'Select')`;

// Tags that clearly name why a lead did not buy, as canonical rejection reasons.
const TAG_REASONS: readonly (readonly [string, string])[] = [
  ['Already a student', 'already_customer'],
  ['Not doing further education', 'not_icp'],
  ['Interested in other courses', 'not_icp'],
  ['Interested  in full time MBA', 'not_icp'],
  ['Diploma holder (Not Eligible)', 'not_icp'],
  ['Graduation in progress', 'not_icp'],
  ['Not Eligible', 'not_icp'],
  ['University not recognized', 'not_icp'],
  ['Recognition issue (DEC approval)', 'not_icp'],
  ['invalid number', 'bad_data'],
  ['wrong number given', 'bad_data'],
  ['number not provided', 'bad_data'],
  ['Lost to EINS', 'competitor'],
  ['Lost to Others', 'competitor'],
  ['in touch with EINS', 'competitor'],
  ['Want to take admission but has financial problems', 'no_budget'],
  ['Interested in Next batch', 'no_timeline'],
  ['In confusion whether part time or DLP', 'other'],
];

export const xEducationLeadScoring: DatasetAdapter = {
  name: 'X Education lead scoring',
  files: ['Leads.csv'],
  async build(dir) {
    const leads = csvText(dir, 'Leads.csv');
    const at = `TIMESTAMPTZ ${sqlString(X_EDUCATION_PLACEHOLDER_DATE)}`;
    const reason = `CASE TRIM(${q('Tags')}) ${TAG_REASONS.map(([tag, r]) => `WHEN ${sqlString(tag)} THEN ${sqlString(r)}`).join(' ')} END`;
    const sources = [
      {
        table: 'leads' as const,
        label: 'Leads.csv',
        sql: `SELECT ${q('Prospect ID')} AS lead_id, ${at} AS created_at, lower(${answer('Lead Source')}) AS source,
                ${answer('Lead Origin')} AS campaign, ${answer('Specialization')} AS industry, ${answer('City')} AS region,
                ${answer('What is your current occupation')} AS title
              FROM ${leads}`,
      },
      { table: 'handoffs' as const, label: 'Leads.csv', sql: `SELECT ${q('Prospect ID')} AS lead_id, ${at} AS mql_at FROM ${leads}` },
      {
        table: 'dispositions' as const,
        label: 'Leads.csv',
        sql: `SELECT ${q('Prospect ID')} AS lead_id,
                CASE WHEN ${q('Converted')} = '1' THEN 'accepted' WHEN ${reason} IS NOT NULL THEN 'rejected' END AS decision,
                CASE WHEN ${q('Converted')} = '0' THEN ${reason} END AS rejection_reason,
                ${q('Converted')} = '1' AS won
              FROM ${leads}`,
      },
    ];
    return {
      sources,
      missing: [
        `No timestamps at all: every lead, handoff and outcome is dated ${X_EDUCATION_PLACEHOLDER_DATE.slice(0, 10)} (when the data was published), so time windows, speed-to-lead, SLAs, weekly trends and backtests cannot be answered.`,
        'No per-event activities (only totals such as TotalVisits and Last Activity), so leads cannot be re-scored from activities.',
        'No MQL stage and no score at MQL: every lead is treated as handed off, so threshold what-ifs cannot be answered.',
        'No reps or assignments: routing, rep load and capacity cannot be analysed.',
        'The outcome is Converted (paid for a course); rejections and their reasons are read from Tags only where the tag clearly names a reason, and the rest are left undecided.',
        'Lead Source is lower-cased so "google" and "Google" count as one; "Select" in form fields means not chosen and is imported as empty.',
      ],
    };
  },
};
