// Prometheus HTTP API responses. Expected point counts derived with
//   jq '[.data.result[]? | (.values|length)] | add // 0' FILE
import { describe, expect, it } from 'vitest';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { decodeData, decodeText, points, readData, sniffedId } from '../prometheus/metrics-test-helpers.js';

const J = 'prometheus-api-json/jaeger';
const P = 'prometheus-api-json/prometheus-codemirror-promql';

describe('prom-api real files', () => {
  it.each([
    [`${J}/empty_response.json`, 0],
    [`${J}/service_datapoint_response.json`, 1],
    [`${J}/service_span_name_datapoint_response.json`, 1],
    [`${J}/warning_response.json`, 0],
  ])('%s has %i points and sniffs as prom-api', (file, n) => {
    const r = decodeData(promApi, file);
    expect(r.records).toHaveLength(n);
    expect(r.progress.rejected).toBe(0);
    expect(sniffedId(readData(file))).toBe('prom-api');
  });

  it('maps a matrix value: labels, no __name__ → name "", float seconds → ns, string value', () => {
    const p = points(decodeData(promApi, `${J}/service_span_name_datapoint_response.json`));
    expect(p[0]).toMatchObject({
      name: '',
      type: 'unknown',
      labels: { span_name: '/OrderResult', service_name: 'emailservice' },
      timeNs: 1620351786000000000n,
      value: 9223372036854,
      source: { line: 6 },
    });
  });

  it('reads the non-standard "status":"warning" and reports the warnings', () => {
    const r = decodeData(promApi, `${J}/warning_response.json`);
    expect(r.errors).toMatchObject([{ code: 'invalid-record', message: expect.stringContaining('warning0; warning1') }]);
  });

  // Prometheus 3 returns info-level annotations in "infos" beside "warnings" (Grafana's test data
  // prom-infos.json has `"infos": ["info 1", "info 2"]`); they were read past silently.
  it('reports Prometheus 3 "infos" as it reports warnings, the points kept', () => {
    const text = JSON.stringify({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'node' }, value: [1435781451.781, '1'] }] },
      infos: ['info 1', 'info 2'],
    });
    const r = decodeText(promApi, text);
    expect(points(r)).toHaveLength(1);
    expect(r.errors).toMatchObject([{ code: 'invalid-record', message: expect.stringContaining('info 1; info 2') }]);
    // with warnings too: one error each
    const both = decodeText(promApi, JSON.stringify({ ...JSON.parse(text), warnings: ['w'] }));
    expect(both.errors.map((e) => e.message.slice(0, 28))).toEqual(['Prometheus reported warnings', 'Prometheus reported infos (n']);
  });

  // API times are float seconds; `[1700000000000,"1"]` is milliseconds (as seconds: year 55,840).
  // Read as ms, said once per file, as the text importers do. Expected: 1700000000000 ms =
  // 1700000000 s → 1.7e18 ns; 1700000060000 ms → 1700000060 s; the 2023 time in seconds untouched.
  it('reads a millisecond sample time as milliseconds and says so once (fast and general paths)', () => {
    const text = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { __name__: 'up' }, values: [[1700000000000, '1'], [1700000060000, '1'], [1700000000, '0']] },
          { metric: { __name__: 'h' }, values: [[1700000000000, 'NaN']] },
        ],
      },
    }).replace('"NaN"', '"\\u004eaN"'); // an escape: this pair is read by the general path (JSON.parse)
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeText(promApi, text, chunk);
      expect(points(r).map((p) => p.timeNs)).toEqual([1_700_000_000_000_000_000n, 1_700_000_060_000_000_000n, 1_700_000_000_000_000_000n, 1_700_000_000_000_000_000n]);
      expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp']);
      expect(r.errors[0]!.message).toMatch(/^sample time 1700000000000 is in milliseconds where the Prometheus API has seconds/);
      expect(r.progress.rejected).toBe(0);
    }
  });

  it.each(['alertmanager_alerts_series.json', 'label_env_values.json', 'labels.json', 'metadata.json', 'metric_name.json'])(
    '%s (no data points) is recognised and reported as unsupported',
    (f) => {
      const r = decodeData(promApi, `${P}/${f}`);
      expect(r.records).toEqual([]);
      expect(r.errors.map((e) => e.code)).toEqual(['unsupported']);
      expect(sniffedId(readData(`${P}/${f}`))).toBe('prom-api');
    },
  );

  it('names the legacy JSON exposition as unsupported', () => {
    const r = decodeData(promApi, 'prometheus-text/prometheus-common/expfmt-testdata/json2');
    expect(r.errors.map((e) => e.code)).toEqual(['unsupported']);
  });
});

