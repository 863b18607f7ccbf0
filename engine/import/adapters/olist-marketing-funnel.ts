// Olist "Marketing Funnel": one file of MQLs (landing-page form fills) and one
// of won deals. Every MQL becomes a lead and a handoff at its MQL date; won
// deals give the outcome. SDR-filled fields exist only for won deals, so they
// would leak the outcome into lead attributes and are left out.
import type { DatasetAdapter } from './dataset-adapter';
import { csvText, scalar } from './dataset-adapter';

const MQL = 'olist_marketing_qualified_leads_dataset.csv';
const DEALS = 'olist_closed_deals_dataset.csv';

export const olistMarketingFunnel: DatasetAdapter = {
  name: 'Olist marketing funnel',
  files: [MQL, DEALS],
  async build(dir, connection) {
    const mql = csvText(dir, MQL);
    const deals = csvText(dir, DEALS);
    const sources = [
      {
        table: 'leads' as const,
        label: MQL,
        sql: `SELECT mql_id AS lead_id, first_contact_date AS created_at, NULLIF(TRIM(origin), '') AS source, landing_page_id AS campaign FROM ${mql}`,
      },
      { table: 'handoffs' as const, label: MQL, sql: `SELECT mql_id AS lead_id, first_contact_date AS mql_at FROM ${mql}` },
      {
        table: 'dispositions' as const,
        label: DEALS,
        // One row per MQL: a won deal gives won = true and its date; no deal means "not won (yet)", left unknown rather than lost.
        sql: `SELECT m.mql_id AS lead_id, d.sdr_id AS rep_id, d.won_date AS closed_at, CASE WHEN d.mql_id IS NOT NULL THEN true END AS won
              FROM ${mql} m LEFT JOIN ${deals} d ON d.mql_id = m.mql_id`,
      },
      { table: 'reps' as const, label: DEALS, sql: `SELECT DISTINCT sdr_id AS rep_id FROM ${deals} WHERE sdr_id IS NOT NULL` },
    ];
    const won = await scalar(connection, `SELECT count(*) FROM ${deals}`);
    const mqls = await scalar(connection, `SELECT count(*) FROM ${mql}`);
    return {
      sources,
      missing: [
        `Only won deals are recorded (${won.toLocaleString('en-US')} of ${mqls.toLocaleString('en-US')} MQLs): a lead without a deal is "not won (yet)", not lost, and there are no SQL or opportunity dates or amounts.`,
        'No accept or reject decisions and no rejection reasons: acceptance, rejection and black-hole rates cannot be measured.',
        'first_contact_date is when the lead asked to be contacted (used as created and MQL time), not an SDR\'s first outreach: speed-to-lead and SLA compliance cannot be measured, and MQL times are dates without a time of day.',
        'No activities and no score at MQL: leads cannot be re-scored and threshold what-ifs cannot be answered (every row is already an MQL).',
        'The SDR and SR are known only for won deals, so rep load and capacity cannot be inferred; the reps table lists the SDRs of won deals only.',
        'The SDR-filled fields (business segment, lead type, behaviour profile, declared revenue, ...) exist only for won deals and would leak the outcome, so they are not imported.',
      ],
    };
  },
};
