// World variants: a generated world's CSVs reshaped the ways an independent
// generator's could differ within DATA_CONTRACT.md (column order, separators,
// time-zone spellings, optional columns absent or empty, no reps table, one rep,
// one tier, unknown reasons, manual handoffs, very high/low rep load), then the
// whole CLI pipeline (import, forecast for every scenario plus extreme ones,
// sweep, backtest, model-health) run on each with its output checked: exit 0,
// finite numbers where numbers are due, rates in [0, 1], low <= forecast <= high,
// mql_count monotone in the threshold.
//
//   npx tsx bench/world-variants.ts --base DIR --out DIR [--only a,b] [--runs N] [--spawn]
//
// --base is a world from `npm run sample` (CSV files, scenarios/, truth.json);
// --spawn runs each command as its own `node bin/handoff-lab.mjs` process (the
// default calls the same runCli in-process, which is faster).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../engine/cli/main';

export type Table = { header: string[]; rows: string[][] };

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string, sep = ','): Table {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...rest] = rows;
  return { header: header ?? [], rows: rest };
}

export function writeCsv(t: Table, opts: { sep?: string; bom?: boolean; crlf?: boolean } = {}): string {
  const sep = opts.sep ?? ',';
  const q = (v: string): string => (v.includes(sep) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replaceAll('"', '""')}"` : v);
  const eol = opts.crlf ? '\r\n' : '\n';
  return (opts.bom ? '\uFEFF' : '') + [t.header, ...t.rows].map((r) => r.map(q).join(sep)).join(eol) + eol;
}

type World = Record<string, Table>; // table name -> rows
const TABLES = ['leads', 'activities', 'handoffs', 'dispositions', 'reps'] as const;
const TIME_COLS = new Set(['created_at', 'occurred_at', 'mql_at', 'assigned_at', 'decided_at', 'first_contact_at', 'sql_at', 'opportunity_at', 'closed_at']);

function readWorld(dir: string): World {
  const w: World = {};
  for (const t of TABLES) if (existsSync(join(dir, `${t}.csv`))) w[t] = parseCsv(readFileSync(join(dir, `${t}.csv`), 'utf8'));
  return w;
}

