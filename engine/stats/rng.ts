// Seeded random numbers for the bootstrap and the queue simulation. Every
// interval the app shows must be reproducible from (seed, run), so there is no
// Math.random here: xoshiro128** streams seeded through splitmix32, plus a
// counter-based hash for draws that must be the same for the same lead in two
// different simulations (common random numbers), whatever order they run in.

/** splitmix32 step: a good 32-bit mixer; used to expand seeds and to hash counters. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** xoshiro128** generator. One instance per (seed, stream); not shared across runs. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = Number.NaN;

  /** A stream per (seed, stream): run r of a bootstrap uses stream r, so runs are independent and reorderable. */
  constructor(seed: number, stream = 0) {
    let h = mix32((seed | 0) ^ mix32(stream | 0));
    this.s0 = h = mix32(h);
    this.s1 = h = mix32(h ^ 0x1b873593);
    this.s2 = h = mix32(h ^ 0xcc9e2d51);
    this.s3 = mix32(h ^ 0x68e31da4);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Marsaglia polar method; keeps the second variate). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = Number.NaN;
      return v;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Poisson(1) by inversion: the bootstrap weight of one row (P(0) = 1/e, P(1) = 1/e, P(2) = 1/(2e), ...). */
  poisson1(): number {
    const u = this.uniform();
    let k = 0;
    let p = Math.exp(-1);
    let cdf = p;
    while (u >= cdf && k < 30) {
      k++;
      p /= k;
      cdf += p;
    }
    return k;
  }

  /** Poisson(lambda) for small lambda (inversion); used by simulations of counts. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const u = this.uniform();
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    while (u >= cdf && k < 1000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A uniform on (0, 1) that depends only on (seed, stream, key, draw): the same
 * lead (key = its stable lead index) gets the same number in the baseline and
 * in the scenario simulation, so differences between them come from the policy,
 * not from the dice.
 */
export function hashUniform(seed: number, stream: number, key: number, draw = 0): number {
  let h = mix32((seed | 0) ^ mix32(stream | 0));
  h = mix32(h ^ (key | 0));
  h = mix32(h ^ Math.imul(draw + 1, 0x27d4eb2d));
  const h2 = mix32(h ^ 0x165667b1);
  // 53 bits, shifted off 0 so that log(u) and u < p comparisons are safe.
  return ((h >>> 5) * 67108864 + (h2 >>> 6) + 0.5) / 9007199254740992;
}

/** Fills `out` with Poisson(1) bootstrap weights for run `run` of `seed`. */
export function poissonWeights(seed: number, run: number, out: Float64Array): Float64Array {
  const rng = new Rng(seed, run + 1); // stream 0 is left for non-bootstrap uses
  for (let i = 0; i < out.length; i++) out[i] = rng.poisson1();
  return out;
}
