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

/** Print a document in a hidden same-origin iframe; the HTML report is self-contained. */
function printHtml(html: string): Promise<SaveOutcome> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.title = 'print';
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.srcdoc = html;
    frame.onload = () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
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
