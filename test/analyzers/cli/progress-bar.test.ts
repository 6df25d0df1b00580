// The progress line fits the terminal: the file's name takes the room the counts leave, cut at
// its start (the end of a path names the file); a narrow terminal drops the rate and ETA first.
import { describe, expect, it } from 'vitest';
import { ProgressBar, type ProgressState } from '../../../analyzers/cli/progress.js';

function render(columns: number, file: string): string {
  let out = '';
  const stream = { columns, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
  const state: ProgressState = { file, fileIndex: 0, fileCount: 3, bytesDone: 512, bytesTotal: 1024, records: 1200, rejected: 0, sizeUnknown: false } as ProgressState;
  new ProgressBar(stream, true).update(state, true);
  return out.replace(/^\r/, '').replace(/\x1b\[K$/, '');
}

describe('progress line', () => {
  const long = '/var/log/exports/2024-05-01/production/eu-west-1/checkout-service/app-checkout-7f9c.log';
  it('shows the whole name when it fits', () => {
    const line = render(200, long);
    expect(line.endsWith(`[1/3] ${long}`)).toBe(true);
    expect(line).toContain('ETA');
  });

  it('cuts a long name at its start to fit, keeping the file name', () => {
    const line = render(100, long);
    expect(line.length).toBe(99);
    expect(line.endsWith('checkout-7f9c.log')).toBe(true);
    expect(line).toMatch(/\[1\/3\] …/);
  });

  it('in a narrow terminal drops rate and ETA before the name, and keeps the name\'s end in any width', () => {
    const line = render(90, long);
    expect(line.length).toBe(89);
    expect(line).not.toContain('ETA');
    expect(line).toContain('[1/3] …');
    expect(line.endsWith('checkout-7f9c.log')).toBe(true);
    for (const cols of [70, 40, 20]) {
      const narrow = render(cols, long);
      expect(narrow.length, String(cols)).toBe(cols - 1);
      expect(narrow.endsWith('-7f9c.log'), String(cols)).toBe(true);
    }
  });
});
