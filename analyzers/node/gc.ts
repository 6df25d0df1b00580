// A full garbage collection on demand, for the split-input path. V8 lets the old generation grow
// to several times its live size while a thread allocates fast (JSON.parse of every line); at the
// live sizes of the collectors (~50 MB a thread) that slack is most of the process's RSS. A full
// collection every 128 MB of input (~30 ms per thread, piece.ts) keeps the heap near its live size.
// `gc` is exposed the documented way (--expose-gc), set at run time, and read from a fresh context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
