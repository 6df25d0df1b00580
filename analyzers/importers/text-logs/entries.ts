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
//   after it, up to the next `Event[N]:`.
import type { Attributes } from '../../model/index.js';
import { parseLogTimestamp, type LogTimeOptions } from '../common/time.js';
import { mapStructured, setAttribute, type MappedLog } from '../jsonl-logs/map-fields.js';
import { severityFromLevelField } from '../jsonl-logs/severity.js';

export interface EntryLayout {
  /** Which layout: for tests and messages. */
  readonly kind: 'mysql-slow' | 'journal-verbose' | 'wevtutil-text';
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
  private program: string | undefined;
  private mariadb = false;

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

const WEVTUTIL_EVENT = /^Event\[\d+\]:\s*$/;
const WEVTUTIL_FIELD = /^ {2}([A-Z][A-Za-z]*(?: [A-Za-z]+)*):(?: (.*))?$/;

class WevtutilText implements EntryLayout {
  readonly kind = 'wevtutil-text' as const;

  frame(): boolean {
    return false;
  }

  begins(text: string): boolean {
    return WEVTUTIL_EVENT.test(text);
  }

  read(lines: readonly string[], opts: LogTimeOptions): MappedLog {
    const attributes: Attributes = {};
    const out: MappedLog = { body: '', attributes, resourceAttributes: {}, problems: [] };
    const description: string[] = [];
    let inDescription = false;
    for (const l of lines.slice(1)) {
      if (inDescription) {
        description.push(l);
        continue;
      }
      const f = WEVTUTIL_FIELD.exec(l);
      if (!f) {
        description.push(l); // (a line of text before `Description:`: kept in the message)
        continue;
      }
      const key = f[1]!;
      const value = (f[2] ?? '').trim();
      if (key === 'Description') {
        inDescription = true;
        if (value !== '') description.push(value);
        continue;
      }
      if (value === '' || value === 'N/A') continue;
      if (key === 'Date') {
        const t = parseLogTimestamp(value, opts);
        if (t) {
          out.timeNs = t.ns;
          if (t.withoutZone) out.timeWithoutZone = true;
        } else out.problems.push({ code: 'invalid-timestamp', message: `unreadable Date "${value.slice(0, 60)}"` });
      } else if (key === 'Level') {
        const n = severityFromLevelField(value);
        if (n !== undefined) out.severityNumber = n;
        out.severityText = value;
      } else if (key === 'Source') out.resourceAttributes['service.name'] = value;
      else if (key === 'Computer') out.resourceAttributes['host.name'] = value;
      else setAttribute(attributes, key, key === 'Event ID' && /^\d+$/.test(value) ? Number(value) : value);
    }
    while (description.length > 0 && description[description.length - 1]!.trim() === '') description.pop();
    out.body = description.join('\n');
    return out;
  }
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
  if (WEVTUTIL_EVENT.test(head) && WEVTUTIL_FIELD.test(next)) return new WevtutilText();
  // The slow log: its query header (`# Query_time: 1.2  Lock_time: …`) and a `# User@Host:` line
  if (lines.some((l) => /^# Query_time: \d+(?:\.\d+)?\s+Lock_time: \d/.test(l)) && lines.some((l) => SLOW_USER.test(l))) return new MysqlSlowLog();
  return undefined;
}
