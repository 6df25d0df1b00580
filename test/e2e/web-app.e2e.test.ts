// End-to-end: the renderer built as a web page, served on 127.0.0.1, driven in Debian's Chromium
// with playwright-core. Real exports from ../shared/data go through the real engine in the Web
// Worker; the exported JSON must equal what the Node adapter computes from the same files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Analysis } from '../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256 } from '../../analyzers/node/read-inputs.js';
import { serializeReport } from '../../analyzers/report/json.js';
import { TOOL_VERSION } from '../../analyzers/version.js';
import { makeUiReport } from '../renderer/fixtures/ui-report.js';
// @ts-expect-error plain ESM helper without types
import { startStaticServer } from '../../renderer/serve.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const data = resolve(repo, '../shared/data');
const shots = join(repo, 'test-output/screenshots');
const scratch = join(repo, 'test-output/e2e-tmp');
const require = createRequire(import.meta.url);

const INPUTS = [
  'otlp-json/otel-tui/test_data.json',
  'loghub/HDFS/HDFS_2k.log',
  'prometheus-text/prometheus-textparse/alltypes.237mfs.prom.txt',
  'incident-nezha/trainticket-2023-01-30/trace/11_51_trace.csv',
].map((p) => join(data, p));

const VERDICTS = ['Ready', 'Ready with conditions', 'Not ready', 'Inconclusive'];

let server: { url: string; close: () => Promise<void> };
let profile = '';
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
let exportedPath = '';
const pageErrors: string[] = [];
const cspErrors: string[] = [];

/** Wait until the locator's text matches (playwright-core has no test-runner assertions). */
async function expectText(locator: Locator, pattern: RegExp | string, timeout = 15_000): Promise<void> {
  const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
  await expect.poll(async () => (await locator.first().textContent()) ?? '', { timeout }).toMatch(re);
}

async function expectAttr(locator: Locator, name: string, value: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.first().getAttribute(name), { timeout }).toBe(value);
}

async function expectCount(locator: Locator, n: number, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(n);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function go(label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: label, exact: true }).click();
}

/** Back to no files (Inputs → Clear): files picked next are listed, without the question asked after a run. */
async function clearFiles(): Promise<void> {
  await go('Inputs');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expectCount(page.getByTestId('input-row'), 0);
}

