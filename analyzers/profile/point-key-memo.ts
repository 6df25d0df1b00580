// The last few keys computed from metric points, by the identity of their labels object, name
// and resource: importers share one labels object between the points of a series (a CSV column)
// and one Resource between records of a service, so a series key — built from every label and
// hashed again when new — is built once per series run instead of once per point. Records are
// never modified after decoding, so a key cannot go stale. Points with fresh objects just miss.
import type { MetricPoint } from '../model/index.js';

const SLOTS = 8;
const MISS_WINDOW = 256;
const OFF_CALLS = 16_384;

export class PointKeyMemo {
  private readonly labels: (MetricPoint['labels'] | undefined)[] = new Array<MetricPoint['labels'] | undefined>(SLOTS).fill(undefined);
  private readonly resources: (MetricPoint['resource'] | undefined)[] = new Array<MetricPoint['resource'] | undefined>(SLOTS).fill(undefined);
  private readonly names: string[] = new Array<string>(SLOTS).fill('');
  private readonly keys: string[] = new Array<string>(SLOTS).fill('');
  private next = 0;
  // Inputs whose points never share objects (Prometheus text, OTLP: fresh labels per point) would
  // pay the lookups for nothing: after a window of MISS_WINDOW misses with fewer hits than misses,
  // keys are computed directly for the next OFF_CALLS points, then the memo is tried again.
  private hits = 0;
  private misses = 0;
  private off = 0;

  constructor(private readonly compute: (p: MetricPoint) => string) {}

  key(p: MetricPoint): string {
    if (this.off > 0) {
      this.off--;
      return this.compute(p);
    }
    const l = p.labels;
    const r = p.resource;
    for (let i = 0; i < SLOTS; i++) {
      if (this.labels[i] === l && this.resources[i] === r && this.names[i] === p.name) {
        this.hits++;
        return this.keys[i]!;
      }
    }
    if (++this.misses >= MISS_WINDOW) {
      if (this.hits < this.misses) this.off = OFF_CALLS;
      this.hits = 0;
      this.misses = 0;
    }
    const k = this.compute(p);
    const j = this.next;
    this.labels[j] = l;
    this.resources[j] = r;
    this.names[j] = p.name;
    this.keys[j] = k;
    this.next = (j + 1) % SLOTS;
    return k;
  }
}
