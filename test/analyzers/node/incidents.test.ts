import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readIncidentsFile } from '../../../analyzers/node/incidents.js';

// The Node adapter only reads the file; the parsing is the core's (test/analyzers/analysis/incidents.test.ts).
describe('readIncidentsFile', () => {
  it('reads a file from disk through the core parser', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsready-inc-'));
    const file = path.join(dir, 'labels.txt'); // the name says nothing of the format: content decides
    writeFileSync(file, '[{"id":"i1","start":"2023-01-30T11:51:46Z","service":"ts-contacts-service","fault":"network_delay"}]');
    // 2023-01-30T11:51:46Z = 1675079506 s
    expect(await readIncidentsFile(file)).toEqual({ incidents: [{ id: 'i1', startNs: 1675079506000000000n, service: 'ts-contacts-service', fault: 'network_delay' }], issues: [] });
  });
});
