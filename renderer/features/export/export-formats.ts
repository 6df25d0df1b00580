// Every export format the report model renders to. JSON is always there; the other renderers
// (analyzers/report, issue 6) are found by their exported function names, so a build that lacks
// one shows its button disabled instead of failing.
import { serializeReport } from '../../../analyzers/report/json.js';
import type { Report } from '../../../analyzers/report/model.js';
import type { ExportFormat } from '../../platform/index.js';
import { workflowsForReport } from '../../../analyzers/workflows/report.js';
import type { WorkflowAssessment } from '../../../analyzers/workflows/model.js';

/** Renderers return text, or a JSON document as an object (SARIF). */
type Renderer = (report: Report) => string | object;

const MODULES = import.meta.glob(['../../../analyzers/report/**/*.ts', '../../../analyzers/report/**/*.tsx', '!**/model.ts', '!**/json.ts', '!**/view.ts', '!**/format.ts']);

const CANDIDATES: Record<'html' | 'markdown' | 'sarif' | 'junit', { file: RegExp; fn: RegExp }> = {
  html: { file: /html/i, fn: /^render(Report)?Html$/i },
  markdown: { file: /markdown|(^|\/)md\b/i, fn: /^render(Report)?Markdown$/i },
  sarif: { file: /sarif/i, fn: /^render(Report)?Sarif$/i },
  junit: { file: /junit/i, fn: /^render(Report)?Junit$/i },
};

export const EXPORTS: { format: ExportFormat; label: string; extension: string }[] = [
  { format: 'json', label: 'JSON', extension: 'json' },
  { format: 'html', label: 'HTML', extension: 'html' },
  { format: 'pdf', label: 'PDF', extension: 'pdf' },
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'sarif', label: 'SARIF', extension: 'sarif' },
  { format: 'junit', label: 'JUnit', extension: 'xml' },
];

const cache = new Map<string, Renderer | null>();

/** Which formats this build can render (module paths are known at build time). */
export function availableFormats(): Set<ExportFormat> {
  const out = new Set<ExportFormat>(['json']);
  const paths = Object.keys(MODULES);
  for (const [fmt, c] of Object.entries(CANDIDATES)) if (paths.some((p) => c.file.test(p))) out.add(fmt as ExportFormat);
  if (out.has('html')) out.add('pdf');
  return out;
}

async function findRenderer(format: keyof typeof CANDIDATES): Promise<Renderer | null> {
  if (cache.has(format)) return cache.get(format)!;
  const c = CANDIDATES[format];
  for (const [path, load] of Object.entries(MODULES)) {
    if (!c.file.test(path)) continue;
    const mod = (await load()) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === 'function' && c.fn.test(name)) {
        const fn = value as Renderer;
        cache.set(format, fn);
        return fn;
      }
    }
  }
  cache.set(format, null);
  return null;
}

/** The report as exported: the workflow assessment folded in with its computed levels. */
export function reportForExport(report: Report, workflows: WorkflowAssessment[]): Report {
  return workflows.length > 0 ? { ...report, workflows: workflowsForReport(workflows, report) } : report;
}

export async function renderExport(format: Exclude<ExportFormat, 'pdf' | 'workflows'>, report: Report): Promise<string> {
  if (format === 'json') return serializeReport(report);
  const fn = await findRenderer(format);
  if (!fn) throw new Error(`the ${format} renderer is not part of this build`);
  const out = fn(report);
  return typeof out === 'string' ? out : JSON.stringify(out, null, 2) + '\n';
}

export function exportFileName(report: Report, extension: string): string {
  const stamp = report.generatedAt.slice(0, 19).replace(/[:T]/g, '-');
  return `obsready-report-${stamp}.${extension}`;
}
