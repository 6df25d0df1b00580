// A sample of more labels than the analysis keeps: the tokenizer stores the first
// MAX_RECORD_ATTRIBUTES (and the labels it looks up) and counts the rest in `droppedLabels`, instead
// of building every label for RecordLimiter to trim (a 3M-label line: 11 s, 0.7 GB). What the
// analysis then keeps and reports must be what it kept and reported from the whole label set:
// each case compares the bounded record with the same point carrying all its labels, both trimmed
// by RecordLimiter. The labels of a case are written in the test, so the expectation is by hand.
import { describe, expect, it } from 'vitest';
import { RecordLimiter } from '../../../../analyzers/analysis/record-limits.js';
import { openMetricsText, prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { MAX_RECORD_ATTRIBUTES, type MetricPoint } from '../../../../analyzers/model/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from './metrics-test-helpers.js';

const N = 3000;
const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `a${from + i}`);

/** What the analysis keeps of a point and what it says it dropped. */
function limited(p: MetricPoint): { labels: [string, string][]; message: string | undefined } {
  const copy: MetricPoint = { ...p, labels: { ...p.labels } };
  const message = new RecordLimiter().bound(copy);
  return { labels: Object.entries(copy.labels), message };
}

/** The same point as if every label had been stored. */
function whole(p: MetricPoint, pairs: [string, string][]): MetricPoint {
  const labels: Record<string, string> = {};
  for (const [k, v] of pairs) labels[k] = v;
  const { droppedLabels: _, ...rest } = p;
  return { ...rest, labels };
}

describe.each([prometheusText, openMetricsText])('$id: a sample of more labels than the analysis keeps', (spec) => {
  const om = spec.id === 'openmetrics';
  const wrap = (type: string, lines: string[]) => (om ? `# TYPE m ${type}\n${lines.join('\n')}\n# EOF\n` : `# TYPE m ${type}\n${lines.join('\n')}\n`);
  const labelText = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}="${v}"`).join(',');

  it('stores the first labels, counts the rest, and the analysis keeps and reports what it did from all of them', () => {
    const pairs = names(N).map((k, i): [string, string] => [k, `v${i % 7}`]);
    const r = decodeText(spec, wrap('gauge', [`m{${labelText(pairs)}} 1`]));
    expect(r.errors).toEqual([]);
    const [p] = points(r);
    expect(Object.keys(p!.labels)).toEqual(names(MAX_RECORD_ATTRIBUTES));
    expect(p!.droppedLabels).toBe(N - MAX_RECORD_ATTRIBUTES);
    expect(limited(p!)).toEqual(limited(whole(p!, pairs)));
    expect(limited(p!).message).toContain(`${N - MAX_RECORD_ATTRIBUTES} labels dropped`);
  });

  it('gives the same records whole and in 1-, 7- and 4096-byte chunks', () => {
    const text = wrap('gauge', [`m{${labelText(names(N).map((k): [string, string] => [k, 'x']))}} 1`, 'm{b="1"} 2']);
    const base = fingerprint(decodeText(spec, text));
    for (const size of CHUNK_SIZES) expect(fingerprint(decodeText(spec, text, size))).toBe(base);
  });

  it('still refuses a repeated name past the bound, of a stored label or of a left-out one', () => {
    const labels = labelText(names(N).map((k): [string, string] => [k, 'x']));
    for (const again of ['a5', 'a2500']) {
      const r = decodeText(spec, wrap('gauge', [`m{${labels},${again}="y"} 1`]));
      expect(points(r)).toHaveLength(0);
      expect(r.errors.map((e) => [e.code, e.message])).toEqual([['duplicate', `duplicate label name "${again}"`]]);
    }
  });

  it('keeps the labels it looks up past the bound (le, quantile): no false invalid-record, the analysis keeps the same', () => {
    const pairs = names(N).map((k): [string, string] => [k, 'x']);
    const bucket: [string, string][] = [...pairs, ['le', '+Inf']];
    const quantile: [string, string][] = [...pairs, ['quantile', '0.5']];
    const h = decodeText(spec, wrap('histogram', [`m_bucket{${labelText(bucket)}} 1`, `m_count{${labelText(pairs)}} 1`, `m_sum{${labelText(pairs)}} 1`]));
    expect(h.errors).toEqual([]);
    expect(points(h)[0]!.labels['le']).toBe('+Inf');
    expect(limited(points(h)[0]!)).toEqual(limited(whole(points(h)[0]!, bucket)));
    const s = decodeText(spec, wrap('summary', [`m{${labelText(quantile)}} 1`]));
    expect(s.errors).toEqual([]);
    expect(limited(points(s)[0]!)).toEqual(limited(whole(points(s)[0]!, quantile)));
  });
});

describe('openmetrics: grouping samples of more labels than the analysis keeps', () => {
  const many = (order: string[], last: string) => [...order.map((k) => `${k}="x"`), `z="${last}"`].join(',');
  const forward = names(N);
  const backward = [...forward].reverse();

  it('knows a label set again whatever its order, and tells sets apart by a label left out', () => {
    // The same set (z="1") comes back after another one (z="2"): not grouped together, as before.
    const text = `# TYPE m gauge\nm{${many(forward, '1')}} 1\nm{${many(forward, '2')}} 1\nm{${many(backward, '1')}} 1\n# EOF\n`;
    const r = decodeText(openMetricsText, text);
    expect(points(r)).toHaveLength(3);
    expect(r.errors.map((e) => [e.code, e.message, e.line])).toEqual([['invalid-record', 'samples of metric family "m" are not grouped together', 4]]);
    // Sets that differ only in z (stored last, past the bound): two groups, so no timestamp order between them.
    const apart = `# TYPE m gauge\nm{${many(forward, '1')}} 1 20\nm{${many(forward, '2')}} 1 10\n# EOF\n`;
    expect(decodeText(openMetricsText, apart).errors).toEqual([]);
    const same = `# TYPE m gauge\nm{${many(forward, '1')}} 1 20\nm{${many(backward, '1')}} 1 10\n# EOF\n`;
    expect(decodeText(openMetricsText, same).errors.map((e) => e.message)).toEqual(['timestamps went backwards within a group']);
  });
});

describe('prometheus: quoted names that are array indices, past the bound', () => {
  it('are kept for the analysis, which lists them first as it did from the whole label set', () => {
    // A JS object lists "7" and "12" before every other key: the analysis's trim of the whole set kept them.
    const pairs: [string, string][] = [...names(N).map((k): [string, string] => [k, 'x']), ['12', 'b'], ['7', 'a']];
    const r = decodeText(prometheusText, `m{${pairs.map(([k, v]) => `"${k}"="${v}"`).join(',')}} 1\n`);
    expect(r.errors).toEqual([]);
    const kept = limited(points(r)[0]!);
    expect(kept).toEqual(limited(whole(points(r)[0]!, pairs)));
    expect(kept.labels.slice(0, 3)).toEqual([['7', 'a'], ['12', 'b'], ['a0', 'x']]);
  });
});