const col = (t: Table, name: string): number => t.header.indexOf(name);
function mapCol(t: Table, name: string, f: (v: string, row: string[]) => string): void {
  const i = col(t, name);
  if (i < 0) return;
  for (const r of t.rows) r[i] = f(r[i] ?? '', r);
}
function dropCols(t: Table, names: readonly string[]): void {
  const keep = t.header.map((h, i) => (names.includes(h) ? -1 : i)).filter((i) => i >= 0);
  t.header = keep.map((i) => t.header[i]!);
  t.rows = t.rows.map((r) => keep.map((i) => r[i] ?? ''));
}
function clone(w: World): World {
  return Object.fromEntries(Object.entries(w).map(([k, t]) => [k, { header: [...t.header], rows: t.rows.map((r) => [...r]) }]));
}
/** A deterministic pseudo-random stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** An ISO instant rewritten at a fixed offset (minutes east of UTC), same instant. */
function atOffset(iso: string, minutes: number): string {
  if (!iso) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const local = new Date(ms + minutes * 60000).toISOString().slice(0, 19);
  const sign = minutes >= 0 ? '+' : '-';
  const m = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
function allTimes(w: World, f: (v: string) => string): void {
  for (const t of Object.values(w)) for (const h of t.header) if (TIME_COLS.has(h)) mapCol(t, h, f);
}

export interface Variant {
  readonly name: string;
  /** Whether the mechanism is unchanged, so truth.json still holds. */
  readonly keepsTruth: boolean;
  readonly scoringModel: boolean;
  /** Options for writing the CSVs. */
  readonly write?: { sep?: string; bom?: boolean; crlf?: boolean };
  readonly importArgs?: readonly string[];
  readonly transform: (w: World) => void;
}

function reassignReps(w: World, keep: (rep: string) => boolean): void {
  const reps = w.reps!;
  const kept = reps.rows.filter((r) => keep(r[0]!)).map((r) => r[0]!);
  reps.rows = reps.rows.filter((r) => keep(r[0]!));
  const to = (id: string): string => (id === '' || kept.includes(id) ? id : kept[Math.abs(hash(id)) % kept.length]!);
  mapCol(w.handoffs!, 'assigned_rep_id', to);
  mapCol(w.dispositions!, 'rep_id', to);
}
function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'as-generated', keepsTruth: true, scoringModel: true, transform: () => {} },
  { name: 'no-scoring-model', keepsTruth: true, scoringModel: false, transform: () => {} },
  {
    name: 'column-order-semicolon-bom-crlf',
    keepsTruth: true,
    scoringModel: true,
    write: { sep: ';', bom: true, crlf: true },
    transform: (w) => {
      for (const t of Object.values(w)) {
        const order = t.header.map((_, i) => i).reverse();
        t.header = order.map((i) => t.header[i]!);
        t.rows = t.rows.map((r) => order.map((i) => r[i] ?? ''));
      }
    },
  },
  {
    name: 'tz-offsets',
    keepsTruth: true,
    scoringModel: true,
    transform: (w) => {
      const r = rng(7);
      const offsets = [-300, -240, 60, 120, 330, 540, 0];
      allTimes(w, (v) => atOffset(v, offsets[Math.floor(r() * offsets.length)]!));
    },
  },
  {
    name: 'tz-naive-utc-fractional',
    keepsTruth: true,
    scoringModel: true,
    transform: (w) => {
      let k = 0;
      allTimes(w, (v) => {
        if (!v) return v;
        const s = new Date(Date.parse(v)).toISOString(); // 2025-01-01T00:00:00.000Z
        k++;
        return k % 3 === 0 ? s.slice(0, 19).replace('T', ' ') : k % 3 === 1 ? s.slice(0, 23) : s;
      });
    },
  },
  {
    name: 'workspace-tz-berlin-naive',
    keepsTruth: true,
    scoringModel: true,
    importArgs: ['--timezone', 'Europe/Berlin'],
    transform: (w) => {
      // Naive local times in the workspace zone, read back as the same instants.
      allTimes(w, (v) => {
        if (!v) return v;
        const ms = Date.parse(v);
        const local = new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' }); // 2025-01-01 01:00:00
        return local.replace(' ', 'T');
      });
    },
  },
  {
    name: 'optional-columns-absent',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      dropCols(w.leads!, ['first_name', 'last_name', 'account_id', 'industry', 'title', 'campaign']);
      dropCols(w.activities!, ['detail']);
      dropCols(w.handoffs!, ['routing_rule', 'trigger', 'assigned_at']);
      dropCols(w.dispositions!, ['rep_id', 'first_contact_channel', 'first_contact_outcome', 'contact_attempts', 'closed_at']);
      dropCols(w.reps!, ['name', 'segment', 'timezone', 'work_start', 'work_end', 'daily_capacity', 'active_from', 'active_to']);
    },
  },
  {
    name: 'optional-columns-empty',
    keepsTruth: false,
    scoringModel: false,
    transform: (w) => {
      for (const c of ['trigger', 'score_at_mql', 'tier', 'assigned_at', 'routing_rule']) mapCol(w.handoffs!, c, () => '');
      for (const c of ['rep_id', 'rejection_reason', 'first_contact_channel', 'first_contact_outcome', 'contact_attempts', 'opportunity_amount', 'closed_at', 'won']) mapCol(w.dispositions!, c, () => '');
      for (const c of ['region', 'timezone', 'work_start', 'work_end', 'daily_capacity', 'active_from', 'active_to', 'segment']) mapCol(w.reps!, c, () => '');
      for (const c of ['email', 'company', 'company_size', 'region', 'seniority', 'source']) mapCol(w.leads!, c, () => '');
    },
  },
  {
    name: 'minimal-no-scores',
    keepsTruth: false,
    scoringModel: false,
    transform: (w) => mapCol(w.handoffs!, 'score_at_mql', () => ''),
  },
  { name: 'no-reps-table', keepsTruth: false, scoringModel: true, transform: (w) => void delete w.reps },
  { name: 'no-reps-no-model', keepsTruth: false, scoringModel: false, transform: (w) => void delete w.reps },
  { name: 'reps-no-capacity', keepsTruth: false, scoringModel: true, transform: (w) => mapCol(w.reps!, 'daily_capacity', () => '') },
  {
    name: 'reps-far-zones',
    keepsTruth: false,
    scoringModel: true,
    importArgs: ['--timezone', 'Pacific/Auckland'],
    transform: (w) => {
      const zones = ['Asia/Kolkata', 'Australia/Sydney', 'Pacific/Honolulu', 'Asia/Kathmandu', 'America/St_Johns'];
      mapCol(w.reps!, 'timezone', (_, r) => zones[Math.abs(hash(r[0]!)) % zones.length]!);
      mapCol(w.reps!, 'work_start', () => '22:00');
      mapCol(w.reps!, 'work_end', () => '06:00');
    },
  },
  {
    name: 'reps-odd',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      const reps = w.reps!;
      const [a, b, c] = reps.rows;
      a![col(reps, 'daily_capacity')] = '0';
      b![col(reps, 'active_from')] = '2024-01-01';
      b![col(reps, 'active_to')] = '2024-06-30';
      c![col(reps, 'work_start')] = '09:00';
      c![col(reps, 'work_end')] = '09:00';
      // A rep in the table who never gets a lead, and handoffs to a rep missing from it.
      reps.rows.push(reps.header.map((h) => ({ rep_id: 'R999', name: 'Idle Rep', region: 'Nowhere', daily_capacity: '50' })[h] ?? ''));
      mapCol(w.handoffs!, 'assigned_rep_id', (v, r) => (r[0]!.endsWith('7') ? 'GHOST' : v));
    },
  },
  {
    name: 'multi-region-segment-reps',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      const reps = w.reps!;
      const segs = ['smb', 'mid', 'ent'];
      reps.rows.forEach((r, k) => {
        if (k % 3 === 1) r[col(reps, 'region')] = `${r[col(reps, 'region')]}; APAC ;LATAM`;
        r[col(reps, 'segment')] = segs[k % 3]!;
      });
    },
  },
  { name: 'single-rep', keepsTruth: false, scoringModel: true, transform: (w) => reassignReps(w, (id) => id === w.reps!.rows[1]![0]) },
  { name: 'half-reps', keepsTruth: false, scoringModel: true, transform: (w) => reassignReps(w, (id) => Number(id.replace(/\D/g, '')) % 2 === 0) },
  {
    name: 'duplicated-reps',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      const reps = w.reps!;
      const copies = reps.rows.flatMap((r) => [1, 2].map((k) => [`${r[0]}-${k}`, ...r.slice(1)]));
      reps.rows.push(...copies);
      // Handoffs spread over the copies: very low load per rep.
      const to = (id: string): string => (id === '' ? id : Math.abs(hash(id + Math.random().toString())) % 3 === 0 ? id : `${id}-${1 + (Math.abs(hash(id)) % 2)}`);
      const byLead = new Map<string, string>();
      mapCol(w.handoffs!, 'assigned_rep_id', (v, r) => {
        const n = to(v);
        byLead.set(r[0]!, n);
        return n;
      });
      mapCol(w.dispositions!, 'rep_id', (v, r) => (v === '' ? v : (byLead.get(r[0]!) ?? v)));
    },
  },
  {
    name: 'single-tier',
    keepsTruth: false,
    scoringModel: false,
    transform: (w) => mapCol(w.handoffs!, 'tier', (v) => (v === '' ? v : 'Standard')),
  },
  {
    name: 'unknown-reasons-and-values',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      const r = rng(3);
      mapCol(w.dispositions!, 'rejection_reason', (v) => (v === '' ? (r() < 0.3 ? 'Unknown' : '') : r() < 0.5 ? 'price too high' : ''));
      mapCol(w.dispositions!, 'first_contact_channel', (v) => (v === '' ? v : r() < 0.3 ? 'whatsapp' : v));
      mapCol(w.handoffs!, 'trigger', (v) => (r() < 0.2 ? 'lead_form_sync' : v));
      mapCol(w.handoffs!, 'routing_rule', () => 'round_robin_v2');
      mapCol(w.leads!, 'seniority', (v) => (r() < 0.2 ? 'Head of' : v));
      mapCol(w.leads!, 'source', (v) => (r() < 0.1 ? '' : v));
    },
  },
  {
    name: 'manual-handoffs',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      // Leads never handed off, with activities, handed off by hand at a low score.
      const h = w.handoffs!;
      const d = w.dispositions!;
      const handed = new Set(h.rows.map((r) => r[0]!));
      const created = new Map(w.leads!.rows.map((r) => [r[col(w.leads!, 'lead_id')]!, r[col(w.leads!, 'created_at')]!]));
      const reps = w.reps!.rows.map((r) => r[0]!);
      const r = rng(11);
      let n = 0;
      for (const [lead, at] of created) {
        if (handed.has(lead) || r() > 0.08) continue;
        const mql = new Date(Date.parse(at) + (1 + r() * 48) * 3600e3);
        const rep = reps[n++ % reps.length]!;
        const hr = h.header.map((c) => ({ lead_id: lead, mql_at: mql.toISOString(), trigger: 'manual', score_at_mql: String(Math.floor(r() * 10)), tier: 'C', assigned_rep_id: rep, assigned_at: new Date(mql.getTime() + 60e3).toISOString(), routing_rule: 'manual' })[c] ?? '');
        h.rows.push(hr);
        const accepted = r() < 0.3;
        const dr = d.header.map((c) => ({ lead_id: lead, rep_id: rep, decision: r() < 0.5 ? (accepted ? 'accepted' : 'rejected') : '', decided_at: new Date(mql.getTime() + 30 * 3600e3).toISOString(), first_contact_at: r() < 0.6 ? new Date(mql.getTime() + r() * 20 * 3600e3).toISOString() : '' })[c] ?? '');
        if (dr[col(d, 'decision')] === '') dr[col(d, 'decided_at')] = '';
        d.rows.push(dr);
      }
    },
  },
  {
    name: 'value-spellings',
    keepsTruth: true,
    scoringModel: true,
    transform: (w) => {
      let k = 0;
      mapCol(w.dispositions!, 'won', (v) => (v === '' ? v : [v === 'true' ? 'TRUE' : 'FALSE', v === 'true' ? '1' : '0', v === 'true' ? 'yes' : 'no'][k++ % 3]!));
      mapCol(w.dispositions!, 'decision', (v) => (v === '' ? v : k++ % 2 ? v.toUpperCase() : ` ${v[0]!.toUpperCase()}${v.slice(1)} `));
      mapCol(w.handoffs!, 'trigger', (v) => (k++ % 2 ? v.toUpperCase() : v));
      mapCol(w.handoffs!, 'tier', (v) => (k++ % 2 ? v.toLowerCase() : v));
      mapCol(w.handoffs!, 'score_at_mql', (v) => (v === '' || v.includes('.') ? v : `${v}.0`));
      mapCol(w.dispositions!, 'opportunity_amount', (v) => (v === '' ? v : (Number(v) + 0.25).toFixed(2)));
    },
  },
  {
    name: 'repeat-handoffs',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      // One lead in ten handed off again 60 days later (a recycled lead), with a second disposition.
      const h = w.handoffs!;
      const d = w.dispositions!;
      const shift = (v: string): string => (v === '' ? v : new Date(Date.parse(v) + 60 * 86400e3).toISOString());
      const again = h.rows.filter((_, k) => k % 10 === 3).map((r) => r.map((v, j) => (TIME_COLS.has(h.header[j]!) ? shift(v) : v)));
      const leads = new Set(again.map((r) => r[0]!));
      const dAgain = d.rows.filter((r) => leads.has(r[0]!)).map((r) => r.map((v, j) => (TIME_COLS.has(d.header[j]!) ? shift(v) : v)));
      h.rows.push(...again);
      d.rows.push(...dAgain);
    },
  },
  {
    name: 'handoffs-without-dispositions',
    keepsTruth: false,
    scoringModel: true,
    transform: (w) => {
      const d = w.dispositions!;
      d.rows = d.rows.filter((_, i) => i % 4 !== 0);
    },
  },
];

