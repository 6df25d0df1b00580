// The worker's analysis core, run in Node on real exports: same report as the Node adapter,
// .gz read through DecompressionStream, partial snapshots that leave the run untouched, cancel.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectInput, runAnalysis, runDetailLevel, type RunHooks } from '../../../renderer/workers/analysis-engine.js';
import { detailLevelFor } from '../../../analyzers/analysis/detail.js';
import type { AnalyzeItem } from '../../../renderer/workers/protocol.js';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256 } from '../../../analyzers/node/read-inputs.js';
import { serializeReport } from '../../../analyzers/report/json.js';
import { TOOL_VERSION } from '../../../analyzers/version.js';
import type { Report } from '../../../analyzers/report/model.js';
import { parseIncidents } from '../../../analyzers/analysis/incidents.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const FILES = ['loghub/HDFS/HDFS_2k.log', 'zipkin-v2-json/zipkin/zipkin-lens/testdata/yelp.json'].map((p) => resolve(data, p)).filter((p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
});
const GENERATED_AT = '2026-01-01T00:00:00.000Z';

function hooks(over: Partial<RunHooks> = {}): RunHooks {
  let t = 0;
  return { now: () => (t += 1), onProgress: () => undefined, onPartial: () => undefined, progressEveryMs: 0, partialEveryMs: 1e12, generatedAt: GENERATED_AT, isCancelled: () => false, yieldToEvents: async () => undefined, ...over };
}

/** A Blob-like source that hands out the bytes in small slices, as File.stream() does in a browser. */
function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let o = 0;
  return new ReadableStream({
    pull(c) {
      if (o >= bytes.length) return c.close();
      c.enqueue(bytes.slice(o, o + size));
      o += size;
    },
  });
}

async function nodeReport(paths: string[]): Promise<Report> {
  const a = new Analysis({ toolVersion: TOOL_VERSION, createHasher: createNodeSha256 });
  for (const p of paths) await analyzeFile(a, { path: p, display: basename(p), size: statSync(p).size });
  return JSON.parse(serializeReport(a.finish(GENERATED_AT)));
}

