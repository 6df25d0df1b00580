import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIncidents } from '../../../analyzers/node/incidents.js';
import { NEZHA } from './helpers.js';

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
});
