// Windows Event Viewer's "Save All Events As… CSV": the header names five columns, every row has
// six fields, the sixth (no name) is the message, quoted and multi-line where it needs to be.
// It was "no message column" (every row rejected); now the unnamed last column is the message,
// and generally a CSV log whose rows all have exactly one field more than its header, that field
// text, is read that way. Rows that disagree are not guessed at.
import { describe, expect, it } from 'vitest';
import { csvLogs, layoutWithUnnamedMessage } from '../../../../analyzers/importers/csv-logs/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import type { Report } from '../../../../analyzers/report/model.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const row = (cells: string[]): string => cells.map(q).join(',');

// As Event Viewer writes it: UTF-8 with a BOM, CRLF, US-locale dates, CRLF inside messages.
const EVENTS = [
  ['Information', '11/25/2026 3:04:05 PM', 'Microsoft-Windows-Security-SPP', '16384', 'None', 'Successfully scheduled Software Protection service for re-start at 2026-11-26T20:04:05Z. Reason: RulesEngine.'],
  ['Error', '11/25/2026 3:03:58 PM', 'Application Error', '1000', '(100)', 'Faulting application name: svchost.exe_wuauserv, version: 10.0.19041.1, time stamp: 0x6b2a0ebc\r\nFaulting module name: ntdll.dll, version: 10.0.19041.2130\r\nException code: 0xc0000005\r\nFault offset: 0x000000000004b5a4\r\nFaulting process id: 0x1f4c'],
  ['Warning', '11/25/2026 3:01:12 PM', 'Microsoft-Windows-DNS-Client', '1014', '(1014)', 'Name resolution for the name wpad timed out after none of the configured DNS servers responded.'],
  ['Critical', '11/25/2026 2:59:00 PM', 'Microsoft-Windows-Kernel-Power', '41', '(63)', 'The system has rebooted without cleanly shutting down first. This error could be caused if the system stopped responding, crashed, or lost power unexpectedly.'],
  ['Verbose', '11/25/2026 2:58:47 AM', 'Microsoft-Windows-Kernel-General', '16', 'None', 'The access history in hive \\??\\C:\\Users\\Admin\\ntuser.dat was cleared updating 2044 keys and creating 35 modified pages.'],
  ['Information', '11/25/2026 12:00:40 AM', 'Service Control Manager', '7036', 'None', 'The Windows Update service entered the running state.'],
];
const TEXT = '\uFEFFLevel,Date and Time,Source,Event ID,Task Category\r\n' + EVENTS.map((e) => row(e) + '\r\n').join('');
const BYTES = new TextEncoder().encode(TEXT);

