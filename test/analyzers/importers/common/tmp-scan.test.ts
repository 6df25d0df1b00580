import { test } from 'vitest';
import { scanLeadingTimestamp, parseLogTimestamp, nsToIso } from '../../../../analyzers/importers/common/time.js';
test('x', () => {
  const lines = ['2015-10-18 18:01:47,978 INFO [main] x', 'Jan 30 11:51:46 host app[12]: msg', 'I0130 11:51:46.123456 1234 file.go:12] msg',
  '081109 203615 148 INFO dfs', '- 1117838570 2005.06.03 R02', '[Sun Dec 04 04:47:44 2005] [notice] x', '17/06/09 20:10:40 INFO x', '@40000000433225833b6e1a8c tcpserver',
  '2025-08-13 01:45:01.123 PDT [12345] LOG:', '1:C 25 Apr 2024 05:32:35.018 * x', '03-17 16:13:38.811  1702', '2016-09-28 04:30:30, Info', '1428634687123 Hello', '2012-07-02 10:22:40,672:DEBUG:foo',
  '19:50:59.971 INFO  t.s', '20171223-22:15:29:606|Step', '2025-01-24T07:00:30,139 INFO', '2005-06-03-15.42.50.675872 R02', 'Sat May 04 07:16:00 CST 2013', '2022-08-27T14:22:01.613Z space01', '1320279554.496300\tCg9',
  '2015-10-18 18:01:47,978 INFO [main] x', '2023-01-30 11:51:46 +08:00 x', '2023-01-30T11:51:46+0800 x', 'Tue, 30 Jan 2023 11:51:46 +0000 x', '192.168.1.1 - - [20/Jul/2009:22:59:26 +0000] "GET'];
  for (const l of lines) { const f = scanLeadingTimestamp(l); console.log(l.slice(0,40).padEnd(40), f ? `${f.shape} ${f.ns !== undefined ? nsToIso(f.ns) : '-'} z=${!f.withoutZone} y=${!f.withoutYear} [${l.slice(f.start, f.end)}]` : 'NONE'); }
  console.log(parseLogTimestamp('Jun 14 15:16:01'), parseLogTimestamp('081109 203615'));
});