// ---------------------------------------------------------------- checks

const RATES = ['acceptance_rate', 'rejection_rate', 'black_hole_rate', 'sla_compliance_rate', 'sql_rate', 'opportunity_rate'];
const HOURS = ['median_hours_to_first_contact', 'p90_hours_to_first_contact'];
type Metric = { observed: number | null; forecast: number | null; low: number | null; high: number | null };

/** Problems with one forecast@1 JSON (empty when it holds up). */
export function checkForecast(f: { metrics: Record<string, Metric>; segments: Record<string, { key: string; metrics: Record<string, Metric> }[]> }, label: string): string[] {
  const out: string[] = [];
  const one = (m: Record<string, Metric>, where: string, top: boolean): void => {
    const mql = m.mql_count?.forecast;
    if (typeof mql !== 'number' || !Number.isFinite(mql) || mql < 0) {
      out.push(`${label} ${where} mql_count.forecast = ${String(mql)}`);
      return;
    }
    for (const [name, v] of Object.entries(m)) {
      for (const k of ['forecast', 'low', 'high'] as const) {
        const x = v[k];
        const due = name === 'mql_count' || name === 'won_count' || name === 'pipeline_amount' || (RATES.includes(name) && mql > 0.5) || (top && HOURS.includes(name) && mql >= 20);
        if (x === null) {
          if (due) out.push(`${label} ${where} ${name}.${k} is null (mql ${mql.toFixed(1)})`);
          continue;
        }
        if (!Number.isFinite(x)) out.push(`${label} ${where} ${name}.${k} = ${x}`);
        else if (RATES.includes(name) && (x < -1e-12 || x > 1 + 1e-12)) out.push(`${label} ${where} ${name}.${k} = ${x} outside [0, 1]`);
        else if (x < -1e-9) out.push(`${label} ${where} ${name}.${k} = ${x} negative`);
      }
      if (v.forecast !== null && v.low !== null && v.high !== null && !(v.low <= v.forecast * (1 + 1e-9) + 1e-12 && v.forecast <= v.high * (1 + 1e-9) + 1e-12)) {
        out.push(`${label} ${where} ${name}: low ${v.low} forecast ${v.forecast} high ${v.high}`);
      }
      if (v.observed !== null && !Number.isFinite(v.observed)) out.push(`${label} ${where} ${name}.observed = ${v.observed}`);
    }
    const p50 = m.median_hours_to_first_contact?.forecast;
    const p90 = m.p90_hours_to_first_contact?.forecast;
    if (typeof p50 === 'number' && typeof p90 === 'number' && p50 > p90 * (1 + 1e-9) + 1e-9) out.push(`${label} ${where} median hours ${p50} > p90 ${p90}`);
  };
  one(f.metrics, 'all', true);
  for (const [seg, list] of Object.entries(f.segments)) for (const s of list) one(s.metrics, `${seg}=${s.key}`, false);
  return out;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}
