// Report outputs the CLI can write (`--json FILE`, `--html`, `--pdf`, `--md`, `--sarif`,
// `--junit`) and the exit-code gates (`--fail-under`, `--fail-on`).
import { closeSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Report } from '../report/model.js';
import { jsonChunks } from '../report/json.js';
import type { Paper } from '../report/html/styles.js';
import { evaluateGates, type FailOn, type GateOptions } from '../report/gates.js';
import { formatDateTime, formatScore, labelVerdict } from '../report/format.js';
import { OUTPUT_FILE_OPTIONS, type OutputValues } from './output-options.js';
// The renderers of the other report formats (HTML through react-dom/server, PDF through
// playwright-core, Markdown, SARIF, JUnit) are loaded by writeOutputs only when their option is
// given: `analyze --json` does not load them at start-up.

export { OUTPUT_FILE_OPTIONS, OUTPUT_OPTIONS, type OutputValues } from './output-options.js';

export const OUTPUT_HELP = `  --json FILE          write the JSON report (schema: docs/report-schema.md)
  --html FILE          write the report as one self-contained HTML file
  --pdf FILE           print the HTML report to PDF with a system Chromium
  --paper a4|letter    page size of the PDF (default a4)
  --chromium PATH      the Chromium/Chrome binary for --pdf (default: found on the PATH)
  --md FILE            write the report as Markdown
  --sarif FILE         write failing rules as SARIF 2.1.0 (code-scanning dashboards)
  --junit FILE         write one JUnit testcase per rule per service
                       (FILE '-': that report to stdout, the summary to stderr; one at most, not --pdf)
  --fail-under N       exit 1 when the overall score is below N (0–100)
  --fail-on LEVEL      exit 1 when a rule of that impact fails: critical, or important
                       (important includes critical)
`;

/**
 * The first option given more than once (`--json a.json --json b.json`, `--fail-under 90
 * --fail-under 10`), from parseArgs tokens: node:util keeps only the last, so one of them would be
 * ignored without a word (a stricter gate silently loosened, a report silently not written).
 */
export function repeatedOption(tokens: readonly { kind: string; name?: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    if (seen.has(t.name)) return t.name;
    seen.add(t.name);
  }
  return undefined;
}

/** A bad option value: the CLI prints the message and exits 2. */
export class OutputUsageError extends Error {}

export interface ParsedOutputOptions {
  paper: Paper;
  gates: GateOptions;
}

/** Checks the option values; throws OutputUsageError with a message naming the option. */
export function validateOutputValues(values: OutputValues): ParsedOutputOptions {
  const paper = (values.paper ?? 'a4').toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') throw new OutputUsageError(`--paper must be a4 or letter, not "${values.paper}"`);
  const gates: GateOptions = {};
  if (values['fail-under'] !== undefined) {
    const raw = values['fail-under'].trim();
    const n = Number(raw);
    // Decimal only: Number() would also take '0x10', '1e1' or '0b1'.
    if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw) || !Number.isFinite(n) || n < 0 || n > 100) throw new OutputUsageError(`--fail-under must be a number from 0 to 100, not "${values['fail-under']}"`);
    gates.failUnder = n;
  }
  if (values['fail-on'] !== undefined) {
    const v = values['fail-on'].toLowerCase();
    if (v !== 'critical' && v !== 'important') throw new OutputUsageError(`--fail-on must be critical or important, not "${values['fail-on']}"`);
    gates.failOn = v as FailOn;
  }
  for (const k of ['json', 'html', 'pdf', 'md', 'sarif', 'junit', 'chromium'] as const) {
    if (values[k] !== undefined && values[k]!.trim() === '') throw new OutputUsageError(`--${k} needs a file path`);
  }
  if (values.pdf === '-') throw new OutputUsageError('--pdf needs a file path (a PDF is not written to stdout)');
  if (values.chromium === '-') throw new OutputUsageError('--chromium needs the path of a Chromium or Chrome binary');
  const dashes = OUTPUT_FILE_OPTIONS.filter((k) => values[k] === '-');
  if (dashes.length > 1) throw new OutputUsageError(`only one report can go to stdout ('-'): ${dashes.map((k) => `--${k}`).join(' and ')} both ask for it`);
  return { paper, gates };
}


/**
 * Why a file cannot be written at `path` (undefined when it looks writable): the path is a
 * folder, or a part of its folder path is a file. Checked before the analysis so a long run does
 * not end with "cannot write"; the write itself still reports anything else (permissions, disk).
 */
