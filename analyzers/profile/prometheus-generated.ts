// Series Prometheus writes itself, whose names the scraped service did not choose
// (prometheus.io, "Jobs and instances: automatically generated labels and time series", and
// "Alerting rules: inspecting alerts during runtime"):
// - per target, on every scrape: `up`, `scrape_duration_seconds`, `scrape_samples_scraped`,
//   `scrape_samples_post_metric_relabeling`, `scrape_series_added` (and with
//   `--enable-feature=extra-scrape-metrics` `scrape_timeout_seconds`, `scrape_sample_limit`,
//   `scrape_body_size_bytes`): the target's health as Prometheus saw it, labelled with its `job`
//   and `instance` (the OpenTelemetry Collector's Prometheus receiver writes the same);
// - by rule evaluation: `ALERTS` and `ALERTS_FOR_STATE`, an alert's state, labelled with the
//   labels of the series its expression returned (so with the service's `job`).
// They are in every /federate, `promtool tsdb dump` and API answer beside the service's own
// metrics; the metric-name rules do not judge them as the service's instrumentation (`up` and
// `scrape_*` when read only from Prometheus' storage — in a target's own exposition they are
// names it chose), and
// `ALERTS*` (alert states, not a measurement) is no series whose shape says anything.

const SCRAPE_META = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added', 'scrape_timeout_seconds', 'scrape_sample_limit', 'scrape_body_size_bytes']);
const ALERT_STATE = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

/** Which kind of Prometheus-written series a metric name is, or undefined for any other name. */
export function prometheusGenerated(name: string): 'scrape' | 'alerts' | undefined {
  if (ALERT_STATE.has(name)) return 'alerts';
  if (SCRAPE_META.has(name)) return 'scrape';
  return undefined;
}

/** An alert state series (`ALERTS`, `ALERTS_FOR_STATE`) that Prometheus' rule evaluation writes. */
export function isAlertStateSeries(name: string): boolean {
  return ALERT_STATE.has(name);
}
