// An OpenMetrics exposition whose distinguishing syntax lies past the 64 KB sniff window is sniffed
// as Prometheus 0.0.4 text (nothing in the head tells them apart, and 0.0.4 wins a tie). The 0.0.4
// reader watches the whole input: until syntax only 0.0.4 allows, both readers read every line
// alike; a line only OpenMetrics reads hands over to the OpenMetrics reader (no false error there),
// and an input that ends with `# EOF` is OpenMetrics. Either way `format` says openmetrics.
import { describe, expect, it } from 'vitest';
import { openMetricsText, prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { analyseInputs } from '../../../helpers/analyse.js';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import type { Report } from '../../../../analyzers/report/model.js';
import { CHUNK_SIZES, decodeText, fingerprint, points, sniffedId } from './metrics-test-helpers.js';

// 1,500 gauge families (HELP, TYPE, one sample): ~80 KB that both dialects read alike.
const gauges = Array.from({ length: 1500 }, (_, i) => `# HELP g${i} A gauge.\n# TYPE g${i} gauge\ng${i}{instance="a"} ${i}\n`).join('');
const HEAD_LINES = 4500;
const enc = (t: string) => new TextEncoder().encode(t);

const lateInfo = gauges + ['# TYPE req counter', '# HELP req Requests.', 'req_total{code="200"} 5 # {trace_id="0af7651916cd43dd8448eb211c80319c"} 1', 'req_created{code="200"} 1700000000.5', '# TYPE build info', 'build_info{version="1.2"} 1', '# TYPE door stateset', 'door{door="open"} 1', 'door{door="closed"} 0', '# EOF', ''].join('\n');

describe('OpenMetrics past the sniffed head', () => {
  it('the head alone is sniffed as prometheus (the window holds nothing that tells them apart)', () => {
    expect(gauges.length).toBeGreaterThan(SNIFF_BYTES);
    expect(sniffedId(enc(lateInfo))).toBe('prometheus');
  });

  it('`# TYPE build info` past the head hands over to the OpenMetrics reader: no "unknown metric type" errors (were 2), the same points as the OpenMetrics reader, in any chunking', () => {
    const r = decodeText(prometheusText, lateInfo);
    expect(r.errors).toEqual([]);
    expect(r.readAs).toEqual({ format: 'openmetrics', note: `OpenMetrics: read as Prometheus 0.0.4 text (the two read alike up to there) until line ${HEAD_LINES + 5}, \`# TYPE build info\`, a type only OpenMetrics has, and as OpenMetrics from there` });
    const om = decodeText(openMetricsText, lateInfo);
    expect(om.errors).toEqual([]);
    expect(fingerprint(r)).toBe(fingerprint(om));
    expect(points(r).filter((p) => p.family === 'build' || p.family === 'door').map((p) => p.type)).toEqual(['info', 'stateset', 'stateset']);
    for (const size of CHUNK_SIZES) expect(fingerprint(decodeText(prometheusText, lateInfo, size))).toBe(fingerprint(r));
  });

  it('a timestamp in fractional seconds past the head: read (was rejected as no integer of milliseconds)', () => {
    const r = decodeText(prometheusText, gauges + 'ts_gauge 1 1700000000.250\n# EOF\n');
    expect([r.progress.records, r.progress.rejected, r.errors]).toEqual([1501, 0, []]);
    expect(points(r).at(-1)!.timeNs).toBe(1_700_000_000_250_000_000n);
    expect(r.readAs?.format).toBe('openmetrics');
  });

  it('a label value escape only OpenMetrics reads past the head hands over (was rejected); a line 0.0.4 refuses for another reason stays its error', () => {
    const r = decodeText(prometheusText, gauges + 'path_gauge{p="C:\\z"} 1\n# EOF\n');
    expect([r.progress.records, r.progress.rejected, r.errors, r.readAs?.note]).toEqual([1501, 0, [], `OpenMetrics: read as Prometheus 0.0.4 text (the two read alike up to there) until line ${HEAD_LINES + 1}, a sample only OpenMetrics reads (its escapes), and as OpenMetrics from there`]);
    const other = decodeText(prometheusText, gauges + 'metric{__name__="bla"} 3.14\n# EOF\n');
    expect(other.errors.map((e) => e.code)).toEqual(['invalid-line']);
  });

  it('within the lines the sniffer weighed its choice stands: a one-line input with an OpenMetrics-only escape stays a 0.0.4 error (expfmt fuzz corpus from_test_parse_error_1)', () => {
    const r = decodeText(prometheusText, 'x{a="\\z"} 1\n');
    expect([r.readAs, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([undefined, 1, ['invalid-line']]);
  });

  it('an input that ends with `# EOF` and has nothing only 0.0.4 allows is OpenMetrics (the 0.0.4 reader reads it alike); a `# EOF` without a newline is no error', () => {
    const r = decodeText(prometheusText, gauges + '# TYPE req counter\nreq_total 5\nreq_created 1700000000\n# EOF\n');
    expect(r.errors).toEqual([]);
    expect(r.readAs).toEqual({ format: 'openmetrics', note: `OpenMetrics: the input ends with \`# EOF\`, and nothing in it is only Prometheus 0.0.4 text or breaks an OpenMetrics rule; OpenMetrics syntax from line ${HEAD_LINES + 2} (\`req_total\` of the counter \`req\`); the two read it alike` });
    const noNewline = decodeText(prometheusText, gauges + '# EOF');
    expect([noNewline.errors, noNewline.readAs?.format]).toEqual([[], 'openmetrics']);
  });

  it('0.0.4 text stays 0.0.4: a blank line, `untyped`, a counter named `…_total`, a counter sample without `_total`, a free comment, a millisecond timestamp — even when `# EOF` ends it', () => {
    const endings = ['\n# TYPE up gauge\nup 1\n# EOF\n', '# TYPE x untyped\nx 1\n# EOF\n', '# TYPE x_total counter\nx_total 1\n# EOF\n', '# TYPE x counter\nx 1\n# EOF\n', '# a comment\n# EOF\n', 'x 1 1700000000000\n# EOF\n', '# TYPE x counter\nx_total 1\n'];
    for (const end of endings) {
      const r = decodeText(prometheusText, gauges + end);
      expect(r.readAs).toBeUndefined();
    }
    // past a 0.0.4-only line an OpenMetrics type stays the 0.0.4 error it is
    const r = decodeText(prometheusText, gauges + '\n# TYPE build info\nbuild_info 1\n');
    expect(r.readAs).toBeUndefined();
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-line', HEAD_LINES + 2, 'unknown metric type "info"']]);
  });

  it("an input OpenMetrics's reader finds more wrong with than 0.0.4's stays 0.0.4, though `# EOF` ends it: a family's samples interleaved with another's (Prometheus's alltypes.237mfs.nometa.prom.txt)", () => {
    const interleaved = gauges + 'rpc_seconds{quantile="0.5"} 1\nrpc_seconds_sum 3\nrpc_seconds_count 2\nrpc_seconds{quantile="0.9"} 2\n# EOF\n';
    const r = decodeText(prometheusText, interleaved);
    expect([r.readAs, r.errors]).toEqual([undefined, []]);
    expect(decodeText(openMetricsText, interleaved).errors.map((e) => e.code)).toEqual(['invalid-record']);
  });

  it('a forced format is read as it: `--as prometheus` never becomes openmetrics', () => {
    const analysis = new Analysis({ toolVersion: '0.0.0-test', forceFormat: 'prometheus' });
    const session = analysis.openInput('late.txt', {});
    session.push(new TextEncoder().encode(lateInfo));
    session.end();
    const r = analysis.finish() as Report;
    expect(r.inputs[0]).toMatchObject({ format: 'prometheus', errorCount: 2 });
    expect(r.inputs[0]!.detection).toEqual({ by: 'forced', confidence: 1 });
  });

  it('seconds timestamps: the 0.0.4 note on their unit is held while the input may be OpenMetrics (said when it proves 0.0.4)', () => {
    const om = decodeText(prometheusText, gauges + 'x 1 1700000000\n# EOF\n');
    expect([om.errors, om.readAs?.format]).toEqual([[], 'openmetrics']);
    const prom = decodeText(prometheusText, gauges + 'x 1 1700000000\n\ny 2\n');
    expect(prom.readAs).toBeUndefined();
    expect(prom.errors.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', HEAD_LINES + 1]]);
  });

  it('in the whole analysis: format openmetrics, the note in detection.readAs', () => {
    const r = analyseInputs([['late.txt', lateInfo]]);
    expect(r.inputs[0]).toMatchObject({ format: 'openmetrics', records: 1505, rejected: 0, errorCount: 0 });
    expect(r.inputs[0]!.detection.readAs).toMatch(/^OpenMetrics: read as Prometheus 0\.0\.4 text/);
  });
});
