// Text logs whose entries span several lines in a layout of their own, one record an entry:
//
// - the MySQL (MariaDB, Percona Server) slow query log (MySQL reference manual, "The Slow Query
//   Log"): `# Time:`, `# User@Host:`, `# Query_time: … Lock_time: … Rows_sent: … Rows_examined: …`
//   and other `# Key: value` lines, `use db;`, `SET timestamp=<epoch>;`, then the statement, over
//   as many lines as it has. MySQL 5.6 and MariaDB leave `# Time:` out for the queries of the
//   second before, so `# User@Host:` begins an entry too. The lines mysqld writes when it opens
//   the file (`/usr/sbin/mysqld, Version: … started with:`, `Tcp port: …`, `Time Id Command
//   Argument`) are no entries.
// - `journalctl -o verbose` (systemd's output_verbose): a line with the entry's time and cursor,
//   then its fields, `    KEY=value` (a value's further lines indented under it). The fields are
//   read as the same entry's `journalctl -o json` object is.
// - `wevtutil qe <log> /f:text`: `Event[N]:`, then `  Log Name:`, `  Source:`, `  Date:`,
//   `  Event ID:`, `  Level:`, … `  Computer:`, and `  Description:` with the message on the lines
//   after it, up to the next `Event[N]:`; a translated wevtutil's export by the same layout (below).
import type { Attributes } from '../../model/index.js';
import { exactEpochToNs, parseLogTimestamp, type LogTimeOptions } from '../common/time.js';
import { mapStructured, setAttribute, type MappedLog } from '../jsonl-logs/map-fields.js';
import { severityFromLevelField } from '../jsonl-logs/severity.js';

export interface EntryLayout {
  /** Which layout: for tests and messages. */
  readonly kind: 'mysql-slow' | 'mysql-general' | 'journal-verbose' | 'wevtutil-text' | 'varnishlog' | 'varnishlog-raw';
  /** A line the producer writes that is no part of any entry (a header of the file): no record. */
  frame(text: string): boolean;
  /** The line begins an entry; `open` is the entry being gathered, if any. */
  begins(text: string, open: readonly string[] | undefined): boolean;
  /** An entry's lines (trailing blank lines taken off) → the record's parts. */
  read(lines: readonly string[], opts: LogTimeOptions): MappedLog;
}

// ---- MySQL slow query log -------------------------------------------------------------------

