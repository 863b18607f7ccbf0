// Seeded, splittable randomness. Every random decision in the world is drawn from a stream
// keyed by (seed, purpose, draw, lead): re-running one step (a scenario, an outcome draw) never
// shifts the numbers another step sees, and scenarios share common random numbers per lead,
// so differences between scenarios are the policy's effect, not sampling noise.

/** splitmix32 finaliser: spreads a 32-bit key over the whole state space. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of a list of integer keys (order matters). */
export function hashKeys(...keys: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) h = mix32(h ^ mix32(k | 0) ^ Math.imul((k / 4294967296) | 0, 0x27d4eb2f));
  return h;
}

/** Stable small integer for a purpose name, so streams can be named in code. */
export function purpose(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** xoshiro128**: fast, 128-bit state, good enough statistical quality for simulation. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal = NaN;

  constructor(...keys: readonly number[]) {
    this.reseed(...keys);
  }

  /** Re-key in place: cheaper than allocating one generator per lead. */
  reseed(...keys: readonly number[]): this {
    const h = hashKeys(...keys);
    this.a = mix32(h);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = mix32(this.c ^ 0x3c6ef372) | 1;
    this.spareNormal = NaN;
    for (let i = 0; i < 4; i++) this.nextU32();
    return this;
  }

  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in (0, 1]: safe for logarithms. */
  nextOpen(): number {
    return (this.nextU32() + 1) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const s = this.spareNormal;
      this.spareNormal = NaN;
      return s;
    }
    const u = this.nextOpen();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  exp(rate: number): number {
    return -Math.log(this.nextOpen()) / rate;
  }

  /** Log-normal with the given median and log-scale sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with probability proportional to weights (need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
