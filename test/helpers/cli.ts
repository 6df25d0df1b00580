// The CLI in a child process, without blocking the test worker: a synchronous spawn holds the
// worker's event loop for the whole run, and under load a run past 60 s makes vitest's worker
// RPC time out ("Timeout calling onTaskUpdate") even though every test passed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { CLI, REPO } from './paths.js';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `obsready ARGS…`; killed (and so failing the test) past `timeoutMs`. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/** `obsready analyze FILE --json OUT` must exit 0; its JSON report. */
export async function analyzeToJson(file: string | string[], out: string, env: Record<string, string>): Promise<any> {
  const r = await runCli(['analyze', ...(Array.isArray(file) ? file : [file]), '--no-progress', '--json', out], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}
