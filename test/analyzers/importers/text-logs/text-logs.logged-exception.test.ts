// The exception a Java logger prints under its record's message (`logger.error("charge failed", e)`), where no header
// begins the records (slf4j-simple's default `[main] ERROR com.example.Payments - charge failed`) and behind a
// compose prefix: a line of that record, whatever the exception's class, `java.lang.Exception` itself too (the name
// that is all suffix: EXCEPTION_LINE.javaLogged in crash-lines.ts). Expected records are counted off the lines by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

/** Each record as [first line, severity number, lines]. */
function read(text: string): [number | undefined, number | undefined, unknown][] {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  return logs(r).map((x) => [x.source.line, x.severityNumber, x.attributes['log.record.lines'] ?? 1]);
}

describe("text-logs: a logger's exception line under its record", () => {
  for (const exception of ['java.lang.IllegalStateException: card declined', 'java.lang.Exception: card declined', 'java.lang.Error: out of cards', 'java.lang.Throwable']) {
    it(`${exception}: a line of the ERROR record above (3 records: INFO, ERROR with the exception and 2 frames, INFO)`, () => {
      const lines = ['[main] INFO com.example.Payments - starting', '[main] ERROR com.example.Payments - charge failed', exception, '\tat com.example.Payments.charge(Payments.java:42)', '\tat com.example.Main.main(Main.java:7)', '[main] INFO com.example.Payments - done'];
      expect(read(lines.join('\n') + '\n')).toEqual([[1, 9, 1], [2, 17, 4], [6, 9, 1]]);
      // behind compose: the record (a time at its start), the exception and its frame; then the next
      const compose = ['2026-11-28 03:00:00.000 ERROR [main] c.e.Payments - charge failed', exception, '\tat com.example.Payments.charge(Payments.java:42)', '2026-11-28 03:00:01.000 INFO [main] c.e.Payments - done'];
      expect(read(compose.map((l) => `api-1  | ${l}`).join('\n') + '\n')).toEqual([[1, 17, 3], [4, 9, 1]]);
    });
  }
});
