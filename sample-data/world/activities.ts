// Activity streams: what each lead does, driven by its latent intent. Two superposed processes:
// a background drip (newsletter opens, browsing) that fades with the lead's age, and buying
// windows (a real project, a budget) during which activity bursts and shifts towards pricing,
// demos and forms. Activities never react to sales (they are exogenous), so every policy
// scenario re-scores the very same streams.
import { ACT, BACKGROUND_MIX, EMAIL_TYPES, REGIONS, SOURCES, WINDOW_MIX } from './catalog';
import type { Leads } from './leads';
import { MISSING } from './leads';
import { Rng, purpose, sigmoid } from './rng';
import { DATA_END, DAY, HOUR, HOUR_WEIGHTS, dayFactor } from './time';

export const MAX_WINDOWS = 3;
const MAX_EVENTS_PER_LEAD = 800;
const MAX_DAY_FACTOR = 1.35;

export interface Activities {
  readonly count: number;
  /** offsets[k]..offsets[k+1] are lead k's activities, in time order, times strictly increasing. */
  readonly offsets: Int32Array;
  readonly time: Int32Array;
  readonly type: Uint8Array;
  /** Buying windows per lead, MAX_WINDOWS slots, start -1 when unused. */
  readonly windowStart: Int32Array;
  readonly windowEnd: Int32Array;
}

/** Parameters, quoted in README and truth.json. */
export const ACTIVITY_PARAMS = {
  backgroundPer30Days: 'exp(1.2 + 0.5*intent), decaying with lead age, half-life ~52 days (tau 75 d)',
  newsletterPer30Days: 1.2,
  windowCount: 'Poisson(0.12 + 0.9*sigmoid(1.2*intent - 0.6)), at most 3',
  windowAtCreation: 'probability 0.7*sigmoid(intent - 0.3) that the first window opens when the lead is created',
  windowDurationDays: 'lognormal(median 18, sigma 0.5)',
  windowRatePerDay: '0.8*exp(0.35*intent)',
} as const;

const hourCum: number[] = [];
{
  let a = 0;
  for (const w of HOUR_WEIGHTS) hourCum.push((a += w));
}

function localTime(rng: Rng, t: number, offsetH: number): number {
  // Keep the day the process chose, redraw the hour from human activity patterns.
  const day = Math.floor((t + offsetH * HOUR) / DAY);
  const x = rng.next() * (hourCum[23] as number);
  let h = 0;
  while ((hourCum[h] as number) <= x) h++;
  return day * DAY + h * HOUR + rng.int(3600) - offsetH * HOUR;
}

/** First activity: the form or touch that created the lead, hotter when it arrives inside a buying window. */
function creationType(rng: Rng, source: string, hot: boolean): number {
  const u = rng.next();
  if (hot && u < 0.3) return rng.pick([ACT.demo_request, ACT.pricing_request, ACT.contact_form, ACT.trial_signup, ACT.pricing_page_view]);
  switch (source) {
    case 'content_syndication':
    case 'paid_social':
      return ACT.content_download;
    case 'event':
      return ACT.event_attended;
    case 'webinar':
      return ACT.webinar_registered;
    case 'outbound':
      return u < 0.6 ? ACT.email_click : ACT.web_visit;
    case 'partner':
    case 'referral':
      return u < 0.35 ? ACT.contact_form : ACT.web_visit;
    default:
      return u < 0.55 ? ACT.content_download : u < 0.6 ? ACT.contact_form : ACT.web_visit;
  }
}

