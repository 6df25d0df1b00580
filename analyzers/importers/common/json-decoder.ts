// Base for importers of JSON documents read through JsonStreamScanner (Jaeger, Zipkin): binary
// check on the first bytes, empty-input detection, progress, capped error reporting, and the
// location (line/offset) of the element being mapped attached to every mapping error.
import type { SignalRecord } from '../../model/index.js';
import { ErrorReporter } from './json-errors.js';
import { JsonStreamScanner, type JsonStreamOptions, type SelectNode } from './json-stream.js';
import { INVALID_UTF8_MESSAGE, looksBinary } from './lines.js';
import { newProgress, type Decoder, type DecoderContext, type ImportErrorCode, type Progress } from '../types.js';

/**
 * A value as an error message quotes it: a string or JSON text cut at 80 characters, or `nothing`.
 * A number past a double's range (`1e400` in the JSON) is Infinity, which JSON text would show as `null`.
 */
export function show(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return `a number beyond a double's range (${v})`;
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 80)) : v === undefined ? 'nothing' : (JSON.stringify(v)?.slice(0, 80) ?? String(v));
}

/** Where mapped records and mapping errors go. */
export interface RecordOut {
  record(record: SignalRecord): void;
  /** `rejected`: a record was dropped because of it; a number: that many records. */
  error(code: ImportErrorCode, message: string, rejected: boolean | number): void;
}

const HEAD_BYTES = 8192;

export abstract class ScannedJsonDecoder implements Decoder {
  readonly progress: Progress = newProgress();
  protected readonly errors: ErrorReporter;
  protected readonly out: RecordOut;
  protected readonly file: string;
  private scanner: JsonStreamScanner | undefined;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private dead = false;
  private lastByte = -1;
  /** Location of the element being mapped, for errors raised while mapping it. */
  protected errLine: number | undefined;
  protected errOffset: number | undefined;

  constructor(
    ctx: DecoderContext,
    private readonly formatLabel: string,
  ) {
    this.file = ctx.file;
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    const progress = this.progress;
    const sink = ctx.sink;
    this.out = {
      record(r: SignalRecord): void {
        progress.records++;
        sink.record(r);
      },
      error: (code, message, rejected) => this.errors.report(code, message, this.errLine, this.errOffset, rejected),
    };
  }

  protected abstract selection(): SelectNode;
  protected abstract onValue(id: number, value: unknown, key: string | undefined, text: string, offset: number, line: number): void;
  protected onOpen(_id: number, _offset: number, _line: number, _isArray: boolean): void {}
  protected scannerOptions(): JsonStreamOptions {
    return {};
  }
  protected onClose(_id: number): void {}
  /** Whether a scanner error on node `id` costs a record (a format whose records are still read without that value says no). */
  protected costsRecord(_id: number | undefined, _code: ImportErrorCode, recordLost: boolean): boolean {
    return recordLost;
  }
  /** What the message adds when costsRecord said no. */
  protected notLostNote(_id: number | undefined): string {
    return 'the records it belongs to are read without it';
  }

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
    if (this.dead) return;
    if (this.scanner === undefined) {
      // Hold the first bytes so the binary check sees the same bytes for any chunking.
      this.head.push(chunk.slice());
      this.headBytes += chunk.length;
      if (this.headBytes >= HEAD_BYTES) this.start();
      return;
    }
    this.scanner.push(chunk);
    this.progress.lines = this.scanner.line - 1;
  }

  end(): void {
    if (this.scanner === undefined && !this.dead) this.start();
    if (this.dead) return;
    const scanner = this.scanner!;
    scanner.end();
    this.progress.lines = scanner.line - (this.lastByte === 10 || !scanner.sawContent ? 1 : 0);
    if (!scanner.sawContent) this.errors.report('empty-input', 'the input is empty', undefined, 0, false);
  }

  private start(): void {
    const all = new Uint8Array(this.headBytes);
    let o = 0;
    for (const p of this.head) {
      all.set(p, o);
      o += p.length;
    }
    this.head = [];
    if (looksBinary(all.subarray(0, HEAD_BYTES))) {
      this.errors.report('binary-data', `binary data, not ${this.formatLabel}`, undefined, 0, false);
      this.dead = true;
      return;
    }
    this.scanner = new JsonStreamScanner(this.selection(), {
      value: (id, value, key, offset, line, text) => {
        this.errLine = line;
        this.errOffset = offset;
        this.onValue(id, value, key, text, offset, line);
      },
      open: (id, offset, line, isArray) => {
        this.errLine = line;
        this.errOffset = offset;
        this.onOpen(id, offset, line, isArray);
      },
      close: (id) => this.onClose(id),
      // Every scanner error costs at least the element it happened in.
      error: (code, message, offset, line, recordLost = true, id) => {
        const lost = this.costsRecord(id, code, recordLost);
        this.errors.report(code, lost === recordLost ? message : `${message}; ${this.notLostNote(id)}`, line, offset, lost);
      },
      invalidUtf8: (offset, line) => this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
    }, this.scannerOptions());
    this.scanner.push(all);
    this.progress.lines = this.scanner.line - 1;
  }
}
