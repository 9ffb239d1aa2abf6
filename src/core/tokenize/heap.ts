/** A binary min-heap of numbers on a growable Float64Array (no per-entry objects). */
export class NumberMinHeap {
  private data: Float64Array;
  private size = 0;

  constructor(initial: ArrayLike<number> = [], capacity = 16) {
    this.data = new Float64Array(Math.max(capacity, initial.length, 1));
    for (let i = 0; i < initial.length; i++) this.data[i] = initial[i] ?? 0;
    this.size = initial.length;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = d[parent] as number;
      if (p <= value) break;
      d[i] = p;
      i = parent;
    }
    d[i] = value;
  }

  /** Removes and returns the smallest value; undefined when empty. */
  pop(): number | undefined {
    if (this.size === 0) return undefined;
    const d = this.data;
    const top = d[0] as number;
    this.size--;
    if (this.size > 0) {
      d[0] = d[this.size] as number;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const d = this.data;
    const n = this.size;
    const value = d[start] as number;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let c = d[left] as number;
      if (right < n) {
        const r = d[right] as number;
        if (r < c) {
          child = right;
          c = r;
        }
      }
      if (value <= c) break;
      d[i] = c;
      i = child;
    }
    d[i] = value;
  }
}
