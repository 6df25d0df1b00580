// The Markdown and HTML reports written in pieces (markdownChunks, htmlChunks) are the very text
// renderReportMarkdown / renderReportHtml give, and the HTML rows made without React (rows.ts)
// are the markup React wrote for them before. A report of 200,000 inputs is then never one
// string nor 200,000 rendered elements.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { htmlChunks, renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { RichText } from '../../../analyzers/report/html/Sections.js';
import { errorRowHtml, fingerprintRowHtml, inputRowHtml } from '../../../analyzers/report/html/rows.js';
import { markdownChunks, renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { formatAliases, formatBytesFixed, formatInt, formatReadAs, labelInputFormat, visibleChunks, visibleControls } from '../../../analyzers/report/format.js';
import { renderReportSarif } from '../../../analyzers/report/sarif.js';
import type { InputReport, Report } from '../../../analyzers/report/model.js';
import { loadFullReport } from './helpers.js';

const ODD = ['a&b', 'lt<gt>', `q"uo'te`, 'back`tick`', 'pi|pe', 'cr\rname', 'crlf\r\nname', 'bidi\u202eevil', 'emoji😀', 'tag\u{e0041}', 'tab\tname', 'nl\nname', 'soft\u00adhyphen', '<b>&amp;</b>', '\u0000nul', '\u001b[31mred'];

function row(k: number): InputReport {
  const odd = ODD[k % ODD.length]!;
  const r: InputReport = {
    path: `logs/${odd}/f${k}.jsonl`,
    sha256: k % 11 === 3 ? '' : (k * 2654435761).toString(16).padStart(64, 'a'),
    format: k % 5 === 0 ? 'unknown' : 'jsonl-logs',
    signal: k % 5 === 0 ? 'none' : 'logs',
    bytes: 30 + k,
    records: k % 5 === 0 ? 0 : 1000 + k,
    rejected: k % 4,
    errorCount: k % 4 === 0 ? 0 : 120 + k,
    errors:
      k % 4 === 0
        ? []
        : [
            { code: 'invalid-json', message: `bad ${odd} at "${k}"`, line: k, offset: k * 10 },
            { code: 'truncated', message: `cut <${odd}> & 'so'`, offset: 7 },
            { code: 'empty-input', message: odd },
            { code: 'invalid-line', message: 'fourth, not shown' },
          ],
    detection: { by: k % 7 === 0 ? 'forced' : 'content', confidence: 0.5 },
  };
  if (k % 6 === 0) r.container = k % 12 === 0 ? 'gzip' : 'zstd';
  if (k % 9 === 0) r.archive = 'logs.zip';
  if (k % 8 === 1) r.aliases = [`link/${odd}/f${k}.jsonl`, `hard & <${k}>.jsonl`];
  if (k % 10 === 3) r.detection = { ...r.detection, readAs: `OpenMetrics: read as Prometheus 0.0.4 text until line ${k}, \`# TYPE ${odd} info\`, and as OpenMetrics from there` };
  return r;
}

const manyInputs = (n: number): Report => ({ ...loadFullReport(), inputs: Array.from({ length: n }, (_, k) => row(k)) });

// The rows as the HTML report's components wrote them with React before rows.ts.
function OldInputRow({ i }: { i: InputReport }) {
  return (
    <tr>
      <td className="break">{i.path}{i.aliases?.length ? <div className="small muted">{formatAliases(i.aliases)}</div> : null}</td>
      <td>{labelInputFormat(i)}{i.detection?.by === 'forced' ? ' (forced)' : ''}{i.detection?.readAs ? <div className="small muted read-as"><RichText text={formatReadAs(i.detection.readAs)} /></div> : null}</td>
      <td>{i.signal}</td>
      <td className="num">{formatBytesFixed(i.bytes)}</td>
      <td className="num">{formatInt(i.records)}</td>
      <td className="num">{formatInt(i.rejected)}</td>
    </tr>
  );
}
function OldFingerprintRow({ i }: { i: InputReport }) {
  return (
    <tr>
      <td className="break">{i.path}</td>
      <td>{labelInputFormat(i)}</td>
      <td className="num">{formatInt(i.bytes)}</td>
      <td className="mono">{i.sha256 ? <>{i.sha256.slice(0, 32)}<wbr />{i.sha256.slice(32)}</> : '–'}</td>
    </tr>
  );
}
function OldErrorRow({ i }: { i: InputReport }) {
  return (
    <tr>
      <td className="break">{i.path}</td>
      <td className="num">{formatInt(i.errorCount)}</td>
      <td className="small">
        {i.errors.slice(0, 3).map((e, j) => (
          <div key={j}><code>{e.code}</code>{e.line !== undefined ? ` line ${e.line}` : e.offset !== undefined ? ` byte ${e.offset}` : ''}: {e.message}</div>
        ))}
      </td>
    </tr>
  );
}

/** The Markdown table as renderReportMarkdown wrote it before it came in pieces. */
function oldMarkdownTable(head: string[], rows: string[][], align: ('l' | 'r')[], cell: (s: string) => string): string {
  const sep = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${head.map(cell).join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

describe('HTML rows without React', () => {
  it('are the markup React wrote for each row', () => {
    for (let k = 0; k < 200; k++) {
      const i = row(k);
      expect(inputRowHtml(i), i.path).toBe(renderToStaticMarkup(<table><tbody><OldInputRow i={i} /></tbody></table>).replace(/^<table><tbody>|<\/tbody><\/table>$/g, ''));
      expect(fingerprintRowHtml(i), i.path).toBe(renderToStaticMarkup(<table><tbody><OldFingerprintRow i={i} /></tbody></table>).replace(/^<table><tbody>|<\/tbody><\/table>$/g, ''));
      if (i.errorCount > 0) expect(errorRowHtml(i), i.path).toBe(renderToStaticMarkup(<table><tbody><OldErrorRow i={i} /></tbody></table>).replace(/^<table><tbody>|<\/tbody><\/table>$/g, ''));
    }
  });
});

describe('htmlChunks', () => {
  it('gives the text of renderReportHtml, in pieces of bounded size, for the fixture and for 6,000 odd inputs', () => {
    expect([...htmlChunks(loadFullReport())].join('')).toBe(renderReportHtml(loadFullReport()));
    const report = manyInputs(6000);
    const pieces = [...htmlChunks(report, { paper: 'letter' })];
    const whole = renderReportHtml(report, { paper: 'letter' });
    expect(pieces.join('')).toBe(whole);
    expect(pieces.length).toBeGreaterThan(whole.length / (256 * 1024));
    // (a piece holds at most the markup between two tables of inputs, ~140 K characters here, and 64 K of rows)
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(renderReportHtml({ ...report, inputs: [] }).length + 64 * 1024);
    // every table of inputs is there: what was analysed, fingerprints, errors
    expect(whole.split('<td class="break">logs/').length - 1).toBe(6000 + 6000 + report.inputs.filter((i) => i.errorCount > 0).length);
    expect(whole).not.toContain('obsready-rows');
  });

  it('writes no errors table when no input has an error', () => {
    const report = { ...manyInputs(50), inputs: manyInputs(50).inputs.map((i) => ({ ...i, errorCount: 0, errors: [] })) };
    const html = [...htmlChunks(report)].join('');
    expect(html).toBe(renderReportHtml(report));
    expect(html).not.toContain('C. Input errors');
  });
});

describe('markdownChunks', () => {
  it('gives the text of renderReportMarkdown in pieces, its tables of inputs as they were written whole', () => {
    expect([...markdownChunks(loadFullReport())].join('')).toBe(renderReportMarkdown(loadFullReport()));
    const report = manyInputs(6000);
    const pieces = [...markdownChunks(report)];
    const md = pieces.join('');
    expect(md).toBe(renderReportMarkdown(report));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(80 * 1024);
    expect(pieces.length).toBeGreaterThan(md.length / (128 * 1024));
    // (the cell escaping of the report's own table of signals, taken from the text itself)
    const cell = (s: string): string => s.replace(/[<&[\]]/g, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : '\\' + c)).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
    const inputs = oldMarkdownTable(['Input', 'Format', 'Signal', 'Size', 'Records', 'Rejected'], report.inputs.map((i) => [i.aliases?.length ? `${i.path} (${formatAliases(i.aliases)})` : i.path, i.detection?.readAs ? `${labelInputFormat(i)} (${formatReadAs(i.detection.readAs)})` : labelInputFormat(i), i.signal, formatBytesFixed(i.bytes), formatInt(i.records), formatInt(i.rejected)]), ['l', 'l', 'l', 'r', 'r', 'r'], (s) => (s.includes('`') ? s : cell(s)));
    // (names with a backtick are code spans in Markdown: left to renderReportMarkdown's own tests)
    const plainRows = inputs.split('\n').filter((l) => !l.includes('`'));
    for (const line of plainRows.slice(0, 400)) expect(md).toContain(visibleControls(line));
  });
});

describe('visibleChunks', () => {
  it('is visibleControls of the whole text, however the pieces fall (CR LF, lone CR, surrogate pairs, tag characters)', () => {
    const atoms = ['a', '\r', '\n', '\r\n', '😀', '\u{e0041}', '\u202e', '\u0000', '\u001b', '\u00ad', '\ud800', '\udc00', 'é', ' ', '\t'];
    let seed = 12345;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let round = 0; round < 30; round++) {
      const pieces: string[] = [];
      for (let p = 0; p < 200; p++) {
        let s = '';
        const len = rand(5) === 0 ? 70_000 + rand(1000) : rand(40);
        while (s.length < len) s += rand(3) === 0 ? atoms[rand(atoms.length)] : 'x'.repeat(1 + rand(2000));
        pieces.push(s);
      }
      // (a piece ending in a CR or a high surrogate right at the cut)
      pieces.splice(rand(200), 0, 'y'.repeat(65_535) + '\r', '\n', 'z'.repeat(65_535) + '\udb40', '\udc41');
      expect([...visibleChunks(pieces)].join('')).toBe(visibleControls(pieces.join('')));
    }
  });
});

describe('SARIF locations of a finding without examples', () => {
  it('are the first three inputs of its signal, then the first others (as the quadratic filter chose them)', () => {
    const base = loadFullReport();
    const failing = base.findings!.filter((f) => !f.passed);
    const report: Report = { ...base, findings: base.findings!.map((f) => ({ ...f, evidence: { ...f.evidence, examples: [] } })) };
    const signals: InputReport['signal'][] = ['metrics', 'logs', 'mixed', 'traces', 'none'];
    for (const layout of [[0, 0, 1, 1, 1, 1], [3, 3, 4], [4, 4, 4, 4, 1], [1], [2, 0, 0, 3, 3, 1, 1, 1]]) {
      report.inputs = layout.map((s, k) => ({ ...row(k + 1), path: `in${k}.jsonl`, signal: signals[s]! }));
      const results = (renderReportSarif(report).runs as { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[])[0]!.results;
      for (const f of failing) {
        const expected = report.inputs.filter((i) => i.signal === f.signal || i.signal === 'mixed').concat(report.inputs).filter((i, k, all) => all.indexOf(i) === k).slice(0, 3).map((i) => i.path);
        const got = results.find((r) => r.ruleId === f.ruleId)!.locations.map((l) => l.physicalLocation.artifactLocation.uri);
        expect(got, `${f.ruleId} ${layout.join('')}`).toEqual(expected);
      }
    }
  });
});
