// A collector folds records into a bounded-memory summary. Collectors are mergeable so that
// the work can be split across worker threads (and machines) and joined afterwards: `state()`
// returns plain structured-clone-safe data and `merge()` folds another collector's state in.
import type { SignalRecord } from '../model/index.js';

export interface Collector<S, M = unknown> {
  /** `detail`: false for a span outside the run's detail sample (detail.ts): counted, not examined. */
  add(record: SignalRecord, inputIndex: number, detail?: boolean): void;
  state(): S;
  merge(state: S): void;
  /**
   * Optional, for work of a merge that can be done ahead, by each thread on its own data: `mergeSize`
   * is what this collector tells the other side (plain structured-clone data: the size of an exact
   * set that turns into a sketch past a cap when merged, the levels of a store sampled by trace id),
   * and `prepareMerge(elsewhere)` (given the other side's) may do now the part of the merge's work
   * that falls on this collector's own data, so that threads do it at once rather than the merging
   * thread in turn. `merging`: this collector is the one the other's state will be merged into (it
   * may make room for it), else the one whose state is sent (it does only what makes that state
   * smaller or its merge cheaper). Neither may change what `merge` produces.
   */
  mergeSize?(): M;
  prepareMerge?(elsewhere: M, merging?: boolean): void;
}
