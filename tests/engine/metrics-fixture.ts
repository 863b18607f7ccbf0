// A hand-countable history: 13 MQLs, 3 reps (New York, Berlin, one without a
// reps row), workspace time zone America/New_York. Every expected number in
// metrics.test.ts is worked out from this table by hand.
//
// 2025-01-06 is a Monday. New York is UTC-5 and Berlin UTC+1 in January.
// r_ny works 09:00-17:00 New York (14:00-22:00Z), r_ber 08:00-16:00 Berlin
// (07:00-15:00Z); r_none has no reps row, so it gets 09:00-17:00 New York.
// Data end = 2025-05-01 00:00Z (an activity), so a 90-day window is closed
// for mql_at <= 2025-01-31 00:00Z.
//
// | MQL | lead | source      | tier | rep    | mql_at (Z)  | local NY     | what happens                                              |
// |-----|------|-------------|------|--------|-------------|--------------|-----------------------------------------------------------|
// | M1  | L1   | paid_search | A 95 | r_ny   | 01-06 15:00 | Mon 10:00    | contact +0.5h (row a), accepted, SQL, opp 10000, won      |
// | M2  | L2   | paid_search | A 92 | r_ny   | 01-10 21:30 | Fri 16:30    | contact Mon 14:20Z: late (>24h) = black hole, but in SLA  |
// | M3  | L3   | event       | B 80 | r_ber  | 01-11 10:00 | Sat 05:00    | rejected Sat (in time), contact Mon 07:30 Berlin (pre-hours) |
// | M4  | L4   | event       | C 65 | r_ber  | 01-07 14:00 | Tue 09:00    | no disposition row: black hole, never contacted            |
// | M5  | L5   | organic     | C 55 | r_ny   | 01-08 23:00 | Wed 18:00    | after hours; assigned Thu 13:00Z; contact Thu 15:00 NY     |
// | M6  | L6   | organic     | B 78 | r_none | 01-09 15:00 | Thu 10:00    | contact +5.5h (misses 4h SLA), SQL, opp 5000, lost         |
// | M7  | L7   | paid_search | B 76 | r_ny   | 01-06 16:00 | Mon 11:00    | first handoff of L7: contact +1h, rejected no_timeline     |
// | M8  | L7   | paid_search | A 91 | r_ny   | 01-14 15:00 | Tue 10:00    | second handoff of L7: contact +2h, SQL, opp 20000 open     |
// | M9  | L8   | event       | A 97 | r_ber  | 01-13 07:30 | Mon 02:30    | contact +2.5h, SQL, opp at day 97 (outside 90 days)        |
// | M10 | L9   | (none)      | C 62 | r_ber  | 01-10 14:00 | Fri 09:00    | accepted without decided_at; contact Wed 13:00Z            |
// | M11 | L10  | paid_search | B 85 | r_ny   | 02-10 15:00 | Mon 10:00    | immature 90-day window: SQL and opp 3000 already seen     |
// | M12 | L11  | organic     | C 60 | r_ny   | 04-30 14:30 | Wed 10:30    | no disposition; 24h and SLA windows still open at data end |
// | M13 | L12  | event       | -  - | -      | 01-13 03:00 | Sun 01-12 22:00 | no tier/score/rep; contact 16:00Z                       |
import type { Workspace } from '../../engine/workspace/database';

