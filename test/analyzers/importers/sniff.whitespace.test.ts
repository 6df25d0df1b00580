// Whitespace never changes what a JSON document is taken for. One JSON object on one line looks
// like JSON Lines to the log importer (a `traceId` or `message` member is a log key there), where
// its pretty-printed copy is judged as a document: the one-line copy is now refused as the pretty
// one is. Expected results: what the pretty copies gave before this change (checked by running
// them), and the one-line log record below is read as one record as before.
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat, type SniffResult } from '../../../analyzers/importers/sniff.js';

const sniff = (text: string): SniffResult => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true));
const JSON_DATA = 'JSON that no importer reads: its objects have no time, level or message, so they are no log records, and they are no other format ObsReady reads (use --as FORMAT to force one)';

describe('one JSON object on one line is judged as its pretty-printed copy', () => {
  it("an unknown product's answer with a span_id (a log key) but no time, level or message: refused both ways", () => {
    // (before: the one-line copy was read as 1 log record, the pretty one refused as JSON data)
    const doc = { span_id: '5555555555555555', owner: 'team-a', items: [{ id: 1, kind: 'a' }, { id: 2, kind: 'b' }] };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      const r = sniff(text);
      expect(r.spec).toBeUndefined();
      expect(r).toMatchObject({ reason: 'unrecognised-format', message: JSON_DATA });
    }
  });

  it('a one-line log record with a time stays one log record', () => {
    expect(sniff('{"ts":"2024-03-05T10:00:00Z","event":"login","user":"bob"}\n').spec?.id).toBe('jsonl-logs');
    expect(sniff('{"time":"2024-03-05T10:00:00Z","level":"info","msg":"started"}').spec?.id).toBe('jsonl-logs');
  });

  it('pretty-printed JSON data is said to be JSON data, not source code (its bracket lines)', () => {
    // Tempo's /api/v2/search/tag/<tag>/values answer: every line a bracket or a member
    const doc = { tagValues: [{ type: 'string', value: 'frontend' }, { type: 'string', value: 'backend' }], metrics: { inspectedBytes: '208' } };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      const r = sniff(text);
      expect(r.looksLike).toBeUndefined();
      expect(r).toMatchObject({ reason: 'unrecognised-format', message: JSON_DATA });
    }
  });
});
