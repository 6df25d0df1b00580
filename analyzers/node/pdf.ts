// PDF = the report's HTML printed by a system Chromium through playwright-core. No browser is
// downloaded: the one on the PATH (or given with --chromium) is driven headless, offline, with
// a fresh profile, and every network request is refused so the PDF shows exactly the HTML. The
// HTML is written to a file in pieces and loaded from there: handed over as one string (setContent)
// it was held whole in Node, then again as the DevTools message that carries it.
import { execFileSync } from 'node:child_process';
import { accessSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Paper } from '../report/html/styles.js';

export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'] as const;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export type PdfErrorCode = 'chromium-not-found' | 'chromium-failed';

export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to drive: `explicit` when given (must exist), else the first known name on PATH. */
export function findChromium(explicit?: string, pathEnv: string = process.env.PATH ?? ''): string | null {
  if (explicit) return isExecutableFile(explicit) ? explicit : null;
  for (const name of CHROMIUM_NAMES) {
    for (const dir of pathEnv.split(delimiter)) {
      if (!dir) continue;
      const p = join(dir, name);
      if (isExecutableFile(p)) return p;
    }
  }
  return null;
}

export function chromiumNotFoundMessage(explicit?: string): string {
  return explicit
    ? `--chromium ${explicit}: no executable there. Give the path of a Chromium or Chrome binary.`
    : `no Chromium found on the PATH (looked for ${CHROMIUM_NAMES.join(', ')}). Install one (Debian/Ubuntu: apt-get install chromium) or pass --chromium PATH; --html writes the same report without a browser.`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PrintPdfOptions {
  paper: Paper;
  /** Chromium binary; found on PATH when omitted. */
  chromiumPath?: string;
  /** Running header text (e.g. "Not ready · 72.8"). */
  headerText: string;
  /** Left part of the footer (e.g. generation date). */
  footerText: string;
}

export interface PrintPdfResult {
  chromium: string;
  /** Requests the page tried to make (all refused); a self-contained report makes none. */
  blockedRequests: string[];
}

/**
 * Asks `chromium --version` first, in a bounded way (20 s, 64 KB of output): what answers with one
 * short line is driven; a program that is no browser, hangs or floods its output is refused here,
 * before the driver would wait on it (it reads all a browser prints, without a bound).
 */
export function checkChromium(chromium: string): void {
  let out: string;
  try {
    out = execFileSync(chromium, ['--version'], { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024, stdio: ['ignore', 'pipe', 'ignore'], killSignal: 'SIGKILL' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { signal?: string };
    const why = err.code === 'ENOBUFS' ? 'it printed more than 64 KB' : err.signal ? `it did not answer within 20 s` : (err.message.split('\n')[0] ?? 'it failed');
    throw new PdfError('chromium-failed', `${chromium} --version: ${why}; give the path of a Chromium or Chrome binary with --chromium`);
  }
  const line = out.trim();
  if (line === '' || line.includes('\n') || line.length > 200 || !/\d+\.\d+/.test(line)) {
    throw new PdfError('chromium-failed', `${chromium} --version answered ${JSON.stringify(line.slice(0, 80))}, not a browser version; give the path of a Chromium or Chrome binary with --chromium`);
  }
}

/** Writes the HTML's pieces to `path` as they come (none is kept); returns the bytes written. */
function writePieces(path: string, html: string | Iterable<string>): number {
  const fd = openSync(path, 'w');
  let total = 0;
  try {
    for (const piece of typeof html === 'string' ? [html] : html) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      total += bytes.length;
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

/**
 * How long the page may take to load: a minute, and 4 s more a megabyte (the HTML of 100,000
 * inputs, 32 MB, took 62 s to load from its file on a busy machine with two cores).
 */
export function pageLoadTimeoutMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / (1024 * 1024)) * 4_000;
}

/**
 * Prints `html` (one string, or its pieces in order: htmlChunks) to `outPath`. Throws PdfError
 * (chromium-not-found | chromium-failed).
 */
export async function printHtmlToPdf(html: string | Iterable<string>, outPath: string, options: PrintPdfOptions): Promise<PrintPdfResult> {
  const chromium = findChromium(options.chromiumPath);
  if (!chromium) throw new PdfError('chromium-not-found', chromiumNotFoundMessage(options.chromiumPath));
  checkChromium(chromium);
  const { chromium: driver } = await import('playwright-core');
  // (one temporary folder: the browser's profile, and beside it the page it prints)
  const work = mkdtempSync(join(tmpdir(), 'obsready-pdf-'));
  const profile = join(work, 'profile');
  const page = join(work, 'report.html');
  const pageUrl = pathToFileURL(page).href;
  const blockedRequests: string[] = [];
  try {
    mkdirSync(profile);
    const bytes = writePieces(page, html);
    let context;
    try {
      context = await driver.launchPersistentContext(profile, {
        executablePath: chromium,
        headless: true,
        args: [...CHROMIUM_FLAGS],
        offline: true,
        timeout: 60_000,
      });
    } catch (e) {
      throw new PdfError('chromium-failed', `cannot start ${chromium}: ${(e as Error).message.split('\n')[0]}`);
    }
    try {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url === 'about:blank' || url === pageUrl) return route.continue();
        blockedRequests.push(url);
        return route.abort();
      });
      const tab = context.pages()[0] ?? (await context.newPage());
      await tab.goto(pageUrl, { waitUntil: 'load', timeout: pageLoadTimeoutMs(bytes) });
      await tab.emulateMedia({ media: 'print' });
      const small = 'font-size:7.5px;font-family:Arial,"Liberation Sans",sans-serif;color:#5b6473;width:100%;padding:0 14mm;display:flex;justify-content:space-between;';
      await tab.pdf({
        path: outPath,
        format: options.paper === 'letter' ? 'Letter' : 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style='${small}'><span>ObsReady · Level-3 readiness report</span><span>${escapeHtml(options.headerText)}</span></div>`,
        footerTemplate: `<div style='${small}'><span>${escapeHtml(options.footerText)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        preferCSSPageSize: false,
        outline: true,
        tagged: true,
      });
    } catch (e) {
      if (e instanceof PdfError) throw e;
      throw new PdfError('chromium-failed', `printing with ${chromium} failed: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { chromium, blockedRequests };
}
