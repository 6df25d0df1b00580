// S-MET-UCUM: OpenTelemetry units are UCUM (`s`, `By`), OpenMetrics units base-unit words
// (`seconds`, `bytes`) that the metric name ends with. Each is right in its own format; the rule
// must not tell an OpenMetrics exposition to write `s` where OpenMetrics itself requires `seconds`.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const rule = (inputs: [string, string][]) => analyseInputs(inputs).findings!.find((f) => f.ruleId === 'S-MET-UCUM')!;

describe('S-MET-UCUM', () => {
  it('an OpenMetrics exposition with base-unit words passes', () => {
    const om = '# TYPE req_duration_seconds gauge\n# UNIT req_duration_seconds seconds\nreq_duration_seconds 0.25\n# TYPE mem_used_bytes gauge\n# UNIT mem_used_bytes bytes\nmem_used_bytes 1024\n# EOF\n';
    expect(rule([['m.om', om]])).toMatchObject({ passed: true });
  });

  it('OTLP metrics with words instead of UCUM codes still fail', () => {
    const point = { timeUnixNano: '1700000000000000000', asDouble: 0.25 };
    const otlp = JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] }, scopeMetrics: [{ metrics: [{ name: 'req.duration', unit: 'seconds', gauge: { dataPoints: [point] } }] }] }] });
    expect(rule([['m.json', otlp + '\n']])).toMatchObject({ passed: false });
  });
});
