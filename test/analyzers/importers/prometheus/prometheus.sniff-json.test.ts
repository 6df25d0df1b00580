// A line of JSON is never a "near sample" (a broken exposition line), whatever `=` its strings
// hold before the first `}`: a one-line answer with a PromQL query or a label set in a string (a
// Grafana /api/ds/query answer, a SigNoz trace) was taken for broken Prometheus text ("expected
// '=' after label name"). A quoted metric name in a sample is followed by `,` or `}`, never `:`,
// so a real broken sample of that shape stays near. Expected values by hand: no good line and no
// near line gives exposition 0; one near line alone gives the 0.4 of a broken exposition.
import { describe, expect, it } from 'vitest';
import { sniffExposition, sniffPrometheus } from '../../../../analyzers/importers/prometheus/sniff.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';

const input = (t: string) => makeSniffInput(new TextEncoder().encode(t), true);

describe('JSON is never a near sample', () => {
  const json = [
    '{"query":"rate(http_requests_total{job=\\"api\\"}[5m])","step":15}',
    '[{"expr":"up{job=\\"x\\"}","n":1}]',
    '{ "refs" : "[{TraceId=5b8e, SpanId=, RefType=CHILD_OF}]" }',
  ];
  for (const t of json) {
    it(t, () => {
      expect(sniffExposition(input(t + '\n')).exposition).toBe(0);
      expect(sniffPrometheus(input(t + '\n'))).toBe(0);
      expect(sniffFormat(input(t + '\n')).spec?.id).not.toBe('prometheus');
    });
  }

  it('a broken sample with a quoted name or a label set is still one', () => {
    expect(sniffExposition(input('{"my.metric",job="a"} notanumber\n')).exposition).toBe(0.4);
    expect(sniffExposition(input('http_requests{job="a" 1\n')).exposition).toBe(0.4);
  });
});
