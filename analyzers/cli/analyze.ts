// `obsready analyze PATH… [--as FORMAT] [--json FILE] …`
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readFileBoundedAsync } from '../node/read-bounded.js';

/** A workflows file describes a few workflows: past this it is not one. */
const MAX_WORKFLOWS_BYTES = 16 * 1024 * 1024;
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Analysis } from '../analysis/analysis.js';
import { withInputAliases } from '../analysis/aliases.js';
import { forcedFormatNames, isForcedFormat } from '../importers/sniff.js';
import type { FormatId, ForcedFormat } from '../importers/types.js';
import { analyzeFile, createNodeSha256, expandPaths, notReadInput, plainReason, type ExpandedInput } from '../node/read-inputs.js';
import { PARALLEL_MIN_BYTES, WorkerPool, analyzeFileSplit, finishSplit, splittableFormat } from '../node/parallel.js';
import { earlyWorkersWaiting, stopEarlyWorkers } from '../node/early-workers.js';
import { ANALYZE_OPTIONS, ANALYZE_WORKER_URL } from './analyze-start.js';
import { collectGarbage } from '../node/gc.js';
import type { InputSession } from '../analysis/analysis.js';
import type { SelfTrace } from '../node/self-trace.js';
import { TOOL_VERSION } from '../version.js';
import { readIncidentsFile } from '../node/incidents.js';
import { parseWorkflows, type WorkflowAssessment } from '../workflows/model.js';
import { workflowsForReport } from '../workflows/report.js';
import type { Incident } from '../correlation/types.js';
import { formatRcaSummary } from './rca-summary.js';
import type { InputReport, Report } from '../report/model.js';
import { formatScoreSummary } from '../scoring/format-summary.js';
import { ProgressBar, formatBytes } from './progress.js';
import { DETAIL_THRESHOLD_BYTES, detailLevelFor } from '../analysis/detail.js';
import { traceInputBytes } from '../node/trace-bytes.js';
import { formatReadAs, formatSample, formatTraceDetail, labelVerdict, visibleControls } from '../report/format.js';
import { displayWidth, tableChunks, visible } from './table.js';
import { OUTPUT_FILE_OPTIONS, OUTPUT_HELP, checkOutputPaths, removeTempsOnSignal, repeatedOption, writeTarget, gateExitCode, validateOutputValues, writeOutputs, writeFileCreatingDir, type OutputValues } from './outputs.js';

export const ANALYZE_HELP = `Usage: obsready analyze PATH… [options]

Reads telemetry exports (files, folders recursively, .gz, .zst, tar and zip archives; \`-\` or a
pipe for standard input), detects each format by content, and reports what was read, what was
rejected and why.

Options:
  --as FORMAT          force the format of every input: ${forcedFormatNames().join(', ')}
                       (csv: each CSV's content picks csv-metrics, csv-spans or csv-logs)
${OUTPUT_HELP}  --incidents FILE     labelled incidents (CSV/JSON: id, start, end, service, fault): replay root-cause ranking
  --workflows FILE     workflow assessments (the JSON the desktop app saves): their level L0–L5 and
                       binding constraint against this data go into every report
  --trace-self FILE    write ObsReady's own spans (per file and phase) as OTLP JSON
  --no-progress        no progress bar on stderr (it is shown only on a terminal anyway)
  --exact              examine every span's details, however large the trace inputs (slower); by
                       default, past 64 MB of trace input the span details (span checks, trace topology,
                       correlation's traces) are examined on whole traces sampled by trace id, the
                       counts staying exact, and the report says so (signals.traces.detail)
  -h, --help           this help

Exit codes: 0 analysed, 1 a gate failed, 2 unusable input or usage error (missing path,
nothing recognisable, no record readable, bad option value, report file that cannot be
written), 3 internal error, 130 stopped by Ctrl-C.

Ctrl-C (e.g. on \`kubectl logs -f … | obsready analyze -\`, which never ends) stops reading: the
reports of what was read are written, the input being read carrying a \`truncated\` error that says
where it stopped, and the exit code is 130. A second Ctrl-C quits at once, writing nothing.
`;