/** `/usr/sbin/mysqld, Version: 8.0.35 (MySQL Community Server - GPL). started with:` (the program's path, Windows' too). */
const MYSQLD_STARTED = /^(.+?), Version: (.+?)\.? started with:\s*$/;
const MYSQLD_PORT = /^(?:Tcp port|TCP Port): \d+[ ,]/;
const MYSQLD_COLUMNS = /^Time\s+Id\s+Command\s+Argument\s*$/;
const SLOW_TIME = /^# Time: (.+?)\s*$/;
const SLOW_USER = /^# User@Host: (\S*?)\[([^\]]*)\] @ (\S*) \[([^\]]*)\](?:\s+Id:\s*(\d+))?/;
const SLOW_SET_TIMESTAMP = /^SET timestamp=(\d{1,12});\s*$/i;
const SLOW_USE = /^use (`[^`]+`|\S+);\s*$/i;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

class MysqlSlowLog implements EntryLayout {
  readonly kind = 'mysql-slow' as const;
  /** The server program its header names (`mysqld`, `mariadbd`), and whether it is MariaDB. */
  program: string | undefined;
  mariadb = false;

  frame(text: string): boolean {
    const started = MYSQLD_STARTED.exec(text);
    if (started) {
      this.program = started[1]!.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '');
      this.mariadb = /mariadb/i.test(started[2]!) || /^mariadbd/.test(this.program);
      return true;
    }
    return MYSQLD_PORT.test(text) || MYSQLD_COLUMNS.test(text);
  }

  begins(text: string, open: readonly string[] | undefined): boolean {
    if (text.startsWith('# Time: ')) return true;
    // `# User@Host:` begins an entry, unless it follows the entry's own `# Time:`
    return text.startsWith('# User@Host: ') && !(open !== undefined && open.every((l) => l.startsWith('# Time: ')));
  }

  read(lines: readonly string[], opts: LogTimeOptions): MappedLog {
    const attributes: Attributes = { 'db.system': this.mariadb ? 'mariadb' : 'mysql' };
    const out: MappedLog = { body: '', attributes, resourceAttributes: {}, problems: [] };
    if (this.program) out.resourceAttributes['service.name'] = this.program;
    let timeText: string | undefined;
    let epoch: string | undefined;
    const statement: string[] = [];
    let header = true;
    for (const l of lines) {
      if (header && l.startsWith('#')) {
        const time = SLOW_TIME.exec(l);
        if (time) {
          timeText = time[1]!;
          continue;
        }
        const user = SLOW_USER.exec(l);
        if (user) {
          const name = user[1] || user[2];
          if (name) attributes['db.user'] = name;
          const client = user[4] || user[3];
          if (client) attributes['client.address'] = client;
          if (user[5] !== undefined) attributes['mysql.thread_id'] = Number(user[5]);
          continue;
        }
        readPairs(l.slice(1), attributes);
        continue;
      }
      header = false;
      const set = SLOW_SET_TIMESTAMP.exec(l);
      if (set) {
        epoch = set[1]!;
        continue;
      }
      const use = SLOW_USE.exec(l);
      if (use && statement.length === 0) {
        attributes['db.namespace'] = use[1]!.replace(/^`|`$/g, '');
        continue;
      }
      statement.push(l);
    }
    out.body = statement.join('\n');
    // `# Time:` with a zone (MySQL 5.7+: UTC, microseconds) is the most exact; then `SET timestamp`
    // (epoch seconds); a zone-less `# Time:` (MySQL 5.6, MariaDB: `240115 10:23:45`, local) last.
    const t = timeText !== undefined ? parseLogTimestamp(timeText, opts) : undefined;
    if (timeText !== undefined && !t) out.problems.push({ code: 'invalid-timestamp', message: `unreadable # Time: "${timeText.slice(0, 60)}"` });
    if (t && !t.withoutZone) out.timeNs = t.ns;
    else if (epoch !== undefined) out.timeNs = BigInt(epoch) * 1_000_000_000n;
    else if (t) {
      out.timeNs = t.ns;
      out.timeWithoutZone = true;
    }
    return out;
  }
}

/**
 * `Query_time: 2.5  Lock_time: 0.0001 Rows_sent: 1  Rows_examined: 500000` (and MariaDB's and
 * Percona's `Thread_id: 31  Schema: shop  QC_hit: No`…): each `Key:` and the word after it, as
 * `mysql.<key>` (numbers as numbers). A key followed by another key has an empty value (skipped).
 */
function readPairs(text: string, into: Attributes): void {
  const words = text.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^[A-Za-z][\w]*:$/.test(w)) continue;
    const v = words[i + 1];
    if (v === undefined || /^[A-Za-z][\w]*:$/.test(v)) continue;
    i++;
    setAttribute(into, `mysql.${w.slice(0, -1).toLowerCase()}`, NUMBER.test(v) ? Number(v) : v);
  }
}

// ---- MySQL general query log ----------------------------------------------------------------

/**
 * One event of the general query log (MySQL reference manual, "The General Query Log"): the time
 * (`YYMMDD hh:mm:ss`, zone-less, MySQL ≤ 5.6 and MariaDB; an ISO 8601 time, MySQL 5.7+), then the
 * connection id, the command and its argument after a tab. MariaDB and MySQL ≤ 5.6 print the time
 * only when it changed since the event before; the others begin with two tabs instead. Groups:
 * the time, the id, the command, the argument.
 */
