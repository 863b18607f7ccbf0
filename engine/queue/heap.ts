// A binary min-heap of integer ids ordered by a numeric key per id (ties by a
// second integer per id), on a growable Int32Array. The keys live in the
// caller's typed arrays, so comparisons are two array reads, no closure call:
// the queue simulation does millions of them per run.

export class KeyedHeap {
  private data: Int32Array;
  private n = 0;

  /** key[id] orders ids ascending; tie[id] breaks equal keys. The arrays must cover every id pushed. */
  constructor(
    private readonly key: Float64Array,
    private readonly tie: Int32Array,
    capacity = 16,
  ) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  get size(): number {
    return this.n;
  }

  peek(): number {
    return this.n > 0 ? this.data[0]! : -1;
  }

  push(id: number): void {
    if (this.n === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const key = this.key;
    const tie = this.tie;
    const k = key[id]!;
    const t = tie[id]!;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = d[parent]!;
      const kp = key[p]!;
      if (kp < k || (kp === k && tie[p]! <= t)) break;
      d[i] = p;
      i = parent;
    }
    d[i] = id;
  }

  pop(): number {
    if (this.n === 0) return -1;
    const d = this.data;
    const key = this.key;
    const tie = this.tie;
    const top = d[0]!;
    const last = d[--this.n]!;
    const n = this.n;
    const kl = key[last]!;
    const tl = tie[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let kc = key[d[c]!]!;
      if (c + 1 < n) {
        const k2 = key[d[c + 1]!]!;
        if (k2 < kc || (k2 === kc && tie[d[c + 1]!]! < tie[d[c]!]!)) {
          c++;
          kc = k2;
        }
      }
      if (kl < kc || (kl === kc && tl <= tie[d[c]!]!)) break;
      d[i] = d[c]!;
      i = c;
    }
    if (n > 0) d[i] = last;
    return top;
  }
}
