// `obsready` entry point: dispatches subcommands. Never lets an exception escape as a crash.
// Each command's modules load when it runs (dynamic imports: the bundle's lazy chunks).
import { startAnalyzeWorkersEarly } from './analyze-start.js';
import { TOOL_VERSION } from '../version.js';

const HELP = `obsready ${TOOL_VERSION} — is your telemetry ready for a Level-3 decision engine?

Usage:
  obsready analyze PATH… [options]     analyse exports (see obsready analyze --help)
  obsready templates FILE [--csv OUT]  mine log templates, one row per line
  obsready diff OLD.json NEW.json      compare two JSON reports (--fail-on-regression)
  obsready --version | --help

Exit codes: 0 done, 1 a gate failed (or a regression with diff --fail-on-regression),
2 unusable input or usage error, 3 internal error, 130 stopped by Ctrl-C.
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import('./analyze.js')).runAnalyze,
  templates: async () => (await import('./templates.js')).runTemplates,
  diff: async () => (await import('./diff.js')).runDiff,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    // Asked for: on stdout, exit 0. No command at all is a usage error: stderr, exit 2.
    (cmd ? process.stdout : process.stderr).write(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`obsready: unknown command "${cmd}"\n\n${HELP}`);
    return 2;
  }
  // A run that will split a big input starts its worker threads first: they load their modules
  // while this thread loads the command's (see analyze-start.ts).
  if (cmd === 'analyze') startAnalyzeWorkersEarly(rest);
  return (await load())(rest);
}

// A throw from an event handler or a forgotten promise is a crash too: exit 3 (internal error),
// never Node's default 1, which means "a gate failed".
const crash = (e: unknown): void => {
  process.stderr.write(`obsready: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(3);
};
process.on('uncaughtException', crash);
// A reader that closes the pipe early (`obsready analyze … | head`) is not an error of ours: stop
// writing to it and finish the work (report files are still written; the exit code is unchanged).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    // A command that watches its stdout itself (analyze: "cannot write to stdout", exit 2) says so.
    if (stream.listenerCount('error') > 1) return;
    crash(e);
  });
}
process.on('unhandledRejection', crash);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // For `npm run bench`: peak resident memory of this process (worker threads included).
    if (process.env['OBSREADY_REPORT_RSS']) process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`);
    // Stopped by Ctrl-C (analyze wrote its reports): a read still waiting (a named pipe's open, a
    // quiet device) would keep the process alive, so it ends here.
    if (code === 130) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`obsready: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);
