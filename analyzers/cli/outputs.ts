// Report outputs the CLI can write (`--json FILE`, `--html`, `--pdf`, `--md`, `--sarif`,
// `--junit`) and the exit-code gates (`--fail-under`, `--fail-on`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Report } from '../report/model.js';
import { serializeJson, serializeReport } from '../report/json.js';
import { renderReportHtml, type Paper } from '../report/html/render-html.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { renderReportSarif } from '../report/sarif.js';
import { renderReportJunit } from '../report/junit.js';
import { evaluateGates, type FailOn, type GateOptions } from '../report/gates.js';
import { formatDateTime, formatScore, labelVerdict } from '../report/format.js';
import { printHtmlToPdf } from '../node/pdf.js';

export const OUTPUT_OPTIONS = {
  json: { type: 'string' },
  html: { type: 'string' },
  pdf: { type: 'string' },
  md: { type: 'string' },
  sarif: { type: 'string' },
  junit: { type: 'string' },
  paper: { type: 'string' },
  chromium: { type: 'string' },
  'fail-under': { type: 'string' },
  'fail-on': { type: 'string' },
} satisfies NonNullable<ParseArgsConfig['options']>;

export type OutputValues = { [K in keyof typeof OUTPUT_OPTIONS]?: string };

export const OUTPUT_HELP = `  --json FILE          write the JSON report (schema: docs/report-schema.md)
  --html FILE          write the report as one self-contained HTML file
  --pdf FILE           print the HTML report to PDF with a system Chromium
  --paper a4|letter    page size of the PDF (default a4)
  --chromium PATH      the Chromium/Chrome binary for --pdf (default: found on the PATH)
  --md FILE            write the report as Markdown
  --sarif FILE         write failing rules as SARIF 2.1.0 (code-scanning dashboards)
  --junit FILE         write one JUnit testcase per rule per service
  --fail-under N       exit 1 when the overall score is below N (0–100)
  --fail-on LEVEL      exit 1 when a rule of that impact fails: critical, or important
                       (important includes critical)
`;

/** A bad option value: the CLI prints the message and exits 2. */
export class OutputUsageError extends Error {}

export interface ParsedOutputOptions {
  paper: Paper;
  gates: GateOptions;
}

/** Checks the option values; throws OutputUsageError with a message naming the option. */
export function validateOutputValues(values: OutputValues): ParsedOutputOptions {
  const paper = (values.paper ?? 'a4').toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') throw new OutputUsageError(`--paper must be a4 or letter, not "${values.paper}"`);
  const gates: GateOptions = {};
  if (values['fail-under'] !== undefined) {
    const raw = values['fail-under'].trim();
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new OutputUsageError(`--fail-under must be a number from 0 to 100, not "${values['fail-under']}"`);
    gates.failUnder = n;
  }
  if (values['fail-on'] !== undefined) {
    const v = values['fail-on'].toLowerCase();
    if (v !== 'critical' && v !== 'important') throw new OutputUsageError(`--fail-on must be critical or important, not "${values['fail-on']}"`);
    gates.failOn = v as FailOn;
  }
  for (const k of ['json', 'html', 'pdf', 'md', 'sarif', 'junit', 'chromium'] as const) {
    if (values[k] !== undefined && values[k]!.trim() === '') throw new OutputUsageError(`--${k} needs a file path`);
  }
  return { paper, gates };
}

function writeFileCreatingDir(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes every requested output; returns the messages to print. Throws on write failure. */
export async function writeOutputs(report: Report, values: OutputValues): Promise<string[]> {
  const { paper } = validateOutputValues(values);
  const written: string[] = [];
  if (values.json) {
    writeFileCreatingDir(values.json, serializeReport(report));
    written.push(`JSON report: ${values.json}`);
  }
  let html: string | undefined;
  if (values.html) {
    html = renderReportHtml(report);
    writeFileCreatingDir(values.html, html);
    written.push(`HTML report: ${values.html}`);
  }
  if (values.md) {
    writeFileCreatingDir(values.md, renderReportMarkdown(report));
    written.push(`Markdown report: ${values.md}`);
  }
  if (values.sarif) {
    writeFileCreatingDir(values.sarif, serializeJson(renderReportSarif(report)));
    written.push(`SARIF: ${values.sarif}`);
  }
  if (values.junit) {
    writeFileCreatingDir(values.junit, renderReportJunit(report));
    written.push(`JUnit XML: ${values.junit}`);
  }
  // Last: it is the slow one, and the only one that needs something outside ObsReady.
  if (values.pdf) {
    mkdirSync(dirname(values.pdf), { recursive: true });
    const score = typeof report.score === 'number' ? ` · score ${formatScore(report.score)}` : '';
    const res = await printHtmlToPdf(renderReportHtml(report, { paper }), values.pdf, {
      paper,
      chromiumPath: values.chromium,
      headerText: `${labelVerdict(report.verdict)}${score}`,
      footerText: `Generated ${formatDateTime(report.generatedAt)} · ${report.tool?.name ?? 'obsready'} ${report.tool?.version ?? ''}`,
    });
    written.push(`PDF report: ${values.pdf} (${paper === 'letter' ? 'Letter' : 'A4'}, printed by ${res.chromium})`);
  }
  return written;
}

/** Exit code from the gates (0 when no gate failed, 1 when one did). */
export function gateExitCode(report: Report, values: OutputValues): { code: number; reasons: string[] } {
  const { gates } = validateOutputValues(values);
  const r = evaluateGates(report, gates);
  return { code: r.failed ? 1 : 0, reasons: r.reasons };
}
