// A collector folds records into a bounded-memory summary. Collectors are mergeable so that
// the work can be split across worker threads (and machines) and joined afterwards: `state()`
// returns plain structured-clone-safe data and `merge()` folds another collector's state in.
import type { SignalRecord } from '../model/index.js';

export interface Collector<S> {
  add(record: SignalRecord, inputIndex: number): void;
  state(): S;
  merge(state: S): void;
}
