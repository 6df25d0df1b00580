// --trace-self: ObsReady's own spans as OTLP JSON, readable by ObsReady itself.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO, data } from '../../helpers/paths.js';

describe('obsready analyze --trace-self', () => {
  it('writes a span per input and per phase, and obsready reads them back', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'obsready-self-'));
    const self = join(tmp, 'self.json');
    const inputs = [data('prometheus-text/prometheus-common/expfmt-testdata/text'), data('zipkin-v2-json/zipkin/zipkin-lens-testdata/envoy.json')];
    const r = spawnSync(process.execPath, [CLI, 'analyze', ...inputs, '--trace-self', self], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const req = JSON.parse(readFileSync(self, 'utf8'));
    const rs = req.resourceSpans[0];
    const attrs = Object.fromEntries(rs.resource.attributes.map((a: { key: string; value: { stringValue?: string } }) => [a.key, a.value.stringValue]));
    expect(attrs['service.name']).toBe('obsready');
    const spans = rs.scopeSpans.flatMap((s: { spans: unknown[] }) => s.spans) as { name: string; attributes: { key: string; value: { intValue?: string; stringValue?: string } }[] }[];
    const imports = spans.filter((s) => s.name === 'obsready.import');
    expect(imports).toHaveLength(2);
    const recordsOf = (s: (typeof spans)[number]) => Number(s.attributes.find((a) => a.key === 'obsready.input.records')?.value.intValue);
    expect(imports.every((s) => recordsOf(s) > 0)).toBe(true);
    expect(spans.some((s) => s.name === 'obsready.finish')).toBe(true);

    const back = join(tmp, 'back.json');
    const r2 = spawnSync(process.execPath, [CLI, 'analyze', self, '--json', back], { cwd: REPO, encoding: 'utf8' });
    expect(r2.status, r2.stderr).toBe(0);
    const report = JSON.parse(readFileSync(back, 'utf8'));
    expect(report.inputs[0].format).toBe('otlp-json');
    expect(report.signals.traces.spans).toBe(spans.length);
    expect(report.signals.traces.services).toEqual(['obsready']);
  });

  it('creates the folder it is written in; a write that fails is exit 2 with the cause, not an internal error', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'obsready-self-'));
    const input = data('prometheus-text/prometheus-common/expfmt-testdata/text');
    const nested = join(tmp, 'a', 'b', 'self.json');
    const r = spawnSync(process.execPath, [CLI, 'analyze', input, '--trace-self', nested], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(nested, 'utf8')).resourceSpans).toHaveLength(1);
    const full = spawnSync(process.execPath, [CLI, 'analyze', input, '--trace-self', '/dev/full'], { cwd: REPO, encoding: 'utf8' });
    expect([full.status, full.stderr.trim()]).toEqual([2, 'obsready: cannot write the self-trace: --trace-self /dev/full: no space left on the device']);
  });
});
