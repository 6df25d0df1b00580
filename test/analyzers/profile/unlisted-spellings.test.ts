// A service keeps at most 32 of the other names its records carry (pod names filed under it):
// further ones were counted in its records but dropped from its names silently. (The 32 listed
// are the first 32 in sorted order: service-cap.test.ts.) They are now
// counted apart — how many names, how many records — in `services[].spellingsNotListed`, and the
// per-service rows (Markdown, HTML, the app) say "N more not listed (R records)".
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { serviceLabel, serviceLabelParts, spellingsText } from '../../../analyzers/report/view.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
// pod names of the Deployment `checkout`: its pod-template hash, then a 5-letter suffix
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (i: number) => Array.from({ length: 5 }, (_, k) => ALPHABET[Math.floor(i / ALPHABET.length ** k) % ALPHABET.length]).join('');
const pod = (i: number) => `checkout-7d4b9c6f8d-${suffix(i)}`;

function logsOf(pods: number, perPod: (i: number) => number): string {
  const resourceLogs = Array.from({ length: pods }, (_, i) => ({
    resource: { attributes: [attr('service.name', pod(i))] },
    scopeLogs: [{ logRecords: Array.from({ length: perPod(i) }, (_, k) => ({ timeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i * 100 + k)), severityNumber: 9, body: { stringValue: `order ${k}` } })) }],
  }));
  return JSON.stringify({ resourceLogs });
}

describe('pod names past the 32 a service lists', () => {
  it('are counted, not dropped: 40 pods, the first 32 listed, 8 not listed with their 16 records', () => {
    const r = analyseInputs([['logs.json', logsOf(40, () => 2)]]);
    const svc = r.services!.find((s) => s.name === 'checkout')!;
    expect(svc.records.logs).toBe(80);
    expect(svc.spellings).toHaveLength(32);
    expect(svc.spellingsNotListed).toEqual({ names: 8, records: 16 });
    const parts = serviceLabelParts(svc);
    // (three shown: equal records, by name)
    expect(spellingsText(parts)).toBe(`${[...svc.spellings!].slice(0, 3).map((x) => `${x.name}: 2 records`).join(', ')}, +29 more, 8 more not listed (16 records)`);
    expect(spellingsText({ ...parts, notListed: { names: 10_000, records: 25_000, atLeast: true } })).toMatch(/, \+29 more, at least 10,000 more not listed \(25,000 records\)$/);
    expect(serviceLabel(svc)).toContain('8 more not listed (16 records)');
    expect(renderReportHtml(r)).toContain('8 more not listed (16 records)');
  });

  it('32 pods or fewer: nothing more to say', () => {
    const r = analyseInputs([['logs.json', logsOf(32, () => 1)]]);
    const svc = r.services!.find((s) => s.name === 'checkout')!;
    expect([svc.spellings!.length, svc.spellingsNotListed]).toEqual([32, undefined]);
    expect(spellingsText(serviceLabelParts(svc))).not.toContain('not listed');
  });

  it('read in pieces (chunked) the counts are the same', () => {
    const text = logsOf(40, (i) => 1 + (i % 3));
    const whole = analyseInputs([['logs.json', text]]).services!.find((s) => s.name === 'checkout')!;
    const chunked = analyseInputs([['logs.json', text]], 4096).services!.find((s) => s.name === 'checkout')!;
    expect(chunked.spellingsNotListed).toEqual(whole.spellingsNotListed);
    // the 8 not listed are the 8 last names in sorted order (the first 32 are listed), with their records
    const last8 = Array.from({ length: 40 }, (_, i) => i).sort((x, y) => (pod(x) < pod(y) ? -1 : 1)).slice(32);
    expect(whole.spellingsNotListed).toEqual({ names: 8, records: last8.reduce((a, i) => a + 1 + (i % 3), 0) });
  });
});
