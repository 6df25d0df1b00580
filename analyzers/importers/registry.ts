// Every importer registers here. Order matters only for equal sniff confidence (earlier wins).
import type { FormatSpec } from './types.js';

export const FORMATS: readonly FormatSpec[] = [
  // importer folders add their spec here, e.g. `otlpJson` from './otlp-json/index.js'
];