export function outputPathProblem(path: string): string | undefined {
  const stat = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  if (stat(path)?.isDirectory()) return `${path} is a folder`;
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const st = stat(dir);
    if (st) return st.isDirectory() ? undefined : `${dir} is a file, not a folder`;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Checks the output paths: no two outputs (nor an output and an input) are the same file, and each
 * can be created. `others` are further files by option (`--trace-self`) and `inputs` the files
 * read. Throws OutputUsageError naming the options.
 */
export function checkOutputPaths(values: OutputValues, others: Record<string, string | undefined> = {}, inputs: readonly string[] = []): void {
  const seen = new Map<string, string>();
  const outputs: [string, string][] = [];
  for (const k of OUTPUT_FILE_OPTIONS) if (values[k] && values[k] !== '-') outputs.push([`--${k}`, values[k]!]);
  for (const [k, v] of Object.entries(others)) if (v) outputs.push([k, v]);
  // An existing output reached by another name (a symlink, a hard link) is found by its inode.
  const fileId = (p: string): string | undefined => {
    try {
      const st = statSync(p);
      return st.isFile() && st.ino ? `${st.dev}:${st.ino}` : undefined;
    } catch {
      return undefined;
    }
  };
  // The outputs that are also inputs, found in one pass over the inputs: memory for the few
  // outputs, not a set of 200,000 input paths and another of their inodes.
  const abs = outputs.map(([, path]) => resolve(path));
  const ids = abs.map(fileId);
  const isInput = new Set<number>();
  const absSet = new Set(abs);
  const idSet = new Set(ids.filter((id): id is string => id !== undefined));
  for (const input of outputs.length > 0 ? inputs : []) {
    const a = resolve(input);
    const id = idSet.size > 0 ? fileId(input) : undefined;
    if (absSet.has(a) || (id !== undefined && idSet.has(id))) abs.forEach((o, k) => (o === a || (id !== undefined && ids[k] === id)) && isInput.add(k));
  }
  outputs.forEach(([opt, path], k) => {
    const before = seen.get(abs[k]!);
    if (before) throw new OutputUsageError(`${before} and ${opt} name the same file ${path}; give each output its own file`);
    seen.set(abs[k]!, opt);
    if (isInput.has(k)) throw new OutputUsageError(`${opt} ${path} is also an input; inputs are never overwritten`);
    const problem = outputPathProblem(path);
    if (problem) throw new OutputUsageError(`cannot write ${opt} ${path}: ${problem}`);
  });
}

/** A hidden temporary file beside `path` (same folder, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * `path` names a device, pipe or socket (`/dev/null`, `/dev/stdout`, a FIFO), possibly through a
 * symlink: written directly, never replaced by a renamed file (as root, a rename would turn
 * /dev/null into a regular file; `/dev/stdout` is a pipe with no folder to put a file in).
 */
export function isSpecialTarget(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** The file a write to `path` replaces: an existing symlink is written through, as a plain write would. */
export function writeTarget(path: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) return realpathSync(path);
  } catch {
    // does not exist yet (or a dangling link): write at path
  }
  return path;
}

/**
 * Writes `text` to a temporary file beside `path` and renames it into place: an interrupted run
 * (Ctrl-C, a full disk) never leaves a truncated report that looks complete. `text` may come in
 * pieces (jsonChunks): written as they come, so a report of 200,000 inputs is never one string.
 */
