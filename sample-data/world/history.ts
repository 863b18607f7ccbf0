// The history files of DATA_CONTRACT section 1, written from the world and run 0 of the policy
// in force. Everything at or after the data end is left out (not yet happened), which is how
// outcomes of late MQLs come out censored, as in a real export.
import { join } from 'node:path';
import { TABLES } from '../../engine/workspace/tables';
import type { TableName } from '../../engine/workspace/tables';
import { ACTIVITY_DETAILS, ACTIVITY_TYPES, FIRST_NAMES, INDUSTRIES, LAST_NAMES, REGIONS, SENIORITIES, SOURCES } from './catalog';
import { FLAG_COMPANY_VARIANT, FLAG_EMAIL_UPPER, FLAG_NO_COMPANY, FLAG_NO_FIRST, FLAG_NO_LAST, MISSING, SEGMENTS } from './leads';
import { CHANNELS, CONTACT_OUTCOMES, DECISIONS, REASONS } from './outcomes';
import { Rng, purpose } from './rng';
import { ROUTING_RULES } from './routing';
import { TRIGGERS } from './scoring';
import type { Records, World } from './simulate';
import { DATA_END, DAY, iso, isoDate } from './time';
import { CsvWriter } from './writer';

const header = (t: TableName): string[] => TABLES[t].columns.map((c) => c.name);
export const leadId = (k: number): string => `L${String(k + 1).padStart(7, '0')}`;

const FREE_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'gmx.de', 'yahoo.co.uk', 'hotmail.fr', 'web.de', 'uol.com.br', 'qq.com'];

const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

export interface WrittenCounts {
  leads: number;
  activities: number;
  handoffs: number;
  dispositions: number;
  reps: number;
}

export function writeLeads(dir: string, world: World): number {
  const { leads: L, companies: C, seed } = world;
  const w = new CsvWriter(join(dir, 'leads.csv'), header('leads'));
  const rng = new Rng(0);
  const root = new Int32Array(L.n);
  for (let k = 0; k < L.n; k++) {
    const d = L.dupOf[k] as number;
    root[k] = d >= 0 ? (root[d] as number) : k;
    const flags = L.flags[k] as number;
    const comp = L.company[k] as number;
    // The person's own stream (shared by duplicates) fixes their address style.
    rng.reseed(seed, purpose('person'), root[k] as number);
    const first = FIRST_NAMES[L.firstName[k] as number] as string;
    const last = LAST_NAMES[L.lastName[k] as number] as string;
    const style = rng.int(4);
    const freeDomain = rng.pick(FREE_DOMAINS);
    const num = rng.int(100);
    const junk = L.junk[k] === 1;
    let email = '';
    const kind = L.emailKind[k] as number;
    if (kind === 2) email = `${ascii(first)}${style < 2 ? '.' : ''}${ascii(last)}${style === 3 ? num : ''}@${freeDomain}`;
    else if (kind === 1) {
      const dom = junk ? rng.pick(['test.com', 'example.com', 'asdf.com']) : (C.domain[comp] as string);
      const local = junk ? rng.pick(['test', 'asdf', 'noreply', 'a']) : style === 0 ? `${ascii(first)}.${ascii(last)}` : style === 1 ? `${ascii(first)[0]}${ascii(last)}` : style === 2 ? ascii(first) : `${ascii(first)}_${ascii(last)}`;
      email = `${local}@${dom}`;
    }
    if (flags & FLAG_EMAIL_UPPER) email = email.toUpperCase();
    let company = flags & FLAG_NO_COMPANY ? '' : (C.name[comp] as string);
    if (company && flags & FLAG_COMPANY_VARIANT) company = company.replace(/ (Inc\.?|LLC|Ltd|GmbH|SA|Corp|Co\.)$/, '').toLowerCase();
    if (junk && rng.chance(0.5)) company = rng.pick(['n/a', '-', 'asdf', 'none', 'test']);
    const acc = C.account[comp] as number;
    const region = L.region[k] as number;
    const ind = L.obsIndustry[k] as number;
    const sen = L.obsSeniority[k] as number;
    const title = L.title[k] as number;
    w.row([
      leadId(k), iso(L.created[k] as number), email,
      junk ? rng.pick(['test', 'Test', 'asdf', 'x']) : flags & FLAG_NO_FIRST ? '' : first,
      junk ? rng.pick(['test', 'User', 'asdf', 'xx']) : flags & FLAG_NO_LAST ? '' : last,
      company, acc >= 0 ? `ACC-${String(acc + 1).padStart(6, '0')}` : '',
      (L.obsSize[k] as number) >= 0 ? String(L.obsSize[k]) : '',
      ind === MISSING ? '' : (INDUSTRIES[ind] as { name: string }).name,
      region === MISSING ? '' : (REGIONS[region] as { name: string }).name,
      title === 0xffff ? '' : (L.titles[title] as string),
      sen === MISSING ? '' : (SENIORITIES[sen] as { name: string }).name,
      (SOURCES[L.source[k] as number] as { name: string }).name,
      L.campaigns[L.campaign[k] as number] as string,
    ]);
  }
  w.close();
  return w.rows;
}

