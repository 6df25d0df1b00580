// The few globals that exist in every runtime the core runs in (Node, Web Worker, Electron
// renderer). Declared here because the core compiles with neither DOM nor Node types.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function queueMicrotask(cb: () => void): void;
declare function setTimeout(cb: () => void, ms?: number): unknown;
declare const performance: { now(): number };
