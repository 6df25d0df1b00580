// At most 500 services are scored one by one; the records of the others pool into "(other
// services)". Which 500 used to be the first 500 to arrive — each worker thread's own first 500,
// so the same file gave different per-service scores on 1 and 2 threads (446 of 500 services
// differed on a 37 MB JSON Lines log of 5,000 services). They are now the 500 with the lowest hash
// of the name, whatever the order the records come in (a hash, not sorted order: names arriving
// in reverse sorted order would each displace a kept service). The 32 pod names a service lists
// are the first 32 in sorted order (displacing one costs nothing there).
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { pooledServicesText } from '../../../analyzers/report/view.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { hash32 as hashString } from '../../../analyzers/profile/hash.js';

const name = (i: number) => `svc-${String(i).padStart(4, '0')}`;
const T0 = Date.parse('2026-11-01T00:00:00Z');
/** One JSON Lines log record per service, in the order given. */
const logOf = (ids: number[]) => ids.map((i, k) => JSON.stringify({ time: new Date(T0 + k * 1000).toISOString(), level: 'info', service: name(i), message: `request ${k} handled` })).join('\n') + '\n';
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

describe('services scored one by one: the 500 with the lowest name hash', () => {
  // a.log: services 100–699 in descending order; b.log: services 0–599 ascending: 0–99 and 600–699
  // have 1 record, 100–599 have 2 (one in each file). Kept: the 500 of the 700 names lowest by
  // (hash, name); pooled: the records of the other 200.
  const a = logOf(range(100, 700).reverse());
  const b = logOf(range(0, 600));
  const recordsOf = (i: number) => (i < 100 || i >= 600 ? 1 : 2);
  const byHash = range(0, 700).sort((x, y) => hashString(name(x)) - hashString(name(y)) || (name(x) < name(y) ? -1 : 1));
  const kept = byHash.slice(0, 500);
  const pooled = byHash.slice(500);

  it('the same services and the same pooled records whatever the order of the files', () => {
    const ab = analyseInputs([['a.log', a], ['b.log', b]]);
    const ba = analyseInputs([['b.log', b], ['a.log', a]]);
    for (const r of [ab, ba]) {
      const names = r.services!.map((s) => s.name).sort();
      expect(names).toEqual(['(other services)', ...kept.map(name).sort()]);
      const rec = Object.fromEntries(r.services!.map((s) => [s.name, s.records.logs]));
      for (const i of kept) expect(rec[name(i)]).toBe(recordsOf(i));
      expect(rec['(other services)']).toBe(pooled.reduce((t, i) => t + recordsOf(i), 0));
    }
    // (the pooled services are a mix of both files' ranges, so the order mattered before)
    expect(pooled.some((i) => i < 100) && pooled.some((i) => i >= 600)).toBe(true);
    const strip = (r: typeof ab) => JSON.stringify(r.services);
    expect(strip(ab)).toBe(strip(ba));
  });

  it('the reports say which services are scored one by one and how many are pooled', () => {
    const r = analyseInputs([['a.log', a], ['b.log', b]]);
    expect(r.signals.logs.serviceCount).toBe(700);
    const text = '500 services are scored one by one (picked by a hash of the name, the same whatever the order the data is read in); the records of at least 200 other services are scored together as "(other services)".';
    expect(pooledServicesText(r)).toBe(text);
    expect(renderReportMarkdown(r)).toContain(text);
    expect(renderReportHtml(r)).toContain(text.replace(/"/g, '&quot;'));
  });

  it('500 services or fewer: nothing pooled, nothing said', () => {
    const r = analyseInputs([['b.log', logOf(range(0, 500))]]);
    expect(r.services!.some((s) => s.name === '(other services)')).toBe(false);
    expect(pooledServicesText(r)).toBeUndefined();
  });
});

describe('pod names a service lists: the first 32 in sorted order', () => {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  // pod names of the Deployment `checkout`: its pod-template hash, then a 5-letter suffix (letters Kubernetes uses)
  const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
  const pod = (i: number) => `checkout-7d4b9c6f8d-${Array.from({ length: 5 }, (_, k) => ALPHABET[Math.floor(i / ALPHABET.length ** k) % ALPHABET.length]).join('')}`;
  const logsOf = (order: number[]) =>
    JSON.stringify({
      resourceLogs: order.map((i) => ({
        resource: { attributes: [attr('service.name', pod(i))] },
        scopeLogs: [{ logRecords: [{ timeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i)), severityNumber: 9, body: { stringValue: `order ${i}` } }] }],
      })),
    });

  it('40 pods read backwards list the same 32 names as read forwards (the 32 smallest), 8 not listed', () => {
    const ids = range(0, 40);
    const fwd = analyseInputs([['logs.json', logsOf(ids)]]).services!.find((s) => s.name === 'checkout')!;
    const back = analyseInputs([['logs.json', logsOf([...ids].reverse())]]).services!.find((s) => s.name === 'checkout')!;
    const expected = ids.map(pod).sort().slice(0, 32);
    for (const svc of [fwd, back]) {
      expect(svc.spellings!.map((x) => x.name).sort()).toEqual(expected);
      expect(svc.spellingsNotListed).toEqual({ names: 8, records: 8 });
    }
  });
});
