// The last few keys computed from metric points, by the identity of their labels object, name
// and resource: importers share one labels object between the points of a series (a CSV column)
// and one Resource between records of a service, so a series key — built from every label and
// hashed again when new — is built once per series run instead of once per point. Records are
// never modified after decoding, so a key cannot go stale. Points with fresh objects just miss.
import type { MetricPoint } from '../model/index.js';

const SLOTS = 8;

export class PointKeyMemo {
  private readonly labels: (MetricPoint['labels'] | undefined)[] = new Array<MetricPoint['labels'] | undefined>(SLOTS).fill(undefined);
  private readonly resources: (MetricPoint['resource'] | undefined)[] = new Array<MetricPoint['resource'] | undefined>(SLOTS).fill(undefined);
  private readonly names: string[] = new Array<string>(SLOTS).fill('');
  private readonly keys: string[] = new Array<string>(SLOTS).fill('');
  private next = 0;

  constructor(private readonly compute: (p: MetricPoint) => string) {}

  key(p: MetricPoint): string {
    const l = p.labels;
    const r = p.resource;
    for (let i = 0; i < SLOTS; i++) {
      if (this.labels[i] === l && this.resources[i] === r && this.names[i] === p.name) return this.keys[i]!;
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
