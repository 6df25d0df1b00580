// JSON objects with no time, no level and no message by any name the decoder reads (a table
// exported as JSON, `{"not":"telemetry"}`) are data, not log records: unrecognised, with what
// they look like, whether one a line or in an array. Objects with any of the three are logs.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { analyseText } from '../../../helpers/analyse.js';

describe('JSON data that is not logs', () => {
  it('objects with no time, level or message are unrecognised, one a line, alone or in an array', () => {
    for (const text of ['{"not":"telemetry"}\n', '{"a":1,"b":2}\n{"a":3,"b":4}\n', '[{"id":1,"name":"x"},{"id":2,"name":"y"}]\n', '{"user":{"id":7,"plan":"pro"},"count":3}\n']) {
      const input = analyseText(text, 3, 'data.json');
      expect([input.format, input.records, input.errors.map((e) => e.code)], text).toEqual(['unknown', 0, ['unrecognised-format']]);
      expect(input.errors[0]!.message).toContain('JSON that no importer reads: its objects have no time, level or message');
    }
  });

  it('a time, a level or a message by any name the decoder reads, or a dated value, makes them log records', () => {
    for (const text of [
      '{"Timestamp":"2024-01-01T00:00:00Z","EventId":3,"LogLevel":"Information","Category":"Api","Message":"hi"}\n', // .NET JSON console
      '{"when":"2024-01-01T00:00:00Z","what":"x"}\n{"when":"2024-01-01T00:00:01Z","what":"y"}\n', // a dated value by another name
      '{"severity":"warn","code":17}\n', // a level alone
      '{"text":"disk full","host":"a"}\n', // a message alone
    ]) {
      const input = analyseText(text, 3, 'events.jsonl');
      expect([input.format, input.signal, input.rejected], text).toEqual(['jsonl-logs', 'logs', 0]);
      expect(input.records, text).toBe(text.trim().split('\n').length);
    }
  });

  it('--as jsonl-logs still reads data objects as log records', () => {
    const analysis = new Analysis({ toolVersion: '0.0.0-test', forceFormat: 'jsonl-logs' });
    const s = analysis.openInput('data.jsonl', {});
    s.push(new TextEncoder().encode('{"a":1}\n{"a":2}\n'));
    s.end();
    const input = analysis.finish().inputs[0]!;
    expect([input.format, input.records, input.rejected]).toEqual(['jsonl-logs', 2, 0]);
  });
});
