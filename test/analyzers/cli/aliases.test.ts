// `obsready analyze` on a file reached by several paths (a symbolic link, a hard link, the path
// named again): read once, and the JSON, Markdown and HTML reports name its other paths, as the
// terminal does.
import { describe, expect, it } from 'vitest';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { runCli } from '../../helpers/cli.js';
import { REPO, data } from '../../helpers/paths.js';

const schema = JSON.parse(readFileSync(resolve(REPO, 'docs/report-schema.json'), 'utf8')) as object;

describe('analyze: one file by several paths', () => {
  it('reads it once and names the other paths in every report', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-aliases-'));
    try {
      mkdirSync(join(root, 'in', 'logs'), { recursive: true });
      copyFileSync(data('loghub/HDFS/HDFS_2k.log'), join(root, 'in', 'logs', 'app.log'));
      copyFileSync(data('otlp-json/otel-tui/test_data.json'), join(root, 'in', 'traces.json'));
      symlinkSync(join(root, 'in', 'logs', 'app.log'), join(root, 'in', 'current.log'));
      linkSync(join(root, 'in', 'logs', 'app.log'), join(root, 'in', 'hard.log'));
      const out = (f: string) => join(root, f);
      // the folder walk meets current.log first; logs/app.log is met again when named on its own
      const r = await runCli(['analyze', join(root, 'in'), join(root, 'in', 'logs', 'app.log'), '--no-progress', '--json', out('r.json'), '--md', out('r.md'), '--html', out('r.html')]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(out('r.json'), 'utf8'));
      const rel = (p: string) => p.slice(join(root, 'in').length + 1);
      expect(report.inputs.map((i: { path: string; aliases?: string[] }) => [rel(i.path), i.aliases?.map(rel)])).toEqual([
        ['current.log', ['hard.log', 'logs/app.log']],
        ['traces.json', undefined],
      ]);
      expect(r.stderr).toContain(`${join(root, 'in', 'hard.log')}: the same file as ${join(root, 'in', 'current.log')}`);
      const ajv = new Ajv({ allErrors: true, strict: false });
      expect(ajv.validate(schema, report), ajv.errorsText(ajv.errors)).toBe(true);
      const note = `also reached as ${join(root, 'in', 'hard.log')}, ${join(root, 'in', 'logs', 'app.log')}: the same file, read once`;
      expect(readFileSync(out('r.md'), 'utf8')).toContain(`| ${join(root, 'in', 'current.log')} (${note}) | text-logs |`);
      expect(readFileSync(out('r.html'), 'utf8')).toContain(`${join(root, 'in', 'current.log')}<div class="small muted">${note}</div>`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
