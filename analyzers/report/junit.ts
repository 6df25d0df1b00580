// Report model → JUnit XML, for CI test dashboards: one <testsuite> per service, one
// <testcase> per rule evaluated on that service (a finding); failing rules carry a <failure>
// with the measured value, the evidence counts and the example records.
import type { Finding, Report } from './model.js';
import { compareText, findingFix, formatEvidenceCounts, formatValue, labelImpact } from './format.js';
import { exampleLocation, listFindings, ruleMap, ruleTitle } from './view.js';

/** XML 1.0 text: escapes markup and drops characters XML cannot carry at all. */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function failureBody(f: Finding): string {
  const lines = [f.message, `measured: ${formatValue(f.value)} (threshold ${formatValue(f.threshold)})`];
  if (f.evidence) {
    lines.push(`evidence: ${formatEvidenceCounts(f.evidence, f.inconclusive)}, confidence ${f.evidence.confidence}`);
    for (const x of f.evidence.examples ?? []) {
      const at = exampleLocation(x);
      const note = x.note ? ` (${x.note})` : '';
      lines.push(at ? `  ${at}${note}: ${x.excerpt}` : `  ${x.excerpt}${note}`);
    }
  }
  if (f.remediation) lines.push(`fix: ${findingFix(f)}`);
  return lines.join('\n');
}

export function renderReportJunit(report: Report): string {
  const rules = ruleMap(report);
  const byService = new Map<string, Finding[]>();
  for (const f of listFindings(report)) (byService.get(f.service) ?? byService.set(f.service, []).get(f.service)!).push(f);
  const services = [...byService.keys()].sort(compareText);
  const all = listFindings(report);
  const failures = all.filter((f) => !f.passed).length;
  const stamp = report.generatedAt ? ` timestamp="${escapeXml(report.generatedAt.slice(0, 19))}"` : '';
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="obsready" tests="${all.length}" failures="${failures}" errors="0" skipped="0" time="0">`);
  for (const svc of services) {
    const list = byService.get(svc)!.sort((a, b) => compareText(a.ruleId, b.ruleId));
    const fails = list.filter((f) => !f.passed).length;
    out.push(`  <testsuite name="${escapeXml(svc)}" tests="${list.length}" failures="${fails}" errors="0" skipped="0" time="0"${stamp}>`);
    for (const f of list) {
      const name = `${f.ruleId} ${ruleTitle(rules, f.ruleId) !== f.ruleId ? ruleTitle(rules, f.ruleId) : ''}`.trim();
      const open = `    <testcase classname="obsready.${escapeXml(f.dimension)}.${escapeXml(svc)}" name="${escapeXml(name)}" time="0"`;
      if (f.passed) {
        out.push(`${open}/>`);
      } else {
        out.push(`${open}>`);
        out.push(`      <failure message="${escapeXml(f.message)}" type="${escapeXml(labelImpact(f.impact).toLowerCase())}">${escapeXml(failureBody(f))}</failure>`);
        out.push('    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
