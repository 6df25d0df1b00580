// A collector folds records into a bounded-memory summary. Collectors are mergeable so that
// the work can be split across worker threads (and machines) and joined afterwards: `state()`
// returns plain structured-clone-safe data and `merge()` folds another collector's state in.
import type { SignalRecord } from '../model/index.js';

export interface Collector<S> {
  /** `detail`: false for a span outside the run's detail sample (detail.ts): counted, not examined. */
  add(record: SignalRecord, inputIndex: number, detail?: boolean): void;
  state(): S;
  merge(state: S): void;
}
