// The file splitter classifies docker lines from bytes; the decoder from text. They must agree on
// every line, and the splitter must never end a piece inside a run of partial entries that the
// next piece would continue, except where the run is past its join limit (its rest is dropped).
import { describe, expect, it } from 'vitest';
import { classifyDockerBytes, findSplitPoint, jvmReportLfs, lastLfBeforeObject } from '../../../analyzers/node/split-point.js';
import { classifyDockerLine, DOCKER_JOIN_MAX_BYTES } from '../../../analyzers/importers/jsonl-logs/docker-partial.js';

const entry = (log: string, stream = 'stdout', extra: Record<string, unknown> = {}): string => JSON.stringify({ log, stream, ...extra, time: '2026-11-25T15:04:06.000000001Z' });
const P = (stream = 'stdout', fill = 'x'): string => entry(fill.repeat(16384), stream);
const F = (stream = 'stdout'): string => entry('end of the long line\n', stream);

/** The lines joined with LFs (each line ended), plus an unfinished `tail`; the index of the last LF. */
function buffer(lines: string[], tail = '{"log":"unfinis'): { b: Buffer; lastLf: number } {
  const b = Buffer.from(lines.map((l) => l + '\n').join('') + tail);
  return { b, lastLf: b.lastIndexOf(10) };
}
const lineEnds = (lines: string[]): number[] => lines.reduce<number[]>((acc, l) => [...acc, (acc.at(-1) ?? 0) + Buffer.byteLength(l) + 1], []);

describe('classifyDockerBytes', () => {
  it('agrees with classifyDockerLine (the decoder) on every kind of line', () => {
    const lines = [
      P(), P('stderr'), F(), entry('short, no newline'), entry('é'.repeat(9000)), entry('😀'.repeat(5000)), entry('a'.repeat(20_000) + '\\'),
      entry('b'.repeat(20_000) + '\\n'), entry('c'.repeat(20_000) + '\\\n'), entry('d'.repeat(20_000), 'stdout', { attrs: { tag: 'é","stream":"x' } }),
      JSON.stringify({ stream: 'stdout', log: 'e'.repeat(20_000) }), '{"log":"' + 'f'.repeat(20_000), '', '   ', 'not json', '{"level":"info","msg":"x"}',
      entry('<script>'.repeat(3000)), P() + '\r',
    ];
    for (const l of lines) {
      const b = Buffer.from('\n' + l + '\n');
      const text = l.endsWith('\r') ? l.slice(0, -1) : l;
      expect(classifyDockerBytes(b, 1, b.length - 1), l.slice(0, 40)).toEqual(classifyDockerLine(text, Buffer.byteLength(text)));
    }
    expect(classifyDockerBytes(Buffer.from(P() + '\n'), 0, Buffer.byteLength(P()))?.partial).toBe(true);
  });
});

describe('findSplitPoint', () => {
  it('cuts before a run of partial entries whose end is not read yet', () => {
    const lines = ['{"msg":"a"}', F(), P(), P()];
    const { b, lastLf } = buffer(lines);
    expect(findSplitPoint(b, lastLf, undefined)).toEqual({ cut: lineEnds(lines)[1], open: undefined });
  });

  it('cuts after the run once its last entry is read', () => {
    const lines = [P(), P(), F(), '{"msg":"a"}'];
    const { b, lastLf } = buffer(lines);
    expect(findSplitPoint(b, lastLf, undefined)).toEqual({ cut: lastLf + 1, open: undefined });
    expect(findSplitPoint(...(Object.values(buffer(lines.slice(0, 3))) as [Buffer, number]), undefined)).toEqual({ cut: lineEnds(lines)[2], open: undefined });
  });

  it('may cut between a partial entry and a line of another stream (that line ends the run anyway)', () => {
    const lines = [P('stdout'), P('stderr')];
    const { b, lastLf } = buffer(lines);
    expect(findSplitPoint(b, lastLf, undefined)).toEqual({ cut: lineEnds(lines)[0], open: undefined });
  });

  it('a buffer that is one run under the join limit: no cut (read on)', () => {
    const { b, lastLf } = buffer([P(), P(), P()]);
    expect(findSplitPoint(b, lastLf, undefined)).toBeUndefined();
  });

  it('a buffer that is one run past the join limit: cut at its last LF, the run goes on into the next piece', () => {
    const lines = Array.from({ length: 65 }, () => P()); // 65 × 16,384 > 1 MiB
    const { b, lastLf } = buffer(lines);
    expect(findSplitPoint(b, lastLf, undefined)).toEqual({ cut: lastLf + 1, open: { stream: 'stdout', logBytes: 65 * 16384 } });
    // under the limit in this buffer, but continuing a run cut before
    const two = buffer([P(), P()]);
    expect(findSplitPoint(two.b, two.lastLf, { stream: 'stdout', logBytes: DOCKER_JOIN_MAX_BYTES + 1 })).toEqual({ cut: two.lastLf + 1, open: { stream: 'stdout', logBytes: DOCKER_JOIN_MAX_BYTES + 1 + 2 * 16384 } });
    // a run of another stream than the one cut before starts afresh
    expect(findSplitPoint(two.b, two.lastLf, { stream: 'stderr', logBytes: DOCKER_JOIN_MAX_BYTES + 1 })).toBeUndefined();
  });
});