export function writeFileAtomic(path: string, text: ReportText): void {
  if (isSpecialTarget(path)) {
    writeText(path, text);
    return;
  }
  const target = writeTarget(path);
  const tmp = tempPathFor(target);
  const untrack = trackTemp(tmp);
  try {
    writeText(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    untrack();
  }
}

/** A report's text: one string, or pieces of it in order. */
export type ReportText = string | Iterable<string>;

function writeText(path: string, text: ReportText): void {
  if (typeof text === 'string') {
    writeFileSync(path, text);
    return;
  }
  const fd = openSync(path, 'w');
  try {
    for (const piece of text) {
      // (a pipe may take part of a write: the rest is written after it)
      const bytes = Buffer.from(piece, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}

/** Temporary files being written now (see writeFileAtomic): removed when the process is interrupted. */
const pendingTemps = new Set<string>();

/** Marks `tmp` as being written (removed on SIGINT/SIGTERM once removeTempsOnSignal was called); returns the unmarking. */
export function trackTemp(tmp: string): () => void {
  pendingTemps.add(tmp);
  return () => void pendingTemps.delete(tmp);
}

/**
 * From now on, SIGINT (Ctrl-C) and SIGTERM remove the temporary file of a report being written and
 * end the process with 130 or 143, as the shell reports a process killed by them. Returns a function
 * that removes the handlers.
 */
export function removeTempsOnSignal(): () => void {
  const onSignal = (sig: NodeJS.Signals): void => {
    for (const tmp of pendingTemps) rmSync(tmp, { force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  return () => void process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
}

export function writeFileCreatingDir(option: string, path: string, text: ReportText, stdout?: { write(s: string): unknown }): void {
  if (path === '-' && stdout) {
    try {
      if (typeof text === 'string') stdout.write(text);
      else for (const piece of text) stdout.write(piece);
    } catch (e) {
      throw new Error(`${option} -: cannot write to stdout: ${(e as Error).message}`, { cause: e });
    }
    return;
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      outputPathProblem(path) ??
      (code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : code === 'EROFS' ? 'read-only file system' : (e as Error).message);
    throw new Error(`${option} ${path}: ${why}`, { cause: e });
  }
}

/** Levels of SARIF that jsonChunks walks: the log, its runs, the run, its artifacts (one an input). */
const SARIF_DEPTH = 4;

/** Writes every requested output; returns the messages to print. Throws on write failure. */
export async function writeOutputs(report: Report, values: OutputValues, stdout?: { write(s: string): unknown }): Promise<string[]> {
  const { paper } = validateOutputValues(values);
  const written: string[] = [];
  if (values.json) {
    writeFileCreatingDir('--json', values.json, jsonChunks(report), stdout);
    written.push(`JSON report: ${values.json === '-' && stdout ? 'stdout' : values.json}`);
  }
  if (values.html) {
    const { htmlChunks } = await import('../report/html/render-html.js');
    writeFileCreatingDir('--html', values.html, htmlChunks(report), stdout);
    written.push(`HTML report: ${values.html === '-' && stdout ? 'stdout' : values.html}`);
  }
  if (values.md) {
    const { markdownChunks } = await import('../report/markdown.js');
    writeFileCreatingDir('--md', values.md, markdownChunks(report), stdout);
    written.push(`Markdown report: ${values.md === '-' && stdout ? 'stdout' : values.md}`);
  }
  if (values.sarif) {
    const { renderReportSarif } = await import('../report/sarif.js');
    writeFileCreatingDir('--sarif', values.sarif, jsonChunks(renderReportSarif(report, { baseDir: process.cwd() }), SARIF_DEPTH), stdout);
    written.push(`SARIF: ${values.sarif === '-' && stdout ? 'stdout' : values.sarif}`);
  }
  if (values.junit) {
    const { renderReportJunit } = await import('../report/junit.js');
    writeFileCreatingDir('--junit', values.junit, renderReportJunit(report), stdout);
    written.push(`JUnit XML: ${values.junit === '-' && stdout ? 'stdout' : values.junit}`);
  }
  // Last: it is the slow one, and the only one that needs something outside ObsReady.
  if (values.pdf) {
    try {
      mkdirSync(dirname(values.pdf), { recursive: true });
    } catch (e) {
      throw new Error(`--pdf ${values.pdf}: ${outputPathProblem(values.pdf) ?? (e as Error).message}`, { cause: e });
    }
    const score = typeof report.score === 'number' ? ` · score ${formatScore(report.score)}` : '';
    const [{ htmlChunks }, { printHtmlToPdf }] = await Promise.all([import('../report/html/render-html.js'), import('../node/pdf.js')]);
    const res = await printHtmlToPdf(htmlChunks(report, { paper }), values.pdf, {
      paper,
      chromiumPath: values.chromium,
      headerText: `${labelVerdict(report.verdict)}${score}`,
      footerText: `Generated ${formatDateTime(report.generatedAt)} · ${report.tool?.name ?? 'obsready'} ${report.tool?.version ?? ''}`,
    });
    written.push(`PDF report: ${values.pdf} (${paper === 'letter' ? 'Letter' : 'A4'}, printed by ${res.chromium})`);
  }
  return written;
}

/** Exit code from the gates (0 when no gate failed, 1 when one did). */
export function gateExitCode(report: Report, values: OutputValues): { code: number; reasons: string[] } {
  const { gates } = validateOutputValues(values);
  const r = evaluateGates(report, gates);
  return { code: r.failed ? 1 : 0, reasons: r.reasons };
}