export const SCORING_MODEL = JSON.stringify({
  scoring: { activity_points: { demo_request: 40 } },
  mql: { threshold: 50 },
  // A = 2 h here (the default would be 1 h), so reading the model is visible in the numbers.
  tiers: [
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
    { name: 'A', min_score: 90, first_contact_sla_hours: 2 },
    { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
  ],
  sla: { business_hours: true, acceptance_sla_hours: 4 },
});

const SQL = [
  `INSERT OR REPLACE INTO hl_meta VALUES ('timezone', 'America/New_York')`,
  `INSERT INTO reps (rep_id, name, segment, timezone, work_start, work_end) VALUES
     ('r_ny', 'Nia', 'mid', 'America/New_York', '09:00', '17:00'),
     ('r_ber', 'Bert', 'ent', 'Europe/Berlin', '08:00', '16:00')`,
  `INSERT INTO leads (lead_id, created_at, source) VALUES
     ('L1', '2025-01-01 00:00:00+00', 'paid_search'), ('L2', '2025-01-01 00:00:00+00', 'paid_search'),
     ('L3', '2025-01-01 00:00:00+00', 'event'), ('L4', '2025-01-01 00:00:00+00', 'event'),
     ('L5', '2025-01-01 00:00:00+00', 'organic'), ('L6', '2025-01-01 00:00:00+00', 'organic'),
     ('L7', '2025-01-01 00:00:00+00', 'paid_search'), ('L8', '2025-01-01 00:00:00+00', 'event'),
     ('L9', '2025-01-01 00:00:00+00', NULL), ('L10', '2025-01-01 00:00:00+00', 'paid_search'),
     ('L11', '2025-01-01 00:00:00+00', 'organic'), ('L12', '2025-01-01 00:00:00+00', 'event')`,
  `INSERT INTO activities (lead_id, occurred_at, activity_type) VALUES ('L1', '2025-05-01 00:00:00+00', 'web_visit')`,
  `INSERT INTO handoffs (lead_id, mql_at, score_at_mql, tier, assigned_rep_id, assigned_at) VALUES
     ('L1',  '2025-01-06 15:00:00+00', 95, 'A', 'r_ny',   '2025-01-06 15:00:00+00'),
     ('L2',  '2025-01-10 21:30:00+00', 92, 'A', 'r_ny',   '2025-01-10 21:30:00+00'),
     ('L3',  '2025-01-11 10:00:00+00', 80, 'B', 'r_ber',  '2025-01-11 10:00:00+00'),
     ('L4',  '2025-01-07 14:00:00+00', 65, 'C', 'r_ber',  '2025-01-07 14:00:00+00'),
     ('L5',  '2025-01-08 23:00:00+00', 55, 'C', 'r_ny',   '2025-01-09 13:00:00+00'),
     ('L6',  '2025-01-09 15:00:00+00', 78, 'B', 'r_none', '2025-01-09 15:00:00+00'),
     ('L7',  '2025-01-06 16:00:00+00', 76, 'B', 'r_ny',   '2025-01-06 16:00:00+00'),
     ('L7',  '2025-01-14 15:00:00+00', 91, 'A', 'r_ny',   '2025-01-14 15:00:00+00'),
     ('L8',  '2025-01-13 07:30:00+00', 97, 'A', 'r_ber',  '2025-01-13 07:30:00+00'),
     ('L9',  '2025-01-10 14:00:00+00', 62, 'C', 'r_ber',  '2025-01-10 14:00:00+00'),
     ('L10', '2025-02-10 15:00:00+00', 85, 'B', 'r_ny',   '2025-02-10 15:00:00+00'),
     ('L11', '2025-04-30 14:30:00+00', 60, 'C', 'r_ny',   '2025-04-30 14:30:00+00'),
     ('L12', '2025-01-13 03:00:00+00', NULL, NULL, NULL, NULL)`,
  `INSERT INTO dispositions (lead_id, decision, decided_at, rejection_reason, first_contact_at, sql_at, opportunity_at, opportunity_amount, closed_at, won) VALUES
     ('L1',  NULL,       NULL,                      NULL,          '2025-01-06 15:30:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L1',  'accepted', '2025-01-06 16:00:00+00', NULL,          NULL, '2025-01-10 12:00:00+00', '2025-01-20 12:00:00+00', 10000, '2025-03-01 12:00:00+00', true),
     ('L2',  'accepted', '2025-01-13 15:00:00+00', NULL,          '2025-01-13 14:20:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L3',  'Rejected ', '2025-01-11 12:00:00+00', 'not_icp',    '2025-01-13 06:30:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L5',  'deferred', '2025-01-09 20:00:00+00', NULL,          '2025-01-09 20:00:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L6',  'accepted', '2025-01-09 21:00:00+00', NULL,          '2025-01-09 20:30:00+00', '2025-01-15 12:00:00+00', '2025-01-25 12:00:00+00', 5000, '2025-03-15 12:00:00+00', false),
     ('L7',  'rejected', '2025-01-06 18:00:00+00', 'no_timeline', '2025-01-06 17:00:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L7',  'accepted', '2025-01-14 17:30:00+00', NULL,          '2025-01-14 17:00:00+00', '2025-01-20 12:00:00+00', '2025-03-01 12:00:00+00', 20000, NULL, NULL),
     ('L8',  'accepted', '2025-01-13 09:00:00+00', NULL,          '2025-01-13 10:00:00+00', '2025-02-10 12:00:00+00', '2025-04-20 12:00:00+00', 7000, NULL, NULL),
     ('L9',  'accepted', NULL,                      NULL,          '2025-01-15 13:00:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L10', 'accepted', '2025-02-10 16:00:00+00', NULL,          '2025-02-10 16:00:00+00', '2025-02-20 12:00:00+00', '2025-03-01 12:00:00+00', 3000, NULL, NULL),
     ('L12', '',         NULL,                      NULL,          '2025-01-13 16:00:00+00', NULL, NULL, NULL, NULL, NULL),
     ('L99', 'accepted', '2025-01-08 12:00:00+00', NULL,          NULL, NULL, NULL, NULL, NULL, NULL)`,
];

export async function loadFixture(ws: Workspace, withScoringModel: boolean): Promise<void> {
  for (const sql of SQL) await ws.connection.run(sql);
  if (withScoringModel) await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [SCORING_MODEL]);
}