const GENERAL_EVENT = /^(?:(\d{6} [ \d]\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)?)\s+|\t\t\s*)(\d+) ([A-Z][A-Za-z_]*(?: [A-Za-z_]+)?)(?:\t(.*))?$/;
/** The server's commands (COM_* as the general log names them), for a file without mysqld's header. */
const GENERAL_COMMAND = /^(?:Connect|Query|Quit|Init DB|Prepare|Execute|Close stmt|Reset stmt|Long Data|Fetch|Field List|Statistics|Ping|Shutdown|Change user|Binlog Dump|Kill|Refresh|Set option|Processlist|Connect Out|Register Slave|Debug|Daemon|Sleep|Time|Error|Bulk_execute|Create DB|Drop DB|Table Dump|Delayed insert)$/;

class MysqlGeneralLog implements EntryLayout {
  readonly kind = 'mysql-general' as const;
  private readonly header = new MysqlSlowLog();
  /** The time last printed: the time of the events after it that print none. */
  private lastTime: string | undefined;

  frame(text: string): boolean {
    return this.header.frame(text);
  }

  begins(text: string): boolean {
    return GENERAL_EVENT.test(text);
  }

  read(lines: readonly string[], opts: LogTimeOptions): MappedLog {
    const m = GENERAL_EVENT.exec(lines[0]!)!;
    const program = this.header.program;
    const attributes: Attributes = { 'db.system': this.header.mariadb ? 'mariadb' : 'mysql', 'mysql.thread_id': Number(m[2]), 'mysql.command': m[3]! };
    const out: MappedLog = { body: [`${m[3]!} ${m[4] ?? ''}`.trimEnd(), ...lines.slice(1)].join('\n'), attributes, resourceAttributes: {}, problems: [] };
    if (program) out.resourceAttributes['service.name'] = program;
    if (m[3] === 'Init DB' && m[4]) attributes['db.namespace'] = m[4].trim();
    if (m[1] !== undefined) this.lastTime = m[1].replace(/ (\d):/, ' 0$1:');
    const t = this.lastTime !== undefined ? parseLogTimestamp(this.lastTime, opts) : undefined;
    if (t) {
      out.timeNs = t.ns;
      if (t.withoutZone) out.timeWithoutZone = true;
    } else if (m[1] !== undefined) out.problems.push({ code: 'invalid-timestamp', message: `unreadable time "${m[1]}"` });
    return out;
  }
}

/** A general query log: mysqld's column header and an event, or (a file without the header) mostly events with the server's commands. */
function isGeneralLog(lines: readonly string[]): boolean {
  if (lines.some((l) => MYSQLD_COLUMNS.test(l)) && lines.some((l) => GENERAL_EVENT.test(l))) return true;
  let events = 0;
  for (const l of lines) {
    const m = GENERAL_EVENT.exec(l);
    if (m && GENERAL_COMMAND.test(m[3]!)) events++;
  }
  return events >= 3 && events >= lines.length * 0.5 && lines.some((l) => GENERAL_EVENT.exec(l)?.[1] !== undefined);
}

// ---- varnishlog ---------------------------------------------------------------------------------

/**
 * `varnishlog`'s text output (Varnish's shared memory log, read live or from a `-w` file with `-r`):
 * a transaction's head `*   << Request  >> 32770` (`**`, `***` for the transactions grouped under
 * it with `-g request` or `-g session`: each a record of its own), then its tag lines, `-   ReqURL
 * /index.html` (`--`, `---` under a grouped one), a blank line after it. The time is the `Timestamp
 * Start:` tag's (epoch seconds), a session's its `SessOpen`'s; the method, URL and status are the
 * request's (or the backend request's).
 */
const VSL_TRANSACTION = /^(\*+) +<< (\w+) *>> (\d+)\s*$/;
// (the value up to its last non-blank: a lazy `(.*?)\s*$` tried the rest of the line at each blank of a long run, quadratic)
const VSL_TAG = /^-+ +(\w+) +(.*\S)?\s*$/;

class VarnishLog implements EntryLayout {
  readonly kind = 'varnishlog' as const;

  frame(): boolean {
    return false;
  }

  begins(text: string): boolean {
    return VSL_TRANSACTION.test(text);
  }

