// Error reporting for the trace importers: every error is counted, the first MAX_REPORTED are
// sent to the sink, then one `too-many-errors` — so a file of a million bad lines costs bounded
// memory downstream while `rejected` stays exact.
import type { DecoderSink, ImportErrorCode, Progress } from '../types.js';

export const MAX_REPORTED_ERRORS = 1000;

export class ErrorReporter {
  /** All errors seen, including the ones not forwarded. */
  count = 0;

  constructor(
    private readonly file: string,
    private readonly sink: DecoderSink,
    private readonly progress: Progress,
  ) {}

  /** `rejected`: the problem cost a record (counted in progress.rejected), or that many records. */
  report(code: ImportErrorCode, message: string, line: number | undefined, offset: number | undefined, rejected: boolean | number): void {
    if (rejected === true) this.progress.rejected++;
    else if (typeof rejected === 'number' && rejected > 0) this.progress.rejected += rejected;
    this.count++;
    if (this.count <= MAX_REPORTED_ERRORS) {
      const e: { code: ImportErrorCode; message: string; file: string; line?: number; offset?: number } = { code, message, file: this.file };
      if (line !== undefined) e.line = line;
      if (offset !== undefined) e.offset = offset;
      this.sink.error(e);
    } else if (this.count === MAX_REPORTED_ERRORS + 1) {
      this.sink.error({ code: 'too-many-errors', message: `more than ${MAX_REPORTED_ERRORS} errors; further errors are only counted`, file: this.file, line, offset });
    } else this.progress.unreportedErrors++;
  }
}

/**
 * JSON.parse's message, the same in every engine: newer V8 (Chromium, the desktop app) adds
 * "(line 1 column 64)", counted within the parsed text, which contradicts the file's line the
 * error is reported at; Node 20 does not. Dropped, so the app and the CLI say the same.
 */
export function jsonErrorText(e: unknown): string {
  return String((e as Error)?.message ?? e).replace(/ \(line \d+ column \d+\)$/, '');
}
