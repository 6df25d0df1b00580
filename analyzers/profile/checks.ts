// A check is the unit of evidence: how many records were examined for one property, how many
// failed it, and the first few failing examples. Rules turn checks into pass/fail verdicts.
import type { SignalRecord } from '../model/index.js';
import { addExample, exampleOf, mergeExamples, wouldKeep, type ExampleRecord } from './examples.js';
import type { SampleInfo } from './sample-note.js';

export interface CheckState {
  examined: number;
  failing: number;
  examples: ExampleRecord[];
  /** Set when the check ran on a deterministic sample: the share of records examined (2^-level). */
  sampleShare?: number;
  /** Set with sampleShare: the records in the sample and in all (whatever the check examines of them). */
  sample?: SampleInfo;
  /** What examined and failing count when not records (a check over metric names). */
  unit?: string;
  /** Why the check ran on `sample`, when not the trace checks' memory cap. */
  sampleWhy?: string;
}

export type ChecksState = Record<string, CheckState>;

export class Checks {
  private readonly map = new Map<string, CheckState>();

  /** The live state of one check, for hot paths that keep a reference instead of looking it up. */
  ref(id: string): CheckState {
    return this.get(id);
  }

  private get(id: string): CheckState {
    let c = this.map.get(id);
    if (!c) {
      c = { examined: 0, failing: 0, examples: [] };
      this.map.set(id, c);
    }
    return c;
  }

  pass(id: string): void {
    this.get(id).examined++;
  }

  fail(id: string, record: SignalRecord, note?: string): void {
    const c = this.get(id);
    c.examined++;
    c.failing++;
    if (wouldKeep(c.examples, record.source)) addExample(c.examples, exampleOf(record, note));
  }

  record(id: string, ok: boolean, record: SignalRecord, note?: string): void {
    if (ok) this.pass(id);
    else this.fail(id, record, note);
  }

  state(): ChecksState {
    const out: ChecksState = {};
    for (const id of [...this.map.keys()].sort()) {
      const c = this.map.get(id)!;
      if (c.examined === 0) continue; // a reference taken up front, never recorded
      out[id] = { examined: c.examined, failing: c.failing, examples: c.examples.map((e) => ({ ...e })) };
    }
    return out;
  }

  merge(s: ChecksState): void {
    for (const id of Object.keys(s)) {
      const c = this.get(id);
      const o = s[id]!;
      c.examined += o.examined;
      c.failing += o.failing;
      mergeExamples(c.examples, o.examples);
    }
  }
}

/** `Checks.record` on a check reference (no map lookup). */
export function recordCheck(c: CheckState, ok: boolean, record: SignalRecord, note?: string): void {
  c.examined++;
  if (ok) return;
  c.failing++;
  if (wouldKeep(c.examples, record.source)) addExample(c.examples, exampleOf(record, note));
}

export function emptyCheck(): CheckState {
  return { examined: 0, failing: 0, examples: [] };
}

// --- sampled checks ----------------------------------------------------------------------------
// Expensive per-span checks run on every span up to SAMPLE_CAP spans per service, then on a
// deterministic sample: the spans whose trace-id hash has at least `level` leading zero bits
// (whole traces in or out). Counts are kept per leading-zero bucket, so the reported level is a
// function of the data alone: the smallest L whose buckets ≥ L hold at most SAMPLE_CAP spans.
// A worker only ever raises its own level when its buckets ≥ level exceed the cap, so every
// bucket ≥ that final L is complete in every worker, and split and sequential runs agree.

export const SAMPLE_CAP = 5_000;
const LEVELS = 33;

interface LeveledCheck {
  examined: number[];
  failing: number[];
  /** Examples by bucket (sparse), each capped and sorted like Checks' lists. */
  examples: ExampleRecord[][];
}

export interface SampledChecksState {
  /** Spans seen per leading-zero bucket of their trace-id hash. */
  seen: number[];
  checks: Record<string, LeveledCheck>;
  /** The lowest level (the run's detail level, ../analysis/detail.ts): buckets below it were never examined. */
  floor?: number;
}

function newLeveled(): LeveledCheck {
  return { examined: new Array<number>(LEVELS).fill(0), failing: new Array<number>(LEVELS).fill(0), examples: [] };
}

export class SampledChecks {
  private readonly seen = new Array<number>(LEVELS).fill(0);
  private level: number;
  /** Spans seen with bucket ≥ level. */
  private atLevel = 0;
  private readonly map = new Map<string, LeveledCheck>();
  private bucket = 0;

  /** `floor`: the run's detail level (spans below it are counted in `seen`, never examined). */
  constructor(
    private readonly cap = SAMPLE_CAP,
    private floor = 0,
  ) {
    this.level = floor;
  }

