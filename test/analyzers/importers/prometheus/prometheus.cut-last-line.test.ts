// An exposition cut while it was written (`curl` interrupted, a full disk): its last line has no
// newline and is no sample. That line is no evidence against the metadata and samples before it:
// the input is still Prometheus text, the cut line reported, not the whole file read as text logs.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';

const FULL = '# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total{code="200",path="/"} 10\nhttp_requests_total{code="500",path="/"} 2\n';

describe('Prometheus text cut inside its last line', () => {
  for (const [cutAt, records] of [[FULL.indexOf('http_requests_total{') + 22, 0], [FULL.lastIndexOf('http_requests_total{') + 25, 1]] as const) {
    it(`cut at byte ${cutAt}: prometheus, ${records} records, the cut line 1 rejected`, () => {
      for (const chunk of [undefined, 1, 7]) {
        const r = analyseText(FULL.slice(0, cutAt), chunk, 'cut.prom');
        expect([r.format, r.records, r.rejected, r.errors.map((e) => e.code)]).toEqual(['prometheus', records, 1, ['truncated', 'invalid-line']]);
      }
    });
  }

  it('a last line without newline that is a sample still counts as one', () => {
    const r = analyseText(FULL.trimEnd(), undefined, 'whole.prom');
    expect([r.format, r.records, r.rejected]).toEqual(['prometheus', 2, 0]);
  });
});