describe('lastLfBeforeObject', () => {
  it('keeps the cut before a line that starts an object, moving it back over the lines of a record written over several', () => {
    const lines = ['{"msg":"a"}', '{"msg":"b", ', '"stacktrace": ["x",', '"y"] }'];
    const ends = lineEnds(lines);
    const { b, lastLf } = buffer(lines, '{"msg":"c"');
    expect(lastLfBeforeObject(b, lastLf, b.length)).toBe(lastLf);
    const cutInside = buffer(lines.slice(0, 3), '"y"] }');
    expect(lastLfBeforeObject(cutInside.b, cutInside.lastLf, cutInside.b.length)).toBe(ends[0]! - 1);
    // the buffer ends with its LF: the next line is not known yet
    const ended = buffer(lines, '');
    expect(lastLfBeforeObject(ended.b, ended.lastLf, ended.b.length)).toBe(ends[0]! - 1);
    const none = buffer(['{"msg":"a", ', '"x": 1'], '"y": 2');
    expect(lastLfBeforeObject(none.b, none.lastLf, none.b.length)).toBeUndefined();
  });
});

describe('lastLfBeforeObject and docker crashes', () => {
  it("never cuts between a docker entry and the crash line that continues it (the decoder's rule)", () => {
    const at = (log: string, stream = 'stderr') => JSON.stringify({ log, stream, time: '2026-11-25T15:04:06.000000001Z' });
    const lines = [at('2026-11-25 INFO ok\n', 'stdout'), at('2026-11-25 ERROR boom\n'), at('java.lang.IllegalStateException: x\n'), at('\tat a.B.c(B.java:1)\n'), at('\tat a.B.d(B.java:2)\n')];
    const ends = lineEnds(lines);
    // the buffer ends inside a frame: no cut inside the crash, so before its ERROR line
    const { b, lastLf } = buffer(lines, at('\tat a.B.e(B.java:3)\n').slice(0, 5));
    expect(lastLfBeforeObject(b, lastLf, b.length)).toBe(ends[0]! - 1);
    // a complete line that starts a record after the crash: the cut is before it
    const after = buffer([...lines, at('2026-11-25 INFO next\n', 'stdout')], '');
    expect(lastLfBeforeObject(after.b, after.b.length - 1, after.b.length)).toBe(ends[4]! - 1);
  });
});

describe('lastLfBeforeObject and Rust\'s panic in docker entries', () => {
  it('never cuts between the head and its message or its note (the decoder\'s rule, docker-crash.ts)', () => {
    const at = (log: string) => JSON.stringify({ log, stream: 'stderr', time: '2026-11-28T03:00:00.000000001Z' });
    const lines = [at('2026-11-28T03:17:40Z  INFO app: starting\n'), at("thread 'main' (26054) panicked at src/main.rs:47:152:\n"), at('config missing\n')];
    const ends = lineEnds(lines);
    // the buffer ends inside the note: the cut is before the head (the note and the message continue it)
    const { b, lastLf } = buffer(lines, at('note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n').slice(0, 5));
    expect(lastLfBeforeObject(b, lastLf, b.length)).toBe(ends[0]! - 1);
  });
});

