// The file list's format of a file: the detection's early guess (the first 64 KB only), marked as a
// guess, until the analysis knows the format; then the analysis's. A Collector log whose
// debug-exporter batches start past the first 64 KB was listed `text-logs` while the analysis read
// it as `otel-debug` (and, with the progress of a run gone, listed so again).
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { detectInput, runAnalysis } from '../../../../renderer/workers/analysis-engine.js';
import type { FileProgress } from '../../../../renderer/workers/protocol.js';
import { addInputs, applyDetections, applyProgress, finishRun, initialState, startRun } from '../../../../renderer/state/transitions.js';
import type { AppState } from '../../../../renderer/state/types.js';
import { InputRow } from '../../../../renderer/features/inputs/InputsList.js';
import { GUESS_TITLE, formatCell } from '../../../../renderer/features/inputs/input-format.js';

const apply = (s: AppState, patch: Partial<AppState>): AppState => ({ ...s, ...patch });

// The Collector's own log (zap console encoder), 400 export retries, then one batch of the debug exporter.
const RETRY = (i: number): string =>
  `2024-05-01T10:00:${String(10 + (i % 50)).padStart(2, '0')}.000Z\tinfo\texporterhelper/retry_sender.go:118\tExporting failed. Will retry the request after interval.\t{"kind": "exporter", "data_type": "traces", "name": "otlp/jaeger", "error": "rpc error: code = Unavailable desc = connection error", "interval": "${(i % 7) + 1}.5s"}`;
const BATCH = [
  '2024-05-01T10:06:05.000Z\tinfo\tTracesExporter\t{"kind": "exporter", "data_type": "traces", "name": "debug", "resource spans": 1, "spans": 1}',
  '2024-05-01T10:06:05.000Z\tinfo\tResourceSpans #0',
  'Resource SchemaURL: https://opentelemetry.io/schemas/1.4.0',
  'Resource attributes:',
  '     -> service.name: Str(api)',
  'ScopeSpans #0',
  'ScopeSpans SchemaURL: ',
  'InstrumentationScope io.opentelemetry.http 1.0.0',
  'Span #0',
  '    Trace ID       : 5b8efff798038103d269b633813fc60c',
  '    Parent ID      : ',
  '    ID             : eee19b7ec3c1b174',
  '    Name           : GET /orders',
  '    Kind           : Server',
  '    Start time     : 2024-05-01 10:06:04.5 +0000 UTC',
  '    End time       : 2024-05-01 10:06:04.75 +0000 UTC',
  '    Status code    : Error',
  '    Status message : upstream timeout',
  '\t{"kind": "exporter", "data_type": "traces", "name": "debug"}',
];
const TEXT = [
  '2024-05-01T10:00:00.009Z\tinfo\tservice@v0.96.0/service.go:143\tStarting otelcol-contrib...\t{"Version": "0.96.0", "NumCPU": 8}',
  '2024-05-01T10:00:00.030Z\tinfo\tservice@v0.96.0/service.go:169\tEverything is ready. Begin running and processing data.',
  ...Array.from({ length: 400 }, (_v, i) => RETRY(i)),
  ...BATCH,
].join('\n') + '\n';

const row = (entry: AppState['inputs'][number]): string => renderToStaticMarkup(createElement(InputRow, { entry, elapsedMs: 0, running: false }));

describe('the file list\'s format of a file', () => {
  it('shows the detection as a guess, then the format the analysis found, and keeps it after the run', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    expect(bytes.length).toBeGreaterThan(SNIFF_BYTES);
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'c', path: 'collector.log', sizeBytes: bytes.length }]));
    // the early guess, from the first 64 KB: the Collector's own log
    const detection = await detectInput({ id: 'c', path: 'collector.log', sizeBytes: bytes.length, head: bytes.subarray(0, SNIFF_BYTES) });
    expect([detection.format, detection.signal]).toEqual(['text-logs', 'logs']);
    s = apply(s, applyDetections(s, [detection]));
    expect(formatCell(s.inputs[0]!)).toEqual({ format: 'text-logs', guess: true, label: detection.formatLabel, title: GUESS_TITLE, signal: 'logs' });
    expect(row(s.inputs[0]!)).toContain('<code>text-logs</code><span class="tag guess" data-testid="format-guess">guess</span>');

    // the run: each progress message as the app applies it
    s = apply(s, startRun(s, 1, 'run'));
    const seen: { format?: string; signal?: string; guess: boolean }[] = [];
    let t = 0;
    const out = await runAnalysis(
      [{ id: 'c', path: 'collector.log', sizeBytes: bytes.length, source: new Blob([bytes]) }],
      {
        now: () => (t += 1),
        onProgress: (files: FileProgress[], elapsedMs: number) => {
          s = apply(s, applyProgress(s, 1, files, elapsedMs));
          const c = formatCell(s.inputs[0]!);
          seen.push({ ...(c.format !== undefined ? { format: c.format } : {}), signal: c.signal, guess: c.guess });
        },
        onPartial: () => undefined,
        progressEveryMs: 0,
        partialEveryMs: 1e12,
        isCancelled: () => false,
        yieldToEvents: async () => undefined,
      },
    );
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(out.report.inputs.map((i) => i.format)).toEqual(['otel-debug']);
    // once the analysis knew the format, the list said it, with its signal, no longer as a guess
    const known = seen.findIndex((x) => x.format === 'otel-debug');
    expect(known).toBeGreaterThan(-1);
    for (const x of seen.slice(known)) expect(x).toEqual({ format: 'otel-debug', signal: 'traces', guess: false });
    // before that, only the guess
    for (const x of seen.slice(0, known)) expect(x.guess).toBe(true);
    s = apply(s, finishRun(s, 1, out.report, out.files));
    const done = row(s.inputs[0]!);
    expect(done).toContain('<code>otel-debug</code>');
    expect(done).not.toContain('format-guess');
    expect(done).not.toContain(detection.formatLabel);
    expect(done).toContain('<td>traces</td>');
    // a new run drops the progress of the last one: the analysis's format stays
    s = apply(s, startRun(s, 2, 'again'));
    expect(s.inputs[0]!.progress).toBeUndefined();
    expect(formatCell(s.inputs[0]!)).toEqual({ format: 'otel-debug', guess: false, signal: 'traces' });
  });

  it('an unrecognised file and an archive are no guess', () => {
    const base = { id: 'x', gzip: false, confidence: 1 } as const;
    expect(formatCell({ detection: { ...base, format: 'unknown', formatLabel: 'not recognised', signal: 'none', problem: { code: 'binary-data', message: 'binary' } } }).guess).toBe(false);
    expect(formatCell({ detection: { ...base, format: 'tar', formatLabel: 'tar archive', signal: 'none', archive: true } }).guess).toBe(false);
    expect(formatCell({})).toEqual({ guess: false, signal: '—' });
  });
});

