// Report outputs the CLI can write (`--json FILE`, …) and the exit-code gates.
import { writeFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import type { Report } from '../report/model.js';
import { serializeReport } from '../report/json.js';

export const OUTPUT_OPTIONS = {
  json: { type: 'string' },
} satisfies NonNullable<ParseArgsConfig['options']>;

export type OutputValues = { [K in keyof typeof OUTPUT_OPTIONS]?: string };

export const OUTPUT_HELP = `  --json FILE          write the JSON report (schema: docs/report-schema.md)
`;

/** Writes every requested output; returns the messages to print. Throws on write failure. */
export async function writeOutputs(report: Report, values: OutputValues): Promise<string[]> {
  const written: string[] = [];
  if (values.json) {
    writeFileSync(values.json, serializeReport(report));
    written.push(`JSON report: ${values.json}`);
  }
  return written;
}

/** Exit code from the gates (0 when no gate failed). */
export function gateExitCode(_report: Report, _values: OutputValues): { code: number; reasons: string[] } {
  return { code: 0, reasons: [] };
}
