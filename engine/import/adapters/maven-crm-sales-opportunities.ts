// Maven "CRM Sales Opportunities": an opportunity pipeline (Prospecting >
// Engaging > Won/Lost), not a lead funnel. Each opportunity that reached
// Engaging is read as a lead handed off and accepted at its engage date;
// accounts give company facts and sales_teams the reps.
import type { DatasetAdapter } from './dataset-adapter';
import { csvText, scalar } from './dataset-adapter';

export const mavenCrmSalesOpportunities: DatasetAdapter = {
  name: 'Maven CRM sales opportunities',
  files: ['sales_pipeline.csv', 'accounts.csv', 'sales_teams.csv'],
  async build(dir, connection) {
    const pipeline = csvText(dir, 'sales_pipeline.csv');
    const accounts = csvText(dir, 'accounts.csv');
    const teams = csvText(dir, 'sales_teams.csv');
    const engaged = `(SELECT * FROM ${pipeline} WHERE NULLIF(TRIM(engage_date), '') IS NOT NULL)`;
    const sources = [
      {
        table: 'leads' as const,
        label: 'sales_pipeline.csv',
        sql: `SELECT p.opportunity_id AS lead_id, p.engage_date AS created_at, p.account AS company, a.employees AS company_size,
                a.sector AS industry, t.regional_office AS region, p.product AS campaign
              FROM ${engaged} p LEFT JOIN ${accounts} a ON a.account = p.account LEFT JOIN ${teams} t ON t.sales_agent = p.sales_agent`,
      },
      {
        table: 'handoffs' as const,
        label: 'sales_pipeline.csv',
        sql: `SELECT opportunity_id AS lead_id, engage_date AS mql_at, sales_agent AS assigned_rep_id, engage_date AS assigned_at FROM ${engaged}`,
      },
      {
        table: 'dispositions' as const,
        label: 'sales_pipeline.csv',
        sql: `SELECT opportunity_id AS lead_id, sales_agent AS rep_id, 'accepted' AS decision, engage_date AS decided_at,
                engage_date AS opportunity_at, CASE WHEN deal_stage = 'Won' THEN close_value END AS opportunity_amount,
                close_date AS closed_at, CASE deal_stage WHEN 'Won' THEN true WHEN 'Lost' THEN false END AS won
              FROM ${engaged}`,
      },
      { table: 'reps' as const, label: 'sales_teams.csv', sql: `SELECT sales_agent AS rep_id, sales_agent AS name, regional_office AS region FROM ${teams}` },
    ];
    const prospecting = await scalar(connection, `SELECT count(*) FROM ${pipeline} WHERE NULLIF(TRIM(engage_date), '') IS NULL`);
    const noAccount = await scalar(connection, `SELECT count(*) FROM ${engaged} WHERE NULLIF(TRIM(account), '') IS NULL`);
    return {
      sources,
      missing: [
        'This is an opportunity pipeline, not a lead funnel: there is no lead, MQL or rejection stage. Each engaged opportunity is read as a lead handed off and accepted at its engage date, so acceptance is 100% by construction.',
        `${prospecting.toLocaleString('en-US')} Prospecting opportunities have no engage date and are left out.`,
        'No activities and no scores: neither re-scoring nor threshold what-ifs are possible.',
        'No first-contact times and dates without a time of day: speed-to-lead, SLA compliance and black holes cannot be measured.',
        `${noAccount.toLocaleString('en-US')} open opportunities have no account, so their company, size and industry are missing.`,
        'Won deals carry their revenue as the opportunity amount; lost and open deals have no amount.',
      ],
    };
  },
};
