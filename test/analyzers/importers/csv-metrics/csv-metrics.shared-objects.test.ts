// Points of one column share their labels object, and rows of one service/instance share their
// Resource (records are never modified after decoding): values stay exactly those of each row.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { decodeText, points } from '../prometheus/metrics-test-helpers.js';

describe('csv-metrics: shared labels and resources', () => {
  it('wide CSV without label columns: one labels object per column, one resource for all rows', () => {
    const r = decodeText(csvMetrics, 'time,cpu{host="a"},mem\n2026-01-01T00:00:00Z,1,10\n2026-01-01T00:01:00Z,2,20\n2026-01-01T00:02:00Z,3,30\n');
    const p = points(r);
    expect(p.map((x) => [x.name, x.labels, x.value])).toEqual([
      ['cpu', { host: 'a' }, 1],
      ['mem', {}, 10],
      ['cpu', { host: 'a' }, 2],
      ['mem', {}, 20],
      ['cpu', { host: 'a' }, 3],
      ['mem', {}, 30],
    ]);
    expect(p[2]!.labels).toBe(p[0]!.labels);
    expect(p[3]!.labels).toBe(p[1]!.labels);
    expect(p[1]!.labels).not.toBe(p[0]!.labels);
    expect(new Set(p.map((x) => x.resource)).size).toBe(1);
    // The points of a row share their provenance; each row has its own, with its line.
    expect(p[1]!.source).toBe(p[0]!.source);
    expect(p[2]!.source).not.toBe(p[0]!.source);
    expect(p.map((x) => x.source.line)).toEqual([2, 2, 3, 3, 4, 4]);
  });

  it('label, service and instance columns: each row keeps its own labels; resources shared per service and instance', () => {
    const text = 'time,service,instance,region,latency\n' + ['checkout,i-1,eu', 'cart,i-1,eu', 'checkout,i-1,us', 'checkout,i-2,us', 'checkout,i-1,eu'].map((c, i) => `2026-01-01T00:0${i}:00Z,${c},${i + 1}`).join('\n') + '\n';
    const p = points(decodeText(csvMetrics, text));
    expect(p.map((x) => [x.resource.serviceName, x.resource.serviceInstanceId, x.labels['region'], x.value])).toEqual([
      ['checkout', 'i-1', 'eu', 1],
      ['cart', 'i-1', 'eu', 2],
      ['checkout', 'i-1', 'us', 3],
      ['checkout', 'i-2', 'us', 4],
      ['checkout', 'i-1', 'eu', 5],
    ]);
    expect(p[2]!.resource).toBe(p[0]!.resource);
    expect(p[4]!.resource).toBe(p[0]!.resource);
    expect(p[1]!.resource).not.toBe(p[0]!.resource);
    expect(p[3]!.resource).not.toBe(p[0]!.resource);
    // Row labels are per row (a shared object would carry another row's region).
    expect(p[2]!.labels).not.toBe(p[0]!.labels);
  });
});