  /** Note a span in bucket `lz` (clz32 of its trace-id hash); true when it is to be examined. */
  admit(lz: number): boolean {
    this.seen[lz]!++;
    if (lz < this.level) return false;
    this.atLevel++;
    while (this.atLevel > this.cap && this.level < LEVELS - 1) {
      this.atLevel -= this.seen[this.level]!;
      this.level++;
    }
    this.bucket = lz;
    return lz >= this.level;
  }

  ref(id: string): LeveledCheck {
    let c = this.map.get(id);
    if (!c) {
      c = newLeveled();
      this.map.set(id, c);
    }
    return c;
  }

  /** Record an outcome for the span last admitted. */
  record(c: LeveledCheck, ok: boolean, record: SignalRecord, note?: string): void {
    const b = this.bucket;
    c.examined[b]!++;
    if (ok) return;
    c.failing[b]!++;
    const list = (c.examples[b] ??= []);
    if (wouldKeep(list, record.source)) addExample(list, exampleOf(record, note));
  }

  state(): SampledChecksState {
    const checks: Record<string, LeveledCheck> = {};
    for (const id of [...this.map.keys()].sort()) {
      const c = this.map.get(id)!;
      const examples: ExampleRecord[][] = [];
      c.examples.forEach((l, b) => (examples[b] = l.map((e) => ({ ...e }))));
      checks[id] = { examined: [...c.examined], failing: [...c.failing], examples };
    }
    return { seen: [...this.seen], checks, ...(this.floor > 0 ? { floor: this.floor } : {}) };
  }

  /** Raise the floor (before any span is admitted, or on a merge: every state of one run has the run's floor). */
  raiseFloor(floor: number): void {
    if (floor > this.floor) this.floor = floor;
    if (this.level < this.floor) {
      for (let b = this.level; b < this.floor; b++) this.atLevel -= this.seen[b]!;
      this.level = this.floor;
    }
  }

  merge(s: SampledChecksState): void {
    this.raiseFloor(s.floor ?? 0);
    for (let b = 0; b < LEVELS; b++) this.seen[b]! += s.seen[b] ?? 0;
    for (const id of Object.keys(s.checks)) {
      const o = s.checks[id]!;
      const c = this.ref(id);
      for (let b = 0; b < LEVELS; b++) {
        c.examined[b]! += o.examined[b] ?? 0;
        c.failing[b]! += o.failing[b] ?? 0;
      }
      o.examples.forEach((l, b) => {
        if (l) mergeExamples((c.examples[b] ??= []), l);
      });
    }
    // Keep sampling as the merged counts require (bounded work for later records).
    let at = 0;
    for (let b = this.level; b < LEVELS; b++) at += this.seen[b]!;
    this.atLevel = at;
    while (this.atLevel > this.cap && this.level < LEVELS - 1) {
      this.atLevel -= this.seen[this.level]!;
      this.level++;
    }
  }
}

/** The sample level a sampled-checks state resolves to: the smallest L with ≤ cap spans in buckets ≥ L. */
export function sampleLevel(s: SampledChecksState, cap = SAMPLE_CAP): number {
  const floor = s.floor ?? 0;
  let at = 0;
  for (let b = LEVELS - 1; b >= 0; b--) {
    at += s.seen[b] ?? 0;
    if (at > cap) return Math.max(b + 1, floor);
  }
  return floor;
}

/**
 * Plain check states (examined, failing, examples; sampleShare and sample when sampled) from a
 * sampled-checks state. `unit`: what the records are, plural (the sample says how many of them it holds).
 */
export function resolveSampledChecks(s: SampledChecksState, cap = SAMPLE_CAP, unit = 'records', floorWhy?: string): ChecksState {
  const level = sampleLevel(s, cap);
  let size = 0;
  let total = 0;
  for (let b = 0; b < LEVELS; b++) {
    const n = s.seen[b] ?? 0;
    total += n;
    if (b >= level) size += n;
  }
  const out: ChecksState = {};
  for (const id of Object.keys(s.checks).sort()) {
    const c = s.checks[id]!;
    let examined = 0;
    let failing = 0;
    const examples: ExampleRecord[] = [];
    for (let b = level; b < LEVELS; b++) {
      examined += c.examined[b] ?? 0;
      failing += c.failing[b] ?? 0;
      const l = c.examples[b];
      if (l) mergeExamples(examples, l);
    }
    if (examined === 0) continue;
    const st: CheckState = { examined, failing, examples };
    if (level > 0) {
      st.sampleShare = 2 ** -level;
      st.sample = { unit, size, total, share: st.sampleShare };
      if (floorWhy !== undefined && level === s.floor) st.sampleWhy = floorWhy;
    }
    out[id] = st;
  }
  return out;
}
