// Derived per-service views over the merged profile, computed once per scoring run and shared by
// every rule (and by the what-if replays, which only re-aggregate outcomes).
import type { TelemetryProfileState, ServiceProfileState } from '../profile/telemetry-profile.js';
import { TRACES_ID, emptySampledTracesState, type SampledTracesState } from '../analysis/sampled-traces.js';
import { traceStatsByService, type TraceServiceStats, type TraceTotal } from '../profile/trace-store.js';
import { analyzeSeries, type SeriesStats } from '../profile/series-stats.js';
import type { SeriesSample } from '../profile/series-store.js';
import { templateStats, type TemplateStats } from '../profile/log-templates.js';
import { calmPeriodStats, type CalmPeriodStats } from '../profile/log-profile.js';
import type { ScoringContext } from './rule.js';

export interface AnalyzedSeries {
  sample: SeriesSample;
  stats: SeriesStats;
}

export interface ServiceView {
  name: string;
  state: ServiceProfileState;
  records: { spans: number; logs: number; points: number };
  trace: TraceServiceStats | undefined;
  series: AnalyzedSeries[];
  templates: TemplateStats | undefined;
  calm: CalmPeriodStats | undefined;
}

/**
 * `traceTotal`: the export's distinct trace count, when the caller has it (the trace checks past
 * the memory cap say the traces they kept of how many).
 */
export function buildContext(profile: TelemetryProfileState, extras: Record<string, unknown> = {}, traceTotal?: TraceTotal): ScoringContext {
  // (the run's sampled traces: a plug-in collector of their own, ../analysis/sampled-traces.ts)
  const traceStats = traceStatsByService((extras[TRACES_ID] as SampledTracesState | undefined) ?? emptySampledTracesState(), traceTotal);
  const seriesBy = new Map<string, AnalyzedSeries[]>();
  for (const s of profile.series.series) {
    const list = seriesBy.get(s.service) ?? [];
    list.push({ sample: s, stats: analyzeSeries(s.times, s.values, s.shape) });
    seriesBy.set(s.service, list);
  }
  const services: ServiceView[] = profile.services.map((st) => {
    // The records' own first and last time: bucket edges (a minute wide) put the middle of a
    // 12-second capture outside it.
    let range: { startMs: number; endMs: number } | undefined = st.logs?.timeRangeMs ? { startMs: st.logs.timeRangeMs[0], endMs: st.logs.timeRangeMs[1] } : undefined;
    if (!range && st.logs && st.logs.buckets.length > 0) {
      const w = Number(BigInt(st.logs.bucketNs) / 1_000_000n);
      range = { startMs: st.logs.buckets[0]![0] * w, endMs: (st.logs.buckets[st.logs.buckets.length - 1]![0] + 1) * w };
    }
    return {
      name: st.name,
      state: st,
      records: { spans: st.spans?.spans ?? 0, logs: st.logs?.records ?? 0, points: st.metrics?.points ?? 0 },
      trace: traceStats.get(st.name),
      series: seriesBy.get(st.name) ?? [],
      templates: st.templates ? templateStats(st.templates, range) : undefined,
      calm: st.logs && st.logs.buckets.length > 0 ? calmPeriodStats(st.logs) : undefined,
    };
  });
  return { profile, services, extras };
}