export function writeActivities(dir: string, world: World): number {
  const { leads: L, acts: A, seed } = world;
  const w = new CsvWriter(join(dir, 'activities.csv'), header('activities'));
  const rng = new Rng(0);
  for (let k = 0; k < L.n; k++) {
    rng.reseed(seed, purpose('detail'), k);
    const id = leadId(k);
    for (let i = A.offsets[k] as number; i < (A.offsets[k + 1] as number); i++) {
      const type = ACTIVITY_TYPES[A.type[i] as number] as (typeof ACTIVITY_TYPES)[number];
      const details = ACTIVITY_DETAILS[type];
      w.raw(`${id},${iso(A.time[i] as number)},${type},${details[rng.int(details.length)] as string}`);
    }
  }
  w.close();
  return w.rows;
}

const seenAt = (t: number): boolean => Number.isFinite(t) && t < DATA_END;
const ts = (t: number): string => (seenAt(t) ? iso(t) : '');

export function writeHandoffs(dir: string, rec: Records): { handoffs: number; dispositions: number } {
  const h = new CsvWriter(join(dir, 'handoffs.csv'), header('handoffs'));
  const d = new CsvWriter(join(dir, 'dispositions.csv'), header('dispositions'));
  const { mqls, team, policy } = rec;
  for (let i = 0; i < mqls.count; i++) {
    if (!mqls.handed[i]) continue;
    const id = leadId(mqls.lead[i] as number);
    const repIdx = rec.rep[i] as number;
    const assignedSeen = seenAt(rec.assigned[i] as number);
    const repId = repIdx >= 0 && assignedSeen ? (team.reps[repIdx] as { id: string }).id : '';
    h.raw([
      id, iso(mqls.time[i] as number), TRIGGERS[mqls.trigger[i] as number], String(Math.round((mqls.score[i] as number) * 1e4) / 1e4),
      (policy.tiers[mqls.tier[i] as number] as { name: string }).name, repId, ts(rec.assigned[i] as number),
      repId ? ROUTING_RULES[rec.rule[i] as number] : '',
    ].join(','));
    const contactSeen = seenAt(rec.contact[i] as number);
    const decisionSeen = seenAt(rec.decided[i] as number) && (rec.decision[i] as number) !== 0;
    const oppSeen = seenAt(rec.opp[i] as number);
    const closedSeen = seenAt(rec.closed[i] as number);
    d.raw([
      id, contactSeen || decisionSeen ? repId : '', decisionSeen ? DECISIONS[rec.decision[i] as number] : '',
      decisionSeen ? iso(rec.decided[i] as number) : '', decisionSeen ? REASONS[rec.reason[i] as number] : '',
      ts(rec.contact[i] as number), contactSeen ? CHANNELS[rec.channel[i] as number] : '',
      contactSeen ? CONTACT_OUTCOMES[rec.contactOutcome[i] as number] : '', contactSeen ? String(rec.attempts[i]) : '',
      ts(rec.sql[i] as number), ts(rec.opp[i] as number), oppSeen ? String(rec.amount[i]) : '', ts(rec.closed[i] as number),
      closedSeen ? (rec.won[i] === 1 ? 'true' : 'false') : '',
    ].join(','));
  }
  h.close();
  d.close();
  return { handoffs: h.rows, dispositions: d.rows };
}

export function writeReps(dir: string, world: World): number {
  const w = new CsvWriter(join(dir, 'reps.csv'), header('reps'));
  for (const r of world.team.reps) {
    w.row([
      r.id, r.name, (REGIONS[r.region] as { name: string }).name, r.segment >= 0 ? (SEGMENTS[r.segment] as string) : '',
      r.zone, r.workStart, r.workEnd, String(r.capacity),
      r.activeFrom === null ? '' : isoDate(Math.floor(r.activeFrom / DAY)),
      r.activeTo === null ? '' : isoDate(Math.floor(r.activeTo / DAY) - 1),
    ]);
  }
  w.close();
  return w.rows;
}