  read(lines: readonly string[]): MappedLog {
    const head = VSL_TRANSACTION.exec(lines[0]!)!;
    const tags: [string, string][] = [];
    for (const l of lines.slice(1)) {
      const t = VSL_TAG.exec(l);
      if (t) tags.push([t[1]!, t[2] ?? '']);
    }
    return readTransaction(head[2]!, Number(head[3]), tags);
  }
}

/**
 * `varnishlog -g raw`: every record on a line of its own, in the order of the shared memory log —
 * `%10u %-14.14s %c %s`: the vxid (right-aligned), the tag, `c` (client side), `b` (backend) or `-`
 * (no transaction), the data. A transaction's records are written when it ends (or its buffer is
 * full), so its lines are together: the lines of one vxid in a row are one record, read as the same
 * transaction under `-g vxid` is, its kind from its `Begin` (`req` Request, `bereq` BeReq, `sess`
 * Session). A record outside any transaction (vxid 0: `CLI`, `Backend_health`) is a record of its own.
 */
const VSL_RAW = /^ *(\d{1,20}) ([A-Za-z]\w{0,13}) +([cb-])(?: (.*\S))?\s*$/;
const VSL_BEGIN_KIND: Record<string, string> = { req: 'Request', bereq: 'BeReq', sess: 'Session' };

class VarnishRaw implements EntryLayout {
  readonly kind = 'varnishlog-raw' as const;

  frame(): boolean {
    return false;
  }

  /** The last line that began a transaction here, and its vxid: the open one's first line is not matched again at each line. */
  private head: { line: string; vxid: string | undefined } | undefined;

  begins(text: string, open: readonly string[] | undefined): boolean {
    const m = VSL_RAW.exec(text);
    if (!m) return false;
    if (m[1] === '0' || open === undefined || m[2] === 'Begin') return this.began(text, m[1]);
    const first = open[0]!;
    const vxid = this.head?.line === first ? this.head.vxid : VSL_RAW.exec(first)?.[1];
    return vxid !== m[1] && this.began(text, m[1]);
  }

  private began(text: string, vxid: string | undefined): true {
    this.head = { line: text, vxid };
    return true;
  }

  read(lines: readonly string[]): MappedLog {
    const first = VSL_RAW.exec(lines[0]!)!;
    const vxid = Number(first[1]);
    const tags: [string, string][] = [];
    for (const l of lines) {
      const t = VSL_RAW.exec(l);
      if (t) tags.push([t[2]!, t[4] ?? '']);
    }
    if (vxid === 0) {
      // no transaction: the record is its tag and data
      const out: MappedLog = { body: `${first[2]!} ${first[4] ?? ''}`.trim(), attributes: { 'varnish.tag': first[2]! }, resourceAttributes: { 'service.name': 'varnish' }, problems: [] };
      return out;
    }
    const begin = tags.find(([tag]) => tag === 'Begin');
    const kind = (begin && VSL_BEGIN_KIND[begin[1].split(' ')[0]!]) ?? (first[3] === 'b' ? 'BeReq' : 'Request');
    return readTransaction(kind, vxid, tags);
  }
}

/** One Varnish transaction's record from its tags (varnishlog's grouped and raw output alike). */
function readTransaction(kind: string, vxid: number, tags: readonly [string, string][]): MappedLog {
  const attributes: Attributes = { 'varnish.transaction': kind, 'varnish.vxid': vxid };
  const out: MappedLog = { body: '', attributes, resourceAttributes: { 'service.name': 'varnish' }, problems: [] };
  let start: string | undefined;
  let method: string | undefined;
  let url: string | undefined;
  let status: string | undefined;
  for (const [tag, value] of tags) {
    if (tag === 'SessOpen') {
      // remote address, port, listener, local address, port, time the session began, fd
      const f = value.split(' ');
      start ??= f[5];
      attributes['client.address'] ??= f[0]!;
    } else if (tag === 'Timestamp' && start === undefined && value.startsWith('Start: ')) start = value.split(' ')[1];
    else if ((tag === 'ReqMethod' || tag === 'BereqMethod') && method === undefined) method = value;
    else if ((tag === 'ReqURL' || tag === 'BereqURL') && url === undefined) url = value;
    else if ((tag === 'RespStatus' || tag === 'BerespStatus') && /^\d{3}$/.test(value)) status = value;
    else if (tag === 'ReqStart') attributes['client.address'] ??= value.split(' ')[0]!;
  }
  const ns = start !== undefined && /^\d{9,10}(?:\.\d{1,9})?$/.test(start) ? exactEpochToNs(start) : undefined;
  if (ns !== undefined) out.timeNs = ns;
  if (method !== undefined) attributes['http.request.method'] = method;
  if (url !== undefined) attributes['url.path'] = url;
  if (status !== undefined) attributes['http.response.status_code'] = Number(status);
  out.body = [kind, method, url, status].filter((x) => x !== undefined).join(' ');
  return out;
}

