// Where the profile (structure/noise), correlation and scoring plug into the pipeline.
// Each plug-in is a mergeable collector (see collector.ts) registered in PROFILE_PLUGINS under an
// id; its merged state reaches the scoring rules as `ctx.extras[id]` (the telemetry profile is
// `ctx.profile`). finishReport runs the scoring engine and adds its fields to the report.
//
// To add a collector (e.g. correlation): add one entry `{ id: 'correlation', create: () => new X() }`
// to PROFILE_PLUGINS; its rules go to analyzers/scoring/register-all.ts.
import type { SignalRecord } from '../model/index.js';
import type { Report } from '../report/model.js';
import { TelemetryProfileCollector, type TelemetryProfileState } from '../profile/telemetry-profile.js';
import { buildContext, scoreProfile, type DataSufficiency } from '../scoring/index.js';
import type { Collector } from './collector.js';
import { CorrelationCollector, type CorrelationState, type Incident } from '../correlation/index.js';
import { SampledTracesCollector, TRACES_ID, type SampledTracesState } from './sampled-traces.js';
import { CORRELATION_PLUGIN_ID, correlationReportFields, prepareCorrelation } from '../correlation/scoring-rules.js';

export interface FinishOptions {
  /** Labelled incidents (`--incidents`): correlation replays its root-cause ranking on them. */
  incidents?: Incident[];
}

export type ExtraState = Record<string, unknown>;

export interface ExtraCollectors {
  /** `detail`: false for a span outside the run's detail sample (detail.ts). */
  add(record: SignalRecord, inputIndex: number, detail?: boolean): void;
  state(): ExtraState;
  /** The collectors' ids, and the state of one (a part of `state()`, for sending a state in parts). */
  readonly ids: readonly string[];
  stateOf(id: string): unknown;
  merge(state: ExtraState): void;
  /** Each collector's `mergeSize` (collector.ts), by id, for `prepareMerge` on another thread. */
  mergeSizes(): Record<string, unknown>;
  /** `sizes`: the mergeSizes of the states to be merged with this one's; `merging`: see Collector.prepareMerge. */
  prepareMerge(sizes: Record<string, unknown>, merging?: boolean): void;
}

export interface ProfilePlugin {
  id: string;
  /** `detailLevel`: the run's detail level (detail.ts; 0: every span examined). */
  create: (detailLevel: number) => Collector<unknown>;
}

export const PROFILE_ID = 'profile';

export const PROFILE_PLUGINS: ProfilePlugin[] = [
  { id: PROFILE_ID, create: (detailLevel) => new TelemetryProfileCollector(detailLevel) as Collector<unknown> },
  { id: CORRELATION_PLUGIN_ID, create: (detailLevel) => new CorrelationCollector({ detailLevel }) as Collector<unknown> },
  // The run's sampled traces, which the profile's trace checks and the correlation's span topology both read (one store, built once per thread).
  { id: TRACES_ID, create: (detailLevel) => new SampledTracesCollector(detailLevel) as Collector<unknown> },
];

export function createExtraCollectors(plugins: readonly ProfilePlugin[] = PROFILE_PLUGINS, detailLevel = 0): ExtraCollectors {
  const collectors = plugins.map((p) => [p.id, p.create(detailLevel)] as const);
  // Per record: an indexed loop over the bare collectors (destructuring pairs cost ~2 % of a span's analysis).
  const adders = collectors.map(([, c]) => c);
  return {
    add(record, inputIndex, detail) {
      for (let i = 0; i < adders.length; i++) adders[i]!.add(record, inputIndex, detail);
    },
    state() {
      const out: ExtraState = {};
      for (const [id, c] of collectors) out[id] = c.state();
      return out;
    },
    ids: collectors.map(([id]) => id),
    stateOf(id) {
      return collectors.find(([k]) => k === id)?.[1].state();
    },
    merge(state) {
      for (const [id, c] of collectors) if (state[id] !== undefined) c.merge(state[id]);
    },
    mergeSizes() {
      const out: Record<string, unknown> = {};
      for (const [id, c] of collectors) if (c.mergeSize) out[id] = c.mergeSize();
      return out;
    },
    prepareMerge(sizes, merging = true) {
      for (const [id, c] of collectors) if (c.prepareMerge && sizes[id] !== undefined) c.prepareMerge(sizes[id], merging);
    },
  };
}

function rangeMs(r: { start: string; end: string } | undefined): number | null {
  if (!r) return null;
  // ISO strings with ns precision: Date keeps ms, enough for a 5-minute threshold.
  const a = Date.parse(r.start);
  const b = Date.parse(r.end);
  return Number.isFinite(a) && Number.isFinite(b) ? b - a : null;
}

export function dataSufficiency(base: Report): DataSufficiency {
  const s = base.signals;
  const ranges = [rangeMs(s.traces.timeRange), rangeMs(s.metrics.timeRange), rangeMs(s.logs.timeRange)].filter((x): x is number => x !== null);
  const rejected = base.inputs.reduce((n, i) => n + i.rejected, 0);
  return { records: s.traces.spans + s.metrics.points + s.logs.records, rangeMs: ranges.length ? Math.max(...ranges) : null, rejected };
}

export function finishReport(base: Report, extra: ExtraCollectors, options: FinishOptions): Report {
  const states = extra.state();
  const corrState = states[CORRELATION_PLUGIN_ID] as CorrelationState | undefined;
  const traces = states[TRACES_ID] as SampledTracesState | undefined;
  // (the signals' trace count: the correlation's total when the ids it holds are the detail sample's)
  const traceCount = { count: base.signals.traces.traces, approximate: base.signals.approximate === true };
  const corr: Partial<ReturnType<typeof correlationReportFields>> = corrState ? correlationReportFields(prepareCorrelation(corrState, traces, { traceCount, ...(options.incidents ? { incidents: options.incidents } : {}) })) : {};
  const profile = states[PROFILE_ID] as TelemetryProfileState | undefined;
  if (!profile) return { ...base, ...corr };
  const extras: Record<string, unknown> = {};
  for (const k of Object.keys(states).sort()) if (k !== PROFILE_ID) extras[k] = states[k];
  // The traces in the export, for the trace checks that ran on a sample: the correlation's count
  // (the total its own trace checks name), else the signals' (HLL past its exact limit).
  const ct = corr.correlation?.traces;
  const traceTotal = ct?.totalTraces !== undefined ? { traces: ct.totalTraces, estimated: ct.totalTracesEstimated === true } : { traces: base.signals.traces.traces, estimated: base.signals.approximate === true };
  const result = scoreProfile(buildContext(profile, extras, traceTotal), { data: dataSufficiency(base) });
  return { ...base, ...result, ...corr };
}
