import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, logs } from './log-test-helpers.js';

const levels = (lines: object[]) => logs(decodeText(jsonlLogs, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')).map((r) => [r.severityText, r.severityNumber]);

describe('jsonl-logs: level names and scales of particular loggers', () => {
  it("winston's npm levels http and silly; Elasticsearch's DEPRECATION", () => {
    // winston: http (request logs, between info and verbose) → INFO 9, silly (below debug) → TRACE 1;
    // Elasticsearch's deprecation log level, just below WARN in log4j's order → WARN 13
    expect(levels([
      { level: 'http', message: 'GET /users 200 3.1 ms', service: 'user-service' },
      { level: 'silly', message: 'tick', service: 'user-service' },
      { type: 'deprecation.elasticsearch', timestamp: '2024-01-15T10:00:07,000+01:00', level: 'DEPRECATION', message: 'types removal' },
    ])).toEqual([['http', 9], ['silly', 1], ['DEPRECATION', 13]]);
  });

  it("Nextcloud's numeric level 0–4 is its own scale (debug … fatal), only where the record is Nextcloud's", () => {
    const nc = (level: number) => ({ reqId: 'Zabc1234DEF', level, time: '2024-01-15T10:00:00+00:00', app: 'core', message: 'm', version: '28.0.1.1' });
    // Nextcloud ILogger: 0 debug, 1 info, 2 warn, 3 error, 4 fatal → 5, 9, 13, 17, 21
    expect(levels([0, 1, 2, 3, 4].map(nc))).toEqual([['debug', 5], ['info', 9], ['warn', 13], ['error', 17], ['fatal', 21]]);
    // the same small numbers without Nextcloud's keys are read as before: 0 is left unread
    expect(levels([{ level: 0, time: '2024-01-15T10:00:00Z', msg: 'm' }])).toEqual([['0', undefined]]);
  });
});
