// Leads: people at companies, with latent fit and intent that no column shows directly.
// Observed columns are noisy projections of the latent traits (missing fields, free-mail,
// messy titles, duplicate people, junk records), as in a real marketing-automation export.
import {
  COMPANY_ROOTS, COMPANY_SUFFIX, COMPANY_TAILS, CAMPAIGN_THEMES, FIRST_NAMES, FREE_MAIL_BY_SOURCE, FUNCTIONS,
  INDUSTRIES, LAST_NAMES, REGIONS, SENIORITIES, SOURCES, TITLE_TEMPLATES,
} from './catalog';
import { Rng, purpose } from './rng';
import { DATA_END, DAY, HOUR, HOUR_WEIGHTS, YEAR_DAYS, dayFactor } from './time';

export const MISSING = 255;

export interface Companies {
  readonly n: number;
  readonly name: readonly string[];
  readonly domain: readonly string[];
  readonly size: Int32Array;
  readonly industry: Uint8Array;
  readonly region: Uint8Array;
  /** Index into the account list, or -1 when the company is not an existing account. */
  readonly account: Int32Array;
  readonly accountCompany: readonly number[];
  readonly accountCustomer: Uint8Array;
}

export interface Leads {
  readonly n: number;
  readonly created: Int32Array;
  readonly company: Int32Array;
  // Observed fields (MISSING / -1 / 0 where the export has nothing).
  readonly region: Uint8Array;
  readonly obsSize: Int32Array;
  readonly obsIndustry: Uint8Array;
  readonly obsSeniority: Uint8Array;
  readonly source: Uint8Array;
  readonly campaign: Uint16Array;
  readonly title: Uint16Array;
  /** 0 no email, 1 business, 2 free-mail. */
  readonly emailKind: Uint8Array;
  readonly firstName: Uint8Array;
  readonly lastName: Uint8Array;
  /** Bit flags: 1 company missing, 2 first name missing, 4 last name missing, 8 company spelled differently, 16 email upper-cased. */
  readonly flags: Uint8Array;
  // Latent traits.
  readonly trueSeniority: Uint8Array;
  readonly fit: Float32Array;
  readonly intent: Float32Array;
  /** A second record of an earlier lead's person: index of that lead, or -1. */
  readonly dupOf: Int32Array;
  /** Junk record (test entries, keyboard mashing): sales rejects it as bad data. */
  readonly junk: Uint8Array;
  readonly titles: readonly string[];
  readonly campaigns: readonly string[];
}

export const FLAG_NO_COMPANY = 1;
export const FLAG_NO_FIRST = 2;
export const FLAG_NO_LAST = 4;
export const FLAG_COMPANY_VARIANT = 8;
export const FLAG_EMAIL_UPPER = 16;

