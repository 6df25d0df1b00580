// A metric name's capped facts — its label keys with their value sketches (LABEL_KEYS_CAP), its
// units, types, temporalities and bucket layouts (SMALL_SET_CAP) and the per-series counts a
// classic histogram stands for (fanout weights, FANOUT_CAP) — are the same whatever the thread
// split or the order of the points: the label keys of lowest (hash, key), the first units and
// layouts in sorted order, the largest weights. They were the first to arrive, each thread's own:
// a 16 MB OTLP metrics file whose histogram had 44 bucket layouts and 12 units said "about 27,616
// stored series" on 1 thread and 23,097 on 2, and listed other units.
// The test feeds one set of points to one profile in order, and split into 2..5 shuffled parts to as
// many profiles merged in a shuffled order; the expected kept values are computed here from the
// generator (sorted by (hash32, key) or by value, first N).
import { describe, expect, it } from 'vitest';
import { FANOUT_CAP, LABEL_KEYS_CAP, MetricProfile, SMALL_SET_CAP, type MetricProfileState } from '../../../analyzers/profile/metric-profile.js';
import { hash32 } from '../../../analyzers/profile/hash.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';
import { DistinctSketch } from '../../../analyzers/profile/sketch.js';
import { mulberry32, shuffle } from '../../helpers/prng.js';

const KEYS = Array.from({ length: 40 }, (_, i) => `attr.k${String(i).padStart(2, '0')}`);
const UNITS = ['ms', 's', 'us', 'By', 'KiBy', '1', '%', '{req}', 'ns', 'min', 'h', 'MiBy'];
const T0 = 1_764_000_000_000_000_000n;

/** Histogram points of one name: 4 of 40 label keys each (values 0..59), one of 12 units, one of 44 bucket layouts. */
function points(): MetricPoint[] {
  const rnd = mulberry32(3);
  const resource = { ...emptyResource(), serviceName: 'api' };
  const out: MetricPoint[] = [];
  for (let i = 0; i < 6000; i++) {
    const labels: Record<string, string> = {};
    for (const k of shuffle(KEYS, rnd).slice(0, 4)) labels[k] = `v${Math.floor(rnd() * 60)}`;
    const nb = 1 + Math.floor(rnd() * 44);
    const bounds = Array.from({ length: nb }, (_, b) => b + 1);
    out.push({
      kind: 'metric', name: 'http.server.request.duration', type: 'histogram', temporality: 'cumulative', unit: UNITS[Math.floor(rnd() * UNITS.length)]!, labels,
      timeNs: T0 + BigInt(i) * 1_000_000_000n, histogram: { count: nb + 1, sum: 1, bounds, counts: bounds.map(() => 1).concat(1) }, exemplars: [], resource, source: { file: 'm.jsonl', line: i + 1 },
    } as MetricPoint);
  }
  return out;
}

function fed(list: MetricPoint[]): MetricProfile {
  const p = new MetricProfile();
  for (const r of list) p.add(r);
  return p;
}

/** A name's state without its example (the first point of the part) and with sketches as counts. */
function capped(s: MetricProfileState): unknown {
  const n = s.names['http.server.request.duration']!;
  const counts = (o: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, DistinctSketch.from(v as never).count()]));
  return { points: n.points, units: n.units, types: n.types, bounds: n.bounds, labels: counts(n.labels), fanout: counts(n.fanout) };
}

describe('a metric name past its caps: the same for any split', () => {
  const list = points();
  const one = fed(list).state();

  it('keeps the label keys of lowest hash with all their values, the first units and layouts in sorted order, the largest weights', () => {
    const n = one.names['http.server.request.duration']!;
    const keys = [...KEYS].sort((a, b) => hash32(a) - hash32(b) || (a < b ? -1 : 1)).slice(0, LABEL_KEYS_CAP);
    expect(Object.keys(n.labels).sort()).toEqual([...keys].sort());
    for (const k of keys) expect(DistinctSketch.from(n.labels[k]!).count()).toBe(new Set(list.filter((p) => p.labels[k] !== undefined).map((p) => p.labels[k])).size);
    expect(n.units).toEqual([...UNITS].sort().slice(0, SMALL_SET_CAP));
    const layouts = [...new Set(list.map((p) => p.histogram!.bounds.join(',')))].sort();
    expect(n.bounds).toEqual(layouts.slice(0, SMALL_SET_CAP));
    const weights = [...new Set(list.map((p) => p.histogram!.bounds.length + 3))].sort((a, b) => b - a).slice(0, FANOUT_CAP);
    expect(Object.keys(n.fanout!).map(Number).sort((a, b) => b - a)).toEqual(weights);
  });

  it('split into 2..5 shuffled parts and merged in any order, the state of one pass', () => {
    const rnd = mulberry32(19);
    for (let parts = 2; parts <= 5; parts++) {
      const shuffled = shuffle(list, rnd);
      const states = Array.from({ length: parts }, (_, k) => fed(shuffled.filter((_, i) => i % parts === k)).state());
      const merged = new MetricProfile();
      for (const s of shuffle(states, rnd)) merged.merge(s);
      expect(capped(merged.state())).toEqual(capped(one));
    }
  });
});
