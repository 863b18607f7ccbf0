// A binary min-heap of integer ids ordered by a caller's comparison, on a
// growable Int32Array: the queue simulation keeps one per rep plus one for
// timed events, so it never allocates per lead.

export class IdHeap {
  private data: Int32Array;
  private n = 0;

  constructor(
    private readonly less: (a: number, b: number) => boolean,
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
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(id, d[parent]!)) break;
      d[i] = d[parent]!;
      i = parent;
    }
    d[i] = id;
  }

  pop(): number {
    if (this.n === 0) return -1;
    const d = this.data;
    const top = d[0]!;
    const last = d[--this.n]!;
    const n = this.n;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(d[c + 1]!, d[c]!)) c++;
      if (!this.less(d[c]!, last)) break;
      d[i] = d[c]!;
      i = c;
    }
    if (n > 0) d[i] = last;
    return top;
  }
}
