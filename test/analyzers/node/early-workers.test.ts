// Early workers: the cheap check that decides to start the split's workers before the analysis's
// modules load must say yes for every input the split path will split (else the early start is
// lost), and no for what it never splits; workers started early are taken by the pool, or stopped.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { SNIFF_BYTES } from '../../../analyzers/importers/types.js';
import { data } from '../../helpers/paths.js';

/** PARALLEL_MIN_BYTES for these tests: set before the modules that read it load (below). */
const MIN = 1024;
process.env['OBSREADY_SPLIT_MIN_BYTES'] = String(MIN);
const { GZIP_NAME, SPLIT_HEAD_BYTES, earlyWorkersWaiting, looksSplittable, startEarlyWorkers, stopEarlyWorkers, takeEarlyWorker } = await import('../../../analyzers/node/early-workers.js');
const { splittableFormat } = await import('../../../analyzers/node/parallel.js');
const { GZIP_NAME: READ_GZIP_NAME } = await import('../../../analyzers/node/read-inputs.js');

let tmp: string;
/** Inputs by name, each over MIN unless named small. */
const files: Record<string, string> = {};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-early-'));
  const otlp = readFileSync(data('otlp-json/otel-tui/test_data.json'), 'utf8');
  const logs = Array.from({ length: 200 }, (_, i) => JSON.stringify({ '@timestamp': `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z`, level: 'info', message: `request ${i} served` })).join('\n') + '\n';
  const prom = Array.from({ length: 200 }, (_, i) => `http_requests_total{code="200",path="/p${i}"} ${i}`).join('\n') + '\n';
  const csv = 'time,service,message\n' + Array.from({ length: 200 }, (_, i) => `2024-05-01T10:00:00Z,shop,line ${i}`).join('\n') + '\n';
  const pretty = JSON.stringify(JSON.parse(otlp.split('\n')[0]!), null, 2).repeat(3);
  const put = (name: string, content: string | Uint8Array) => writeFileSync((files[name] = join(tmp, name)), content);
  put('otlp.jsonl', otlp);
  put('logs.jsonl', logs);
  put('prom.txt', prom);
  put('logs.csv', csv);
  put('pretty.json', pretty);
  put('logs.jsonl.gz', logs);
  put('logs-gzip', gzipSync(logs));
  put('latin1.jsonl', Buffer.from(logs.replaceAll('served', 'servé'), 'latin1'));
  put('long-first-line.jsonl', `{"pad":"${'a'.repeat(SPLIT_HEAD_BYTES)}"}\n` + logs);
  put('small.jsonl', '{"message":"hi"}\n');
});

afterEach(() => stopEarlyWorkers());

describe('looksSplittable', () => {
  it('says yes for every input the split path splits, and no for the ones it never does', async () => {
    const decided: Record<string, [boolean, boolean]> = {};
    for (const [name, path] of Object.entries(files)) {
      const size = readFileSync(path).length;
      const split = await splittableFormat({ path, display: path, size } as Parameters<typeof splittableFormat>[0]);
      decided[name] = [looksSplittable(path, undefined, MIN), split !== undefined];
    }
    // (the split path's own answers, from the content: OTLP and JSON logs lines split, nothing else)
    expect(decided).toEqual({
      'otlp.jsonl': [true, true],
      'logs.jsonl': [true, true],
      'prom.txt': [false, false],
      'logs.csv': [false, false],
      'pretty.json': [false, false],
      'logs.jsonl.gz': [false, false],
      'logs-gzip': [false, false],
      // Not UTF-8: read in one pass. The cheap check cannot tell; the run then stops the workers.
      'latin1.jsonl': [true, false],
      'long-first-line.jsonl': [false, false],
      'small.jsonl': [false, false],
    });
  });

  it('follows --as: only a line-independent format is split', () => {
    expect(looksSplittable(files['otlp.jsonl']!, 'otlp-json', MIN)).toBe(true);
    expect(looksSplittable(files['logs.jsonl']!, 'jsonl-logs', MIN)).toBe(true);
    expect(looksSplittable(files['logs.jsonl']!, 'zipkin', MIN)).toBe(false);
    expect(looksSplittable(files['logs.jsonl']!, 'csv', MIN)).toBe(false);
  });

  it('says no for what is not a regular file of that size', () => {
    expect(looksSplittable(tmp, undefined, MIN)).toBe(false);
    expect(looksSplittable('-', undefined, MIN)).toBe(false);
    expect(looksSplittable(join(tmp, 'missing.jsonl'), undefined, MIN)).toBe(false);
    expect(looksSplittable(files['logs.jsonl']!, undefined, 1e12)).toBe(false);
    expect(looksSplittable(files['logs.jsonl']!, undefined)).toBe(true); // (PARALLEL_MIN_BYTES: MIN here)
  });

  it('uses the split path\'s own head size and gzip names', () => {
    expect(SPLIT_HEAD_BYTES).toBe(SNIFF_BYTES);
    expect(READ_GZIP_NAME).toBe(GZIP_NAME);
  });
});

describe('workers started early', () => {
  let url: URL;
  beforeAll(() => {
    const script = join(tmp, 'echo-worker.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage(m));\n");
    url = pathToFileURL(script);
  });

  it('are taken by a pool of the same script, running, then none is left', async () => {
    startEarlyWorkers(url, 2);
    expect(earlyWorkersWaiting()).toBe(true);
    expect(takeEarlyWorker(new URL('file:///other-worker.js'))).toBeUndefined();
    const a = takeEarlyWorker(url)!;
    const b = takeEarlyWorker(url)!;
    expect(takeEarlyWorker(url)).toBeUndefined();
    expect(earlyWorkersWaiting()).toBe(false);
    const echo = await new Promise((resolve) => {
      a.once('message', resolve);
      a.postMessage({ type: 'init' });
    });
    expect(echo).toEqual({ type: 'init' });
    await Promise.all([a.terminate(), b.terminate()]);
  });

  it('are stopped unused when the run splits nothing', async () => {
    startEarlyWorkers(url, 1);
    expect(earlyWorkersWaiting()).toBe(true);
    stopEarlyWorkers();
    expect(earlyWorkersWaiting()).toBe(false);
    expect(takeEarlyWorker(url)).toBeUndefined();
  });
});
