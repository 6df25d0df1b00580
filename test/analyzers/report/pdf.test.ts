// The PDF: the HTML report printed by the system Chromium (present here and in CI: .ci/run
// installs chromium and poppler-utils). Checked with pdfinfo/pdftotext, as a reader would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOutputs } from '../../../analyzers/cli/outputs.js';
import { PdfError, findChromium, pageLoadTimeoutMs, printHtmlToPdf } from '../../../analyzers/node/pdf.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { formatScore, labelVerdict } from '../../../analyzers/report/format.js';
import { listServiceNames } from '../../../analyzers/report/view.js';
import type { Report } from '../../../analyzers/report/model.js';
import { OTEL_TUI, analyzeReal, loadFullReport, partialReport } from './helpers.js';

const chromium = findChromium();
const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skipReason = !chromium ? 'no Chromium on the PATH' : !hasPoppler ? 'poppler-utils (pdfinfo, pdftotext) not installed' : '';
if (skipReason) console.warn(`PDF tests skipped: ${skipReason}`);

function pdfInfo(path: string): { pages: number; size: string } {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), size: /Page size:\s+(.*)/.exec(out)![1]! };
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-pdf-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!skipReason)('PDF report', () => {
  it('prints a real analysis with the verdict, the score, every service and the fix plan', async () => {
    const report: Report = await analyzeReal([OTEL_TUI]);
    const out = join(dir, 'real.pdf');
    const msgs = await writeOutputs(report, { pdf: out });
    expect(msgs[0]).toMatch(/^PDF report: .*real\.pdf \(A4, printed by /);
    const info = pdfInfo(out);
    expect(info.size).toContain('(A4)');
    expect(info.pages).toBeGreaterThan(1);
    const text = pdfText(out);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(labelVerdict(report.verdict));
    if (typeof report.score === 'number') expect(flat).toContain(formatScore(report.score));
    const services = listServiceNames(report);
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(flat).toContain(s);
    // every fix of the plan is printed (rule id), when scoring produced one
    for (const p of report.fixPlan ?? []) expect(flat).toContain(p.ruleId);
    if (report.fixPlan?.length) expect(flat).toContain('Binding constraint and fix plan');
    // the input's fingerprint is in the appendix, printed as two halves of 32 hex digits
    expect(flat).toContain(report.inputs[0]!.sha256.slice(0, 32));
    expect(flat).toContain(report.inputs[0]!.sha256.slice(32));
    // page numbers from the footer template
    expect(flat).toContain(`Page 2 of ${info.pages}`);
  });

  it('prints the full fixture on Letter with every section', async () => {
    const out = join(dir, 'full-letter.pdf');
    await writeOutputs(loadFullReport(), { pdf: out, paper: 'letter' });
    const info = pdfInfo(out);
    expect(info.size).toContain('(letter)');
    expect(info.pages).toBeGreaterThan(5);
    const flat = pdfText(out).replace(/\s+/g, ' ');
    for (const h of ['What was analysed', 'Scores by dimension', 'Services', 'Binding constraint and fix plan', 'Findings with evidence', 'Correlation', 'Root-cause replay', 'Operational workflows', 'Instrumentation Score', 'Appendix']) {
      expect(flat).toContain(h);
    }
    // all 18 fix-plan rules and the 3 workflows (fixture)
    for (const p of loadFullReport().fixPlan!) expect(flat).toContain(p.ruleId);
    for (const w of ['Horizontal scaling', 'Certificate rotation', 'DB failover']) expect(flat).toContain(w);
  });

  it('prints a partial report and makes no network request', async () => {
    const out = join(dir, 'partial.pdf');
    const res = await printHtmlToPdf(renderReportHtml(partialReport()), out, { paper: 'a4', headerText: 'h', footerText: 'f' });
    expect(res.blockedRequests).toEqual([]);
    expect(pdfText(out)).toContain('Not evaluated');
  });
});

describe.skipIf(!!skipReason)('PDF of a report in pieces', () => {
  it('prints HTML given in pieces (htmlChunks), loaded from a file it removes after', async () => {
    const out = join(dir, 'pieces.pdf');
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('obsready-pdf-')).length;
    const taken: number[] = [];
    // the pieces are taken one by one, the last one after all the others
    const pieces = function* (): Generator<string> {
      const whole = renderReportHtml(partialReport());
      const cut = whole.indexOf('</body>');
      for (const [k, p] of [whole.slice(0, cut), '<p>The last piece of the report.</p>', whole.slice(cut)].entries()) {
        taken.push(k);
        yield p;
      }
    };
    const res = await printHtmlToPdf(pieces(), out, { paper: 'a4', headerText: 'h', footerText: 'f' });
    expect(taken).toEqual([0, 1, 2]);
    expect(res.blockedRequests).toEqual([]);
    const flat = pdfText(out).replace(/\s+/g, ' ');
    expect(flat).toContain('Not evaluated');
    expect(flat).toContain('The last piece of the report.');
    // (the folder of the page and the browser's profile is gone)
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('obsready-pdf-')).length).toBe(before);
  });

  it('the CLI prints the report from its pieces: the same text as the HTML report', async () => {
    const report = loadFullReport();
    const out = join(dir, 'cli.pdf');
    await writeOutputs(report, { pdf: out });
    const flat = pdfText(out).replace(/\s+/g, ' ');
    for (const i of report.inputs) expect(flat).toContain(i.sha256.slice(0, 32));
  });
});

describe('the time a page may take to load', () => {
  it('grows with the HTML: a minute, and 4 s a megabyte', () => {
    expect(pageLoadTimeoutMs(0)).toBe(60_000);
    expect(pageLoadTimeoutMs(200 * 1024)).toBe(64_000);
    expect(pageLoadTimeoutMs(32 * 1024 * 1024)).toBe(188_000);
  });
});

describe('PDF without Chromium', () => {
  it('says clearly that no Chromium was found', async () => {
    expect(findChromium(undefined, '')).toBeNull();
    expect(findChromium('/nonexistent/chromium')).toBeNull();
    const err = await writeOutputs(loadFullReport(), { pdf: join(tmpdir(), 'never.pdf'), chromium: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect((err as PdfError).code).toBe('chromium-not-found');
    expect((err as PdfError).message).toContain('--chromium /nonexistent/chromium: no executable there');
  });
});

describe('PDF with a --chromium that is no browser', () => {
  it('refuses one that floods its output or answers no version, quickly (yes(1) as --chromium hung the run)', async () => {
    const { chmodSync, writeFileSync } = await import('node:fs');
    const flood = join(dir, 'flood.sh');
    writeFileSync(flood, '#!/bin/sh\nexec yes garbage\n');
    chmodSync(flood, 0o755);
    const err = await writeOutputs(loadFullReport(), { pdf: join(dir, 'never.pdf'), chromium: flood }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect((err as PdfError).code).toBe('chromium-failed');
    expect((err as PdfError).message).toContain('printed more than 64 KB');
    const ls = join(dir, 'ls.sh');
    writeFileSync(ls, '#!/bin/sh\necho "hello"\n');
    chmodSync(ls, 0o755);
    const err2 = await writeOutputs(loadFullReport(), { pdf: join(dir, 'never.pdf'), chromium: ls }).catch((e: unknown) => e);
    expect((err2 as PdfError).message).toContain('answered "hello", not a browser version');
  });
});
