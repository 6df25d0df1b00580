// Argument validators per channel: what the renderer may send.
import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_BYTES, VALIDATORS } from '../../../electron/main/validate.js';
import { CHANNELS, MAX_CHUNK_BYTES } from '../../../electron/shared/contract.js';

describe('VALIDATORS', () => {
  it('has one validator per channel of the contract', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('takes no arguments where none are expected', () => {
    expect(VALIDATORS['dialog:open-files']([])).toEqual([]);
    expect(VALIDATORS['dialog:open-files'](['/etc'])).toBeNull();
    expect(VALIDATORS['app:get-info']([{}])).toBeNull();
  });

  it('bounds chunk reads', () => {
    expect(VALIDATORS['file:read-chunk']([{ fileId: 'f1', offset: 0, maxBytes: MAX_CHUNK_BYTES }])).toEqual([{ fileId: 'f1', offset: 0, maxBytes: MAX_CHUNK_BYTES }]);
    expect(VALIDATORS['file:read-chunk']([{ fileId: 'f1', offset: 0, maxBytes: MAX_CHUNK_BYTES + 1 }])).toBeNull();
    expect(VALIDATORS['file:read-chunk']([{ fileId: 'f1', offset: 0, maxBytes: 0 }])).toBeNull();
    expect(VALIDATORS['file:read-chunk']([{ fileId: 'f1', offset: Number.MAX_SAFE_INTEGER + 1, maxBytes: 1 }])).toBeNull();
    expect(VALIDATORS['file:read-chunk']([{ fileId: 'x'.repeat(65), offset: 0, maxBytes: 1 }])).toBeNull();
    expect(VALIDATORS['file:read-chunk']([null])).toBeNull();
  });

  it('accepts only plain file names for saving, in a known format, within the size limit', () => {
    const ok = { format: 'json', suggestedName: 'report.json', content: '{}' };
    expect(VALIDATORS['export:save-file']([ok])).toEqual([ok]);
    expect(VALIDATORS['export:save-file']([{ ...ok, content: new Uint8Array(3) }])).not.toBeNull();
    for (const suggestedName of ['../report.json', 'a/b.json', 'a\\b.json', '', '..', 'x\u0000.json', 'x'.repeat(201)]) {
      expect(VALIDATORS['export:save-file']([{ ...ok, suggestedName }]), suggestedName).toBeNull();
    }
    expect(VALIDATORS['export:save-file']([{ ...ok, format: 'exe' }])).toBeNull();
    expect(VALIDATORS['export:save-file']([{ ...ok, content: 42 }])).toBeNull();
    expect(VALIDATORS['export:save-file']([{ ...ok, content: { length: MAX_EXPORT_BYTES + 1 } }])).toBeNull();
  });

  it('checks the PDF page size and recent ids', () => {
    expect(VALIDATORS['export:print-pdf']([{ html: '<p>x</p>', suggestedName: 'r.pdf', pageSize: 'A4' }])).not.toBeNull();
    expect(VALIDATORS['export:print-pdf']([{ html: '<p>x</p>', suggestedName: 'r.pdf', pageSize: 'A3' }])).toBeNull();
    expect(VALIDATORS['recent:open-analysis'](['4f1c2b9e-0a5d-4c1e-9f3a-2b7d8e6c5a41'])).not.toBeNull();
    expect(VALIDATORS['recent:open-analysis'](['../../secrets'])).toBeNull();
  });
});
