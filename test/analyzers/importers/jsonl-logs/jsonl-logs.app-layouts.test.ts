import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

// JSON Lines (and logfmt) as common servers and logging libraries write them by default.
// Each file is read whole and in 1-, 7- and 4096-byte chunks.

function read(spec: FormatSpec, text: string) {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

describe('Go slog levels between the four named ones (`WARN+2`, `DEBUG-2`)', () => {
  it('JSONHandler and TextHandler: the level is the OpenTelemetry bridge severity (slog level + 9)', () => {
    const json = read(jsonlLogs, [
      '{"time":"2024-01-10T12:00:00.123456789+01:00","level":"INFO","msg":"hello","count":3}',
      '{"time":"2024-01-10T12:00:02.123456789+01:00","level":"WARN+2","msg":"custom"}',
      '{"time":"2024-01-10T12:00:03.123456789+01:00","level":"DEBUG-2","msg":"chatty"}',
      '{"time":"2024-01-10T12:00:04.123456789+01:00","level":"ERROR+4","msg":"worse"}',
    ].join('\n') + '\n');
    expect(json.map((r) => [r.severityText, r.severityNumber])).toEqual([['INFO', 9], ['WARN+2', 15], ['DEBUG-2', 3], ['ERROR+4', 21]]);
    const text = read(logfmt, 'time=2024-01-10T12:00:00.123+01:00 level=DEBUG+2 msg=custom\n');
    expect(text[0]!.severityNumber).toBe(7);
  });
});