const SHARES = (xs: readonly { share: number }[]): number[] => xs.map((x) => x.share);

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function generateCompanies(requested: number, seed: number): Companies {
  const count = Math.max(1, Math.floor(requested));
  const rng = new Rng(seed, purpose('companies'));
  const name: string[] = [];
  const domain: string[] = [];
  const size = new Int32Array(count);
  const industry = new Uint8Array(count);
  const region = new Uint8Array(count);
  const account = new Int32Array(count).fill(-1);
  const accountCompany: number[] = [];
  const customer: number[] = [];
  const used = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    let base = `${rng.pick(COMPANY_ROOTS)} ${rng.pick(COMPANY_TAILS)}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    // Same root and tail repeat at scale: number them the way real registries do.
    if (seen > 0) base = `${base} ${seen + 1}`;
    const r = rng.weighted(SHARES(REGIONS));
    region[i] = r;
    name.push(base + rng.pick(COMPANY_SUFFIX));
    domain.push(slug(base) + rng.pick((REGIONS[r] as (typeof REGIONS)[number]).tld));
    const s = Math.max(1, Math.min(250_000, Math.round(rng.lognormal(120, 1.7))));
    size[i] = s;
    industry[i] = rng.weighted(SHARES(INDUSTRIES));
    // Bigger companies are more often already accounts (sales prospected them before).
    const pAccount = s >= 1000 ? 0.35 : s >= 100 ? 0.14 : 0.04;
    if (rng.chance(pAccount)) {
      account[i] = accountCompany.length;
      accountCompany.push(i);
      customer.push(rng.chance(0.3) ? 1 : 0);
    }
  }
  return { n: count, name, domain, size, industry, region, account, accountCompany, accountCustomer: Uint8Array.from(customer) };
}

/** Company sizes as people type them: often rounded to a familiar number. */
function reportedSize(rng: Rng, s: number): number {
  if (rng.chance(0.4)) return s;
  const steps = [1, 5, 10, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 50000, 100000];
  let best = 1;
  for (const v of steps) if (Math.abs(Math.log(v / s)) < Math.abs(Math.log(best / s))) best = v;
  return best;
}

function messyTitle(rng: Rng, seniority: number): string {
  const key = (SENIORITIES[seniority] as (typeof SENIORITIES)[number]).name;
  let t = rng.pick(TITLE_TEMPLATES[key] as readonly string[]).replace('{F}', rng.pick(FUNCTIONS));
  const u = rng.next();
  if (u < 0.1) t = t.toLowerCase();
  else if (u < 0.14) t = t.toUpperCase();
  else if (u < 0.18) t = ` ${t}  `;
  return t;
}

export function generateLeads(n: number, seed: number, companies: Companies): Leads {
  // 1. When and where each lead appears: seasonal day, local business-hours time of day.
  const rng = new Rng(seed, purpose('created'));
  const dayCum: number[] = [];
  let acc = 0;
  for (let d = 0; d < YEAR_DAYS; d++) dayCum.push((acc += dayFactor(d)));
  const hourCum: number[] = [];
  acc = 0;
  for (const w of HOUR_WEIGHTS) hourCum.push((acc += w));
  const rawT = new Float64Array(n);
  const rawRegion = new Uint8Array(n);
  const regionShares = SHARES(REGIONS);
  for (let i = 0; i < n; i++) {
    const r = rng.weighted(regionShares);
    rawRegion[i] = r;
    const day = lowerBound(dayCum, rng.next() * (dayCum[YEAR_DAYS - 1] as number));
    const hour = lowerBound(hourCum, rng.next() * (hourCum[23] as number));
    const local = day * DAY + hour * HOUR + rng.int(3600);
    const t = local - (REGIONS[r] as (typeof REGIONS)[number]).utcOffset * HOUR;
    rawT[i] = Math.min(DATA_END - 1, Math.max(0, t));
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (rawT[a] as number) - (rawT[b] as number) || a - b);

  const byRegion: number[][] = REGIONS.map(() => []);
  for (let c = 0; c < companies.n; c++) (byRegion[companies.region[c] as number] as number[]).push(c);

  const L = {
    n,
    created: new Int32Array(n), company: new Int32Array(n), region: new Uint8Array(n), obsSize: new Int32Array(n),
    obsIndustry: new Uint8Array(n), obsSeniority: new Uint8Array(n), source: new Uint8Array(n),
    campaign: new Uint16Array(n), title: new Uint16Array(n), emailKind: new Uint8Array(n), firstName: new Uint8Array(n),
    lastName: new Uint8Array(n), flags: new Uint8Array(n), trueSeniority: new Uint8Array(n), fit: new Float32Array(n),
    intent: new Float32Array(n), dupOf: new Int32Array(n).fill(-1), junk: new Uint8Array(n),
  };
  const titles: string[] = [];
  const titleCode = new Map<string, number>();
  const campaigns: string[] = [];
  const campaignCode = new Map<string, number>();
  const code = (m: Map<string, number>, list: string[], s: string): number => {
    let c = m.get(s);
    if (c === undefined) {
      c = list.length;
      list.push(s);
      m.set(s, c);
    }
    return c;
  };
  const sourceShares = SHARES(SOURCES);
  const seniorityShares = SHARES(SENIORITIES);

  for (let k = 0; k < n; k++) {
    const raw = order[k] as number;
    rng.reseed(seed, purpose('lead'), k);
    const t = Math.floor(rawT[raw] as number);
    L.created[k] = t;
    const src = rng.weighted(sourceShares);
    L.source[k] = src;
    const srcCat = SOURCES[src] as (typeof SOURCES)[number];
    const quarter = Math.min(3, Math.floor(t / DAY / 91.25)) + 1;
    L.campaign[k] = code(campaignCode, campaigns, `${srcCat.name}_${rng.pick(CAMPAIGN_THEMES)}_2025Q${quarter}`);

    const dupWindow = Math.min(k, 4000);
    if (dupWindow > 20 && rng.chance(0.03)) {
      // The same person again (new form fill, list import): same name, company, title.
      const j = k - 1 - rng.int(dupWindow);
      L.dupOf[k] = j;
      L.company[k] = L.company[j] as number;
      L.region[k] = L.region[j] as number;
      L.obsSize[k] = L.obsSize[j] as number;
      L.obsIndustry[k] = L.obsIndustry[j] as number;
      L.obsSeniority[k] = L.obsSeniority[j] as number;
      L.trueSeniority[k] = L.trueSeniority[j] as number;
      L.title[k] = L.title[j] as number;
      L.firstName[k] = L.firstName[j] as number;
      L.lastName[k] = L.lastName[j] as number;
      L.emailKind[k] = L.emailKind[j] as number;
      L.flags[k] = (L.flags[j] as number) ^ (rng.chance(0.5) ? FLAG_EMAIL_UPPER : 0);
      L.fit[k] = L.fit[j] as number;
      L.intent[k] = 0.6 * (L.intent[j] as number) + 0.4 * rng.normal() + srcCat.intent * 0.5;
      continue;
    }

    const regionPool = byRegion[rawRegion[raw] as number] as number[];
    const comp = regionPool.length > 0 ? (regionPool[rng.int(regionPool.length)] as number) : rng.int(companies.n);
    L.company[k] = comp;
    L.region[k] = rng.chance(0.02) ? MISSING : (companies.region[comp] as number);
    const trueSize = companies.size[comp] as number;
    L.obsSize[k] = rng.chance(0.15) ? -1 : reportedSize(rng, trueSize);
    const ind = companies.industry[comp] as number;
    L.obsIndustry[k] = rng.chance(0.1) ? MISSING : ind;
    const sen = rng.weighted(seniorityShares);
    L.trueSeniority[k] = sen;
    L.obsSeniority[k] = rng.chance(0.18) ? MISSING : sen;
    L.title[k] = rng.chance(0.08) ? 0xffff : code(titleCode, titles, messyTitle(rng, sen));
    L.firstName[k] = rng.int(FIRST_NAMES.length);
    L.lastName[k] = rng.int(LAST_NAMES.length);
    let flags = 0;
    if (rng.chance(0.03)) flags |= FLAG_NO_COMPANY;
    if (rng.chance(0.02)) flags |= FLAG_NO_FIRST;
    if (rng.chance(0.03)) flags |= FLAG_NO_LAST;
    if (rng.chance(0.1)) flags |= FLAG_COMPANY_VARIANT;
    if (rng.chance(0.02)) flags |= FLAG_EMAIL_UPPER;
    L.flags[k] = flags;

    // Latent fit: how well the company and person match the ideal customer profile.
    const sizeFit = 0.9 - 0.7 * Math.abs(Math.log10(trueSize) - 2.8);
    const indCat = INDUSTRIES[ind] as (typeof INDUSTRIES)[number];
    const senCat = SENIORITIES[sen] as (typeof SENIORITIES)[number];
    const fit = sizeFit + indCat.fit + senCat.fit + srcCat.fit + 0.6 * rng.normal() - 0.1;
    L.fit[k] = fit;
    // Latent intent: appetite to buy now; partly channel, a little fit, mostly individual.
    L.intent[k] = srcCat.intent + indCat.intent + senCat.intent + 0.25 * fit + rng.normal();

    // Free-mail is likelier for individual contributors and low-fit people.
    const pFree = (FREE_MAIL_BY_SOURCE[srcCat.name] ?? 0.1) * (sen === 0 ? 1.4 : 1) * (fit < -0.5 ? 1.5 : 1);
    const e = rng.next();
    L.emailKind[k] = e < 0.02 ? 0 : e < 0.02 + pFree ? 2 : 1;
    if (rng.chance(0.025)) {
      L.junk[k] = 1;
      // Junk addresses are throwaway business-looking domains (test.com), never free-mail.
      if (L.emailKind[k] === 2) L.emailKind[k] = 1;
    }
  }
  return { ...L, titles, campaigns };
}

function lowerBound(cum: readonly number[], x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Segment of a lead as routing sees it (from the reported size). */
export function segmentOfSize(size: number): 0 | 1 | 2 | -1 {
  if (size < 0) return -1;
  return size < 100 ? 0 : size < 1000 ? 1 : 2;
}
export const SEGMENTS = ['smb', 'mid', 'ent'] as const;