describe('prom-api shapes', () => {
  it('matrix with __name__, NaN/±Inf, float seconds; vector; scalar; native histogram', () => {
    const matrix = {
      status: 'success',
      data: {
        result: [
          { metric: { __name__: 'up', job: 'node' }, values: [[1700000000.123, '1'], [1700000015, 'NaN'], [1700000030, '+Inf'], [1700000045, '-Inf']] },
          { metric: { __name__: 'rate' }, histograms: [[1700000000, { count: '10', sum: '3.5', buckets: [[0, '0.5', '1', '4'], [0, '1', '2', '6']] }]] },
        ],
        resultType: 'matrix', // after the result: the element shape decides
      },
    };
    const r = decodeText(promApi, JSON.stringify(matrix));
    expect(r.errors).toEqual([]);
    const p = points(r);
    expect(p).toHaveLength(5);
    expect(p[0]).toMatchObject({ name: 'up', labels: { job: 'node' }, timeNs: 1700000000123000000n, value: 1 });
    expect(p[1]!.value).toBeNaN();
    expect(p.slice(2, 4).map((x) => x.value)).toEqual([Infinity, -Infinity]);
    expect(p[4]).toMatchObject({ name: 'rate', type: 'histogram', histogram: { count: 10, sum: 3.5, bounds: [1, 2], counts: [4, 6, 0] } });

    const vector = decodeText(promApi, '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"a"},"value":[1.5,"2"]},{"metric":{},"value":[1.5,"3"]}]}}');
    expect(points(vector).map((x) => [x.name, x.value, x.timeNs])).toEqual([['a', 2, 1500000000n], ['', 3, 1500000000n]]);

    const scalar = decodeText(promApi, '{"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}}');
    expect(points(scalar)).toMatchObject([{ name: '', value: 42, timeNs: 1700000000000000000n }]);
  });

  it('error responses, wrong types and bad values are coded; the rest is read', () => {
    const err = decodeText(promApi, '{"status":"error","errorType":"bad_data","error":"parse error at char 3"}');
    expect(err.errors).toMatchObject([{ code: 'invalid-record', message: expect.stringContaining('bad_data') }]);

    const mixed = decodeText(
      promApi,
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x"},"values":"oops"},{"metric":{"__name__":"y"},"values":[[1,"1"],[2,"zz"],["t","3"],[4,"4"],[5]]},7]}}',
    );
    expect(points(mixed).map((x) => [x.name, x.value])).toEqual([['y', 1], ['y', 4]]);
    expect(mixed.errors.map((e) => e.code)).toEqual(['wrong-type', 'invalid-number', 'invalid-timestamp', 'wrong-type', 'wrong-type']);
    expect(mixed.progress.rejected).toBe(5);
  });

  it('several responses in a row (one per line) are each read', () => {
    const line = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"a"},"value":[1,"1"]}]}}\n';
    expect(decodeText(promApi, line.repeat(3)).records).toHaveLength(3);
  });
});

describe('Loki responses share the envelope', () => {
  it('streams are reported as unsupported, not read as samples', () => {
    const r = decodeText(promApi, '{"status":"success","data":{"resultType":"streams","result":[{"stream":{"app":"a"},"values":[["1700000000000000000","GET /"]]}]}}');
    expect(r.records).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['unsupported']);
  });
});

describe('prom-api: VictoriaMetrics partial responses', () => {
  // vmselect answers `"isPartial": true` beside `"status": "success"` when some vmstorage nodes did
  // not answer (with -search.denyPartialResponse off); `false` on a full answer. Expected by hand:
  // the one vector sample is read either way; only the partial one is reported.
  const body = (partial: boolean) => `{"status":"success","isPartial":${partial},"data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[1700000000,"1"]}]},"stats":{"seriesFetched":"1","executionTimeMsec":2}}\n`;
  it.each([undefined, 1, 7])('"isPartial": true → one invalid-record, the point kept (chunk %s)', (chunk) => {
    const r = decodeText(promApi, body(true), chunk);
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([['up', { job: 'a' }, 1]]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', 1]]);
    expect(r.errors[0]!.message).toContain('isPartial');
    expect(r.progress.rejected).toBe(0);
  });
  it('"isPartial": false → no error', () => {
    const r = decodeText(promApi, body(false));
    expect(r.records).toHaveLength(1);
    expect(r.errors).toEqual([]);
  });
});

describe('prom-api: responses with sorted keys', () => {
  // Python's json.dump(sort_keys=True), `jq -S` and Go maps re-encoded put "data" before "status"
  // and "result" before "resultType": in a large response neither "status" nor "resultType" is in
  // the 64 KB sniff window. It was sniffed as Jaeger (its weak `{"data": …}` guess) and every point
  // lost. Expected by construction: 100 series × 40 values = 4,000 points.
  const result = Array.from({ length: 100 }, (_, i) => ({
    metric: { __name__: 'up', instance: `host-${i}:9100`, job: `j${i}` },
    values: Array.from({ length: 40 }, (_, k) => [1700000000 + 15 * k, '1']),
  }));
  const text = JSON.stringify({ data: { result, resultType: 'matrix' }, status: 'success' });
  it('sniffs as prom-api and reads every point', () => {
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(text.indexOf('"status"')).toBeGreaterThan(64 * 1024);
    expect(sniffedId(new TextEncoder().encode(text))).toBe('prom-api');
    const r = decodeText(promApi, text);
    expect(r.records).toHaveLength(4000);
    expect(r.errors).toEqual([]);
  });
  it('a Loki response with sorted keys is still not claimed strongly', () => {
    const loki = JSON.stringify({ data: { result: [{ stream: { job: 'a' }, values: [['1700000000000000000', 'line']] }], resultType: 'streams' }, status: 'success' });
    expect(sniffedId(new TextEncoder().encode(loki))).not.toBe('prom-api');
  });
});
