import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDelta, formatInt, formatMs, formatScore, formatShare, formatValue, humanizeKey, labelInputFormat } from '../../../analyzers/report/format.js';

// Expected strings written out by hand: the formats are fixed (en-US grouping, one decimal for
// scores) and must not depend on the machine's locale or time zone.
describe('report number formatting', () => {
  it('groups integers with commas regardless of locale', () => {
    expect(formatInt(0)).toBe('0');
    expect(formatInt(999)).toBe('999');
    expect(formatInt(1000)).toBe('1,000');
    expect(formatInt(1234567.4)).toBe('1,234,567');
    expect(formatInt(-12345)).toBe('-12,345');
    expect(formatInt(null)).toBe('–');
    expect(formatInt(Number.NaN)).toBe('–');
  });
  it('labels an input\'s format with the compression it came out of', () => {
    expect(labelInputFormat({ format: 'otlp-json' })).toBe('otlp-json');
    expect(labelInputFormat({ format: 'text-logs', container: 'gzip' })).toBe('text-logs (.gz)');
    expect(labelInputFormat({ format: 'otlp-json', container: 'zstd' })).toBe('otlp-json (.zst)');
  });
  it('shows scores with one decimal and n/a when absent', () => {
    expect(formatScore(63.85542168674698)).toBe('63.9');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(null)).toBe('n/a');
    expect(formatScore(undefined)).toBe('n/a');
  });
  it('signs gains and keeps shares and milliseconds fixed', () => {
    expect(formatDelta(3.24)).toBe('+3.2');
    expect(formatDelta(-1)).toBe('−1.0');
    expect(formatDelta(0.01)).toBe('0.0');
    expect(formatShare(0.4125)).toBe('41.3 %');
    expect(formatShare(1)).toBe('100.0 %');
    expect(formatMs(1280.46)).toBe('1,280.5');
    expect(formatMs(8)).toBe('8.0');
    expect(formatValue(0.24812)).toBe('0.248');
    expect(formatValue(10639)).toBe('10,639');
    expect(formatValue('3 problems')).toBe('3 problems');
  });
  it('formats ISO timestamps as UTC without the host time zone', () => {
    expect(formatDateTime('2024-05-14T09:41:10.123456789Z')).toBe('2024-05-14 09:41 UTC');
    expect(formatDateTime(undefined)).toBe('–');
    expect(formatDateTime('yesterday')).toBe('yesterday');
    expect(humanizeKey('logTraceContextShare')).toBe('Log trace context share');
  });
});
