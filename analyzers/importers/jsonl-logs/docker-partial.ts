// Docker json-file partial lines. Docker splits a log line longer than 16 KB into several
// entries, `{"log":"<16 KB>","stream":"stdout","time":…}`, of which all but the last have a `log`
// that does not end in a newline; the JSON Lines importer joins such a run into one record.
//
// Which line is a partial is decided on the raw line, never on the parsed value, so that the
// file splitter (analyzers/node/parallel.ts), which only sees bytes, and the decoder agree
// exactly: a line is docker-shaped when it is `{"log":"…","stream":"<s>"…}` (docker's own key
// order, no spaces; the log value ends at the first `","stream":"`, which cannot occur inside a
// JSON string), and a partial when that log value, as written, has at least 16 KiB and does not
// end in an escaped newline. A run is consecutive partials of one stream, ended by the next line:
// a docker-shaped line of that stream completes it; any other line (another stream, another
// shape, a blank or broken line) leaves it as it is.
import { utf8Length } from '../common/lines.js';

/** Docker's line buffer: a partial entry carries this much log text. */
export const DOCKER_PARTIAL_MIN_BYTES = 16 * 1024;
/** A run is joined up to this many bytes of its entries' log values (as written); the rest is left out. */
export const DOCKER_JOIN_MAX_BYTES = 1024 * 1024;

export const DOCKER_LOG_PREFIX = '{"log":"';
export const DOCKER_STREAM_KEY = '","stream":"';

export interface DockerLineClass {
  stream: string;
  /** Not the end of a line: the next entry of the stream continues it. */
  partial: boolean;
  /** UTF-8 bytes of the log value as written in the line (escapes included). */
  logBytes: number;
}

/** True when the text just before `end` is an escaped newline (`\n` whose backslash is not itself escaped). */
export function endsWithEscapedNewline(at: (i: number) => number, start: number, end: number): boolean {
  if (end - start < 2 || at(end - 1) !== 0x6e /* n */) return false;
  let slashes = 0;
  for (let i = end - 2; i >= start && at(i) === 0x5c; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * Classify one line as the line splitter gives it (`text` without its line end, `bytes` its
 * UTF-8 length): docker-shaped or not (undefined), and whether it is a partial entry.
 */
export function classifyDockerLine(text: string, bytes: number): DockerLineClass | undefined {
  if (!text.startsWith(DOCKER_LOG_PREFIX) || text.charCodeAt(text.length - 1) !== 0x7d /* } */) return undefined;
  const i = text.indexOf(DOCKER_STREAM_KEY, DOCKER_LOG_PREFIX.length);
  if (i < 0) return undefined;
  const s = i + DOCKER_STREAM_KEY.length;
  const q = text.indexOf('"', s);
  if (q < 0) return undefined;
  const logBytes = bytes - DOCKER_LOG_PREFIX.length - utf8Length(text, i);
  const newline = endsWithEscapedNewline((k) => text.charCodeAt(k), DOCKER_LOG_PREFIX.length, i);
  return { stream: text.slice(s, q), partial: !newline && logBytes >= DOCKER_PARTIAL_MIN_BYTES, logBytes };
}
