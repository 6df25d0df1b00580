// The 0.0.4 fast path (scanPlainPromSample) must never disagree with the general tokenizer
// (parsePrometheusSample): whatever line it accepts, the tokenizer accepts with the same name,
// labels, value and timestamp; everything unusual is declined and left to the tokenizer.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrometheusSample, scanPlainPromSample, type PlainSample } from '../../../../analyzers/importers/prometheus/parse-line.js';
import { DATA } from '../../../helpers/paths.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (name !== 'test.json') out.push(p);
  }
  return out;
}

const corpusLines = [...filesUnder(join(DATA, 'prometheus-text')), ...filesUnder(join(DATA, 'openmetrics'))].flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, '')),
);

function tokenizerView(line: string) {
  const r = parsePrometheusSample(line);
  if (!r.ok) return { ok: false as const, code: r.fault.code };
  const labels: Record<string, string> = {};
  for (const [k, v] of r.sample.labels) labels[k] = v;
  return { ok: true as const, name: r.sample.name, labels, valueText: r.sample.valueText, timestampText: r.sample.timestampText, exemplar: r.sample.exemplar };
}

describe('0.0.4 fast path', () => {
  it('agrees with the tokenizer on every line of the Prometheus and OpenMetrics samples', () => {
    let accepted = 0;
    let prev: PlainSample | undefined;
    for (const line of corpusLines) {
      const fast = scanPlainPromSample(line, prev);
      if (fast === undefined) continue;
      prev = fast;
      accepted++;
      expect(tokenizerView(line), line).toEqual({ ok: true, name: fast.name, labels: fast.labels, valueText: fast.valueText, timestampText: fast.timestampText, exemplar: undefined });
    }
    // It is the path real scrapes take: most sample lines of the corpus go through it.
    expect(accepted).toBeGreaterThan(5000);
  });

  it('takes nearly every sample line of a real node_exporter scrape', () => {
    const lines = readFileSync(join(DATA, 'prometheus-text/node_exporter/e2e/e2e-output.txt'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    const fast = lines.filter((l) => scanPlainPromSample(l) !== undefined).length;
    // Those declined carry escapes in label values (counted with grep -c '\\\\' on sample lines).
    const withEscapes = lines.filter((l) => l.includes('\\')).length;
    expect(fast).toBe(lines.length - withEscapes);
  });

  it.each([
    ['leading blank', ' a 1'],
    ['tab separator', 'a\t1'],
    ['two spaces', 'a  1'],
    ['blank in labels', 'a{ b="1"} 1'],
    ['blank around =', 'a{b = "1"} 1'],
    ['trailing comma', 'a{b="1",} 1'],
    ['escape in value', 'a{b="x\\"y"} 1'],
    ['quoted metric name', '{"a.b"} 1'],
    ['reserved __name__', 'a{__name__="x"} 1'],
    ['duplicate label', 'a{b="1",b="2"} 1'],
    ['__proto__ label', 'a{__proto__="x"} 1'],
    ['value glued to brace', 'a{b="1"}1'],
    ['exemplar', 'a_total 1 # {trace_id="abc"} 1'],
    ['trailing blank', 'a 1 '],
    ['float timestamp', 'a 1 1.5'],
    ['text after timestamp', 'a 1 2 3'],
    ['unterminated value', 'a{b="1} 1'],
    ['missing value', 'a{b="1"}'],
    ['no value', 'a'],
    ['bad name start', '1a 1'],
  ])('declines %s (left to the tokenizer)', (_what, line) => {
    expect(scanPlainPromSample(line)).toBeUndefined();
  });

  it('reads the plain forms exactly', () => {
    expect(scanPlainPromSample('http_requests_total{method="post",code="200"} 1027 1395066363000')).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '200' },
      valueText: '1027',
      timestampText: '1395066363000',
    });
    expect(scanPlainPromSample('up{} -Inf')).toEqual({ name: 'up', labels: {}, valueText: '-Inf', timestampText: undefined });
    expect(scanPlainPromSample('x:y_z{a="",b="\t{}#"} NaN -5')).toEqual({ name: 'x:y_z', labels: { a: '', b: '\t{}#' }, valueText: 'NaN', timestampText: '-5' });
    // The previous line's name string is reused when it repeats.
    const first = scanPlainPromSample('m{le="1"} 2')!;
    const next = scanPlainPromSample('m{le="2"} 3', first)!;
    expect(next.name).toBe(first.name);
    expect(scanPlainPromSample('mm 3', first)!.name).toBe('mm');
  });
});
