// The platform as a plain web page: file inputs and drops, downloads for exports, the browser's
// print dialog for PDF, recent analyses in localStorage.
import type { RecentAnalysis } from '../../electron/shared/contract.js';
import { sourcesFromDrop, sourcesFromFiles } from './files.js';
import type { Platform, SaveOutcome } from './types.js';

const RECENT_KEY = 'obsready.recent.v1';
const MAX_RECENT = 10;
const MIME: Record<string, string> = { json: 'application/json', workflows: 'application/json', sarif: 'application/sarif+json', html: 'text/html', markdown: 'text/markdown', junit: 'application/xml', pdf: 'application/pdf' };

function download(name: string, content: string | Uint8Array, mime: string): void {
  const blob = new Blob([content as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

interface StoredRecent extends RecentAnalysis {
  reportJson?: string;
}

function readRecent(): StoredRecent[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(v) ? (v as StoredRecent[]) : [];
  } catch {
    return [];
  }
}

function writeRecent(list: StoredRecent[]): void {
  // Reports can outgrow the storage quota: drop the oldest bodies first, keep the summaries.
  for (let keep = list.length; keep >= 0; keep--) {
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(list.map((r, i) => (i < keep ? r : { ...r, reportJson: undefined }))));
      return;
    } catch {
      /* quota: try with fewer bodies */
    }
  }
}

/**
 * Print the self-contained HTML report from a hidden same-origin iframe. The frame inherits the
 * page's CSP, which rightly refuses inline <style> and style="…"; so the styles are taken out
 * before the frame parses the document and put back through the CSSOM (constructed stylesheets and
 * element.style), which the CSP does not govern. No script of the report runs (it has none).
 */
function printHtml(html: string): Promise<SaveOutcome> {
  // Done on the text, not with DOMParser: a parsed document inherits the CSP and reports every
  // inline style as a violation. The report is React static markup, where a literal `"` in text
  // or attributes is always escaped, so `style="…"` only ever occurs as an attribute.
  const css: string[] = [];
  const prepared = html
    .replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_m, text: string) => {
      css.push(text);
      return '';
    })
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/(<[^>]*?\s)style="([^"]*)"/g, '$1data-print-style="$2"');
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'print';
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.srcdoc = prepared;
    frame.onload = () => {
      try {
        const win = frame.contentWindow as (Window & typeof globalThis) | null;
        const doc = frame.contentDocument;
        if (!win || !doc) throw new Error('the print frame did not load');
        doc.adoptedStyleSheets = css.map((text) => {
          const sheet = new win.CSSStyleSheet();
          sheet.replaceSync(text);
          return sheet;
        });
        for (const el of Array.from(doc.querySelectorAll<HTMLElement | SVGElement>('[data-print-style]'))) el.style.cssText = el.getAttribute('data-print-style') ?? '';
        win.focus();
        win.print();
        resolve({ ok: true, where: 'the browser print dialog' });
      } catch (e) {
        resolve({ ok: false, reason: 'print-failed', message: (e as Error).message });
      } finally {
        setTimeout(() => frame.remove(), 1000);
      }
    };
    document.body.appendChild(frame);
  });
}

export function createBrowserPlatform(): Platform {
  return {
    kind: 'web',
    fromFileList: (files) => sourcesFromFiles(files),
    fromDrop: (data) => sourcesFromDrop(data),
    saveExport: async (format, suggestedName, content) => {
      download(suggestedName, content, MIME[format] ?? 'application/octet-stream');
      return { ok: true, where: `downloads (${suggestedName})` };
    },
    printPdf: (html) => printHtml(html),
    listRecent: async () => readRecent().map(({ reportJson: _r, ...rest }) => rest),
    addRecent: async (title, reportJson) => {
      let summary: { verdict?: unknown; score?: unknown; inputs?: unknown } = {};
      try {
        summary = JSON.parse(reportJson) as typeof summary;
      } catch {
        /* keep an empty summary */
      }
      const entry: StoredRecent = {
        id: `r${Date.now().toString(36)}`,
        title,
        savedAt: new Date().toISOString(),
        verdict: typeof summary.verdict === 'string' ? summary.verdict : null,
        score: typeof summary.score === 'number' ? summary.score : null,
        inputCount: Array.isArray(summary.inputs) ? summary.inputs.length : 0,
        reportJson,
      };
      writeRecent([entry, ...readRecent()].slice(0, MAX_RECENT));
    },
    openRecent: async (id) => readRecent().find((r) => r.id === id)?.reportJson ?? null,
    removeRecent: async (id) => writeRecent(readRecent().filter((r) => r.id !== id)),
    onMenuCommand: () => () => undefined,
  };
}