/** The first lines are `varnishlog -g raw` records (VSL_RAW), and one of them is a transaction's `Begin` or `Timestamp`, or a `CLI` exchange. */
function isVarnishRaw(lines: readonly string[], first: number): boolean {
  let raw = 0;
  let known = false;
  const n = Math.min(lines.length, first + 50);
  for (let i = first; i < n; i++) {
    const m = VSL_RAW.exec(lines[i]!);
    if (!m) {
      if (lines[i]!.trim() === '') continue;
      return false;
    }
    raw++;
    if (m[2] === 'Begin' || m[2] === 'Timestamp' || m[2] === 'SessOpen' || m[2] === 'CLI' || m[2] === 'Backend_health') known = true;
  }
  return raw >= 2 && known;
}

// ---- journalctl -o verbose ------------------------------------------------------------------

/** `Mon 2024-01-15 10:23:45.123456 UTC [s=…;i=…;b=…;m=…;t=…;x=…]`: group 1 the time, 2 the cursor, 3 the realtime (hex µs). */
const JOURNAL_ENTRY = /^(?:[A-Z][a-z]{2} )?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?(?: [A-Za-z][\w/+-]*| [+-]\d\d:?\d\d)?) \[(s=[0-9a-f]+;i=[0-9a-f]+;b=[0-9a-f]+;m=[0-9a-f]+;t=([0-9a-f]+);x=[0-9a-f]+)\]\s*$/;
/** `    MESSAGE=…`: a journal field (upper case, digits, underscores) and its value. */
const JOURNAL_FIELD = /^ {4}([A-Z0-9_]+)=(.*)$/;

class JournalVerbose implements EntryLayout {
  readonly kind = 'journal-verbose' as const;

  frame(): boolean {
    return false; // (journalctl's `-- Reboot --` lines are skipped by the text decoder itself)
  }

  begins(text: string): boolean {
    return JOURNAL_ENTRY.test(text);
  }

  read(lines: readonly string[], opts: LogTimeOptions): MappedLog {
    const head = JOURNAL_ENTRY.exec(lines[0]!)!;
    // The same object `journalctl -o json` writes: the cursor, the realtime in µs, the fields.
    const obj: Record<string, unknown> = { __CURSOR: head[2]! };
    const realtime = BigInt(`0x${head[3]!}`);
    if (realtime > 0n) obj['__REALTIME_TIMESTAMP'] = realtime.toString();
    let last: { key: string; indent: number } | undefined;
    for (const l of lines.slice(1)) {
      const f = JOURNAL_FIELD.exec(l);
      if (f) {
        setAttribute(obj as Attributes, f[1]!, f[2]!);
        last = { key: f[1]!, indent: 4 + f[1]!.length + 1 };
      } else if (last) {
        // a value's next line, indented under its first
        let n = 0;
        while (n < last.indent && l.charCodeAt(n) === 32) n++;
        obj[last.key] = `${obj[last.key] as string}\n${l.slice(n)}`;
      }
    }
    const m = mapStructured(obj, opts);
    if (m.timeNs === undefined) {
      // no realtime in the cursor: the time of the entry's line
      const t = parseLogTimestamp(head[1]!, opts);
      if (t) {
        m.timeNs = t.ns;
        if (t.withoutZone) m.timeWithoutZone = true;
      }
    }
    return m;
  }
}