// Prometheus 0.0.4 gauges past the first 64 KB, then a type only OpenMetrics has: the analysis reads
// the file as OpenMetrics from there on, and the list says why under the format (`readAs`).
const GAUGES = Array.from({ length: 1600 }, (_v, n) => `${n % 50 === 0 ? `# TYPE queue_depth_${n / 50} gauge\n` : ''}queue_depth_${Math.floor(n / 50)}{queue="q${n % 50}",instance="host-${n % 7}:9100"} ${n % 97}`).join('\n') + '\n';
const OM_TAIL = GAUGES + '# TYPE build info\nbuild_info{version="1.2.3"} 1\n# EOF\n';
const INFO_LINE = GAUGES.split('\n').length;
const READ_AS = `OpenMetrics: read as Prometheus 0.0.4 text (the two read alike up to there) until line ${INFO_LINE}, \`# TYPE build info\`, a type only OpenMetrics has, and as OpenMetrics from there`;
const NOTE = `<details class="read-as small" data-testid="format-read-as"><summary>not the format its first 64 KB showed</summary><p>${READ_AS.replace(/`([^`]+)`/g, '<code>$1</code>')}</p></details>`;

describe('a file read as another format than its head showed', () => {
  it('says why under the format once the analysis knows, keeps it after the run; a file read as its head showed says nothing', async () => {
    const files = { om: new TextEncoder().encode(OM_TAIL), plain: new TextEncoder().encode(GAUGES) };
    expect(files.om.length).toBeGreaterThan(SNIFF_BYTES);
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'om', path: 'om-tail.prom', sizeBytes: files.om.length }, { id: 'plain', path: 'plain.prom', sizeBytes: files.plain.length }]));
    const detections = await Promise.all((['om', 'plain'] as const).map((id) => detectInput({ id, path: `${id}.prom`, sizeBytes: files[id].length, head: files[id].subarray(0, SNIFF_BYTES) })));
    expect(detections.map((d) => d.format)).toEqual(['prometheus', 'prometheus']);
    s = apply(s, applyDetections(s, detections));
    expect(row(s.inputs[0]!)).not.toContain('read-as');
    s = apply(s, startRun(s, 1, 'run'));
    let t = 0;
    const out = await runAnalysis(
      (['om', 'plain'] as const).map((id) => ({ id, path: `${id}.prom`, sizeBytes: files[id].length, source: new Blob([files[id]]) })),
      {
        now: () => (t += 1),
        onProgress: (f: FileProgress[], elapsedMs: number) => {
          s = apply(s, applyProgress(s, 1, f, elapsedMs));
        },
        onPartial: () => undefined,
        progressEveryMs: 0,
        partialEveryMs: 1e12,
        isCancelled: () => false,
        yieldToEvents: async () => undefined,
      },
    );
    if (out.kind !== 'done') throw new Error('cancelled');
    expect(out.report.inputs.map((i) => [i.format, i.detection.readAs])).toEqual([['openmetrics', READ_AS], ['prometheus', undefined]]);
    s = apply(s, finishRun(s, 1, out.report, out.files));
    expect(formatCell(s.inputs[0]!)).toEqual({ format: 'openmetrics', guess: false, readAs: READ_AS, signal: 'metrics' });
    const om = row(s.inputs[0]!);
    expect(om).toContain(`<code>openmetrics</code>${NOTE}</td>`);
    const plain = row(s.inputs[1]!);
    expect(plain).toContain('<code>prometheus</code>');
    expect(plain).not.toContain('read-as');
    expect(plain).not.toContain('not the format');
    // a new run drops the progress of the last one: the why stays with the analysis's format
    s = apply(s, startRun(s, 2, 'again'));
    expect(formatCell(s.inputs[0]!).readAs).toBe(READ_AS);
    expect(formatCell(s.inputs[1]!).readAs).toBeUndefined();
  });
});
