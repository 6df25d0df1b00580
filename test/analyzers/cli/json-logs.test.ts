// `obsready analyze` on JSON log documents (an array export and CloudWatch output): the format
// is detected by content (the files are named .txt on purpose) and the record count is exact.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO } from '../../helpers/paths.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-json-logs-'));
  expect(statSync(CLI).isFile()).toBe(true);
});

describe('obsready analyze on JSON log documents', () => {
  it('reports json-logs and the exact record counts', () => {
    // 150 array elements, one of them (i = 75) a number: 149 records, 1 rejected.
    const items = Array.from({ length: 150 }, (_, i) => (i === 75 ? '  75' : `  {"timestamp": "2024-03-01T10:00:${String(i % 60).padStart(2, '0')}Z", "level": "info", "message": "request ${i}"}`));
    const array = join(tmp, 'kibana-export.txt');
    writeFileSync(array, `[\n${items.join(',\n')}\n]\n`);
    // 120 CloudWatch events, one per line inside the events array.
    const events = Array.from({ length: 120 }, (_, i) => `{"logStreamName":"s","timestamp":${1709287200000 + i * 1000},"message":"{\\"level\\":\\"info\\",\\"msg\\":\\"tick ${i}\\"}","ingestionTime":${1709287200500 + i * 1000},"eventId":"${i}"}`);
    const cw = join(tmp, 'cloudwatch.txt');
    writeFileSync(cw, `{"events":[\n${events.join(',\n')}\n],"searchedLogStreams":[],"nextToken":"x"}\n`);
    const out = join(tmp, 'report.json');
    const r = spawnSync(process.execPath, [CLI, 'analyze', array, cw, '--no-progress', '--json', out], { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kibana-export\.txt\s+json-logs\s+logs/);
    expect(r.stdout).toMatch(/cloudwatch\.txt\s+json-logs\s+logs/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { inputs: { path: string; format: string; records: number; rejected: number; errors: { code: string; line?: number }[] }[] };
    const byName = Object.fromEntries(report.inputs.map((i) => [i.path.split('/').pop(), i]));
    expect(byName['kibana-export.txt']).toMatchObject({ format: 'json-logs', records: 149, rejected: 1 });
    expect(byName['kibana-export.txt']!.errors).toEqual([expect.objectContaining({ code: 'wrong-type', line: 77 })]);
    // its nextToken says more pages were not fetched: the export is incomplete, said once
    expect(byName['cloudwatch.txt']).toMatchObject({ format: 'json-logs', records: 120, rejected: 0 });
    expect(byName['cloudwatch.txt']!.errors.map((e: { code: string; line?: number }) => [e.code, e.line])).toEqual([['invalid-record', 1]]);
  });
});
