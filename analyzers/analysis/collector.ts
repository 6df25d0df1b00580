// A collector folds records into a bounded-memory summary. Collectors are mergeable so that
// the work can be split across worker threads (and machines) and joined afterwards: `state()`
// returns plain structured-clone-safe data and `merge()` folds another collector's state in.
import type { SignalRecord } from '../model/index.js';

export interface Collector<S> {
  /** `detail`: false for a span outside the run's detail sample (detail.ts): counted, not examined. */
  add(record: SignalRecord, inputIndex: number, detail?: boolean): void;
  state(): S;
  merge(state: S): void;
  /**
   * Optional, for exact sets that turn into a sketch past a cap when merged: `mergeSize` is the
   * size of this collector's exact set, and `prepareMerge(elsewhere)` (given the size of the states
   * to be merged with) may do now the part of the merge's work that falls on this collector's own
   * data, so that threads do it at once rather than the merging thread in turn. Neither may change
   * what `merge` produces.
   */
  mergeSize?(): number;
  prepareMerge?(elsewhere: number): void;
}