describe('csv-logs: a Windows Event Viewer CSV export', () => {
  it('is sniffed as CSV logs (was: no importer recognised it)', () => {
    expect(sniffFormat(makeSniffInput(BYTES, true)).spec?.id).toBe('csv-logs');
    // also when the sniff window ends inside the multi-line message of row 2 (row 1 decides)
    const cut = new TextEncoder().encode(TEXT.slice(0, TEXT.indexOf('Exception code'))).length;
    expect(sniffFormat(makeSniffInput(BYTES.subarray(0, cut), false)).spec?.id).toBe('csv-logs');
  });

  it('one record per event: severity from Level, zone-less time from Date and Time, service from Source, message from the sixth field', () => {
    const r = decodeBytes(csvLogs, BYTES);
    expect(r.errors).toEqual([]);
    expect(r.progress).toMatchObject({ records: 6, rejected: 0, lines: 11 });
    const recs = logs(r);
    // the Error's message spans lines 3-7
    expect(recs.map((x) => x.source.line)).toEqual([2, 3, 8, 9, 10, 11]);
    expect(recs.map((x) => x.severityText)).toEqual(['Information', 'Error', 'Warning', 'Critical', 'Verbose', 'Information']);
    expect(recs.map((x) => x.severityNumber)).toEqual([9, 17, 13, 21, 1, 9]);
    expect(recs.map((x) => x.resource.serviceName)).toEqual(EVENTS.map((e) => e[2]));
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2026, 10, 25, 15, 4, 5)) * 1_000_000n);
    expect(recs[4]!.timeNs).toBe(BigInt(Date.UTC(2026, 10, 25, 2, 58, 47)) * 1_000_000n);
    expect(recs[5]!.timeNs).toBe(BigInt(Date.UTC(2026, 10, 25, 0, 0, 40)) * 1_000_000n);
    expect(recs.every((x) => x.timeWithoutZone === true)).toBe(true);
    expect(recs[1]!.attributes).toMatchObject({ 'Event ID': '1000', 'Task Category': '(100)' });
    expect(recs[1]!.body).toBe(EVENTS[1]![5]!.replace(/\r\n/g, '\n'));
    expect(recs[0]!.body).toBe(EVENTS[0]![5]);
  });

  it('whole = 1-, 7-, 4096-byte chunks', () => {
    expectChunkingInvariant(csvLogs, BYTES);
  });

  it('read the same when saved as UTF-16 with a byte-order mark, through the whole analysis', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(TEXT.slice(1), 'utf16le'))]);
    const analysis = new Analysis({ toolVersion: '0.0.0-test' });
    const s = analysis.openInput('System.csv', { totalBytes: utf16.length });
    s.push(utf16);
    s.end();
    const input = (analysis.finish() as Report).inputs[0]!;
    expect([input.format, input.records, input.rejected, input.errors]).toEqual(['csv-logs', 6, 0, []]);
  });

  it('a later row without the message field is reported at its line, the rest read', () => {
    const more = Array.from({ length: 24 }, (_, i) => row(['Information', `11/25/2026 1:${String(i).padStart(2, '0')}:00 AM`, 'Service Control Manager', '7036', 'None', `The service number ${i} entered the running state.`]));
    more[21] = 'Information,11/25/2026 1:21:00 AM,Service Control Manager,7036,None'; // line 23: 5 fields
    const r = decodeText(csvLogs, 'Level,Date and Time,Source,Event ID,Task Category\r\n' + more.join('\r\n') + '\r\n');
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-record', 23, 'row has 5 fields, expected 6 (5 named in the header, then the message)']]);
    expect(r.progress).toMatchObject({ records: 23, rejected: 1 });
  });
});

describe('csv-logs: the message as an unnamed last column, in general', () => {
  it('rows with one field more than the header, that field text: the message', () => {
    const r = decodeText(csvLogs, 'time,host,level\n2026-11-25T10:00:00Z,web-1,INFO,request served in 12 ms\n2026-11-25T10:00:01Z,web-2,ERROR,"upstream failed, retrying"\n');
    expect(r.errors).toEqual([]);
    expect(r.progress).toMatchObject({ records: 2, rejected: 0 });
    expect(logs(r).map((x) => [x.body, x.severityNumber])).toEqual([
      ['request served in 12 ms', 9],
      ['upstream failed, retrying', 17],
    ]);
    expect(logs(r).map((x) => x.resource.attributes['host.name'])).toEqual(['web-1', 'web-2']);
  });

  it('rows that disagree (one with the extra field, one without): not guessed, no message column as before', () => {
    const text = 'time,host,level\n2026-11-25T10:00:00Z,web-1,INFO,request served in 12 ms\n2026-11-25T10:00:01Z,web-2,ERROR\n';
    const r = decodeText(csvLogs, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['missing-field', 1]]);
    expect(r.progress).toMatchObject({ records: 0, rejected: 2 });
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).not.toBe('csv-logs');
  });

  it('an extra field that is a number is not a message', () => {
    expect(layoutWithUnnamedMessage(['time', 'host', 'level'], [['2026-11-25T10:00:00Z', 'web-1', 'INFO', '42']])).toBeUndefined();
    expect(layoutWithUnnamedMessage(['time', 'host', 'level'], [['2026-11-25T10:00:00Z', 'web-1', 'INFO', 'took 42 ms']])).toMatchObject({ messageIndex: 3, width: 4 });
  });

  it('a header that names a message column is read as before (an extra field is a bad row, not the message)', () => {
    const r = decodeText(csvLogs, 'time,message\n2026-11-25T10:00:00Z,hello,extra words here\n');
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', 2]]);
    expect(logs(r).map((x) => x.body)).toEqual(['hello']);
  });
});

