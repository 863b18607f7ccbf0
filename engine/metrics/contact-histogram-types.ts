// Result shape of the time-to-first-contact histogram. Imports nothing, so the
// EngineApi contract (and through it the renderer) can use it without Node.

export interface ContactHistogramBin {
  /** Stable key for the bin ("lt5m", "1-4h", ...). */
  readonly key: string;
  /** Plain-words label ("1–4 h"). */
  readonly label: string;
  /** Lower edge in wall-clock hours, inclusive; null = open (before MQL). */
  readonly min_hours: number | null;
  /** Upper edge in wall-clock hours, exclusive; null = open ("3+ days"). */
  readonly max_hours: number | null;
  readonly count: number;
}

export interface ContactHistogramResult {
  readonly window: { readonly from: string | null; readonly to: string | null };
  /** Bins of wall-clock hours from mql_at to first contact, over contacted MQLs, in order. */
  readonly bins: readonly ContactHistogramBin[];
  /** MQLs with a first contact (the bins add up to this; the same set as the median's count). */
  readonly contacted: number;
  /** MQLs in the window never contacted (at the data end). */
  readonly not_contacted: number;
}
