// `obsready diff OLD.json NEW.json [--fail-on-regression] [--json OUT]`
import { mkdirSync } from 'node:fs';
import { readFileBounded, TooLargeError } from '../node/read-bounded.js';

/** A report of 200,000 inputs is about 100 MB (each input a row); past this a file is not one. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Report } from '../report/model.js';
import { diffReports, formatReportDiff } from '../report/diff.js';
import { serializeJson } from '../report/json.js';
import { checkOutputPaths, repeatedOption, writeFileAtomic } from './outputs.js';

export const DIFF_HELP = `Usage: obsready diff OLD.json NEW.json [options]

Compares two JSON reports (obsready analyze --json) and prints what improved and what
regressed: score, verdict, dimension scores, rules newly failing or passing per service,
services added or removed. A rule that fails in one report and that the data cannot tell in
the other (inconclusive) is listed apart, neither a regression nor a fix; a pass the data
can no longer show is a regression.

Options:
  --fail-on-regression   exit 1 when anything regressed
  --json FILE            write the comparison as JSON ('-': to stdout, the text to stderr)
  -h, --help             this help

Exit codes: 0 compared (or no regression with --fail-on-regression), 1 regression,
2 unreadable input.
`;

export interface DiffIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type Loaded = { report: Report } | { error: string };

export function loadReport(path: string): Loaded {
  let text: string;
  try {
    text = readFileBounded(path, MAX_REPORT_BYTES).toString('utf8');
  } catch (e) {
    if (e instanceof TooLargeError) return { error: `${path}: ${e.message}, not an ObsReady report` };
    return { error: `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `${path}: not JSON (${(e as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: `${path}: not an ObsReady report (expected a JSON object)` };
  const r = value as Record<string, unknown>;
  if (r.schemaVersion !== undefined && typeof r.schemaVersion !== 'string') return { error: `${path}: schemaVersion ${JSON.stringify(r.schemaVersion).slice(0, 40)} is not a version string such as "1.0"` };
  if (typeof r.schemaVersion !== 'string' || !Array.isArray(r.inputs)) return { error: `${path}: not an ObsReady report (no schemaVersion or inputs)` };
  const major = r.schemaVersion.split('.')[0];
  if (major !== '1') return { error: `${path}: report schema ${r.schemaVersion} is not supported (this ObsReady reads 1.x)` };
  if (r.findings !== undefined && !Array.isArray(r.findings)) return { error: `${path}: findings is not a list` };
  if (r.services !== undefined && !Array.isArray(r.services)) return { error: `${path}: services is not a list` };
  // What the comparison keys on must be there (docs/report-schema.json): a hand-edited or foreign
  // file is refused by name instead of compared as services/rules called "" or "undefined".
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const badService = ((r.services ?? []) as unknown[]).findIndex((x) => !isObj(x) || typeof x.name !== 'string' || x.name === '');
  if (badService >= 0) return { error: `${path}: services[${badService}] has no name` };
  const badFinding = ((r.findings ?? []) as unknown[]).findIndex((x) => !isObj(x) || typeof x.ruleId !== 'string' || typeof x.service !== 'string' || typeof x.passed !== 'boolean');
  if (badFinding >= 0) return { error: `${path}: findings[${badFinding}] lacks ruleId, service or passed` };
  if (r.score !== undefined && r.score !== null && typeof r.score !== 'number') return { error: `${path}: score is not a number` };
  const verdicts = ['ready', 'conditional', 'not-ready', 'inconclusive'];
  const badVerdict = (v: unknown): boolean => v !== undefined && v !== null && !(typeof v === 'string' && verdicts.includes(v));
  if (badVerdict(r.verdict)) return { error: `${path}: verdict ${JSON.stringify(r.verdict).slice(0, 60)} is not one of ${verdicts.join(', ')}` };
  const badSvcVerdict = ((r.services ?? []) as Record<string, unknown>[]).findIndex((x) => badVerdict(x.verdict) || (x.score !== undefined && x.score !== null && typeof x.score !== 'number'));
  if (badSvcVerdict >= 0) return { error: `${path}: services[${badSvcVerdict}] has a verdict or score that is not one` };
  if (r.dimensions !== undefined && r.dimensions !== null) {
    if (!isObj(r.dimensions)) return { error: `${path}: dimensions is not an object` };
    for (const [d, v] of Object.entries(r.dimensions)) {
      if (!isObj(v) || (v.score !== undefined && v.score !== null && typeof v.score !== 'number')) return { error: `${path}: dimensions.${d} has a score that is not a number` };
    }
  }
  return { report: value as Report };
}

export async function runDiff(argv: string[], io: DiffIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: { 'fail-on-regression': { type: 'boolean' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.stderr.write(`obsready diff: ${(e as Error).message}\n\n${DIFF_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const twice = repeatedOption(parsed.tokens);
  if (twice) {
    io.stderr.write(`obsready diff: --${twice} is given more than once; give it once\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(DIFF_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    io.stderr.write(`obsready diff: give exactly two reports (OLD.json NEW.json), got ${positionals.length}\n\n${DIFF_HELP}`);
    return 2;
  }
  if (values.json !== undefined) {
    // Checked first: `--json` on one of the reports would replace it by the comparison.
    try {
      if (values.json.trim() === '') throw new Error('--json needs a file path');
      if (values.json !== '-') checkOutputPaths({}, { '--json': values.json }, positionals);
    } catch (e) {
      io.stderr.write(`obsready diff: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const [a, b] = positionals.map(loadReport) as [Loaded, Loaded];
  let bad = false;
  for (const l of [a, b]) {
    if ('error' in l) {
      io.stderr.write(`obsready diff: ${l.error}\n`);
      bad = true;
    }
  }
  if (bad || 'error' in a || 'error' in b) return 2;
  let diff;
  try {
    diff = diffReports(a.report, b.report);
  } catch (e) {
    io.stderr.write(`obsready diff: the reports could not be compared: ${(e as Error).message}\n`);
    return 2;
  }
  // `--json -`: stdout carries only the JSON comparison; the text goes to stderr.
  const toStdout = values.json === '-';
  const say = toStdout ? io.stderr : io.stdout;
  say.write(`Comparing ${positionals[0]} (${diff.old.generatedAt || 'undated'}) with ${positionals[1]} (${diff.new.generatedAt || 'undated'})\n\n`);
  say.write(formatReportDiff(diff));
  if (values.json) {
    try {
      if (toStdout) io.stdout.write(serializeJson(diff));
      else {
        mkdirSync(dirname(values.json), { recursive: true });
        writeFileAtomic(values.json, serializeJson(diff));
        io.stdout.write(`\nJSON comparison: ${values.json}\n`);
      }
    } catch (e) {
      io.stderr.write(`obsready diff: cannot write ${values.json}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (values['fail-on-regression'] && diff.regressed) {
    io.stderr.write(`obsready diff: ${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  return 0;
}
