// The JSON report: stable key order and formatting so the same input gives byte-identical
// output (apart from `generatedAt`).
import type { Report } from './model.js';

/**
 * Objects with their keys sorted, as JSON.stringify meets them (a replacer): a copy of one object at
 * a time, not of the whole report at once (100,000 input rows were a second report in memory).
 */
function sortedKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function serializeReport(report: Report): string {
  return serializeJson(report);
}

/** Any JSON output of ObsReady (report, diff, SARIF): sorted keys, two-space indent, final newline. */
export function serializeJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys, 2) + '\n';
}

/**
 * Levels of objects and arrays that jsonChunks walks itself by default: the report and its
 * `inputs`. Below them a value is one JSON.stringify (a finding, an input row).
 */
const REPORT_DEPTH = 2;

/** Bytes (UTF-16 units) gathered before a piece is handed out. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The text of serializeJson(value), byte for byte, in pieces of about 64 KB: the outer `depth`
 * levels of objects and arrays (the report and its 200,000 input rows) are walked here and each
 * value below them is serialised on its own, so the whole text is never one string (a
 * 200,000-input report was an 85 MB string and several hundred MB of peak memory while
 * JSON.stringify built it). SARIF's artifacts are 4 levels down (sarif, runs, run, artifacts).
 */
export function* jsonChunks(value: unknown, depth = REPORT_DEPTH): Generator<string> {
  let buf = '';
  for (const piece of walk(prepare({ '': value }, '', value), '', depth, true)) {
    buf += piece;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n';
}

/** What JSON.stringify does to a value before it writes it: toJSON, then the replacer. */
function prepare(holder: unknown, key: string, value: unknown): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, key);
  }
  return sortedKeys.call(holder, key, value);
}

/** Values JSON leaves out of an object and writes as null in an array. */
function absent(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** `value` has been prepared; `indent` is the indentation of the line it starts on. */
function* walk(value: unknown, indent: string, depth: number, top = false): Generator<string> {
  if (absent(value)) {
    // (only at the top: a member is left out or written null by its container)
    if (top) yield String(JSON.stringify(value));
    return;
  }
  if (depth <= 0 || value === null || typeof value !== 'object') {
    // JSON strings never hold a raw line break: every one in the text is the indentation's.
    const text = JSON.stringify(value, sortedKeys, 2);
    yield indent === '' ? text : text.replace(/\n/g, '\n' + indent);
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < items.length; i++) {
      yield (i === 0 ? '\n' : ',\n') + inner;
      const v = prepare(items, String(i), items[i]);
      if (absent(v)) yield 'null';
      else yield* walk(v, inner, depth - 1);
    }
    yield '\n' + indent + ']';
    return;
  }
  let first = true;
  for (const k of Object.keys(value)) {
    const v = prepare(value, k, (value as Record<string, unknown>)[k]);
    if (absent(v)) continue;
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(k) + ': ';
    first = false;
    yield* walk(v, inner, depth - 1);
  }
  yield first ? '{}' : '\n' + indent + '}';
}
