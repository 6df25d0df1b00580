// stripAnsi and AnsiStripper: the escape sequences terminal-oriented loggers and tools write, taken out of a line's text.
import { describe, expect, it } from 'vitest';
import { AnsiStripper, stripAnsi } from '../../../../analyzers/importers/jsonl-logs/log-output.js';
import { escapeLength } from '../../../../analyzers/importers/common/lines.js';

const ESC = '\u001b';
const SAMPLES: [what: string, coloured: string, plain: string][] = [
  ['winston cli, colorize({ all: true })', `${ESC}[32m${ESC}[32minfo${ESC}[32m${ESC}[39m:    ${ESC}[32mstock updated${ESC}[39m`, 'info:    stock updated'],
  ['grep --color=always (erase to the line end after each colour)', `${ESC}[01;31m${ESC}[KERROR${ESC}[m${ESC}[K [pool-1] reset`, 'ERROR [pool-1] reset'],
  ['256 colours with colon separators (ITU T.416)', `${ESC}[38:5:196mWARN${ESC}[0m slow`, 'WARN slow'],
  ['an OSC 8 hyperlink (systemd, gcc), ST-terminated', `see ${ESC}]8;;https://example.com/x${ESC}\\the unit${ESC}]8;;${ESC}\\ now`, 'see the unit now'],
  ['a window title, BEL-terminated', `${ESC}]0;build${'\u0007'}done`, 'done'],
  ["tput sgr0's `ESC(B` before a reset, DECSC/DECRC", `${ESC}[1mok${ESC}(B${ESC}[m ${ESC}7x${ESC}8`, 'ok x'],
];

describe('stripAnsi', () => {
  it.each(SAMPLES)('%s', (_what, coloured, plain) => {
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('keeps an ESC that begins no sequence (a malformed CSI, an OSC never ended) and the text after it', () => {
    expect(stripAnsi(`a${ESC}[b`)).toBe('a'); // (`ESC [ b` is a whole CSI: its final byte `b`)
    expect(stripAnsi(`a${ESC}[\nb`)).toBe(`a${ESC}[\nb`);
    expect(stripAnsi(`a${ESC}]0;title`)).toBe(`a${ESC}]0;title`);
  });

  it('takes out the sequences escapeLength measures (what looksBinary does not count as control bytes)', () => {
    for (const [, coloured] of SAMPLES) {
      const bytes = new TextEncoder().encode(coloured);
      let kept = '';
      for (let i = 0; i < bytes.length; i++) {
        const n = bytes[i] === 0x1b ? escapeLength(bytes, i) : 0;
        if (n > 0) i += n - 1;
        else kept += String.fromCharCode(bytes[i]!);
      }
      expect(kept).toBe(stripAnsi(coloured));
    }
  });

  it('AnsiStripper gives the same text fed in 1- and 7-byte chunks', () => {
    const all = SAMPLES.map((s) => s[1]).join('\n') + '\n';
    const bytes = new TextEncoder().encode(all);
    for (const step of [1, 7]) {
      const st = new AnsiStripper();
      const out: number[] = [];
      for (let i = 0; i < bytes.length; i += step) out.push(...st.push(bytes.subarray(i, i + step)));
      out.push(...st.end());
      expect(new TextDecoder().decode(new Uint8Array(out)), `${step}-byte chunks`).toBe(SAMPLES.map((s) => s[2]).join('\n') + '\n');
    }
  });
});
