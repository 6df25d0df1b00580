// Logs written with terminal colours (a logger's colours forced, or a tool's `--color=always`):
// the escape sequences make no file binary, and levels and messages are read without them.
// Lines as the tools wrote them (npmlog 7, loguru 0.7, tslog 4, winston 3.19, grep 3.8).
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { analyseText } from '../../../helpers/analyse.js';
import { readCleanLogs } from '../jsonl-logs/log-test-helpers.js';

const ESC = '\u001b';
const e = (s: string) => s.replaceAll('\\e', ESC);

const NPMLOG = e(
  [
    '\\e[37;40mnpm\\e[0m \\e[0m\\e[7msill\\e[0m \\e[0m\\e[35mfetch\\e[0m manifest lodash',
    '\\e[0m\\e[37;40mnpm\\e[0m \\e[0m\\e[36;40mverb\\e[0m \\e[0m\\e[35mcli\\e[0m node v20',
    '\\e[0m\\e[37;40mnpm\\e[0m \\e[0m\\e[32minfo\\e[0m \\e[0m\\e[35musing\\e[0m npm@10',
    '\\e[0m\\e[37;40mnpm\\e[0m \\e[0m\\e[30;43mWARN\\e[0m \\e[0m\\e[35mdeprecated\\e[0m request@2.88.2',
    '\\e[0m\\e[37;40mnpm\\e[0m \\e[0m\\e[31;40mERR!\\e[0m \\e[0m\\e[35mcode\\e[0m ERESOLVE',
    '\\e[0m',
  ].join('\n'),
);
const LOGURU = e(
  [
    '\\e[32m2026-11-28 00:31:36.936\\e[0m | \\e[34m\\e[1mDEBUG   \\e[0m | \\e[36m__main__\\e[0m:\\e[36m<module>\\e[0m:\\e[36m29\\e[0m - \\e[34m\\e[1mcache warm\\e[0m',
    '\\e[32m2026-11-28 00:31:36.936\\e[0m | \\e[33m\\e[1mWARNING \\e[0m | \\e[36m__main__\\e[0m:\\e[36m<module>\\e[0m:\\e[36m29\\e[0m - \\e[33m\\e[1mlow stock\\e[0m',
    '\\e[32m2026-11-28 00:31:36.936\\e[0m | \\e[31m\\e[1mERROR   \\e[0m | \\e[36m__main__\\e[0m:\\e[36m<module>\\e[0m:\\e[36m31\\e[0m - \\e[31m\\e[1mdivision failed\\e[0m',
    '\\e[33m\\e[1mTraceback (most recent call last):\\e[0m',
    '',
    '> File "\\e[32m/app/\\e[0m\\e[32m\\e[1mjob.py\\e[0m", line \\e[33m30\\e[0m, in \\e[35m<module>\\e[0m',
    '    \\e[35m\\e[1mtry\\e[0m\\e[1m:\\e[0m \\e[34m\\e[1m1\\e[0m\\e[35m\\e[1m/\\e[0m\\e[34m\\e[1m0\\e[0m',
    '',
    '\\e[31m\\e[1mZeroDivisionError\\e[0m:\\e[1m division by zero\\e[0m',
    '\\e[32m2026-11-28 00:31:36.938\\e[0m | \\e[41m\\e[1mCRITICAL\\e[0m | \\e[36m__main__\\e[0m:\\e[36m<module>\\e[0m:\\e[36m32\\e[0m - \\e[41m\\e[1mshutting down\\e[0m',
  ].join('\n') + '\n',
);
const TSLOG = e(
  [
    '\\e[37m2026-11-28 00:32:17.867\\e[39m\\e[0m\\e[0m\t\\e[32m\\e[1mDEBUG\\e[22m\\e[39m\\e[0m\\e[0m\t\\e[37mapp.js:3\\e[39m\\e[0m\\e[0m\\e[1m\\e[37m\tbilling\\e[39m\\e[22m\\e[0m\\e[0m\tcache warm',
    '\\e[37m2026-11-28 00:32:17.872\\e[39m\\e[0m\\e[0m\t\\e[34m\\e[1mINFO\\e[22m\\e[39m\\e[0m\\e[0m\t\\e[37mapp.js:3\\e[39m\\e[0m\\e[0m\\e[1m\\e[37m\tbilling\\e[39m\\e[22m\\e[0m\\e[0m\tinvoice created {',
    '  id: \\e[33m7\\e[39m',
    '}',
    '\\e[37m2026-11-28 00:32:17.874\\e[39m\\e[0m\\e[0m\t\\e[91m\\e[1mFATAL\\e[22m\\e[39m\\e[0m\\e[0m\t\\e[37mapp.js:3\\e[39m\\e[0m\\e[0m\\e[1m\\e[37m\tbilling\\e[39m\\e[22m\\e[0m\\e[0m\tdead',
  ].join('\n') + '\n',
);
const WINSTON_CLI = e(
  [
    '\\e[34m\\e[34mdebug\\e[34m\\e[39m:   \\e[34mcache warm\\e[39m',
    '\\e[32m\\e[32minfo\\e[32m\\e[39m:    \\e[32mstock updated\\e[39m',
    '\\e[33m\\e[33mwarn\\e[33m\\e[39m:    \\e[33mlow stock\\e[39m',
    '\\e[31m\\e[31merror\\e[31m\\e[39m:   \\e[31mdb write failed\\e[39m',
  ].join('\n') + '\n',
);
// grep -H -n --color=always ERROR|WARN app.log: file name, line number and the match coloured
const GREP = e(
  [
    '\\e[35m\\e[Kapp.log\\e[m\\e[K\\e[36m\\e[K:\\e[m\\e[K\\e[32m\\e[K2\\e[m\\e[K\\e[36m\\e[K:\\e[m\\e[K2026-11-28 00:10:02,200 \\e[01;31m\\e[KWARN\\e[m\\e[K  [pool-1] c.e.Db: slow query 1200ms',
    '\\e[35m\\e[Kapp.log\\e[m\\e[K\\e[36m\\e[K:\\e[m\\e[K\\e[32m\\e[K3\\e[m\\e[K\\e[36m\\e[K:\\e[m\\e[K2026-11-28 00:10:03,300 \\e[01;31m\\e[KERROR\\e[m\\e[K [pool-1] c.e.Db: connection reset',
  ].join('\n') + '\n',
);