export async function cli(args: string[], spawn = false): Promise<CliRun> {
  if (spawn) {
    const r = spawnSync(process.execPath, ['bin/handoff-lab.mjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { code, out, err };
}

/** Extreme scenarios built from the world's own policy (read from the forecast of {}). */
export function extremeScenarios(policy: { threshold: number; tiers: readonly { name: string; min_score: number; first_contact_sla_hours: number }[] }): Record<string, unknown> {
  const w = { from: '2025-01-01', to: '2025-12-31' };
  return {
    'x-threshold-0': { version: 1, window: w, mql: { threshold: 0 } },
    'x-threshold-negative': { version: 1, window: w, mql: { threshold: -50 } },
    'x-threshold-above-all': { version: 1, window: w, mql: { threshold: 100000, high_intent_types: [] } },
    'x-reps-minus-all': { version: 1, window: w, capacity: { extra_reps: -1000 } },
    'x-reps-plus-50': { version: 1, window: w, capacity: { extra_reps: 50 } },
    'x-capacity-1': { version: 1, window: w, capacity: { rep_daily_capacity: 1 } },
    'x-capacity-1000': { version: 1, window: w, capacity: { rep_daily_capacity: 1000 } },
    'x-sla-0.1h': { version: 1, window: w, tiers: policy.tiers.map((t) => ({ ...t, first_contact_sla_hours: 0.1 })) },
    'x-one-tier': { version: 1, window: w, tiers: [{ name: 'Only', min_score: 0, first_contact_sla_hours: 8 }] },
    'x-five-tiers': {
      version: 1,
      window: w,
      tiers: [
        { name: 'P1', min_score: policy.threshold + 60, first_contact_sla_hours: 0.5 },
        { name: 'P2', min_score: policy.threshold + 40, first_contact_sla_hours: 1 },
        { name: 'P3', min_score: policy.threshold + 20, first_contact_sla_hours: 4 },
        { name: 'P4', min_score: policy.threshold + 10, first_contact_sla_hours: 24 },
        { name: 'P5', min_score: 0, first_contact_sla_hours: 72 },
      ],
    },
    'x-all-points-0': { version: 1, window: w, scoring: { activity_points: {}, fit_points: [] } },
    'x-window-empty': { version: 1, window: { from: '2030-01-01', to: '2030-12-31' } },
    'x-window-h1-wallclock': { version: 1, window: { from: '2025-01-01', to: '2025-06-30' }, sla: { business_hours: false } },
  };
}

async function checkWorld(dir: string, v: Variant | null, runs: number, spawn: boolean, log: (s: string) => void): Promise<string[]> {
  const problems: string[] = [];
  const ws = join(dir, 'workspace.duckdb');
  rmSync(ws, { force: true });
  const imp = await cli(['import', '--workspace', ws, '--dir', dir, ...(v?.importArgs ?? [])], spawn);
  if (imp.code !== 0) return [`import exit ${imp.code}: ${imp.err.trim()}`];
  const scenarioDir = join(dir, 'scenarios');
  const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort();
  const base = await cli(['forecast', '--workspace', ws, '--scenario', join(scenarioDir, files[0]!), '--format', 'json', '--runs', '0'], spawn);
  if (base.code !== 0) problems.push(`forecast ${files[0]} exit ${base.code}: ${base.err.trim()}`);
  // The policy in force, for the extreme scenarios.
  const policyRun = await cli(['sweep', '--workspace', ws, '--scenario', join(scenarioDir, files[0]!), '--format', 'json', '--steps', '100'], spawn);
  if (policyRun.code !== 0) problems.push(`sweep exit ${policyRun.code}: ${policyRun.err.trim()}`);
  let threshold = 50;
  try {
    const sw = JSON.parse(policyRun.out) as { baselineThreshold: number; points: { threshold: number; metrics: Record<string, number | null> }[] };
    threshold = sw.baselineThreshold;
    let prev = Infinity;
    for (const p of sw.points) {
      const m = p.metrics.mql_count;
      if (typeof m !== 'number' || !Number.isFinite(m)) problems.push(`sweep mql_count at ${p.threshold} = ${String(m)}`);
      else if (m > prev + 1e-9) problems.push(`sweep mql_count rises with the threshold at ${p.threshold}: ${prev} -> ${m}`);
      else prev = m;
      for (const r of RATES) {
        const x = p.metrics[r];
        if (x !== null && x !== undefined && (!Number.isFinite(x) || x < 0 || x > 1)) problems.push(`sweep ${r} at ${p.threshold} = ${x}`);
      }
    }
  } catch {
    /* reported above */
  }
  const tiersFile = JSON.parse(readFileSync(join(scenarioDir, files[0]!), 'utf8')) as { tiers?: { name: string; min_score: number; first_contact_sla_hours: number }[] };
  const tiers = tiersFile.tiers ?? [
    { name: 'A', min_score: threshold + 30, first_contact_sla_hours: 1 },
    { name: 'B', min_score: threshold + 15, first_contact_sla_hours: 4 },
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
  ];
  const xDir = join(dir, 'x-scenarios');
  mkdirSync(xDir, { recursive: true });
  const extremes = extremeScenarios({ threshold, tiers });
  for (const [name, s] of Object.entries(extremes)) writeFileSync(join(xDir, `${name}.json`), JSON.stringify(s, null, 2));
  const all = [...files.map((f) => join(scenarioDir, f)), ...Object.keys(extremes).map((n) => join(xDir, `${n}.json`))];
  const mqlAt: { th: number; mql: number; label: string }[] = [];
  for (const [i, file] of all.entries()) {
    const label = file.split('/').pop()!.replace('.json', '');
    const withRuns = runs > 0 && (i % 4 === 1 || label.startsWith('x-reps') || label === 'x-threshold-0');
    const r = await cli(['forecast', '--workspace', ws, '--scenario', file, '--format', 'json', '--runs', String(withRuns ? runs : 0)], spawn);
    if (r.code !== 0) {
      problems.push(`forecast ${label} exit ${r.code}: ${r.err.trim()}`);
      continue;
    }
    const f = JSON.parse(r.out) as Parameters<typeof checkForecast>[0] & { warnings: string[] };
    problems.push(...checkForecast(f, label));
    // A scenario that leaves scoring and the MQL rule alone keeps history's MQLs: forecast = observed.
    const sc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const mq = f.metrics.mql_count!;
    if (!sc.scoring && !sc.mql && mq.observed !== null && mq.forecast !== null && Math.abs(mq.forecast - mq.observed) > 0.01 * mq.observed + 0.5) {
      problems.push(`${label} mql_count forecast ${mq.forecast} differs from observed ${mq.observed} with the MQL rule unchanged`);
    }
    const th = label === 'x-threshold-0' ? 0 : label === 'x-threshold-negative' ? -50 : label === 'x-threshold-above-all' ? 100000 : null;
    if (th !== null) mqlAt.push({ th, mql: f.metrics.mql_count!.forecast!, label });
    log(`  ${label}${withRuns ? ` (runs ${runs})` : ''}: mql ${f.metrics.mql_count!.forecast?.toFixed(0)} acc ${f.metrics.acceptance_rate!.forecast?.toFixed(3)} bh ${f.metrics.black_hole_rate!.forecast?.toFixed(3)} sla ${f.metrics.sla_compliance_rate!.forecast?.toFixed(3)} p50h ${f.metrics.median_hours_to_first_contact!.forecast?.toFixed(2)}`);
  }
  mqlAt.sort((a, b) => a.th - b.th);
  for (let i = 1; i < mqlAt.length; i++) if (mqlAt[i]!.mql > mqlAt[i - 1]!.mql + 1e-9) problems.push(`mql_count rises with the threshold: ${mqlAt[i - 1]!.label} ${mqlAt[i - 1]!.mql} < ${mqlAt[i]!.label} ${mqlAt[i]!.mql}`);
  for (const cmd of [['backtest'], ['model-health'], ['quality'], ['metrics']]) {
    const r = await cli([cmd[0]!, '--workspace', ws, '--format', 'json'], spawn);
    if (r.code !== 0) problems.push(`${cmd[0]} exit ${r.code}: ${r.err.trim()}`);
    else if (/NaN|Infinity/.test(r.out)) problems.push(`${cmd[0]} prints NaN/Infinity`);
  }
  return problems;
}

export function writeVariant(baseDir: string, outDir: string, v: Variant): void {
  const w = clone(readWorld(baseDir));
  v.transform(w);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, t] of Object.entries(w)) writeFileSync(join(outDir, `${name}.csv`), writeCsv(t, v.write));
  if (v.scoringModel && existsSync(join(baseDir, 'scoring_model.json'))) cpSync(join(baseDir, 'scoring_model.json'), join(outDir, 'scoring_model.json'));
  cpSync(join(baseDir, 'scenarios'), join(outDir, 'scenarios'), { recursive: true });
  if (v.keepsTruth && existsSync(join(baseDir, 'truth.json'))) cpSync(join(baseDir, 'truth.json'), join(outDir, 'truth.json'));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' }, runs: { type: 'string' }, spawn: { type: 'boolean' }, 'as-is': { type: 'boolean' } } });
  const base = values.base ?? 'sample-data/shipped';
  const out = values.out ?? '/tmp/hl-world-variants';
  const runs = Number(values.runs ?? '0');
  const only = values.only?.split(',');
  let failed = 0;
  if (values['as-is']) {
    // A world folder checked as it is (e.g. a --policy-change world).
    const problems = await checkWorld(base, null, runs, values.spawn ?? false, console.log);
    for (const p of problems) console.log(`  PROBLEM ${p}`);
    console.log(`${base}: ${problems.length === 0 ? 'ok' : `${problems.length} problems`}`);
    process.exitCode = problems.length ? 1 : 0;
    return;
  }
  for (const v of VARIANTS) {
    if (only && !only.includes(v.name)) continue;
    const dir = join(out, v.name);
    writeVariant(base, dir, v);
    const t0 = performance.now();
    console.log(`== ${v.name}`);
    const problems = await checkWorld(dir, v, runs, values.spawn ?? false, console.log);
    for (const p of problems) console.log(`  PROBLEM ${p}`);
    console.log(`${v.name}: ${problems.length === 0 ? 'ok' : `${problems.length} problems`} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    if (problems.length) failed++;
  }
  console.log(`${failed} variant(s) with problems`);
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
