// Long CSVs whose name column holds whole series, `name{label="value",…}`: Grafana's old CSV
// export (`"Series";"Time";"Value"`) and PromQL results saved with a `series` column. Each cell is
// the metric name and its labels, as a wide CSV's series header is read; Grafana's `null` is a
// gap (no point), as an empty cell is. Expected by hand from the rows below.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { decodeText, points } from '../prometheus/metrics-test-helpers.js';

const SERIES = [
  '"Series";"Time";"Value"',
  '"http_requests_total{instance=""host0:9100"",job=""node""}";"1700000000";0',
  '"http_requests_total{instance=""host0:9100"",job=""node""}";"1700000015";1',
  '"http_requests_total{instance=""host1:9100"",job=""node""}";"1700000000";1',
  '"http_requests_total{instance=""host1:9100"",job=""node""}";"1700000015";null',
  '"up";"1700000000";1',
  '',
].join('\n');

describe('csv-metrics: a series column of name{labels} cells (long format)', () => {
  it.each([undefined, 1, 7, 4096])('one metric name with its labels per series; null is a gap (chunk %s)', (chunk) => {
    const r = decodeText(csvMetrics, SERIES, chunk);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['http_requests_total', { instance: 'host0:9100', job: 'node' }, 0],
      ['http_requests_total', { instance: 'host0:9100', job: 'node' }, 1],
      ['http_requests_total', { instance: 'host1:9100', job: 'node' }, 1],
      ['up', {}, 1],
    ]);
  });
});