/** The detail-sampling threshold: DETAIL_THRESHOLD_BYTES, or OBSREADY_DETAIL_THRESHOLD_MB (tests, experiments). */
function detailThresholdBytes(): number {
  const mb = Number(process.env['OBSREADY_DETAIL_THRESHOLD_MB']);
  return process.env['OBSREADY_DETAIL_THRESHOLD_MB'] !== undefined && Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : DETAIL_THRESHOLD_BYTES;
}

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** After this long without a byte from a named pipe, the terminal says what the run waits for. */
export const PIPE_WAIT_NOTICE_MS = 3000;

/**
 * Starts the notice for a named pipe (`obsready analyze /tmp/fifo`, `<(kubectl logs …)`): if it gives
 * nothing for PIPE_WAIT_NOTICE_MS — no program has opened it for writing, or the program is still
 * quiet — one line says the run is waiting for it, and how to stop. Returns the cancel (call it on
 * every chunk read; once is enough).
 */
export function waitingNotice(display: string, stderr: { write(s: string): unknown }, beforeWrite: () => void = () => undefined, ms = PIPE_WAIT_NOTICE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    timer = undefined;
    beforeWrite();
    stderr.write(visibleControls(`obsready: ${display}: waiting for data (a named pipe or device gives nothing until a program writes to it; Ctrl-C to stop)`) + '\n');
  }, ms);
  // (a run waiting only for this timer still waits for the pipe, so the timer need not keep it alive)
  timer.unref?.();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}

