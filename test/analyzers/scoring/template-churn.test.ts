// N-LOG-TEMPLATE-CHURN measures when templates first appear against the middle of the records'
// own time range. A 12-second capture whose middle, from minute-wide bucket edges, fell after its
// last record read as "100 % new in the second half". Counts by hand: 16 templates, 12 first seen
// in 00:00:00–00:00:05, 4 in 00:00:07–00:00:11; the middle of 00:00:00–00:00:12 is 00:00:06.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa'];

describe('N-LOG-TEMPLATE-CHURN', () => {
  it('is measured against the records\' first and last time, not bucket edges', () => {
    const lines: string[] = [];
    const at = (s: number) => `2024-01-01T10:00:${String(s).padStart(2, '0')}Z`;
    // early: templates 0–11, each once at 0–5 s, then every template repeated to 12 s
    WORDS.slice(0, 12).forEach((w, i) => lines.push(`${at(Math.floor(i / 2))} INFO ${w} step started`));
    WORDS.slice(12).forEach((w, i) => lines.push(`${at(7 + i)} INFO ${w} step started`));
    for (let k = 0; k < 120; k++) lines.push(`${at(11)} INFO ${WORDS[k % 12]} step started`);
    lines.push(`${at(12)} INFO ${WORDS[0]} step started`);
    const report = analyseInputs([['app.log', lines.join('\n') + '\n']]) as unknown as { findings: { ruleId: string; value: number; passed: boolean; evidence: { examined: number } }[] };
    const churn = report.findings.find((f) => f.ruleId === 'N-LOG-TEMPLATE-CHURN')!;
    expect([churn.value, churn.passed, churn.evidence.examined]).toEqual([0.25, true, 16]);
  });
});