describe('csv-logs: Event Viewer columns with a Description header', () => {
  it('the Description column is the message; an Event ID column alone is no metric', () => {
    const text = 'Level,Date and Time,Source,Event ID,Task Category,Description\r\n' + row(['Warning', '1/15/2024 8:23:11 AM', 'Microsoft-Windows-WinRM', '91', 'None', 'Creating a HTTP listener on any IP failed']) + '\r\n' + row(['Error', '1/15/2024 8:23:12 AM', 'Disk', '7', 'None', 'The device has a bad block.']) + '\r\n';
    const bytes = new TextEncoder().encode(text);
    expect(sniffFormat(makeSniffInput(bytes, true)).spec?.id).toBe('csv-logs');
    const recs = logs(decodeText(csvLogs, text));
    expect(recs.map((r) => [r.body, r.severityText, r.resource.serviceName])).toEqual([
      ['Creating a HTTP listener on any IP failed', 'Warning', 'Microsoft-Windows-WinRM'],
      ['The device has a bad block.', 'Error', 'Disk'],
    ]);
    // without any message: still its events (not a metric 'Event ID'), their message made of their cells
    const bare = 'Level,Date and Time,Source,Event ID,Task Category\r\nInformation,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File System\r\n';
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(bare), true)).spec?.id).toBe('csv-logs');
    expect(logs(decodeText(csvLogs, bare)).map((r) => [r.body, r.severityText, r.resource.serviceName])).toEqual([['Event ID=4658 Task Category=File System', 'Information', 'Microsoft-Windows-Security-Auditing']]);
  });
});

// PowerShell `Get-WinEvent | Select-Object TimeCreated, ProviderName, Message | Export-Csv`: the shape
// of tstack/lnav's test/logfile_win_events_csv.0 (commit 94d8438c, from a real docker-on-Windows
// host), two of its rows; the id column is not selected. And the same selection with `Level`, whose
// numbers are Windows' (4 Information, 2 Error), not syslog's (4 warning).
const SELECTED = [
  '#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord',
  '"TimeCreated","ProviderName","Message"',
  '"10/22/2018 4:13:27 AM","docker","WINOVERLAY: peerAdd: notifying HNS of the REMOTE endpoint"',
  '"10/22/2018 4:14:13 AM","docker","fatal task error module=node/agent/taskmanager error=starting container failed"',
  '',
].join('\n');
const WITH_LEVEL = ['"TimeCreated","Level","ProviderName","Message"', '"10/22/2018 4:13:27 AM","4","docker","peerAdd"', '"10/22/2018 4:13:28 AM","2","docker","HNS failed"', ''].join('\n');

describe('csv-logs: Get-WinEvent records exported without their id', () => {
  it('the provider is the service (was none), as with the id', () => {
    const r = decodeText(csvLogs, SELECTED);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => x.resource.attributes['service.name'])).toEqual(['docker', 'docker']);
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(SELECTED));
  });

  it('a numeric Level is a Windows level: 4 INFO, 2 ERROR (was syslog\'s: 4 warning, 2 critical)', () => {
    const r = decodeText(csvLogs, WITH_LEVEL);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.severityNumber, x.resource.attributes['service.name']])).toEqual([[9, 'docker'], [17, 'docker']]);
  });
});
