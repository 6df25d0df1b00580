// Markdown, SARIF and JUnit renderings of the report. Expected counts come from the fixture
// (python: 103 findings, 30 with passed=false, 18 rules, 6 services, 90 example records on
// failing findings, all with a line) and from the real report of the otel-tui sample.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportSarif, toArtifactUri } from '../../../analyzers/report/sarif.js';
import { renderReportJunit } from '../../../analyzers/report/junit.js';
import { serializeJson } from '../../../analyzers/report/json.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import type { Report } from '../../../analyzers/report/model.js';
import { OTEL_TUI, REPO, analyzeReal, loadFullReport, partialReport } from './helpers.js';

function sarifValidator(): (v: unknown) => { ok: boolean; errors: string } {
  const schema = JSON.parse(readFileSync(resolve(REPO, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  // draft-04 → draft-07 spelling of the two root keywords (see test/fixtures/sarif/README.md)
  schema.$id = schema.id;
  delete schema.id;
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  // unicodeRegExp off: the schema's language pattern is not valid with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (v) => ({ ok: validate(v) as boolean, errors: ajv.errorsText(validate.errors) });
}

let real: Report;
beforeAll(async () => {
  real = await analyzeReal([OTEL_TUI]);
});

describe('Markdown report', () => {
  it('lists every failing finding with its evidence and is deterministic', () => {
    const md = renderReportMarkdown(loadFullReport());
    expect(md).toBe(renderReportMarkdown(loadFullReport()));
    expect(md.startsWith('# ObsReady — Level-3 readiness report\n')).toBe(true);
    expect(md).toContain('**Verdict: Not ready** · **Score: 72.8 / 100**');
    expect(md.match(/^### (Critical|Important|Normal|Low): /gm)).toHaveLength(30);
    expect(md.match(/^ {2}- `exports\/[^`]+:\d+`/gm)).toHaveLength(90);
    expect(md).toContain('| Method | AC@1 | AC@3 | Avg@5 | Chance | Lift |');
  });

  it('keeps tables intact when cells contain pipes and newlines', () => {
    const r = loadFullReport();
    r.services![0] = { ...r.services![0]!, name: 'a|b\nc' };
    r.findings![0] = { ...r.findings![0]!, passed: false, message: 'set <name> here' };
    const md = renderReportMarkdown(r);
    expect(md).toContain('| a\\|b c |');
    expect(md).toContain('set &lt;name> here');
  });

  it('escapes raw HTML outside code spans only (inside one, &lt; would be shown literally)', () => {
    const r = loadFullReport();
    const i = r.findings!.findIndex((f) => !f.passed);
    r.findings![i] = { ...r.findings![i]!, remediation: 'Set `value: <name>` or ``a ` <b>`` but not <i>x</i>, \\`<u>`, `<open', service: 'svc\n<h1>' };
    const md = renderReportMarkdown(r);
    expect(md).toContain('- Fix: Set `value: <name>` or ``a ` <b>`` but not &lt;i>x&lt;/i>, \\`&lt;u>`, `&lt;open\n');
    // a service name from the data cannot break the heading or inject markup
    expect(md).toMatch(/^### .* — svc &lt;h1>$/m);
  });

  it('renders a partial report', () => {
    const md = renderReportMarkdown(partialReport());
    expect(md).toContain('**Verdict: Not evaluated** · **Score: n/a / 100**');
    expect(md.match(/_Not evaluated/g)!.length).toBeGreaterThanOrEqual(5);
  });
});

describe('SARIF 2.1.0', () => {
  const check = sarifValidator();

  it('validates against the SARIF 2.1.0 schema with one result per failing finding', () => {
    const sarif = renderReportSarif(loadFullReport()) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[] };
    const v = check(JSON.parse(serializeJson(sarif)));
    expect(v.errors).toBe('No errors');
    expect(v.ok).toBe(true);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules).toHaveLength(18);
    expect(run.results).toHaveLength(30);
    // levels from impact: 4 critical → error, 12 important → warning, 11 normal + 3 low → note
    const levels = run.results.map((r) => r.level);
    expect(levels.filter((l) => l === 'error')).toHaveLength(4);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(12);
    expect(levels.filter((l) => l === 'note')).toHaveLength(14);
    const first = run.results[0] as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] };
    expect(run.tool.driver.rules[first.ruleIndex]!.id).toBe(first.ruleId);
    expect(first.locations).toHaveLength(3);
    expect(first.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
  });

  it('the vendored schema rejects what SARIF forbids (the validator is not vacuous)', () => {
    expect(check({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }).ok).toBe(false);
    expect(check({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }).ok).toBe(false);
    expect(check({ version: '2.0.0', runs: [] }).ok).toBe(false);
  });

  it('validates for a real report and for a partial one', () => {
    const sarif = renderReportSarif(real);
    expect(check(JSON.parse(serializeJson(sarif))).errors).toBe('No errors');
    const results = (sarif as { runs: { results: unknown[] }[] }).runs[0]!.results;
    expect(results).toHaveLength((real.findings ?? []).filter((f) => !f.passed).length);
    expect(check(renderReportSarif(partialReport())).ok).toBe(true);
  });

  it('every result has a location (GitHub code scanning refuses one without), relative to the base folder when given', () => {
    const sarif = renderReportSarif(real, { baseDir: dirname(REPO) /* the folder holding the checkout and shared/data */ }) as { runs: { originalUriBaseIds?: Record<string, { uri: string }>; results: { locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[]; artifacts: { location: { uri: string; uriBaseId?: string } }[] }[] };
    expect(check(JSON.parse(serializeJson(sarif))).errors).toBe('No errors');
    const run = sarif.runs[0]!;
    expect(run.results.filter((r) => !r.locations || r.locations.length === 0)).toEqual([]);
    const uris = run.results.flatMap((r) => r.locations!.map((l) => l.physicalLocation.artifactLocation));
    expect(uris.every((u) => u.uriBaseId === '%SRCROOT%' && !u.uri.startsWith('file:') && !u.uri.startsWith('/'))).toBe(true);
    expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/$/);
    // without a base folder the paths stay as they are
    const plain = renderReportSarif(real) as typeof sarif;
    expect(plain.runs[0]!.originalUriBaseIds).toBeUndefined();
  });

  it('turns paths into URI references', () => {
    expect(toArtifactUri('exports/app logs#1.jsonl')).toBe('exports/app%20logs%231.jsonl');
    expect(toArtifactUri('/var/data/x.json')).toBe('file:///var/data/x.json');
    expect(toArtifactUri('C:\\data\\x.json')).toBe('file:///C:/data/x.json');
  });
});

describe('JUnit XML', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

  it('has a testcase per rule per service and a failure per failing finding', () => {
    const xml = renderReportJunit(loadFullReport());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; testcase: { failure?: unknown }[] }[] } };
    expect(doc.testsuites.tests).toBe('103');
    expect(doc.testsuites.failures).toBe('30');
    expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(['cart', 'checkout', 'frontend', 'payment', 'product-catalog', 'shipping']);
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(103);
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(30);
    // per suite: tests attribute equals the testcases it holds
    for (const s of doc.testsuites.testsuite) expect(Number(s.tests)).toBe(s.testcase.length);
  });

  it('parses for a real report, with control characters and markup in the evidence', () => {
    const r = { ...real };
    const xml = renderReportJunit(r);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string } };
    expect(Number(doc.testsuites.tests)).toBe(real.findings!.length);
    expect(Number(doc.testsuites.failures)).toBe(real.findings!.filter((f) => !f.passed).length);
    const full = loadFullReport();
    const f = full.findings!.find((x) => !x.passed)!;
    f.message = 'bad \u0001 bytes & <tags> "quoted" \uD800';
    f.evidence.examples[0]!.excerpt = ']]> <![CDATA[ \u001b[31m';
    expect(XMLValidator.validate(renderReportJunit(full))).toBe(true);
  });
});

describe('examples without a file or with a byte offset', () => {
  // COR-002 lists services seen only in metrics or logs: facts across inputs, with file ''.
  const r = loadFullReport();
  const i = r.findings!.findIndex((f) => !f.passed && f.evidence);
  r.findings![i] = {
    ...r.findings![i]!,
    evidence: {
      ...r.findings![i]!.evidence!,
      examples: [
        { file: '', excerpt: 'Frontend', note: 'seen in metrics only' },
        { file: '', excerpt: 'ts-ui-dashboard', note: 'seen in metrics only' },
        { file: 'exports/app.json', offset: 12345, excerpt: '{"a":1}' },
      ],
    },
  };

  it('prints no empty path in Markdown, JUnit or HTML, and keeps the byte offset', () => {
    const md = renderReportMarkdown(r);
    expect(md).toContain('\n  - `Frontend` (seen in metrics only)\n  - `ts-ui-dashboard` (seen in metrics only)\n  - `exports/app.json @ byte 12,345`: `{"a":1}`');
    expect(md).not.toMatch(/- ``/);
    const junit = renderReportJunit(r);
    expect(junit).toContain('\n  Frontend (seen in metrics only)\n');
    expect(junit).toContain('\n  exports/app.json @ byte 12,345: {&quot;a&quot;:1}');
    const html = renderReportHtml(r);
    expect(html).toContain('<div class="loc mono">seen in metrics only</div><div class="excerpt">Frontend</div>');
    expect(html).not.toContain('Examples in </div>');
    expect(html).not.toMatch(/class="loc mono"> — /);
  });
});

describe('control characters in example records', () => {
  it('are shown as control pictures in HTML and Markdown, kept exact in JSON', () => {
    const r = loadFullReport();
    const i = r.findings!.findIndex((f) => !f.passed && f.evidence);
    const excerpt = 'job 7 failed \u0001\u0002 \u001b[31mERROR\u001b[0m \u007f\tend\nnext line';
    r.findings![i] = { ...r.findings![i]!, evidence: { ...r.findings![i]!.evidence!, examples: [{ file: 'app.log', line: 3, excerpt }] } };
    const html = renderReportHtml(r);
    expect(html).toContain('job 7 failed ␁␂ ␛[31mERROR␛[0m ␡\tend\nnext line');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    const md = renderReportMarkdown(r);
    expect(md).toContain('`app.log:3`: `job 7 failed ␁␂ ␛[31mERROR␛[0m ␡\tend next line`');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(serializeJson(r)).toContain('job 7 failed \\u0001\\u0002');
  });
});
