// How numbers read everywhere on the health screen: percent and hours with one
// decimal, counts with thousands separators. Cards, tooltips and the e2e test
// all format through here, so the same value always reads the same.

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export const MISSING = '–';

/** 0.6679 -> "66.8%"; null (undefined for this set of MQLs) -> "–". */
export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? MISSING : `${ONE_DECIMAL.format(rate * 100)}%`;
}

/** 3.4147 -> "3.4 h". */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined || !Number.isFinite(hours) ? MISSING : `${ONE_DECIMAL.format(hours)} h`;
}

/** 3300 -> "3,300" (never shortened: these are the numbers a review quotes). */
export function formatInteger(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? MISSING : COUNT.format(n);
}

/** Pipeline amounts: 47271000 -> "$47.3M", 8500 -> "$8,500". The currency is not in the data, so dollars are a display choice. */
export function formatAmount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  if (Math.abs(n) >= 1_000_000) return `$${ONE_DECIMAL.format(n / 1_000_000)}M`;
  return MONEY.format(n);
}

/** A week key (the Monday, "2025-01-06") as "Jan 6"; anything else unchanged. */
export function formatWeek(key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return key;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
  return month ? `${month} ${Number(m[3])}` : key;
}

/** Engine keys like "content_syndication" or "not_icp" as words; "(none)" style keys stay as they are. */
export function humanize(key: string): string {
  if (key.startsWith('(')) return key;
  const spaced = key.replace(/_/g, ' ');
  return spaced === 'not icp' ? 'not ICP' : spaced;
}

/**
 * Text from data going into HTML that ECharts renders (tooltips): escaped, so
 * a source named `<img src=x onerror=...>` shows as text and never runs.
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