describe('text-logs: coloured logs are text', () => {
  it.each([
    ['npmlog with colours', NPMLOG, 5, [['sill', 1], ['verb', 1], ['info', 9], ['WARN', 13], ['ERR!', 17]]],
    ['loguru, colorize=True (a traceback in colour)', LOGURU, 4, [['DEBUG', 5], ['WARNING', 13], ['ERROR', 17], ['CRITICAL', 21]]],
    ["tslog's pretty output", TSLOG, 3, [['DEBUG', 5], ['INFO', 9], ['FATAL', 21]]],
    ["winston's cli format, colorize({ all: true })", WINSTON_CLI, 4, [['debug', 5], ['info', 9], ['warn', 13], ['error', 17]]],
    ['grep -Hn --color=always', GREP, 2, [['WARN', 13], ['ERROR', 17]]],
  ] as const)('%s: sniffed as text logs (was binary-data), every record with its level, no escape left', (_what, text, n, levels) => {
    const bytes = new TextEncoder().encode(text);
    expect(sniffFormat(makeSniffInput(bytes, true)).spec?.id).toBe('text-logs');
    for (const chunk of [undefined, 1, 7, 4096]) {
      const input = analyseText(text, chunk, 'app.log');
      expect([input.format, input.records, input.rejected, input.errorCount], `${chunk ?? 'whole'}`).toEqual(['text-logs', n, 0, 0]);
    }
    const recs = readCleanLogs(textLogs, text);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual(levels);
    for (const r of recs) expect(String(r.body)).not.toContain(ESC);
  });

  it('the loguru traceback stays with its ERROR record, as the same text without colours does', () => {
    const plain = LOGURU.replace(/\u001b\[[0-9;]*m/g, '');
    const bodies = (t: string) => readCleanLogs(textLogs, t).map((r) => r.body);
    expect(bodies(LOGURU)).toEqual(bodies(plain));
    expect(String(bodies(LOGURU)[2])).toContain('ZeroDivisionError: division by zero');
  });
});