async function focusedText(): Promise<string> {
  return page.evaluate(() => `${document.activeElement?.tagName} ${(document.activeElement?.textContent ?? '').trim()}`);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repo, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await startStaticServer(join(repo, 'dist/renderer'));
  profile = mkdtempSync(join(tmpdir(), 'obsready-e2e-'));
  // A fresh profile each run (playwright passes it as --user-data-dir).
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    colorScheme: 'light',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) cspErrors.push(m.text().slice(0, 200));
  });
  await page.goto(server.url);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('web mode in Chromium', () => {
  it('loads real exports, shows detection and progress, reaches the verdict and matches the Node engine', async () => {
    await expectText(page.getByRole('heading', { level: 1 }), /Level-3 decision engine/);
    // Keyboard: the first tab stop is the skip link.
    await page.keyboard.press('Tab');
    await expectText(page.locator(':focus'), 'Skip to content');
    await shot('01-start');

    // One hostile input beside the real ones: binary bytes must be reported per file, not crash the run.
    const binary = join(scratch, 'core.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0]));
    await page.getByTestId('file-input').setInputFiles([...INPUTS, binary]);
    const rows = page.getByTestId('input-row');
    await expectCount(rows, 5);
    // Detection before analysis: each file's format by content, in the column that later shows the analysis's format.
    await expectText(page.getByRole('table', { name: 'Detected inputs' }).getByRole('columnheader').nth(1), /^Format$/);
    await expectText(rows.filter({ hasText: 'test_data.json' }), 'otlp-json');
    await expectText(rows.filter({ hasText: 'HDFS_2k.log' }), 'text-logs');
    await expectText(rows.filter({ hasText: 'core.bin' }), 'binary-data');
    await shot('02-inputs-detected');

    await page.getByTestId('analyze-button').click();
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await expectText(page.getByTestId('verdict').getByRole('heading', { level: 1 }), new RegExp(`^(${VERDICTS.join('|')})$`));
    // The finished analysis moves keyboard focus to the dashboard's heading, not to <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName)).toBe('verdict-title');
    await shot('03-dashboard');
    // Enter on a nav button moves focus to the new screen's heading.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Findings', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`)).toBe('H1 Findings');

    // Every file shows its final progress: bytes read equal the file size.
    await go('Inputs');
    for (const f of INPUTS) {
      const row = rows.filter({ hasText: basename(f) });
      await expectAttr(row.getByRole('progressbar'), 'aria-valuenow', '100');
      await expectText(row, 'Done');
    }
    await expectText(rows.filter({ hasText: 'core.bin' }), 'Failed');
    await shot('04-inputs-done');

    // Export JSON (a download) and compare with the Node adapter on the same bytes.
    await go('Dashboard');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    exportedPath = join(scratch, 'first-report.json');
    await download.saveAs(exportedPath);
    const exported = JSON.parse(readFileSync(exportedPath, 'utf8'));
    const analysis = new Analysis({ toolVersion: TOOL_VERSION, createHasher: createNodeSha256 });
    for (const p of [...INPUTS, binary]) await analyzeFile(analysis, { path: p, display: basename(p), size: statSync(p).size });
    const expected = JSON.parse(serializeReport(analysis.finish(exported.generatedAt)));
    expect(exported).toEqual(expected);
    // The dashboard shows the engine's numbers.
    if (expected.score !== undefined && expected.score !== null) await expectText(page.getByTestId('verdict'), expected.score.toFixed(1));
    expect(exported.inputs.map((i: { path: string }) => i.path)).toEqual(['11_51_trace.csv', 'HDFS_2k.log', 'alltypes.237mfs.prom.txt', 'core.bin', 'test_data.json']);

    // The other formats, rendered in the page by the report renderers.
    const text = async (format: string): Promise<string> => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
      return readFileSync((await d.path())!, 'utf8');
    };
    const html = await text('html');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain(exported.score.toFixed(1));
    // Self-contained: no remote scripts, styles or images (links to documentation are fine).
    expect(/\bsrc=["']https?:|<link[^>]+href=["']https?:|url\(["']?https?:/i.test(html)).toBe(false);
    const sarif = JSON.parse(await text('sarif'));
    expect(sarif.version).toBe('2.1.0');
    // One SARIF result per failing finding (issue 6's contract).
    expect(sarif.runs[0].results.length).toBe(exported.findings.filter((f: { passed: boolean }) => !f.passed).length);
    expect(await text('junit')).toMatch(/<testsuites?[\s>]/);
    expect(await text('markdown')).toContain(exported.score.toFixed(1));
  }, 240_000);

  it('opens a finding with its evidence records', async () => {
    await go('Findings');
    const items = page.getByTestId('finding-item');
    expect(await items.count()).toBeGreaterThan(0);
    // Pick a failing finding that has example records, as a user would scan for one.
    const n = await items.count();
    let opened = false;
    for (let i = 0; i < n && !opened; i++) {
      await items.nth(i).click();
      opened = (await page.getByTestId('evidence-list').count()) > 0;
    }
    expect(opened).toBe(true);
    const evidence = page.getByTestId('evidence-list').locator('li');
    expect(await evidence.count()).toBeGreaterThan(0);
    // Each example names a real input file.
    await expectText(evidence.first().locator('code'), /(test_data\.json|HDFS_2k\.log|alltypes\.237mfs\.prom\.txt|11_51_trace\.csv)/);
    await shot('05-findings-evidence');
    // Keyboard: Down moves the selection to the next finding and its detail follows.
    await items.first().focus();
    await items.first().click();
    const firstTitle = await page.getByTestId('finding-detail').locator('header').textContent();
    await page.keyboard.press('ArrowDown');
    await expectAttr(items.nth(1), 'aria-current', 'true');
    await expect.poll(() => page.getByTestId('finding-detail').locator('header').textContent()).not.toBe(firstTitle);
  }, 60_000);

  it('shows services, dependency graph, timeline, workflows and compare', async () => {
    await go('Services');
    await shot('06-services');
    await go('Dependencies');
    await shot('07-dependencies');
    await go('Timeline');
    await shot('08-timeline');
    await go('Workflows');
    await page.getByRole('button', { name: 'Database failover' }).click();
    const card = page.getByTestId('workflow-card');
    await expectCount(card, 1);
    // Detection yes, remediation yes, decision by a human: Level 2 by the seed's definition.
    await card.getByRole('group', { name: 'Is the detection automated?' }).getByLabel('yes').check();
    await card.getByRole('group', { name: 'Is the remediation automated (scripted execution)?' }).getByLabel('yes').check();
    await expectText(page.getByTestId('workflow-level'), 'Semi-automated remediation');
    await shot('09-workflows');
    // The assessment goes into the exported report.
    const [wfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const withWorkflows = JSON.parse(readFileSync((await wfDownload.path())!, 'utf8'));
    expect(withWorkflows.workflows.map((w: { name: string; level: number; riskClass: string }) => [w.name, w.level, w.riskClass])).toEqual([['Database failover', 2, 'critical']]);
    await go('Compare');
    await page.getByRole('button', { name: 'Use current analysis' }).first().click();
    await page.getByRole('button', { name: 'Use current analysis' }).nth(1).click();
    await expectText(page.getByTestId('compare-summary'), 'verdict unchanged');
    // The demo data, then before = the saved report of the real exports, after = the demo.
    await go('Start');
    await page.getByTestId('demo-button').click();
    // (files picked after a run: the app asks first; a new analysis starts at once)
    await page.getByTestId('add-files-new').click();
    await expectCount(page.getByTestId('input-row'), 4);
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await shot('10-demo-dashboard');
    await go('Compare');
    await page.getByTestId('compare-before-input').setInputFiles(exportedPath);
    await page.getByRole('button', { name: 'Use current analysis' }).nth(1).click();
    await expectText(page.getByTestId('compare-summary'), /Regressed: \d+ · New failure: \d+ · Fixed: \d+/);
    const before = JSON.parse(readFileSync(exportedPath, 'utf8'));
    await expectText(page.getByTestId('compare-summary'), `${before.score.toFixed(1)} →`);
    await shot('11-compare');
  }, 60_000);

  it('asks before files picked after an analysis replace it: a modal dialog with focus inside, Escape cancels, add and re-run', async () => {
    await go('Start');
    const demo = page.getByTestId('demo-button');
    await demo.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /4 files picked: start a new analysis or add to this one\?/ });
    await dialog.waitFor();
    await expectText(dialog, 'The current analysis read 4 files (verdict: ');
    await shot('11b-add-files-dialog');
    // Focus starts on the first answer and Tab moves through the answers
    await expect.poll(focusedText).toBe('BUTTON Start a new analysis with these files');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('BUTTON Add them to the current set and re-run');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('BUTTON Cancel');
    // the page behind is inert while the question is open
    expect(await page.evaluate(() => document.querySelector('dialog')!.matches(':modal'))).toBe(true);
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const res = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<unknown> } }).axe.run(document.querySelector('dialog')!, { resultTypes: ['violations'] }))) as { violations: { id: string; impact: string }[] };
    expect(res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    // Escape: nothing changes, focus is back on the button that asked
    await page.keyboard.press('Escape');
    await expectCount(page.getByTestId('add-files-dialog'), 0);
    await expect.poll(focusedText).toBe('BUTTON Try the demo data');
    await expectCount(page.locator('.run-status .pill'), 1);
    await go('Inputs');
    await expectCount(page.getByTestId('input-row'), 4);
    // Add one more file to the current four and run them all again
    await go('Start');
    await page.getByTestId('file-input').setInputFiles([join(data, 'loghub/HDFS/HDFS_2k.log')]);
    await page.getByRole('dialog').getByRole('button', { name: 'Add them to the current set and re-run' }).click();
    await expectCount(page.getByTestId('add-files-dialog'), 0);
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await go('Inputs');
    const rows = page.getByTestId('input-row');
    await expectCount(rows, 5);
    await expectText(rows.filter({ hasText: 'HDFS_2k.log' }), /Done · .* · 2,000 records/);
    await expectText(rows.filter({ hasText: 'traces.otlp.json' }), /Done · /);
  }, 90_000);

  it('has no serious or critical accessibility violations (axe-core) on the main screens', async () => {
    // Evaluated through the DevTools protocol: the page's CSP rightly forbids injected inline scripts.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const problems: string[] = [];
    for (const screen of ['Dashboard', 'Findings', 'Services', 'Workflows', 'Inputs']) {
      await go(screen);
      const res = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as {
        violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
      };
      for (const v of res.violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${screen}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('is readable in the dark theme and keyboard-navigable', async () => {
    await go('Dashboard');
    await page.getByTestId('theme-toggle').click();
    await expectAttr(page.locator('html'), 'data-theme', 'dark');
    await shot('12-dashboard-dark');
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const contrast: string[] = [];
    for (const screen of ['Dashboard', 'Findings', 'Services', 'Inputs', 'Workflows']) {
      await go(screen);
      const res = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, { runOnly: ['color-contrast'] }))) as { violations: { id: string; nodes: unknown[] }[] };
      contrast.push(...res.violations.map((v) => `${screen}: ${v.id}: ${v.nodes.length} nodes`));
    }
    expect(contrast).toEqual([]);
    await go('Dashboard');
    // The next tab stop shows a visible focus ring in this theme too.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.getByTestId('theme-toggle').click();
  }, 60_000);

  it('streams a large file with progress and ETA, stays responsive, and cancels', async () => {
    // ~60 MB of plain log lines, written here so the test needs no big fixture.
    const big = join(scratch, 'big-app.log');
    const line = (i: number) => `2024-03-01T10:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z INFO [checkout] order ${i} processed for customer ${i % 977} in ${i % 250} ms\n`;
    const chunk: string[] = [];
    for (let i = 0; i < 600_000; i++) chunk.push(line(i));
    writeFileSync(big, chunk.join(''));
    await clearFiles();
    await go('Start');
    await page.getByTestId('file-input').setInputFiles([big]);
    await expectCount(page.getByTestId('input-row'), 1);
    await page.getByTestId('analyze-button').click();
    const row = page.getByTestId('input-row');
    await expectText(row, 'Reading', 20_000);
    await expectText(row, 'ETA', 20_000);
    // Results fill in while the file streams: a provisional summary from the worker's snapshots.
    await expectText(page.getByTestId('so-far'), /log records/, 20_000);
    // Responsiveness: the UI thread keeps painting while the worker parses.
    const maxGapMs = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          let last = performance.now();
          let max = 0;
          const start = last;
          const tick = (t: number) => {
            max = Math.max(max, t - last);
            last = t;
            if (t - start < 1500) requestAnimationFrame(tick);
            else done(max);
          };
          requestAnimationFrame(tick);
        }),
    );
    await shot('13-streaming-progress');
    // Generous for a loaded 2-core CI machine; parsing on the UI thread would freeze it for seconds.
    expect(maxGapMs).toBeLessThan(500);
    await page.getByTestId('cancel-button').click();
    await expectText(page.getByTestId('run-summary'), 'cancelled', 10_000);
    await expectText(row, 'Cancelled');
    await shot('14-cancelled');
    // A cancelled run has no verdict: no provisional card, no verdict in the top bar or on the dashboard.
    await expectCount(page.getByTestId('so-far'), 0);
    await expectCount(page.locator('.run-status .pill'), 0);
    await go('Dashboard');
    await expectText(page.getByTestId('cancelled-run'), 'Analysis cancelled');
    await expectCount(page.getByTestId('verdict'), 0);
    await expectCount(page.getByTestId('fix-plan'), 0);
  }, 120_000);

  it('renders a saved report with every field (graph with an uninstrumented callee, incidents on the timeline)', async () => {
    const saved = join(scratch, 'fixture-report.json');
    writeFileSync(saved, JSON.stringify(makeUiReport()));
    await go('Start');
    await page.getByTestId('report-input').setInputFiles(saved);
    await expectText(page.getByTestId('verdict'), 'Not ready');
    await expectText(page.getByTestId('verdict'), '62.4');
    await expectText(page.getByTestId('binding'), 'Structure');
    await shot('15-fixture-dashboard');
    await go('Dependencies');
    // 4 nodes, 3 edges; the postgres edge is a peer edge (callee not instrumented).
    await expectText(page.locator('main .screen-head'), '4 services · 3 edges');
    await expectText(page.getByRole('table', { name: 'Edges' }).locator('tr', { hasText: 'postgres' }), 'inferred');
    await expectText(page.getByRole('table', { name: 'Edges' }).locator('tr', { hasText: 'payment' }).first(), '7.9 %');
    await shot('16-fixture-graph');
    await go('Timeline');
    await expectText(page.locator('main .screen-head'), '1 symptoms · 1 labelled incidents');
    await expectText(page.locator('svg.timeline'), 'inc-1');
    await expectText(page.locator('main'), 'AC@1 1');
    await expectText(page.getByRole('table', { name: 'Symptoms' }), 'p95 900 ms vs baseline median 40 ms');
    await shot('17-fixture-timeline');
    // PDF in web mode: the report goes to a print frame, its styles re-applied through the CSSOM
    // (the page's CSP forbids inline styles, and must not be loosened for it).
    await page.evaluate(() => {
      const remove = Element.prototype.remove;
      Element.prototype.remove = function (this: Element) {
        if (this.tagName !== 'IFRAME') remove.call(this);
      };
      window.print = () => undefined;
    });
    await page.getByTestId('export-pdf').click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('iframe')?.contentDocument?.adoptedStyleSheets[0]?.cssRules.length ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(10);
    expect(await page.evaluate(() => document.querySelector('iframe')!.contentDocument!.querySelector('h1')?.textContent)).toMatch(/Level-3/);
  }, 60_000);

  it('keeps working on a damaged report: one screen says what failed, the others still render', async () => {
    const damaged = join(scratch, 'damaged-report.json');
    const r = makeUiReport() as unknown as Record<string, unknown>;
    r.findings = [{ ruleId: 'X-1', dimension: 'structure', impact: 'critical', service: 's', passed: false, message: 'm', signal: 'logs' }];
    r.services = [{ name: 'svc' }];
    writeFileSync(damaged, JSON.stringify(r));
    await go('Start');
    await page.getByTestId('report-input').setInputFiles(damaged);
    await expectText(page.getByTestId('verdict'), 'Not ready');
    await go('Findings');
    await expectText(page.getByTestId('finding-detail'), 'none recorded');
    await go('Services');
    await expectText(page.locator('main'), /This screen cannot be shown|svc/);
    await go('Dashboard');
    await expectText(page.getByTestId('verdict'), '62.4');
  }, 60_000);

  it('accepts files dropped on the drop zone', async () => {
    const text = readFileSync(join(data, 'loghub/HDFS/HDFS_2k.log'), 'utf8');
    await go('Start');
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped-hdfs.log', { type: 'text/plain' }));
      return d;
    }, text);
    await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: dt });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
    // A saved report is open (the test before): the app asks first, with nothing to add to
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /1 file picked: .*The report .* is open; a new analysis closes it\./);
    await expectCount(dialog.getByRole('button'), 2);
    await dialog.getByRole('button', { name: 'Start a new analysis with these files' }).click();
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await go('Inputs');
    await expectCount(page.getByTestId('input-row'), 1);
    await expectText(page.getByTestId('input-row'), /dropped-hdfs\.log.*text-logs/);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expectCount(page.getByTestId('input-row'), 0);
  }, 60_000);

  it('analyses a picked folder of real, partly malformed logs file by file', async () => {
    const folder = join(data, 'logs-text');
    // Counted with `find ../shared/data/logs-text -type f ! -name '.*' | wc -l`, done here in code.
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && !d.name.startsWith('.'));
    await go('Start');
    await page.getByTestId('folder-input').setInputFiles(folder);
    const rows = page.getByTestId('input-row');
    await expectCount(rows, files.length);
    // Paths keep the folder structure the user picked.
    await expectText(rows.first(), /logs-text\//);
    await page.getByTestId('analyze-button').click();
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await go('Inputs');
    const statuses = await rows.locator('.progress-cell').allTextContents();
    expect(statuses.length).toBe(files.length);
    for (const st of statuses) expect(st).toMatch(/^(Done|Failed) · /);
    await shot('18-folder-inputs');
  }, 180_000);

  it('reads a zip and a .tar.gz of real exports file by file, and sums each archive on its row', async () => {
    const two = [join(data, 'loghub/HDFS/HDFS_2k.log'), join(data, 'logs-text/lnav-test/logfile_java.0')];
    const zip = join(scratch, 'bundle.zip');
    const tgz = join(scratch, 'bundle.tar.gz');
    execFileSync('zip', ['-qj', zip, ...two]);
    execFileSync('tar', ['-czf', tgz, '-C', dirname(two[0]!), basename(two[0]!), '-C', dirname(two[1]!), basename(two[1]!)]);
    await clearFiles();
    await go('Start');
    await page.getByTestId('file-input').setInputFiles([zip, tgz]);
    const rows = page.getByTestId('input-row');
    await expectCount(rows, 2);
    await expectText(rows.filter({ hasText: 'bundle.zip' }), 'zip archive');
    await expectText(rows.filter({ hasText: 'bundle.tar.gz' }), 'tar archive (gzip)');
    await page.getByTestId('analyze-button').click();
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await go('Inputs');
    // HDFS_2k.log holds 2,000 records; both archives hold it and the Java log. (A row is found by
    // the name it starts with: the zip's row names the tar's files, whose bytes its files repeat.)
    for (const [name, kind] of [['bundle.zip', 'zip'], ['bundle.tar.gz', 'tar']]) {
      const row = rows.filter({ hasText: new RegExp(`^${name.replace(/\./g, '\\.')}`) });
      await expectText(row, new RegExp(`${kind}: 2 files \\(text-logs\\)`));
      await expectText(row, /Done · .* · 2,\d{3} records/);
      await expectText(row.locator('td').nth(2), 'logs');
    }
    // the same files in both archives: the later copies say their records are counted twice
    await expectText(rows.filter({ hasText: /^bundle\.zip/ }), /duplicate-input HDFS_2k\.log: the same bytes as bundle\.tar\.gz\/HDFS_2k\.log/);
    await shot('21-archive-inputs');
  }, 180_000);

  it('replays root-cause ranking on an incident labels file picked beside real Nezha exports', async () => {
    await clearFiles();
    await go('Start');
    // Content decides, not the name: a file that is no incident list says why it is not used.
    const bad = join(scratch, 'notes.csv');
    writeFileSync(bad, 'hello,world\n1,2\n');
    await page.getByTestId('incidents-input').setInputFiles(bad);
    await expectText(page.getByTestId('incident-labels-status'), 'no usable incident');
    await expectText(page.getByTestId('incident-labels-issues'), 'missing-start');
    // The fault of the day's list (2023-01-30-fault_list.json): network delay into ts-contacts-service.
    const labels = join(scratch, 'labels.txt');
    writeFileSync(labels, 'id,start,service,fault\nnezha-net-1,2023-01-30T11:51:46Z,ts-contacts-service,network_delay\n');
    await page.getByTestId('incidents-input').setInputFiles(labels);
    await expectText(page.getByTestId('incident-labels-status'), /labels\.txt.*1 incident \(ts-contacts-service\)/);
    const nezha = join(data, 'incident-nezha/trainticket-2023-01-30');
    const files = ['trace', 'log', 'metric'].flatMap((d) => readdirSync(join(nezha, d)).map((f) => join(nezha, d, f)));
    await page.getByTestId('file-input').setInputFiles(files);
    await expectCount(page.getByTestId('input-row'), files.length);
    await page.getByTestId('analyze-button').click();
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await go('Timeline');
    await expectText(page.locator('main .screen-head'), '· 1 labelled incidents');
    await expectText(page.locator('svg.timeline'), 'nezha-net-1 (network_delay) · true cause rank 1');
    // Rank 1 of 30 candidates: the Node pipeline's result on the same files
    // (test/analyzers/correlation/nezha.rca.test.ts: 28 traced services + 2 metrics-only).
    const row = page.getByRole('table', { name: 'Root-cause ranking per incident' }).locator('tbody tr');
    await expectCount(row, 1);
    await expectText(row, /nezha-net-1.*network_delay.*ts-contacts-service.*1 of 30.*1\. ts-contacts-service/);
    await page.getByRole('table', { name: 'Root-cause ranking per incident' }).scrollIntoViewIfNeeded();
    await shot('19-incident-labels-rca');
    await go('Inputs');
    await expectText(page.getByTestId('incident-labels-status'), 'used in the last analysis');
    await shot('20-incident-labels-picker');
    await page.getByRole('button', { name: 'Remove incident labels labels.txt' }).click();
    await expectCount(page.getByTestId('incident-labels-status'), 0);
  }, 90_000);

  it('fits the Services table of the Nezha analysis in a 1280 px and a 1024 px window, every column in view', async () => {
    // (the Nezha exports the test before analysed: long pod-named services, thin rule coverage)
    await go('Services');
    const table = page.getByRole('table', { name: 'Services' });
    await expectText(table, /ts-contacts-service/);
    // one row per service: the pod-named spans beside the PodName-named metrics and the logs
    await expectText(table.locator('tbody tr').filter({ hasText: /^ts-contacts-service/ }), /also named ts-contacts-service-866bd68c97-dzqgd: 14,199 records.*14,079 of 14,279 records named from tag PodName/);
    try {
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        // before, at 1280: the table 1,086 px in a 1,062 px frame, the Records column cut at the window's edge
        const fit = await table.evaluate((t) => {
          const wrap = t.parentElement!;
          const right = wrap.getBoundingClientRect().right;
          return { overflow: wrap.scrollWidth - wrap.clientWidth, columns: [...t.querySelectorAll('thead th')].map((th) => [th.textContent, th.getBoundingClientRect().right <= right + 0.5]) };
        });
        expect(fit).toEqual({ overflow: 0, columns: ['Service', 'Signals', 'Score ▲', 'Verdict', 'Structure', 'Noise', 'Correlation', 'Records'].map((c) => [c, true]) });
        await shot(`22-services-nezha-${width}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);

  it('shows the `code` spans of a finding message as code, not backticks (Nezha: service from tag PodName)', async () => {
    await go('Findings');
    await page.getByRole('combobox', { name: 'Service' }).selectOption('ts-contacts-service');
    await page.getByTestId('finding-item').filter({ hasText: 'Every record names its service' }).first().click();
    const message = page.locator('.finding-message');
    // before: "… Service from tag `PodName`: the records without one …"
    await expectText(message, /^14079 of 14279 records have no usable service\.name \(99 %\)\..* Service from tag PodName: the records without one are filed under "ts-contacts-service"/);
    expect(await message.locator('code').allTextContents()).toEqual(['PodName']);
    await shot('23-finding-message-code');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
  }, 60_000);

  it('made no request outside its own origin and raised no page errors', () => {
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(2);
    expect(pageErrors).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
