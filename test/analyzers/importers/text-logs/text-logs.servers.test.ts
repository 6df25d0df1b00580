import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { nsToIso } from '../../../../analyzers/importers/common/time.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// Logs written by server software as it writes them by default (lines modelled on real output of
// Unbound 1.17, Dovecot 2.3, RabbitMQ 3.10, MariaDB 10.11, uWSGI 2.0 and Varnish 7.1). Each file is
// read whole and in 1-, 7- and 4096-byte chunks.

function read(text: string) {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

const iso = (ns: bigint | undefined): string | undefined => (ns === undefined ? undefined : nsToIso(ns));

describe('text-logs: a `name[pid]` / `name[pid:tid]` tag, then a level word (Unbound)', () => {
  it('log-time-ascii: the tag is the service, the word after it the level', () => {
    const recs = read([
      'Nov 27 18:40:17 unbound[10768:0] notice: init module 0: subnetcache',
      'Nov 27 18:40:17 unbound[10768:0] info: start of service (unbound 1.17.1).',
      'Nov 27 18:40:18 unbound[10768:0] error: could not open autotrust file for writing',
      'Nov 27 18:40:19 unbound[10768:0] debug: cache memory msg=66072 rrset=66072',
      'Nov 27 18:40:20 unbound[10768:0] warning: so-rcvbuf 1048576 was not granted',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['notice', 10], ['info', 9], ['error', 17], ['debug', 5], ['warning', 13]]);
    expect(recs.map((r) => r.resource.serviceName)).toEqual(['unbound', 'unbound', 'unbound', 'unbound', 'unbound']);
    expect(recs[0]!.resource.attributes['process.pid']).toBe(10768);
    expect(recs[0]!.resource.attributes['host.name']).toBeUndefined();
  });

  it('without the thread number, and after a host', () => {
    const recs = read(['Nov 27 18:40:17 unbound[10768] notice: init module 0: subnetcache', 'Nov 27 18:40:17 ns1 unbound[10768:1] info: 127.0.0.1 www.example.com. A IN'].join('\n') + '\n');
    expect(recs.map((r) => [r.resource.serviceName, r.resource.attributes['process.pid'], r.severityText])).toEqual([['unbound', 10768, 'notice'], ['unbound', 10768, 'info']]);
    expect(recs[1]!.resource.attributes['host.name']).toBe('ns1');
  });

  it('epoch times (`[1795804806] unbound[10129:0] notice: …`): time, service, pid and level', () => {
    const recs = read([
      '[1795804806] unbound[10129:0] notice: init module 0: subnetcache',
      '[1795804806] unbound[10129:0] info: start of service (unbound 1.17.1).',
      '[1795804807] unbound[10129:0] info: 127.0.0.1 www.probe.test. A IN',
    ].join('\n') + '\n');
    expect(recs.map((r) => [iso(r.timeNs), r.resource.serviceName, r.resource.attributes['process.pid'], r.severityText])).toEqual([
      ['2026-11-27T18:40:06.000000000Z', 'unbound', 10129, 'notice'],
      ['2026-11-27T18:40:06.000000000Z', 'unbound', 10129, 'info'],
      ['2026-11-27T18:40:07.000000000Z', 'unbound', 10129, 'info'],
    ]);
  });
});