// ---- wevtutil qe /f:text --------------------------------------------------------------------
//
// Its labels are wevtutil's own, in the language of the Windows that ran it: `Event[0]:`, `  Log
// Name:`, `  Source:`, `  Date:` … on an English one (as in a real export quoted in
// github.com/JeftaDirksen/BlockIP issue #1, `wevtutil qe Security /c:2 /rd:true /f:text`).
// The labels of other languages are read by what they mean in WEVTUTIL_LABELS only where their
// exact text is known from real output; no real output of a German, French or Spanish Windows
// was found in the public corpus searched (2026-11: a German label set appears only in a test
// fixture of a crash-analysis tool, `Ereignis[0]:`, `  Protokollname:`, `  Quelle:`,
// `  Ereignis-ID:`, `  Beschreibung:`, and translated help pages show Event Viewer's labels, not
// wevtutil's), so none is in the table. An export in another language is still read by its
// layout, which the labels do not change: an entry's header `<word>[N]:`, its fields indented by
// two spaces, its time the field whose value is the ISO 8601 date-time wevtutil writes (the
// event's SystemTime, not translated), its message the lines after the field that has no value
// and no field after it; its other fields kept under their own labels.

const WEVTUTIL_EVENT = /^Event\[\d+\]:\s*$/;
const WEVTUTIL_FIELD = /^ {2}([A-Z][A-Za-z]*(?: [A-Za-z]+)*):(?: (.*))?$/;
/** An entry's header in any language (`Event[0]:`, and what a translated wevtutil writes for it). */
const WEVTUTIL_ANY_EVENT = /^\p{L}[\p{L}\p{M}.'’-]*(?: \p{L}[\p{L}\p{M}.'’-]*)?\[\d+\] ?:\s*$/u;
/** A field in any language: two spaces, a label of words (letters, hyphens, dots, apostrophes), a colon (after a space too). */
const WEVTUTIL_ANY_FIELD = /^ {2}(\p{Lu}[\p{L}\p{M}\p{N}.'’-]*(?: [\p{L}\p{M}\p{N}.'’-]+)*) ?:(?: (.*))?$/u;
/** The value wevtutil writes for an event's time: its SystemTime, ISO 8601. */
const WEVTUTIL_ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?$/;

type WevtutilMeaning = 'time' | 'level' | 'service' | 'host' | 'eventId' | 'description';

/**
 * What a label means, by its exact text in wevtutil's output. English (wevtutil's own strings);
 * another language's labels belong here once known from real output (see above).
 */
const WEVTUTIL_LABELS: Readonly<Record<string, WevtutilMeaning>> = Object.freeze({
  Date: 'time',
  Level: 'level',
  Source: 'service',
  Computer: 'host',
  'Event ID': 'eventId',
  Description: 'description',
});

function wevtutilMeaning(label: string): WevtutilMeaning | undefined {
  return Object.hasOwn(WEVTUTIL_LABELS, label) ? WEVTUTIL_LABELS[label] : undefined;
}

class WevtutilText implements EntryLayout {
  readonly kind = 'wevtutil-text' as const;

  /** `localized`: the header and fields of a translated wevtutil (read by the layout); else English only, as before. */
  constructor(private readonly localized: boolean) {}

  frame(): boolean {
    return false;
  }

  begins(text: string): boolean {
    return (this.localized ? WEVTUTIL_ANY_EVENT : WEVTUTIL_EVENT).test(text);
  }