describe('lastLfBeforeObject and the JVM\'s fatal error report in docker entries', () => {
  // HotSpot's report, one docker entry a line, as -XX:+ErrorFileToStdout writes it (shortened): its
  // lines after the banner look like nothing a crash's two-entry rule continues (`Host: …`, a blank
  // line, a library map), so the decoder carries where in the report it is (docker-crash.ts); the
  // splitter follows the report from its head the same way.
  const at = (log: string, stream = 'stdout', ms = 0) => JSON.stringify({ log, stream, time: new Date(Date.UTC(2026, 10, 27, 21, 26, 45, 431 + ms)).toISOString().replace('Z', '000001Z') });
  const REPORT = ['#', '# A fatal error has been detected by the Java Runtime Environment:', '#', '#  SIGSEGV (0xb) at pc=0x00007f4aa18d2f94, pid=1, tid=7', '#', '', '---------------  S U M M A R Y ------------', '', 'Command Line: -XX:+ErrorFileToStdout Crash', 'Host: AMD EPYC, 2 cores, 23G, Debian GNU/Linux 12 (bookworm)', 'Time: Fri Nov 27 21:26:45 2026 UTC elapsed time: 0.244695 seconds (0d 0h 0m 0s)', '', '00400000-00401000 r-xp 00000000 00:2cc 814709 /usr/bin/java', 'END.', '#', '# If you would like to submit a bug report, please visit:', '#'];
  const lines = [at('2026-11-27T21:26:45.415Z INFO signing\n'), ...REPORT.map((l, i) => at(`${l}\n`, 'stdout', i)), at('2026-11-27T21:26:47.000Z INFO restarted\n', 'stdout', 900)];
  const ends = lineEnds(lines).map((e) => e - 1); // the LF of each line
  // (the report: lines 2 to 18; its LFs from the first line's to the one before its last line)

  it('never cuts inside the report, wherever the buffer ends', () => {
    for (let k = 2; k <= lines.length; k++) {
      const { b, lastLf } = buffer(lines.slice(0, k), '');
      const cut = lastLfBeforeObject(b, lastLf, b.length);
      // a cut is after the line before the report (LF ends[0]) or after its last line (ends[17]), never between
      expect([undefined, ends[0], ends[17]], `buffer of ${k} lines`).toContain(cut);
    }
  });

  it('jvmReportLfs: the LFs inside the report, from the `#` above its head to its last `#`', () => {
    const { b, lastLf } = buffer(lines, '');
    expect([...jvmReportLfs(b, lastLf)!].sort((x, y) => x - y)).toEqual(ends.slice(1, 17));
    // no head in the bytes: nothing to follow
    const plain = buffer(lines.slice(0, 1), '');
    expect(jvmReportLfs(plain.b, plain.lastLf)).toBeUndefined();
    // the report's lines on another stream, or more than a second later, end it as they end a crash
    const late = [...lines.slice(0, 8), at('Host: x\n', 'stdout', 1200)];
    const l = buffer(late, '');
    expect([...jvmReportLfs(l.b, l.lastLf)!].sort((x, y) => x - y)).toEqual(ends.slice(1, 7));
  });
});

describe('lastLfBeforeObject and the JVM lines docker entries pair up', () => {
  // java.util.logging's two-line records and a thread dump (kill -3), one docker entry a line: the
  // decoder joins them from two entries alone (docker-crash.ts), so the splitter never cuts inside
  const at = (log: string) => JSON.stringify({ log: `${log}\n`, stream: 'stderr', time: '2026-11-28T03:00:02.000000001Z' });
  const lines = [
    'Nov 28, 2026 3:00:02 AM com.example.shop.JulMain main', 'INFO: started',
    '2026-11-28 03:00:22', 'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):',
    'Threads class SMR info:', '_java_thread_list=0x00007f7e2c002790, length=13, elements={', '0x00007f7eb0017f90, 0x00007f7eb0095f00,', '}',
    '"main" #1 prio=5 os_prio=0 cpu=128.47ms elapsed=4.64s tid=0x00007f7eb0017f90 nid=0x2ee9 waiting on condition  [0x00007f7eb53fe000]',
    'JNI global refs: 7, weak refs: 0',
    'Nov 28, 2026 3:00:03 AM com.example.shop.JulMain main', 'INFO: next',
  ].map(at);
  const ends = lineEnds(lines).map((e) => e - 1);

  it('cuts only between records: before the dump and before the last record', () => {
    for (let k = 2; k <= lines.length; k++) {
      const { b, lastLf } = buffer(lines.slice(0, k), '');
      const cut = lastLfBeforeObject(b, lastLf, b.length);
      expect([undefined, ends[1], ends[9]], `buffer of ${k} lines`).toContain(cut);
    }
  });
});
