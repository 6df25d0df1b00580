// Findings browser filtering, as a pure function.
import type { Finding } from '../../../analyzers/report/model.js';
import type { FindingsFilter } from '../../state/types.js';

export function findingKey(f: Pick<Finding, 'ruleId' | 'service'>): string {
  return `${f.ruleId}@${f.service}`;
}

function matchesStatus(f: Finding, status: FindingsFilter['status']): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'passed':
      return f.passed;
    case 'not-passing':
      return !f.passed;
    case 'failed':
      return !f.passed && !f.inconclusive;
    case 'inconclusive':
      return !f.passed && f.inconclusive === true;
  }
}

export function filterFindings(findings: Finding[], filter: FindingsFilter): Finding[] {
  const text = filter.text.trim().toLowerCase();
  return findings.filter(
    (f) =>
      (filter.dimension === 'all' || f.dimension === filter.dimension) &&
      (filter.impact === 'all' || f.impact === filter.impact) &&
      (filter.service === 'all' || f.service === filter.service) &&
      (filter.signal === 'all' || f.signal === filter.signal) &&
      matchesStatus(f, filter.status) &&
      (text === '' || f.ruleId.toLowerCase().includes(text) || f.message.toLowerCase().includes(text) || f.service.toLowerCase().includes(text)),
  );
}
