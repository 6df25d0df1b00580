// Why an input was read as another format than its 64 KB head showed (`inputs[].detection.readAs`):
// the HTML report (and the PDF printed from it) and the Markdown report say it under the input's
// format, the terminal under its inputs table; an input read as its head showed gets no such note.
// The inputs are real: an exposition of plain Prometheus 0.0.4 gauges past the first 64 KB, then an
// OpenMetrics-only tail, read by the real pipeline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { inputsTableChunks } from '../../../analyzers/cli/analyze.js';
import type { InputReport, Report } from '../../../analyzers/report/model.js';
import { READ_AS_LEAD } from '../../../analyzers/report/format.js';
import { SNIFF_BYTES } from '../../../analyzers/importers/types.js';
import { analyzeReal } from './helpers.js';

/** Gauges in families of 50 series, `bytes` of text or a little more; its lines. */
function gauges(bytes: number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const add = n % 50 === 0 ? [`# HELP app_queue_depth_${n / 50} Depth of a work queue.`, `# TYPE app_queue_depth_${n / 50} gauge`] : [];
    add.push(`app_queue_depth_${Math.floor(n / 50)}{queue="q${n % 50}",instance="host-${n % 7}:9100"} ${n % 97}`);
    for (const l of add) size += l.length + 1;
    lines.push(...add);
  }
  return lines;
}

const HEAD = gauges(90 * 1024);
/** The line of the first OpenMetrics-only syntax in om-tail.prom. */
const INFO_LINE = HEAD.length + 1;
const HANDOVER = `not the format its first 64 KB showed — OpenMetrics: read as Prometheus 0.0.4 text (the two read alike up to there) until line ${INFO_LINE}, \`# TYPE build info\`, a type only OpenMetrics has, and as OpenMetrics from there`;
/** In HTML: the code spans as <code>. */
const html = (s: string): string => s.replace(/`([^`]+)`/g, '<code>$1</code>');
const ENDS_WITH_EOF = 'not the format its first 64 KB showed — OpenMetrics: the input ends with `# EOF`, and nothing in it is only Prometheus 0.0.4 text or breaks an OpenMetrics rule; the two read it alike';

let dir = '';
let report: Report;
const input = (name: string): InputReport => report.inputs.find((i) => i.path.endsWith(name))!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-read-as-'));
  writeFileSync(join(dir, 'om-tail.prom'), [...HEAD, '# TYPE build info', '# HELP build Build information.', 'build_info{version="1.2.3",revision="abc"} 1', '# EOF'].join('\n') + '\n');
  writeFileSync(join(dir, 'om-eof.prom'), [...HEAD, '# EOF'].join('\n') + '\n');
  writeFileSync(join(dir, 'plain.prom'), HEAD.join('\n') + '\n');
  report = await analyzeReal([dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an input read as another format than its head showed', () => {
  it('is said of the sniffer\'s window', () => {
    expect(READ_AS_LEAD).toBe(`not the format its first ${SNIFF_BYTES / 1024} KB showed`);
  });

  it('is one in the JSON: OpenMetrics past a Prometheus head, and a plain exposition is not', () => {
    expect(report.inputs.map((i) => [i.path.slice(dir.length + 1), i.format, i.records, i.detection.readAs !== undefined])).toEqual([
      ['om-eof.prom', 'openmetrics', 1562, true],
      ['om-tail.prom', 'openmetrics', 1563, true],
      ['plain.prom', 'prometheus', 1562, false],
    ]);
  });

  it('says why under its format in the HTML report\'s inputs table (and so in the PDF)', () => {
    const page = renderReportHtml(report);
    const rowOf = (name: string): string => {
      const at = page.indexOf(`<tr><td class="break">${input(name).path}</td>`);
      expect(at).toBeGreaterThan(-1);
      return page.slice(at, page.indexOf('</tr>', at) + 5);
    };
    expect(rowOf('om-tail.prom')).toBe(
      `<tr><td class="break">${input('om-tail.prom').path}</td><td>openmetrics<div class="small muted read-as">${html(HANDOVER)}</div></td><td>metrics</td><td class="num">90.1 KiB</td><td class="num">1,563</td><td class="num">0</td></tr>`,
    );
    expect(rowOf('om-eof.prom')).toContain(`<td>openmetrics<div class="small muted read-as">${html(ENDS_WITH_EOF)}</div></td>`);
    expect(rowOf('plain.prom')).toContain('<td>prometheus</td><td>metrics</td>');
    // twice, once per input read so: in "What was analysed" only (the appendix's fingerprints say the format alone)
    expect(page.split('not the format its first').length - 1).toBe(2);
  });

  it('says why beside its format in the Markdown report\'s inputs table', () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain(`| ${input('om-tail.prom').path} | openmetrics (${HANDOVER}) | metrics | 90.1 KiB | 1,563 | 0 |\n`);
    expect(md).toContain(`| ${input('om-eof.prom').path} | openmetrics (${ENDS_WITH_EOF}) | metrics |`);
    expect(md).toContain(`| ${input('plain.prom').path} | prometheus | metrics |`);
    expect(md.split('not the format its first').length - 1).toBe(2);
  });

  it('says why under the terminal\'s inputs table', () => {
    const t = [...inputsTableChunks(report)].join('');
    const notes = t.split('\n').filter((l) => l.includes('not the format'));
    expect(notes).toEqual([`${input('om-eof.prom').path} (openmetrics): ${ENDS_WITH_EOF}`, `${input('om-tail.prom').path} (openmetrics): ${HANDOVER}`]);
    // (the table itself is as before: one row per input)
    expect(t.split('\n').filter((l) => l.startsWith(dir))).toHaveLength(5);
    // none without readAs
    const plain = [...inputsTableChunks({ ...report, inputs: [input('plain.prom')] })].join('');
    expect(plain).not.toContain('format than');
    expect(plain.trimEnd().split('\n')).toHaveLength(3);
  });
});
