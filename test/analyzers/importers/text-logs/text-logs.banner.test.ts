import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// Spring Boot's default banner (spring-boot's SpringBootBanner), then its first two log lines.
const SPRING = [
  '',
  '  .   ____          _            __ _ _',
  " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
  "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\",
  " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )",
  "  '  |____| .__|_| |_|_| |_\\__, | / / / /",
  ' =========|_|==============|___/=/_/_/_/',
  '',
  ' :: Spring Boot ::                (v3.2.1)',
  '',
  '2024-01-15T10:00:00.123+01:00  INFO 12345 --- [           main] c.e.demo.DemoApplication                 : Starting DemoApplication',
  '2024-01-15T10:00:01.000+01:00  INFO 12345 --- [           main] c.e.demo.DemoApplication                 : Started DemoApplication in 1.2 seconds',
].join('\n');

describe('text-logs: a startup banner before the first record', () => {
  it('Spring Boot: the art and the version line are no records; the two log lines are (lines 11, 12)', () => {
    const recs = logs(decodeText(textLogs, SPRING + '\n'));
    expect(recs.map((r) => [r.source.line, r.severityText])).toEqual([[11, 'INFO'], [12, 'INFO']]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(SPRING + '\n'));
  });

  it('Quarkus: four lines of art, then records (the first at line 5)', () => {
    const text = [
      '__  ____  __  _____   ___  __ ____  ______ ',
      ' --/ __ \\/ / / / _ | / _ \\/ //_/ / / / __/ ',
      ' -/ /_/ / /_/ / __ |/ , _/ ,< / /_/ /\\ \\   ',
      '--\\___\\_\\____/_/ |_/_/|_/_/|_|\\____/___/   ',
      '2024-01-15 10:00:00,123 INFO  [io.quarkus] (main) code-with-quarkus 1.0.0-SNAPSHOT on JVM started in 1.234s.',
      '2024-01-15 10:00:00,124 INFO  [io.quarkus] (main) Profile prod activated. ',
    ].join('\n');
    expect(logs(decodeText(textLogs, text + '\n')).map((r) => r.source.line)).toEqual([5, 6]);
  });

  it('a line of words before the first header is a record, banner or not; one rule line alone is kept too', () => {
    // by hand: `Starting up` has words and is no version line; one line of art is no banner
    const text = '=====\nStarting up\n2024-01-15 10:00:00,123 INFO ready\n';
    expect(logs(decodeText(textLogs, text)).map((r) => r.source.line)).toEqual([1, 3]);
  });
});
