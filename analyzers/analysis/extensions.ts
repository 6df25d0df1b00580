// Where the profile (structure/noise), correlation and scoring plug into the pipeline.
// Each extra collector is mergeable (see collector.ts); finishReport adds their report fields.
import type { SignalRecord } from '../model/index.js';
import type { Report } from '../report/model.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FinishOptions {}

export type ExtraState = Record<string, unknown>;

export interface ExtraCollectors {
  add(record: SignalRecord, inputIndex: number): void;
  state(): ExtraState;
  merge(state: ExtraState): void;
}

export function createExtraCollectors(): ExtraCollectors {
  return {
    add: () => undefined,
    state: () => ({}),
    merge: () => undefined,
  };
}

export function finishReport(base: Report, _extra: ExtraCollectors, _options: FinishOptions): Report {
  return base;
}