export async function runAnalyze(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: ANALYZE_OPTIONS,
    });
  } catch (e) {
    // (Node's own advice on positionals that start with `-` is about its API, not this command line)
    // A file whose name starts with `-` was taken for options: say how to name it.
    const dashed = argv.find((a) => a.length > 1 && a.startsWith('-') && !a.startsWith('--') && existsSync(a));
    const hint = dashed ? `\n(${visibleControls(dashed)} is a file: name it ./${visibleControls(dashed)}, or put -- before the paths)` : '';
    io.stderr.write(`obsready analyze: ${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}${hint}\n\n${ANALYZE_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const twice = repeatedOption(parsed.tokens);
  if (twice) {
    io.stderr.write(`obsready analyze: --${twice} is given more than once; give it once\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(ANALYZE_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr.write(`obsready analyze: no input given\n\n${ANALYZE_HELP}`);
    return 2;
  }
  const forced = values.as;
  if (forced !== undefined && !isForcedFormat(forced)) {
    io.stderr.write(`obsready analyze: unknown format "${forced}" for --as; one of: ${forcedFormatNames().join(', ')}\n`);
    return 2;
  }

  const outputFiles = { '--trace-self': values['trace-self'] };
  const optionInputs = [values.incidents, values.workflows].filter((x): x is string => x !== undefined);
  try {
    // Bad option values fail fast, before a long analysis.
    validateOutputValues(values as OutputValues);
    checkOutputPaths(values as OutputValues, outputFiles, [...positionals, ...optionInputs]);
  } catch (e) {
    io.stderr.write(`obsready analyze: ${(e as Error).message}\n`);
    return 2;
  }

  let incidents: Incident[] | undefined;
  if (values.incidents !== undefined) {
    // (a named pipe given here waits for its writer as an input does, and says so)
    const waiting = waitingNotice(values.incidents, io.stderr);
    try {
      const read = await readIncidentsFile(values.incidents);
      waiting();
      for (const issue of read.issues) io.stderr.write(`obsready: ${values.incidents}: ${issue.message}\n`);
      if (read.incidents.length === 0) {
        io.stderr.write(`obsready analyze: no usable incident in ${values.incidents}\n`);
        return 2;
      }
      incidents = read.incidents;
    } catch (e) {
      waiting();
      io.stderr.write(`obsready analyze: cannot read --incidents ${values.incidents}: ${plainReason(e)}\n`);
      return 2;
    }
  }

  let workflows: WorkflowAssessment[] | undefined;
  if (values.workflows !== undefined) {
    let text: string;
    const waiting = waitingNotice(values.workflows, io.stderr);
    try {
      text = (await readFileBoundedAsync(values.workflows, MAX_WORKFLOWS_BYTES)).toString('utf8');
    } catch (e) {
      io.stderr.write(`obsready analyze: cannot read --workflows ${values.workflows}: ${plainReason(e)}\n`);
      return 2;
    } finally {
      waiting();
    }
    const parsed = parseWorkflows(text);
    for (const p of parsed.problems) io.stderr.write(visibleControls(`obsready: ${values.workflows}: ${p}`) + '\n');
    if (parsed.workflows.length === 0) {
      io.stderr.write(`obsready analyze: no usable workflow in ${values.workflows}\n`);
      return 2;
    }
    workflows = parsed.workflows;
  }

  let selfTrace: SelfTrace | undefined;
  // Loaded only when asked: the OpenTelemetry Node SDK costs ~300 ms of start-up.
  if (values['trace-self']) selfTrace = (await import('../node/self-trace.js')).startSelfTrace(TOOL_VERSION);

  const expanded = await expandPaths(positionals);
  const { missing } = expanded;
  for (const m of missing) io.stderr.write(visibleControls(`obsready: ${m.path}: ${m.reason}`) + '\n');
  for (const d of expanded.emptyFolders) io.stderr.write(visibleControls(`obsready: ${d}: the folder holds no files (hidden ones are not read)`) + '\n');
  for (const a of expanded.aliases) io.stderr.write(visibleControls(a.path === a.sameAs ? `obsready: ${a.path}: named twice, read once` : `obsready: ${a.path}: the same file as ${a.sameAs} (a link, or named twice): read once, as ${a.sameAs}`) + '\n');
  if ((missing.length > 0 || expanded.emptyFolders.length > 0) && expanded.files.length === 0) {
    // nothing to read at all: no empty summary, no reports
    io.stderr.write('obsready: nothing to analyse\n');
    return 2;
  }
  // A report an earlier run wrote into an input folder (`analyze . --json report.json`, run again)
  // is this run's output, not telemetry: found by walking a folder, it is skipped, not read and
  // then overwritten. Named on the command line it is refused above.
  const ownOutputs = new Map<string, string>();
  for (const k of OUTPUT_FILE_OPTIONS) {
    const v = (values as OutputValues)[k];
    if (v && v !== '-') ownOutputs.set(resolve(writeTarget(v)), `--${k}`);
  }
  for (const [k, v] of Object.entries(outputFiles)) if (v) ownOutputs.set(resolve(writeTarget(v)), k);
  const files = expanded.files.filter((f) => {
    // (outputs are named by text: a file whose name is not UTF-8 is none of them)
    const opt = typeof f.path === 'string' ? ownOutputs.get(resolve(f.path)) : undefined;
    // Only a file ObsReady wrote (it names itself near the start); other telemetry is refused below.
    if (!opt || typeof f.path !== 'string' || !writtenByObsReady(f.path)) return true;
    io.stderr.write(`obsready: ${f.display}: skipped, it is this run's ${opt} output\n`);
    return false;
  });
  try {
    // Any other way an output names an input file (a hard link) is refused.
    checkOutputPaths(values as OutputValues, outputFiles, files.flatMap((f) => (typeof f.path === 'string' ? [f.path] : [])));
  } catch (e) {
    io.stderr.write(`obsready analyze: ${(e as Error).message}\n`);
    if (selfTrace) await selfTrace.stop();
    return 2;
  }

  const totalBytes = files.reduce((a, f) => a + f.size, 0);
  // Detail sampling (analysis/detail.ts): one level for the whole run, from the bytes of its inputs
  // that may hold spans, known before anything is read; the worker threads get the same level.
  const threshold = detailThresholdBytes();
  const detailLevel = values.exact || totalBytes <= threshold ? 0 : detailLevelFor(await traceInputBytes(files, forced), threshold);
  const analysis = new Analysis({
    toolVersion: TOOL_VERSION,
    createHasher: createNodeSha256,
    ...(forced ? { forceFormat: forced } : {}),
    ...(incidents ? { incidents } : {}),
    ...(detailLevel > 0 ? { detailLevel } : {}),
  });
  const bar = new ProgressBar(io.stderr, Boolean(io.stderr.isTTY) && !values['no-progress']);
  const sizeUnknown = files.some((f) => f.pipe === true);
  let doneBytes = 0;
  let records = 0;
  let rejected = 0;
  // Big JSON Lines inputs are split across worker threads (one per core).
  const pool = new WorkerPool(ANALYZE_WORKER_URL, undefined, detailLevel > 0 ? { detailLevel } : {});
  // Workers started early (main.ts: a named file looked splittable) are kept only if an input will
  // be split: the first input that will be is looked for now, and without one they stop, unused.
  if (earlyWorkersWaiting() && !(await anySplittable(files, forced))) stopEarlyWorkers();
  const splitSessions = new Map<number, InputSession>();
  // Many small inputs (a folder or an archive of 100,000 files): each one's objects live long
  // enough to reach V8's old generation, which then grows to several times what is live before it
  // is collected. A full collection every INPUTS_PER_GC inputs keeps RSS near the live size.
  let inputsDone = 0;
  const collector = { last: 0, tick: (n: number) => n - collector.last >= INPUTS_PER_GC && ((collector.last = n), collectGarbage()) };
  // A file's entry (its absolute path, its size) is let go once it is read: a folder of 200,000
  // files does not keep them all to the end of the run (the report row keeps the name it shows).
  expanded.files.length = 0;
  const toRead: (ExpandedInput | undefined)[] = files;
  // A first Ctrl-C stops reading (`kubectl logs -f | obsready analyze -` never ends): the input being
  // read says where it stopped (`truncated`), and the reports of what was read are written; exit 130.
  // A second one exits at once.
  const interrupt = new Interrupt(io.stderr, () => bar.done());
  let reading = '';
  let unread = 0;
  for (let i = 0; i < toRead.length; i++) {
    if (interrupt.signal.aborted) {
      unread = toRead.length - i;
      // (each named in the reports, not only counted on stderr)
      for (let j = i; j < toRead.length; j++) notReadInput(analysis, toRead[j]!);
      break;
    }
    const f = toRead[i]!;
    reading = f.display;
    toRead[i] = undefined;
    const split = await splittableFormat(f, forced);
    if (split) {
      const session = await analyzeFileSplit(analysis, f, split, pool, (_s, raw) => {
        bar.update({ file: f.display, fileIndex: i, fileCount: files.length, bytesDone: doneBytes + raw, bytesTotal: totalBytes, sizeUnknown, records, rejected });
      }, (r, j) => {
        records += r;
        rejected += j;
      }, interrupt.signal);
      splitSessions.set(session.index, session);
      doneBytes += f.size;
      continue;
    }
    // A named pipe nothing writes to yet gives nothing, and opening it waits: say so, not a silent wait.
    const waiting = f.pipe && !f.stdin ? waitingNotice(f.display, io.stderr, () => bar.done()) : undefined;
    const source = await analyzeFile(analysis, f, (s, raw) => {
      waiting?.();
      const p = s.totals();
      collector.tick(inputsDone + p.inputs);
      bar.update({ file: f.display, fileIndex: i, fileCount: files.length, bytesDone: doneBytes + raw, bytesTotal: totalBytes, sizeUnknown, records: records + p.records, rejected: rejected + p.rejected });
    }, interrupt.signal);
    waiting?.();
    doneBytes += f.size;
    const t = source.totals();
    records += t.records;
    rejected += t.rejected;
    inputsDone += t.inputs;
    collector.tick(inputsDone);
  }
  stopEarlyWorkers(); // (none left once the pool took them)
  if (pool.used) await finishSplit(analysis, splitSessions, pool);
  bar.done();
  if (interrupt.signal.aborted) {
    const more = unread > 0 ? `; ${unread.toLocaleString('en-US')} more input${unread === 1 ? ' was' : 's were'} not read` : '';
    io.stderr.write(visibleControls(`obsready: stopped by Ctrl-C while reading ${reading}${more}: the reports hold what was read (exit code 130)`) + '\n');
  }

  const report = analysis.finish();
  // The other paths of a file read once are in the report too, not only on the terminal.
  report.inputs = withInputAliases(report.inputs, expanded.aliases);
  const workflowRows = workflows ? workflowsForReport(workflows, report) : undefined;
  if (workflowRows) report.workflows = workflowRows;
  // With an output on stdout (`--json -`), stdout carries only that report: the summary goes to stderr.
  const toStdout = OUTPUT_FILE_OPTIONS.some((k) => (values as OutputValues)[k] === '-');
  // A write to stdout that fails (a full disk behind `> file`, /dev/full) is said once and ends
  // the run with 2, as a report file that cannot be written does; writes to it then stop. A reader
  // that went away (EPIPE, `| head`) is no failure: main.ts lets that pass.
  const stdout = new GuardedStdout(io.stdout);
  const out = toStdout ? io.stderr : stdout;
  // Names and messages from the data reach the terminal: control characters are shown, not obeyed.
  const say = { write: (text: string): boolean => out.write(visibleControls(text)) };
  for (const piece of inputsTableChunks(report)) say.write(piece);
  say.write(formatSignals(report));
  say.write(formatRcaSummary(report));
  say.write(formatScoreSummary(report));
  if (workflowRows) {
    say.write('\nWorkflows (level now → next; what binds it; data readiness of their services):\n');
    for (const w of workflowRows) {
      const next = w.nextLevel !== null ? `L${w.nextLevel}` : 'top level';
      const data = w.dataReadiness !== null ? `${w.dataReadiness}/100 (${w.readinessVerdict ? labelVerdict(w.readinessVerdict) : 'n/a'})` : 'no scored service';
      say.write(`  ${w.name}: L${w.level} ${w.levelName} → ${next}; binding: ${w.bindingConstraint ?? 'none'}; data: ${data}\n`);
    }
  }

  let code = 0;
  const recognised = report.inputs.some((i) => i.format !== 'unknown');
  // Recognised (or forced with --as) but not one record read: every record rejected, or a CSV with
  // only its header. Nothing was analysed, so it is unusable input too, not a pass.
  const readable = report.inputs.some((i) => i.records > 0);
  if (missing.length > 0 || !recognised || !readable) {
    if (!recognised) io.stderr.write('obsready: no recognisable telemetry in the input\n');
    else if (!readable) {
      const rejected = report.inputs.reduce((a, i) => a + i.rejected, 0);
      io.stderr.write(`obsready: no telemetry record could be read from the input${rejected ? ` (${rejected.toLocaleString('en-US')} rejected)` : ''}\n`);
    }
    code = 2;
  }
  try {
    if (toStdout && stdoutClosedAtStart()) throw new Error('stdout is closed: nothing can be written to it');
    // Ctrl-C while a report is written removes its temporary file (exit 130); kept to the end of the
    // run, so a signal that arrives while a synchronous write runs is still obeyed after it.
    interrupt.release();
    removeTempsOnSignal();
    const written = await writeOutputs(report, values as OutputValues, stdout);
    // (a report on stdout is written once stdout took it all)
    await stdout.settled();
    const onStdout = OUTPUT_FILE_OPTIONS.find((k) => (values as OutputValues)[k] === '-');
    if (onStdout && stdout.failed) throw new Error(`--${onStdout} -: cannot write to stdout: ${writeFailure(stdout.failed)}`);
    for (const line of written) say.write(line + '\n');
  } catch (e) {
    io.stderr.write(`obsready: cannot write report: ${(e as Error).message}\n`);
    code = 2;
  }
  await stdout.settled();
  if (stdout.failed && !toStdout) {
    io.stderr.write(`obsready: cannot write to stdout: ${writeFailure(stdout.failed)}\n`);
    code = 2;
  }
  if (code === 0) {
    const gate = gateExitCode(report, values as OutputValues);
    for (const r of gate.reasons) io.stderr.write(`obsready: gate failed: ${r}\n`);
    code = gate.code;
  }
  if (selfTrace) {
    const { spans, json } = await selfTrace.stop();
    try {
      writeFileCreatingDir('--trace-self', values['trace-self']!, json);
      say.write(`Self-trace: ${spans} spans → ${values['trace-self']}\n`);
    } catch (e) {
      io.stderr.write(`obsready: cannot write the self-trace: ${(e as Error).message}\n`);
      code = 2;
    }
  }
  await stdout.settled();
  stdout.release();
  interrupt.release();
  // (a run stopped by Ctrl-C wrote its reports: the exit code still says it was stopped)
  return interrupt.signal.aborted ? INTERRUPTED_EXIT : code;
}

/** Whether one of `files` will be split (reads the heads of the big ones, up to the first that will). */
async function anySplittable(files: readonly ExpandedInput[], forced: ForcedFormat | undefined): Promise<boolean> {
  for (const f of files) if (f.size >= PARALLEL_MIN_BYTES && (await splittableFormat(f, forced))) return true;
  return false;
}

/** The exit code of a run stopped by Ctrl-C, as a shell gives a program killed by SIGINT (128 + 2). */
export const INTERRUPTED_EXIT = 130;

/**
 * Ctrl-C (SIGINT) while analyze reads: the first aborts `signal` (reading stops, the reports of
 * what was read are written) and says so on stderr; the second exits at once with 130.
 */
export class Interrupt {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly onSignal = (): void => {
    if (this.signal.aborted) process.exit(INTERRUPTED_EXIT);
    this.beforeWrite();
    this.stderr.write('obsready: Ctrl-C: reading stops; the reports of what was read are being written (Ctrl-C again to quit at once)\n');
    this.controller.abort();
  };

  constructor(private readonly stderr: { write(s: string): unknown }, private readonly beforeWrite: () => void = () => undefined) {
    process.on('SIGINT', this.onSignal);
  }

  /** Back to the default (or the next handler: the one that removes a report's temporary file). */
  release(): void {
    process.off('SIGINT', this.onSignal);
  }
}

/** Inputs read between two full garbage collections (see runAnalyze): ~50 ms each, against seconds of reading. */
const INPUTS_PER_GC = 10_000;

/** Why a write failed, in words (the system's message otherwise). */
export function writeFailure(e: NodeJS.ErrnoException): string {
  return e.code === 'ENOSPC' ? 'no space left on the device' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EROFS' ? 'read-only file system' : e.message;
}

/**
 * stdout as analyze writes it: a write that fails (thrown at once when stdout is a file, emitted
 * later when it is a pipe) is kept in `failed` and writes stop, instead of an exception that
 * would end the run as an internal error. A reader gone away (EPIPE) stops writes without failing.
 */
export class GuardedStdout {
  failed: NodeJS.ErrnoException | undefined;
  private stopped = false;

  private readonly onError = (e: NodeJS.ErrnoException): void => this.stop(e);

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', this.onError);
  }

  /** Stops watching the stream (the run is over: a run in the same process adds its own). */
  release(): void {
    this.stream.off('error', this.onError);
  }

  private stop(e: NodeJS.ErrnoException): void {
    this.stopped = true;
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') this.failed ??= e;
  }

  write(text: string): boolean {
    if (this.stopped) return false;
    try {
      return this.stream.write(text, (e) => e && this.stop(e));
    } catch (e) {
      this.stop(e as NodeJS.ErrnoException);
      return false;
    }
  }

  /** Once what was written so far has gone out (or failed). */
  settled(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        this.stream.write('', () => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/**
 * Whether stdout was closed when the process started (`>&-`): Node then opens /dev/null in its
 * place, read-write, so writes vanish without an error. Told on Linux by that open mode (a shell's
 * `>/dev/null` opens it write-only); elsewhere not known (false).
 */
export function stdoutClosedAtStart(): boolean {
  try {
    const info = readFileSync('/proc/self/fdinfo/1', 'utf8');
    const flags = /^flags:\s*([0-7]+)/m.exec(info);
    if (!flags || (parseInt(flags[1]!, 8) & 3) !== 2) return false;
    const fd = fstatSync(1);
    const dn = statSync('/dev/null');
    return fd.isCharacterDevice() && fd.rdev === dn.rdev;
  } catch {
    return false;
  }
}

/** Whether a file looks like an ObsReady report or self-trace: "obsready" in its first 64 KB. */
function writtenByObsReady(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return /obsready/i.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The inputs table in pieces of whole lines (see tableChunks): a row is made when it is written.
 * Under it, why an input was read as another format than its head showed (`detection.readAs`: a
 * sentence, too long for a column), for the first few such inputs.
 */
export function* inputsTableChunks(report: Report): Generator<string> {
  const rows = function* (): Generator<string[]> {
    for (const i of report.inputs) yield inputRow(i);
  };
  yield* tableChunks(['input', 'format', 'signal', 'size', 'records', 'rejected', 'errors (first)'], rows, ['l', 'l', 'l', 'r', 'r', 'r', 'l']);
  let notes = '';
  let count = 0;
  for (const i of report.inputs) {
    if (!i.detection?.readAs) continue;
    if (count++ < READ_AS_NOTES) notes += `${visible(i.path)} (${i.format}): ${visible(formatReadAs(i.detection.readAs))}\n`;
  }
  if (count > READ_AS_NOTES) notes += `and ${(count - READ_AS_NOTES).toLocaleString('en-US')} more read as another format than their head showed (inputs[].detection.readAs in the JSON report)\n`;
  if (notes) yield '\n' + notes;
}

/** Inputs read as another format than their head whose why the terminal says under the table. */
const READ_AS_NOTES = 10;

/** Terminal columns a path takes in the table at most: the reports keep it whole. */
export const PATH_COLUMNS = 120;

/**
 * A path for the table: control characters shown, and past PATH_COLUMNS its end kept after a `…`
 * (the file's name and nearest folders). Every row is padded to the widest path, so one path of
 * 4,000 characters (a deep export folder) made a table of 20,000 files 86 MB of spaces.
 */
export function tablePath(path: string): string {
  const shown = visible(path);
  if (displayWidth(shown) <= PATH_COLUMNS) return shown;
  const chars = [...shown];
  let width = 1;
  let from = chars.length;
  while (from > 0 && width + displayWidth(chars[from - 1]!) <= PATH_COLUMNS) width += displayWidth(chars[--from]!);
  return '…' + chars.slice(from).join('');
}

function inputRow(i: InputReport): string[] {
  const first = i.errors[0];
  const err = first ? `${first.code}${first.line !== undefined ? ` @${first.line}` : first.offset !== undefined ? ` @byte ${first.offset}` : ''}: ${first.message}` : '';
  return [
    tablePath(i.path),
    i.format + (i.container === 'gzip' ? '.gz' : i.container === 'zstd' ? '.zst' : ''), // the terminal's short form
    i.signal,
    formatBytes(i.bytes),
    i.records.toLocaleString('en-US'),
    i.rejected.toLocaleString('en-US'),
    i.errorCount ? `${i.errorCount}: ${err.length > 70 ? err.slice(0, 69) + '…' : err}` : '',
  ];
}

/** "12 services", or "100,000 services (10,000 listed)" when the report lists the first names only. */
function serviceWords(sig: { services: string[]; serviceCount?: number; servicesCapped?: true; serviceCountApproximate?: true }): string {
  const n = sig.serviceCount ?? sig.services.length;
  return `${sig.serviceCountApproximate ? '~' : ''}${n.toLocaleString('en-US')} services${sig.servicesCapped ? ` (${sig.services.length.toLocaleString('en-US')} listed)` : ''}`;
}

export function formatSignals(report: Report): string {
  const s = report.signals;
  // Which counts are estimates: trace ids and series past their exact-count limits (a sketch).
  const approx = s.approximate ? '\n(distinct counts past their exact limits — 1,000,000 trace ids, 500,000 series, 100,000 metric names, 1,000,000 service names — are estimated, about ±2 %)' : '';
  // Past the memory cap the trace checks read a sample of whole traces: say which, as the findings do.
  const t = report.correlation?.traces;
  // (a trace sample at the detail level's share is the detail sample, said on its own line)
  const detail = formatTraceDetail(s.traces.detail, s.traces.spans);
  const kept = t && t.sampledShare < (s.traces.detail?.share ?? 1) && t.sampledShare > 0 ? formatSample({ unit: 'traces', size: t.traces, total: t.totalTraces ?? Math.round(t.traces / t.sampledShare), ...(t.totalTraces === undefined || t.totalTracesEstimated === true ? { estimated: true as const } : {}), share: t.sampledShare }) : '';
  return (
    `\nTraces:  ${s.traces.spans.toLocaleString('en-US')} spans in ${s.traces.traces.toLocaleString('en-US')} traces, ${serviceWords(s.traces)}\n` +
    (detail ? `         ${detail}\n` : '') +
    (kept ? `         trace checks: ${kept} (memory cap)\n` : '') +
    `Metrics: ${s.metrics.points.toLocaleString('en-US')} points in ${s.metrics.series.toLocaleString('en-US')} series, ${s.metrics.metricNames.toLocaleString('en-US')} metric names\n` +
    `Logs:    ${s.logs.records.toLocaleString('en-US')} records, ${serviceWords(s.logs)}${approx}\n`
  );
}
