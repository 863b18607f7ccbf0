// Stable ascending order of float64 values by LSD radix sort on their bit
// patterns. A comparator sort of an index array costs ~n log n calls into JS
// (hundreds of ms for a million-lead forecast's hours to first contact); four
// counting passes cost a few ms. Ties keep their input order, exactly like
// the stable comparator sort `(a, b) => v[a] - v[b]` it replaces.

import { scratchCapacity } from './scratch-capacity';

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const SIGN = 0x80000000;

/** Grow-only scratch, reused across calls so a slider drag allocates nothing n-sized here. */
let keyHi = new Uint32Array(0);
let keyLo = new Uint32Array(0);
let tmp = new Int32Array(0);
const count = new Int32Array(BUCKETS);
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function ensure(n: number): void {
  if (keyHi.length >= n) return;
  const cap = scratchCapacity(n);
  keyHi = new Uint32Array(cap);
  keyLo = new Uint32Array(cap);
  tmp = new Int32Array(cap);
}

/** Key k of value v: IEEE 754 bits to an unsigned key with the same order (negatives flip all bits, positives the sign bit). */
function writeKey(k: number, v: number): void {
  f64[0] = v;
  let hi = u32[1]!;
  let lo = u32[0]!;
  if (hi & SIGN) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else hi = (hi | SIGN) >>> 0;
  keyHi[k] = hi;
  keyLo[k] = lo;
}

/**
 * Writes into `order` (length >= n) the indices 0..n-1 sorted by values[k]
 * ascending, ties by index. Values must not be NaN; -0 sorts as +0.
 */
export function stableOrderByValue(values: ArrayLike<number>, n: number, order: Int32Array): Int32Array {
  ensure(n);
  for (let k = 0; k < n; k++) {
    writeKey(k, values[k]! + 0); // -0 + 0 === +0: the comparator treats them as equal, so must the keys
    order[k] = k;
  }
  return orderByKeys(n, order);
}

/** LSD radix passes over keyHi/keyLo[0..n): order (holding 0..n-1 or any permutation to refine stably) ends sorted by key. */
function orderByKeys(n: number, order: Int32Array): Int32Array {
  for (let k = 0; k < n; k++) order[k] = k;
  let src: Int32Array = order;
  let dst: Int32Array = tmp;
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? keyLo : keyHi;
    const shift = (pass & 1) * DIGIT_BITS;
    count.fill(0);
    for (let k = 0; k < n; k++) count[(keys[src[k]!]! >>> shift) & 0xffff]!++;
    // A digit every key shares does not reorder anything: skip the scatter.
    if (n > 0 && count[(keys[src[0]!]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = src[k]!;
      dst[count[(keys[i]! >>> shift) & 0xffff]!++] = i;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== order) order.set(src.subarray(0, n));
  return order;
}