export function generateActivities(leads: Leads, seed: number): Activities {
  const n = leads.n;
  let cap = Math.max(1024, n * 24);
  let time = new Int32Array(cap);
  let type = new Uint8Array(cap);
  const offsets = new Int32Array(n + 1);
  const windowStart = new Int32Array(n * MAX_WINDOWS).fill(-1);
  const windowEnd = new Int32Array(n * MAX_WINDOWS).fill(-1);
  const rng = new Rng(0);
  const evT: number[] = [];
  const evK: number[] = [];
  const idx: number[] = [];
  let count = 0;

  for (let k = 0; k < n; k++) {
    rng.reseed(seed, purpose('activities'), k);
    const c = leads.created[k] as number;
    const I = leads.intent[k] as number;
    const r = leads.region[k] as number;
    const off = r === MISSING ? 0 : (REGIONS[r] as (typeof REGIONS)[number]).utcOffset;
    const hasEmail = (leads.emailKind[k] as number) !== 0;
    evT.length = 0;
    evK.length = 0;

    // Buying windows.
    const nWin = Math.min(MAX_WINDOWS, rng.poisson(0.12 + 0.9 * sigmoid(1.2 * I - 0.6)));
    let cursor = c;
    for (let w = 0; w < nWin; w++) {
      const start = w === 0 && rng.chance(0.7 * sigmoid(I - 0.3)) ? c : cursor + rng.exp(1 / (w === 0 ? 90 : 60)) * DAY;
      const end = start + rng.lognormal(18, 0.5) * DAY;
      if (start >= DATA_END) break;
      windowStart[k * MAX_WINDOWS + w] = Math.floor(start);
      windowEnd[k * MAX_WINDOWS + w] = Math.floor(end);
      cursor = end;
      const rate = 0.8 * Math.exp(0.35 * I);
      const lmax = (rate * MAX_DAY_FACTOR) / DAY;
      for (let t = start + rng.exp(lmax); t < end && t < DATA_END; t += rng.exp(lmax)) {
        if (rng.next() * MAX_DAY_FACTOR < dayFactor(Math.floor(t / DAY))) {
          evT.push(localTime(rng, t, off));
          evK.push(rng.weighted(WINDOW_MIX));
        }
      }
    }
    const hotAtCreation = (windowStart[k * MAX_WINDOWS] as number) === c;
    evT.push(c);
    evK.push(creationType(rng, (SOURCES[leads.source[k] as number] as (typeof SOURCES)[number]).name, hotAtCreation));

    // Background drip: fades with age (tau 75 days); newsletter opens go on while subscribed.
    const r0 = Math.exp(1.2 + 0.5 * I) / 30;
    const floor = hasEmail ? 1.2 / 30 : 0;
    const lmax = ((r0 + floor) * MAX_DAY_FACTOR) / DAY;
    for (let t = c + rng.exp(lmax); t < DATA_END; t += rng.exp(lmax)) {
      const bg = r0 * Math.exp(-(t - c) / (75 * DAY));
      const u = rng.next() * (r0 + floor) * MAX_DAY_FACTOR;
      const f = dayFactor(Math.floor(t / DAY));
      if (u < bg * f) {
        const kind = rng.weighted(BACKGROUND_MIX);
        if (!hasEmail && EMAIL_TYPES.has(kind)) continue;
        evT.push(localTime(rng, t, off));
        evK.push(kind);
      } else if (u < (bg + floor) * f) {
        evT.push(localTime(rng, t, off));
        evK.push(rng.chance(0.85) ? ACT.email_open : ACT.email_click);
      }
    }

    // Order, keep inside [created, data end), make times distinct, stop email after unsubscribe.
    idx.length = 0;
    for (let i = 0; i < evT.length; i++) {
      if ((evT[i] as number) < c) evT[i] = c + 1 + rng.int(3600);
      idx.push(i);
    }
    idx.sort((a, b) => (evT[a] as number) - (evT[b] as number) || a - b);
    if (count + idx.length > cap) {
      cap = Math.max(cap * 2, count + idx.length + 1024);
      const t2 = new Int32Array(cap);
      t2.set(time.subarray(0, count));
      time = t2;
      const k2 = new Uint8Array(cap);
      k2.set(type.subarray(0, count));
      type = k2;
    }
    let last = -1;
    let unsubscribed = false;
    let kept = 0;
    for (const i of idx) {
      let t = evT[i] as number;
      const kind = evK[i] as number;
      if (unsubscribed && EMAIL_TYPES.has(kind)) continue;
      if (t <= last) t = last + 1;
      if (t >= DATA_END) break;
      time[count] = t;
      type[count] = kind;
      count++;
      last = t;
      if (kind === ACT.unsubscribe) unsubscribed = true;
      if (++kept >= MAX_EVENTS_PER_LEAD) break;
    }
    offsets[k + 1] = count;
  }
  return { count, offsets, time: time.subarray(0, count), type: type.subarray(0, count), windowStart, windowEnd };
}

/** Whether lead k is inside one of its buying windows at time t. */
export function inBuyingWindow(acts: Activities, k: number, t: number): boolean {
  for (let w = 0; w < MAX_WINDOWS; w++) {
    const s = acts.windowStart[k * MAX_WINDOWS + w] as number;
    if (s < 0) break;
    if (t >= s && t <= (acts.windowEnd[k * MAX_WINDOWS + w] as number)) return true;
  }
  return false;
}