describe('runAnalysis', () => {
  it('gives the same report as the Node adapter on real exports, whatever the chunk size', async () => {
    expect(FILES.length).toBeGreaterThan(0);
    const expected = await nodeReport(FILES);
    for (const size of [7, 4096, 1 << 20]) {
      const items: AnalyzeItem[] = FILES.map((p, i) => ({ id: `f${i}`, path: basename(p), sizeBytes: statSync(p).size, source: chunkedStream(new Uint8Array(readFileSync(p)), size) }));
      const out = await runAnalysis(items, hooks());
      if (out.kind !== 'done') throw new Error('cancelled');
      expect(JSON.parse(serializeReport(out.report)), `chunk ${size}`).toEqual(expected);
      expect(out.files.map((f) => [f.status, f.bytesRead])).toEqual(FILES.map((p) => ['done', statSync(p).size]));
    }
  }, 60_000);

  it('the rows of a file picked through links name its other paths, as the CLI\'s report does', async () => {
    const p = FILES[0]!;
    const bytes = new Uint8Array(readFileSync(p));
    const items: AnalyzeItem[] = [{ id: 'f0', path: 'logs/app.log', sizeBytes: bytes.length, source: chunkedStream(bytes, 4096), aliases: ['current.log', 'hard.log'] }];
    const out = await runAnalysis(items, hooks());
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(out.report.inputs.map((i) => [i.path, i.aliases])).toEqual([['logs/app.log', ['current.log', 'hard.log']]]);
  });

  it('the partial reports shown while reading name the other paths too, as the final one does', async () => {
    const p = FILES[0]!;
    const bytes = new Uint8Array(readFileSync(p));
    const partials: Report[] = [];
    const items: AnalyzeItem[] = [
      { id: 'f0', path: 'logs/app.log', sizeBytes: bytes.length, source: chunkedStream(bytes, 4096), aliases: ['current.log', 'hard.log'] },
      { id: 'f1', path: 'logs/other.log', sizeBytes: bytes.length, source: chunkedStream(bytes, 4096) },
    ];
    const out = await runAnalysis(items, hooks({ partialEveryMs: 20, onPartial: (r) => partials.push(r) }));
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(partials.length).toBeGreaterThan(1);
    for (const r of partials) {
      const row = r.inputs.find((i) => i.path === 'logs/app.log');
      expect(row?.aliases).toEqual(['current.log', 'hard.log']);
      expect(r.inputs.find((i) => i.path === 'logs/other.log')?.aliases).toBeUndefined();
    }
  });

  it('samples the span details of large trace inputs as the CLI does (detail level from the trace files\' bytes); exact on demand', async () => {
    const otlp = resolve(data, 'otlp-json/otel-tui/test_data.json');
    const log = FILES[0]!;
    const [ob, lb] = [new Uint8Array(readFileSync(otlp)), new Uint8Array(readFileSync(log))];
    // threshold below the OTLP file's size: level 2 from its bytes alone (the log counts toward the
    // threshold, not the level); the CLI's Analysis at that level gives the same report
    const threshold = Math.ceil(ob.length / 3);
    expect(detailLevelFor(ob.length, threshold)).toBe(2);
    expect(detailLevelFor(ob.length + lb.length, threshold)).toBe(2);
    const items = (): AnalyzeItem[] => [
      { id: 'o', path: 'test_data.json', sizeBytes: ob.length, source: new Blob([ob]) },
      { id: 'l', path: 'HDFS_2k.log', sizeBytes: lb.length, source: new Blob([lb]) },
    ];
    expect(await runDetailLevel(items(), threshold)).toBe(2);
    expect(await runDetailLevel(items().slice(1), lb.length - 1)).toBe(0);
    // a stream's bytes are not looked at before the run: it counts nothing (as a pipe for the CLI)
    expect(await runDetailLevel([{ ...items()[0]!, source: chunkedStream(ob, 4096) }], threshold)).toBe(0);
    const partials: Report[] = [];
    const out = await runAnalysis(items(), hooks({ partialEveryMs: 2, onPartial: (r) => partials.push(r) }), { detailThresholdBytes: threshold });
    if (out.kind !== 'done') throw new Error('cancelled');
    const cli = new Analysis({ toolVersion: TOOL_VERSION, createHasher: createNodeSha256, detailLevel: 2 });
    await analyzeFile(cli, { path: otlp, display: 'test_data.json', size: ob.length });
    await analyzeFile(cli, { path: log, display: 'HDFS_2k.log', size: lb.length });
    expect(JSON.parse(serializeReport(out.report))).toEqual(JSON.parse(serializeReport(cli.finish(GENERATED_AT))));
    expect(out.report.signals.traces.detail).toMatchObject({ sampled: true, level: 2 });
    expect(partials.length).toBeGreaterThan(0);
    for (const r of partials) if (r.signals.traces.spans > 0) expect(r.signals.traces.detail?.level).toBe(2);
    const exact = await runAnalysis(items(), hooks(), { detailThresholdBytes: threshold, exact: true });
    if (exact.kind !== 'done') throw new Error('cancelled');
    expect(exact.report.signals.traces.detail).toBeUndefined();
  }, 60_000);

  it('reads .gz through DecompressionStream: same records, gzip container, raw bytes counted', async () => {
    const p = FILES[0]!;
    const raw = readFileSync(p);
    const gz = gzipSync(raw);
    const out = await runAnalysis([{ id: 'g', path: 'HDFS_2k.log.gz', sizeBytes: gz.length, source: new Blob([gz]) }], hooks());
    if (out.kind !== 'done') throw new Error('cancelled');
    const plain = await nodeReport([p]);
    const input = out.report.inputs[0]!;
    expect([input.container, input.format, input.records, input.bytes]).toEqual(['gzip', plain.inputs[0]!.format, plain.inputs[0]!.records, raw.length]);
    expect(out.files[0]!.bytesRead).toBe(gz.length);
    expect(out.report.signals).toEqual(plain.signals);
  }, 60_000);

  it('a binary file, plain or .gz, and a damaged .gz are fingerprinted whole, as the Node adapter does', async () => {
    let x = 11;
    const noise = new Uint8Array(3 * 1024 * 1024).map(() => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    const text = readFileSync(FILES[0]!);
    const gz = gzipSync(text);
    const damaged = new Uint8Array(Buffer.concat([gz.subarray(0, gz.length >> 1), Buffer.alloc(64, 0xff), gz.subarray(gz.length >> 1)]));
    const dir = mkdtempSync(join(tmpdir(), 'obsready-engine-bin-'));
    try {
      const cases: [string, Uint8Array<ArrayBuffer>][] = [
        ['noise.bin', noise],
        ['noise.bin.gz', new Uint8Array(gzipSync(noise, { level: 1 }))],
        ['damaged.log.gz', damaged],
      ];
      for (const [name, bytes] of cases) {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const node = (await nodeReport([path])).inputs[0]!;
        for (const source of [new Blob([bytes]), chunkedStream(bytes, 64 * 1024)]) {
          const out = await runAnalysis([{ id: 'b', path: name, sizeBytes: bytes.length, source }], hooks());
          if (out.kind !== 'done') throw new Error('cancelled');
          const app = out.report.inputs[0]!;
          expect([name, app.sha256, app.errors[0]?.code], name).toEqual([name, node.sha256, node.errors[0]?.code]);
          expect(app.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
          if (name === 'noise.bin') expect([app.bytes, node.bytes]).toEqual([noise.length, noise.length]);
          expect(out.files[0]!.bytesRead).toBe(bytes.length);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('posts partial reports while reading, and they do not change the final one', async () => {
    const partials: Report[] = [];
    const items = (): AnalyzeItem[] => FILES.map((p, i) => ({ id: `f${i}`, path: basename(p), sizeBytes: statSync(p).size, source: chunkedStream(new Uint8Array(readFileSync(p)), 4096) }));
    const out = await runAnalysis(items(), hooks({ partialEveryMs: 20, onPartial: (r) => partials.push(r) }));
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(partials.length).toBeGreaterThan(1);
    // Records grow monotonically across snapshots.
    const counts = partials.map((r) => r.inputs.reduce((a, i) => a + i.records, 0));
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(JSON.parse(serializeReport(out.report))).toEqual(await nodeReport(FILES));
  }, 60_000);

  it('stops on cancel and marks unread files cancelled', async () => {
    let reads = 0;
    const p = FILES[0]!;
    const items: AnalyzeItem[] = [
      { id: 'a', path: 'a.log', sizeBytes: statSync(p).size, source: chunkedStream(new Uint8Array(readFileSync(p)), 1024) },
      { id: 'b', path: 'b.log', sizeBytes: 10, source: new Blob(['x\n']) },
    ];
    const out = await runAnalysis(items, hooks({ onProgress: () => void reads++, isCancelled: () => reads > 5 }));
    expect(out.kind).toBe('cancelled');
    expect(out.files.map((f) => f.status)).toEqual(['cancelled', 'cancelled']);
    expect(out.files[0]!.bytesRead).toBeLessThan(statSync(p).size);
  });
});

describe('tar archives', () => {
  it.skipIf(process.platform === 'win32')('reads each file of a .tar, a .tar.gz and a .zip as its own input, as the Node adapter does; the file row sums them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsready-engine-tar-'));
    try {
      const tar = join(dir, 'two.tar');
      const two = [resolve(data, 'loghub/HDFS/HDFS_2k.log'), resolve(data, 'logs-text/lnav-test/logfile_java.0')];
      execFileSync('tar', ['-cf', tar, '-C', dirname(two[0]!), basename(two[0]!), '-C', dirname(two[1]!), basename(two[1]!)]);
      const expected = await nodeReport([tar]);
      expect(expected.inputs.map((i) => i.path)).toEqual(two.map((p) => `two.tar/${basename(p)}`).sort());
      const bytes = new Uint8Array(readFileSync(tar));
      const zip = new Uint8Array(execFileSync('sh', ['-c', 'cd "$1" && zip -qj - "$2" "$3"', 'sh', dir, two[0]!, two[1]!], { maxBuffer: 1 << 26 }));
      for (const [name, body] of [['two.tar', bytes], ['two.tar.gz', new Uint8Array(gzipSync(bytes))], ['two.zip', zip]] as const) {
        const detected = await detectInput({ id: 't', path: name, sizeBytes: body.length, head: body.subarray(0, 65536) });
        const kind = name.endsWith('.zip') ? 'zip' : 'tar';
        expect([detected.format, detected.archive, detected.problem]).toEqual([kind, true, undefined]);
        const out = await runAnalysis([{ id: 't', path: 'two.tar', sizeBytes: body.length, source: chunkedStream(body, 4096) }], hooks());
        if (out.kind !== 'done') throw new Error('cancelled');
        const got = JSON.parse(serializeReport(out.report)) as Report;
        if (name === 'two.tar') expect(got).toEqual(expected);
        else expect(got.inputs.map((i) => [i.path, i.records, i.sha256])).toEqual(expected.inputs.map((i) => [i.path, i.records, i.sha256]));
        const row = out.files[0]!;
        expect([row.status, row.records, row.bytesRead]).toEqual(['done', expected.inputs.reduce((a, i) => a + i.records, 0), body.length]);
        expect(row.format).toMatch(new RegExp(`^${kind}: 2 files \\(`));
        expect(row.signal).toBe('logs');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('zstd', () => {
  it.skipIf(process.platform === 'win32')('detects and reads a .zst as the Node adapter does', async () => {
    const p = FILES[0]!;
    const z = new Uint8Array(execFileSync('zstd', ['-q', '-c', p], { maxBuffer: 1 << 26 }));
    const detected = await detectInput({ id: 'z', path: 'x.log.zst', sizeBytes: z.length, head: z.subarray(0, 65536) });
    expect([detected.format, detected.zstd, detected.problem]).toEqual(['text-logs', true, undefined]);
    const out = await runAnalysis([{ id: 'z', path: 'HDFS_2k.log.zst', sizeBytes: z.length, source: chunkedStream(z, 4096) }], hooks());
    if (out.kind !== 'done') throw new Error('cancelled');
    const plain = await nodeReport([p]);
    const input = out.report.inputs[0]!;
    expect([input.container, input.format, input.records]).toEqual(['zstd', plain.inputs[0]!.format, plain.inputs[0]!.records]);
    expect(out.files[0]!.bytesRead).toBe(z.length);
    // A frame asking for a 256 MB window (zstd --long=28 from a pipe) is refused at detection already.
    const long = new Uint8Array(execFileSync('sh', ['-c', "yes 'level=info msg=hello' | head -c 100000 | zstd -q -c --long=28"]));
    const refused = await detectInput({ id: 'l', path: 'long.zst', sizeBytes: long.length, head: long });
    expect([refused.format, refused.problem?.code]).toEqual(['unknown', 'decompress-limit']);
  }, 60_000);
});

describe('detectInput', () => {
  it('names the format by content, sees through gzip, and explains what it cannot read', async () => {
    const p = FILES[0]!;
    const head = new Uint8Array(readFileSync(p).subarray(0, 65536));
    const plain = await detectInput({ id: '1', path: 'x', sizeBytes: statSync(p).size, head });
    expect([plain.format, plain.signal, plain.gzip]).toEqual([(await nodeReport([p])).inputs[0]!.format, 'logs', false]);
    const gz = await detectInput({ id: '2', path: 'x.gz', sizeBytes: 1e9, head: new Uint8Array(gzipSync(readFileSync(p)).subarray(0, 4096)) });
    expect([gz.format, gz.gzip]).toEqual([plain.format, true]);
    const bin = await detectInput({ id: '3', path: 'core', sizeBytes: 8, head: new Uint8Array([0x7f, 0x45, 0, 0, 1, 2, 0, 0]) });
    expect([bin.format, bin.problem?.code]).toEqual(['unknown', 'binary-data']);
    const empty = await detectInput({ id: '4', path: 'e', sizeBytes: 0, head: new Uint8Array(0) });
    expect(empty.problem?.code).toBe('empty-input');
  });
});

describe('progress messages', () => {
  it('carry only the files that changed, and together cover every file', async () => {
    const bytes = new Uint8Array(readFileSync(FILES[0]!));
    const items: AnalyzeItem[] = Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, path: `copy-${i}.log`, sizeBytes: bytes.length, source: chunkedStream(bytes, 16384) }));
    const batches: string[][] = [];
    const out = await runAnalysis(items, hooks({ onProgress: (files) => batches.push(files.map((f) => `${f.id}:${f.status}`)) }));
    expect(out.kind).toBe('done');
    // The first message lists every queued file; later ones only what moved.
    expect(batches[0]).toEqual(['f0:reading', 'f1:queued', 'f2:queued', 'f3:queued', 'f4:queued', 'f5:queued']);
    expect(Math.max(...batches.slice(1, -1).map((b) => b.length))).toBeLessThanOrEqual(2);
    // Every file is reported done at the end.
    expect(batches.at(-1)).toEqual(['f0:done', 'f1:done', 'f2:done', 'f3:done', 'f4:done', 'f5:done']);
  });
});

describe('incident labels', () => {
  it('reach finish(): the report gets its rca section with the same result as the Node adapter', async () => {
    // Nezha TrainTicket: network delay injected into ts-contacts-service at 11:51:46 (fault list).
    const nezha = resolve(data, 'incident-nezha/trainticket-2023-01-30');
    const paths = ['trace/11_51_trace.csv', 'trace/11_52_trace.csv', 'metric/ts-contacts-service-866bd68c97-dzqgd_metric.csv', 'metric/ts-gateway-service-6f6cfc45b-d9pnv_metric.csv'].map((p) => resolve(nezha, p));
    const { incidents } = parseIncidents('id,start,service,fault\nnet-1,2023-01-30T11:51:46Z,ts-contacts-service,network_delay\n');
    const items: AnalyzeItem[] = paths.map((p, i) => ({ id: `n${i}`, path: basename(p), sizeBytes: statSync(p).size, source: new Blob([readFileSync(p)]) }));
    const out = await runAnalysis(items, hooks(), { incidents });
    if (out.kind !== 'done') throw new Error('cancelled');
    const a = new Analysis({ toolVersion: TOOL_VERSION, createHasher: createNodeSha256, incidents });
    for (const p of paths) await analyzeFile(a, { path: p, display: basename(p), size: statSync(p).size });
    const expected = JSON.parse(serializeReport(a.finish(GENERATED_AT)));
    expect(expected.rca.cases.map((c: { id: string; trueService: string }) => [c.id, c.trueService])).toEqual([['net-1', 'ts-contacts-service']]);
    expect(JSON.parse(serializeReport(out.report)).rca).toEqual(expected.rca);
    // Without labels there is no rca section.
    const plain = await runAnalysis(paths.map((p, i) => ({ id: `m${i}`, path: basename(p), sizeBytes: statSync(p).size, source: new Blob([readFileSync(p)]) })), hooks());
    if (plain.kind !== 'done') throw new Error('cancelled');
    expect(plain.report.rca).toBeUndefined();
  }, 60_000);
});

describe('a zip that stores symbolic links (zip -y, macOS)', () => {
  it('passes over the links as the CLI does (the central directory read from the picked file)', async () => {
    const { zipSync } = await import('fflate');
    const enc = (s: string) => new TextEncoder().encode(s);
    const log = '2026-11-28T08:00:01Z INFO app request 1 done\n2026-11-28T08:00:02Z WARN app request 2 slow\n';
    const zip = zipSync({ 'a.log': [enc(log), { os: 3, attrs: (0o100644 << 16) >>> 0 }], 'passwd.log': [enc('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    const out = await runAnalysis([{ id: 'z', path: 'links.zip', sizeBytes: zip.length, source: new Blob([zip]) }], hooks());
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(out.report.inputs.map((i) => [i.path, i.records, i.errors.map((e) => e.code)])).toEqual([
      ['links.zip', 0, ['unsupported']],
      ['links.zip/a.log', 2, []],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'obsready-app-zip-'));
    try {
      writeFileSync(join(dir, 'links.zip'), zip);
      const cli = await nodeReport([join(dir, 'links.zip')]);
      expect(cli.inputs.map((i) => [basename(dirname(i.path)) === 'links.zip' ? `links.zip/${basename(i.path)}` : basename(i.path), i.records, i.errors.map((e) => e.message)])).toEqual(out.report.inputs.map((i) => [i.path, i.records, i.errors.map((e) => e.message)]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
