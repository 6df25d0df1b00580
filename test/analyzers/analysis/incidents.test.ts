import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_INCIDENT_ISSUES, MAX_INCIDENTS_FILE_BYTES, parseIncidents, parseIncidentsBytes } from '../../../analyzers/analysis/incidents.js';
import { NEZHA } from '../correlation/helpers.js';

// The parser lives in the analyzers core (no file system) so the desktop app's renderer can use it.
describe('incidents file', () => {
  it('reads CSV rows with end and fault', () => {
    const r = parseIncidents('id,start,end,service,fault\na,2023-01-30T11:51:46Z,2023-01-30T11:56:46Z,payment,errors\n');
    expect(r.issues).toEqual([]);
    expect(r.incidents).toEqual([{ id: 'a', startNs: 1675079506000000000n, endNs: 1675079806000000000n, service: 'payment', fault: 'errors' }]);
  });
  it('reads the Nezha fault list (groups by hour, inject_* keys): all 17 faults of the day', () => {
    const r = parseIncidents(readFileSync(path.join(NEZHA, '2023-01-30-fault_list.json'), 'utf8'));
    expect(r.issues).toEqual([]);
    // counted with: jq '[.[]|length]|add' 2023-01-30-fault_list.json → 17
    expect(r.incidents.length).toBe(17);
    expect(r.incidents[0]).toEqual({ id: 'incident-1', startNs: 1675079506000000000n, service: 'ts-contacts-service-866bd68c97-dzqgd', fault: 'network_delay' });
  });
  it('reports rows it cannot use, as data', () => {
    const r = parseIncidents('[{"start":"yesterday","service":"a"},{"start":1675079506},{"id":"ok","start":1675079506,"service":"b","end":1}]');
    expect(r.issues.map((i) => i.code)).toEqual(['invalid-start', 'missing-service', 'invalid-end']);
    expect(r.incidents).toEqual([{ id: 'ok', startNs: 1675079506000000000n, service: 'b' }]);
  });
  it('a quote that never closes is said at its row, not only as a row without a start time', () => {
    const r = parseIncidents('id,start,service\n1,2024-01-10T12:00:00Z,shop\n"2,unterminated\n');
    expect(r.issues.map((i) => i.message)).toContain('row 2: Quoted field unterminated');
    expect(r.incidents.length).toBe(1);
  });

  it('finds the shape from the content: tab-separated CSV with a BOM and CRLF, JSON Lines, {incidents:[...]}', () => {
    // 2023-01-30T11:51:46Z = 1675079506 s (date -u -d 2023-01-30T11:51:46Z +%s)
    const want = [{ id: 'x', startNs: 1675079506000000000n, service: 'ts-contacts-service', fault: 'network_delay' }];
    expect(parseIncidents('\uFEFFincident_id\tinject_time\troot_cause\tfault_type\r\nx\t2023-01-30 11:51:46\tts-contacts-service\tnetwork_delay\r\n')).toEqual({ incidents: want, issues: [] });
    expect(parseIncidents('{"id":"x","start":"2023-01-30T11:51:46Z","service":"ts-contacts-service","fault":"network_delay"}\n{"id":"y","start":"2023-01-30T12:00:00+01:00","service":"b"}\n')).toEqual({
      incidents: [...want, { id: 'y', startNs: 1675076400000000000n, service: 'b' }], // 11:00Z = 1675076400
      issues: [],
    });
    expect(parseIncidents(JSON.stringify({ incidents: [{ id: 'x', start: 1675079506000, service: 'ts-contacts-service', type: 'network_delay' }] }))).toEqual({ incidents: want, issues: [] });
  });
  it('names the columns once when the file has no start or service column (telemetry picked by mistake)', () => {
    const otlp = parseIncidents('{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[]}]}');
    expect(otlp.incidents).toEqual([]);
    expect(otlp.issues).toEqual([{ code: 'missing-start', message: expect.stringContaining('columns found: resource, scopeSpans') }]);
    const csv = parseIncidents('timestamp,level,message\n2023-01-30T11:51:46Z,INFO,hello\n2023-01-30T11:51:47Z,WARN,bye\n');
    expect(csv.issues.map((i) => [i.code, i.row])).toEqual([['missing-service', undefined]]);
    expect(csv.issues[0]!.message).toContain('columns found: timestamp, level, message');
  });
  it('decodes UTF-16 files with a BOM (spreadsheet "Unicode text" exports)', () => {
    const text = 'id\tstart\tservice\nu1\t2023-01-30T11:51:46Z\tcafé\n';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    const want = { incidents: [{ id: 'u1', startNs: 1675079506000000000n, service: 'café' }], issues: [] };
    expect(parseIncidentsBytes(le)).toEqual(want);
    expect(parseIncidentsBytes(be)).toEqual(want);
  });
  it('rejects binary and oversized input and caps the issue list', () => {
    expect(parseIncidentsBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x41])).issues.map((i) => i.code)).toEqual(['unreadable']);
    expect(parseIncidentsBytes(new Uint8Array(MAX_INCIDENTS_FILE_BYTES + 1)).issues.map((i) => i.code)).toEqual(['unreadable']);
    // 500 lines of which none is JSON, plus 'no-rows' = 501 problems: 49 listed + one summary of the 452 others
    const r = parseIncidents('{"start":1,\n' + 'garbage\n'.repeat(499));
    expect(r.issues.length).toBe(MAX_INCIDENT_ISSUES);
    expect(r.issues.at(-1)).toEqual({ code: 'more-issues', message: '452 more problems not listed' });
  });
  it('does not recurse without bound into nested objects', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(parseIncidents(deep).issues.map((i) => i.code)).toEqual(['no-rows']);
  });
});
