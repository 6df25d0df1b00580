// Child process of `npm run bench:templates`: mines N generated lines (~1,000 templates) through
// the log template profile and prints its peak RSS, so that the measurement is not polluted by
// the parent's own memory. Usage: node dist/bench/templates-memory.js N
import { LogTemplateProfiler } from '../analyzers/profile/log-template-profile.js';
import { iterateMixedLogLines } from './templates-synth.js';

const n = Number(process.argv[2] ?? 10_000_000);
const profiler = new LogTemplateProfiler();
const t0 = performance.now();
let i = 0;
let t = 1_700_000_000_000_000_000n;
for (const line of iterateMixedLogLines(n, 99, 1000)) {
  i++;
  t += 1_000_000n;
  profiler.observe(line, `svc-${i % 4}`, 'generated.log', i, t);
}
const report = profiler.report();
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  JSON.stringify({ lines: i, templates: report.overall.templates, overflowLines: report.overall.overflowLines, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
