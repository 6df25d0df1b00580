// Report model → SARIF 2.1.0, for code-scanning dashboards. One reportingDescriptor per rule
// of the catalogue, one result per failing finding (a rule on a service), located at the
// example records that show the failure (file + line) when the evidence has them.
import type { Finding, Impact, InputReport, Report, RuleDescriptor } from './model.js';
import { findingFix, formatEvidenceCounts, formatInt, formatValue, labelDimension } from './format.js';
import { failingFindings, listRules } from './view.js';

export type SarifLevel = 'error' | 'warning' | 'note';

/** Critical rules cap the verdict, so they are errors; low-impact ones are notes. */
export const SARIF_LEVEL: Record<Impact, SarifLevel> = {
  critical: 'error',
  important: 'warning',
  normal: 'note',
  low: 'note',
};

/** A file path as a SARIF uri-reference: POSIX separators, each segment percent-encoded. */
export function toArtifactUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):\//.exec(p);
  const abs = p.startsWith('/') || !!drive;
  const body = (drive ? p.slice(2) : p)
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  if (!abs) return body;
  return drive ? `file:///${drive[1]}:${body}` : `file://${body}`;
}

/** PascalCase name from a rule title ("Logs are structured" → "LogsAreStructured"). */
function ruleName(r: RuleDescriptor): string {
  const words = (r.title && r.title !== r.id ? r.title : r.id).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return name || r.id;
}

function descriptor(r: RuleDescriptor): Record<string, unknown> {
  const full = [r.passes && `Passes when ${r.passes}.`, r.rationale].filter(Boolean).join(' ');
  return {
    id: r.id,
    name: ruleName(r),
    shortDescription: { text: r.title || r.id },
    fullDescription: { text: full || r.title || r.id },
    help: { text: r.remediation || 'See the ObsReady rule catalogue.' },
    defaultConfiguration: { level: SARIF_LEVEL[r.impact] ?? 'warning' },
    properties: {
      dimension: r.dimension,
      signal: r.signal,
      impact: r.impact,
      threshold: r.threshold,
      tags: ['observability', r.dimension, r.signal, r.impact],
    },
  };
}

function resultMessage(f: Finding): string {
  const ev = f.evidence;
  const parts = [
    f.message || `${f.ruleId} fails for ${f.service}.`,
    `Service: ${f.service === '*' ? 'all services' : f.service}. Measured ${formatValue(f.value)} against threshold ${formatValue(f.threshold)}.`,
  ];
  if (ev) parts.push(`Evidence: ${formatEvidenceCounts(ev, f.inconclusive)} (confidence ${ev.confidence}).`);
  if (f.remediation) parts.push(`Fix: ${findingFix(f)}`);
  return parts.join(' ');
}

export interface SarifOptions {
  /**
   * The folder code scanning sees as the source root (the CLI's working folder): files under it are
   * named relative to it with `uriBaseId: "%SRCROOT%"`, as GitHub code scanning needs them.
   */
  baseDir?: string;
}

/** A file's SARIF artifactLocation: relative to the base folder when under it. */
function artifactLocation(path: string, baseDir: string | undefined): Record<string, unknown> {
  const p = path.replace(/\\/g, '/');
  if (baseDir !== undefined) {
    const base = baseDir.replace(/\\/g, '/').replace(/\/*$/, '/');
    if (p.startsWith(base) && p.length > base.length) return { uri: toArtifactUri(p.slice(base.length)), uriBaseId: '%SRCROOT%' };
    if (!/^([A-Za-z]:)?\//.test(p)) return { uri: toArtifactUri(p), uriBaseId: '%SRCROOT%' };
  }
  return { uri: toArtifactUri(p) };
}

/**
 * The first three inputs of a signal (mixed ones count), then the first others when it has fewer:
 * in one pass (a filter with indexOf over 100,000 inputs was quadratic, for every such finding).
 */
function firstInputsOf(inputs: readonly InputReport[], signal: string): InputReport[] {
  const picked: InputReport[] = [];
  for (const i of inputs) {
    if (picked.length === 3) return picked;
    if (i.signal === signal || i.signal === 'mixed') picked.push(i);
  }
  for (const i of inputs) {
    if (picked.length === 3) break;
    if (!picked.includes(i)) picked.push(i);
  }
  return picked;
}

export function renderReportSarif(report: Report, options: SarifOptions = {}): Record<string, unknown> {
  const rules = listRules(report);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const inputs = report.inputs ?? [];
  const results = failingFindings(report).map((f) => {
    const located = (f.evidence?.examples ?? [])
      .filter((x) => typeof x.file === 'string' && x.file.length > 0)
      .map((x) => {
        const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(x.file, options.baseDir) };
        if (typeof x.line === 'number' && Number.isInteger(x.line) && x.line >= 1) {
          physicalLocation.region = { startLine: x.line, ...(x.excerpt ? { snippet: { text: x.excerpt } } : {}) };
        } else if (typeof x.offset === 'number' && Number.isInteger(x.offset) && x.offset >= 0) {
          physicalLocation.region = { byteOffset: x.offset, ...(x.excerpt ? { snippet: { text: x.excerpt } } : {}) };
        }
        return { physicalLocation, ...(x.note ? { message: { text: x.note } } : {}) };
      });
    // A finding without example records (a measure over a whole signal) is located at the inputs
    // of its signal (the first three): code scanning requires at least one location a result.
    const locations = located.length > 0 ? located : firstInputsOf(inputs, f.signal).map((i) => ({ physicalLocation: { artifactLocation: artifactLocation(i.path, options.baseDir) }, message: { text: `no single record shows this: it is measured over the ${f.signal} of ${f.service === '*' ? 'all services' : f.service}` } }));
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: SARIF_LEVEL[f.impact] ?? 'warning',
      kind: 'fail',
      message: { text: resultMessage(f) },
      partialFingerprints: { 'obsreadyFinding/v1': `${f.ruleId}:${f.service}` },
      properties: {
        service: f.service,
        dimension: labelDimension(f.dimension),
        signal: f.signal,
        impact: f.impact,
        value: f.value,
        threshold: f.threshold,
        examined: f.evidence?.examined ?? null,
        failing: f.evidence?.failing ?? null,
        confidence: f.evidence?.confidence ?? null,
      },
    };
    if (locations.length) result.locations = locations;
    return result;
  });
  const artifacts = inputs.map((i) => ({
    location: artifactLocation(i.path, options.baseDir),
    length: Number.isInteger(i.bytes) && i.bytes >= 0 ? i.bytes : -1,
    roles: ['analysisTarget'],
    ...(i.sha256 ? { hashes: { 'sha-256': i.sha256 } } : {}),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ObsReady',
            semanticVersion: report.tool?.version,
            version: report.tool?.version,
            rules: rules.map(descriptor),
          },
        },
        ...(options.baseDir !== undefined ? { originalUriBaseIds: { '%SRCROOT%': { uri: toArtifactUri(options.baseDir.replace(/\\/g, '/').replace(/\/*$/, '/')) } } } : {}),
        artifacts,
        results,
        properties: {
          score: report.score ?? null,
          verdict: report.verdict ?? null,
          reportSchemaVersion: report.schemaVersion,
        },
      },
    ],
  };
}
