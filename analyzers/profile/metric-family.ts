// Which metric a point is a sample of. A text exposition writes one metric as several sample
// names — a histogram `x` as `x_bucket`, `x_sum`, `x_count` (and `x_created`), a summary as `x`,
// `x_sum`, `x_count`, an OpenMetrics counter `x` as `x_total` and `x_created` — where OTLP has one
// metric. Every count of "metric names" (the signals summary, the metric rules) counts metrics:
//
// - Declared: the exposition's family (`# TYPE`) says it. The metric is named by its family, except
//   a counter, named by its `_total` sample (what Prometheus stores and promlint judges: an
//   OpenMetrics counter family `x` is the metric `x_total`), and an info metric by its `_info` sample.
// - Untyped (no `# TYPE`: a bare 0.0.4 sample, an OpenMetrics `unknown`, a Prometheus API series),
//   by the conventions those names follow, which Prometheus itself relies on (`histogram_quantile`
//   reads `le`): `x_bucket` with an `le` label is a bucket of `x`; `x` with a `quantile` label is a
//   summary's quantile; `x_sum` and `x_count` belong to `x` when `x` has such buckets or quantiles,
//   or when both of them are there (a summary without quantiles). Anything else, `x_count` alone
//   included, is a metric of its own. A typed sample is never regrouped: `# TYPE x_count gauge`
//   is the gauge `x_count` — but for the gauges client_python writes beside a metric `x` in 0.0.4
//   text, `x_created` and a gauge histogram's `x_gsum` and `x_gcount`, which are part of `x` when
//   it is there (metric-profile.ts metricFamilies, the signals summary).
import type { MetricPoint } from '../model/index.js';

type Named = Pick<MetricPoint, 'name' | 'family' | 'type'>;

/** The metric a point's exposition declares it a sample of (its own name when nothing is declared). */
export function declaredMetricName(p: Named): string {
  const family = p.family;
  if (family === undefined || family === p.name) return p.name;
  if (p.type === 'counter') return family.endsWith('_total') ? family : family + '_total';
  if (p.type === 'info') return p.name;
  return family;
}

/** A bucket (`x_bucket{le=…}`) or quantile (`x{quantile=…}`) sample that no `# TYPE` declares. */
export type UntypedShape = 'bucket' | 'quantile';

/** True when nothing declares what the point is: type unknown, no family beyond its own name. */
export function isUntyped(p: Named): boolean {
  return p.type === 'unknown' && (p.family === undefined || p.family === p.name);
}

export function untypedShape(p: Named & Pick<MetricPoint, 'labels'>): UntypedShape | undefined {
  if (!isUntyped(p)) return undefined;
  const own = (k: string) => Object.prototype.hasOwnProperty.call(p.labels, k);
  if (p.name.length > 7 && p.name.endsWith('_bucket') && own('le')) return 'bucket';
  if (own('quantile')) return 'quantile';
  return undefined;
}

/** `x` of an untyped bucket name `x_bucket`. */
export function bucketBase(name: string): string {
  return name.slice(0, -7);
}

/**
 * `x` for an untyped `x_sum` or `x_count` that belongs to `x`: `isBase(x)` (buckets or quantiles
 * of `x` were seen) or its other half was seen untyped (`seen`). Undefined for any other name.
 */
export function siblingBase(name: string, isBase: (base: string) => boolean, seen: (name: string) => boolean): string | undefined {
  let base: string;
  let other: string;
  if (name.length > 4 && name.endsWith('_sum')) {
    base = name.slice(0, -4);
    other = base + '_count';
  } else if (name.length > 6 && name.endsWith('_count')) {
    base = name.slice(0, -6);
    other = base + '_sum';
  } else return undefined;
  return isBase(base) || seen(other) ? base : undefined;
}

/** A name an untyped `_sum`/`_count` sample could belong to a base with (`siblingBase`). */
export function isSiblingName(name: string): boolean {
  return (name.length > 4 && name.endsWith('_sum')) || (name.length > 6 && name.endsWith('_count'));
}

/**
 * `x` of a gauge histogram's `x_gsum` or `x_gcount` sample name, else undefined. In 0.0.4 text
 * client_python writes a gauge histogram `x` as `# TYPE x histogram` (its `x_bucket` samples) and
 * its sum and count as gauges of their own, `# TYPE x_gsum gauge` and `# TYPE x_gcount gauge`
 * (OpenMetrics-only samples, as its `_created`): parts of the histogram `x` when it is there.
 */
export function gaugeHistogramPartBase(name: string): string | undefined {
  if (name.length > 5 && name.endsWith('_gsum')) return name.slice(0, -5);
  if (name.length > 7 && name.endsWith('_gcount')) return name.slice(0, -7);
  return undefined;
}