  read(lines: readonly string[], opts: LogTimeOptions): MappedLog {
    const attributes: Attributes = {};
    const out: MappedLog = { body: '', attributes, resourceAttributes: {}, problems: [] };
    const description: string[] = [];
    const fieldRe = this.localized ? WEVTUTIL_ANY_FIELD : WEVTUTIL_FIELD;
    const rest = lines.slice(1);
    let inDescription = false;
    let timed = false;
    for (let i = 0; i < rest.length; i++) {
      const l = rest[i]!;
      if (inDescription) {
        description.push(l);
        continue;
      }
      const f = fieldRe.exec(l);
      if (!f) {
        description.push(l); // (a line of text before `Description:`: kept in the message)
        continue;
      }
      const key = f[1]!;
      const value = (f[2] ?? '').trim();
      let meaning = wevtutilMeaning(key);
      // By the layout, whatever the language: the field without a value that no field follows
      // opens the message; the field whose value is an ISO date-time is the time.
      if (meaning === undefined && this.localized) {
        const next = rest[i + 1];
        if (value === '' && next !== undefined && !fieldRe.test(next)) meaning = 'description';
        else if (!timed && WEVTUTIL_ISO_TIME.test(value)) meaning = 'time';
      }
      if (meaning === 'description') {
        inDescription = true;
        if (value !== '') description.push(value);
        continue;
      }
      if (value === '' || value === 'N/A') continue;
      if (meaning === 'time') {
        timed = true;
        const t = parseLogTimestamp(value, opts);
        if (t) {
          out.timeNs = t.ns;
          if (t.withoutZone) out.timeWithoutZone = true;
        } else out.problems.push({ code: 'invalid-timestamp', message: `unreadable ${key} "${value.slice(0, 60)}"` });
      } else if (meaning === 'level') {
        const n = severityFromLevelField(value);
        if (n !== undefined) out.severityNumber = n;
        out.severityText = value;
      } else if (meaning === 'service') out.resourceAttributes['service.name'] = value;
      else if (meaning === 'host') out.resourceAttributes['host.name'] = value;
      else setAttribute(attributes, key, meaning === 'eventId' && /^\d+$/.test(value) ? Number(value) : value);
    }
    while (description.length > 0 && description[description.length - 1]!.trim() === '') description.pop();
    out.body = description.join('\n');
    return out;
  }
}

/**
 * A translated wevtutil's export: an entry's header in any language, a field after it, and among
 * the fields of that first entry one whose value is an ISO 8601 date-time (wevtutil's Date, which
 * is not translated): the layout, not a word of any language.
 */
function localizedWevtutil(lines: readonly string[], first: number): boolean {
  if (!WEVTUTIL_ANY_EVENT.test(lines[first]!)) return false;
  for (let i = first + 1; i < lines.length && i <= first + 30; i++) {
    const f = WEVTUTIL_ANY_FIELD.exec(lines[i]!);
    if (!f) return false;
    if (WEVTUTIL_ISO_TIME.test((f[2] ?? '').trim())) return true;
  }
  return false;
}

// ---- detection ------------------------------------------------------------------------------

/**
 * The entry layout of these lines (a file's first lines, blank lines and journalctl's marker lines
 * left out), a new reader of it; undefined when they are none of these layouts.
 */
export function detectEntryLayout(lines: readonly string[]): EntryLayout | undefined {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return undefined;
  const head = lines[first]!;
  const next = lines[first + 1] ?? '';
  if (JOURNAL_ENTRY.test(head) && JOURNAL_FIELD.test(next)) return new JournalVerbose();
  if (WEVTUTIL_EVENT.test(head) && WEVTUTIL_FIELD.test(next)) return new WevtutilText(false);
  if (localizedWevtutil(lines, first)) return new WevtutilText(true);
  // The slow log: its query header (`# Query_time: 1.2  Lock_time: …`) and a `# User@Host:` line
  if (lines.some((l) => /^# Query_time: \d+(?:\.\d+)?\s+Lock_time: \d/.test(l)) && lines.some((l) => SLOW_USER.test(l))) return new MysqlSlowLog();
  if (isGeneralLog(lines)) return new MysqlGeneralLog();
  if (VSL_TRANSACTION.test(head) && VSL_TAG.test(next)) return new VarnishLog();
  if (isVarnishRaw(lines, first)) return new VarnishRaw();
  return undefined;
}
