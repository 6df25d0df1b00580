// One log line whose shape is not known in advance (a CloudWatch `message`, a Loki stream
// value, a logcli JSON line): a JSON object is mapped like a JSON Lines record, `key=value`
// pairs like a logfmt line, anything else as free text (time, level and ids found in the text).
// Also the Loki entry (stream labels + line + nanosecond timestamp + structured metadata),
// shared by the JSON Lines importer (logcli output) and the JSON log documents importer.
import type { AttrValue, Attributes } from '../../model/index.js';
import { envelopeMs, mapLogLine, mapStructured, readTimeValue, setAttribute, type LineKind, type MappedLog } from './map-fields.js';

export { mapLogLine, mapLogfmtLine, type LineKind } from './map-fields.js';
import { severityFromText } from './severity.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An envelope time (docker `time`, CloudWatch `timestamp`, Loki's entry time): the record's own
 * time field wins and the envelope time fills in when the line has none; the envelope time (or
 * `observedNs` when the envelope has a separate ingestion time) is the observed time.
 */
export function applyEnvelopeTime(m: MappedLog, ns: bigint | undefined, observedNs?: bigint): void {
  const observed = observedNs ?? ns;
  if (observed !== undefined) m.observedTimeNs = observed;
  if (ns !== undefined && m.timeNs === undefined) {
    m.timeNs = ns;
    delete m.timeWithoutZone;
    delete m.timeWithoutYear;
  }
}

// Loki labels that name the service, in order of preference (Loki 3 sets service_name itself).
const SERVICE_LABELS = ['service_name', 'service', 'app', 'application', 'app_kubernetes_io_name', 'k8s_app', 'job', 'container', 'container_name'];
const LEVEL_LABELS = ['level', 'detected_level', 'severity', 'lvl'];

/**
 * A Loki entry: `labels` are the stream's labels, `line` the log line, `timeNs` the entry's
 * timestamp (unix ns), `metadata` Loki 3 structured metadata (often holds trace_id).
 * Labels become record attributes; the ones naming a service, pod, namespace, container or
 * host become resource attributes.
 */
export function mapLokiEntry(labels: Record<string, unknown>, line: string, timeNs: bigint | undefined, metadata?: Record<string, unknown>): { mapped: MappedLog; kind: LineKind } {
  const { mapped: m, kind } = mapLogLine(line, timeNs === undefined ? undefined : { nowMs: envelopeMs(timeNs) });
  const labelAttrs: Attributes = {};
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') setAttribute(labelAttrs, k, v);
  }
  const fromLabels = mapStructured(labelAttrs, { inner: true, noContainerService: true });
  const res: Attributes = { ...fromLabels.resourceAttributes };
  if (!('service.name' in res)) {
    for (const k of SERVICE_LABELS) {
      const v = labelAttrs[k];
      if (typeof v === 'string' && v.trim() !== '') {
        res['service.name'] = k === 'job' ? v.slice(v.lastIndexOf('/') + 1) : v; // promtail's job is namespace/name
        break;
      }
    }
  }
  m.resourceAttributes = { ...res, ...m.resourceAttributes };
  const attrs: Attributes = { ...labelAttrs };
  for (const k of Object.keys(m.attributes)) setAttribute(attrs, k, m.attributes[k] as AttrValue);
  if (metadata) {
    const meta = mapStructured(metadata, { inner: true });
    if (m.traceId === undefined && meta.traceId !== undefined) m.traceId = meta.traceId;
    if (m.spanId === undefined && meta.spanId !== undefined) m.spanId = meta.spanId;
    for (const k of Object.keys(metadata)) if (!(k in attrs)) setAttribute(attrs, k, metadata[k] as AttrValue);
  }
  m.attributes = attrs;
  if (m.severityNumber === undefined && m.severityText === undefined) {
    for (const k of LEVEL_LABELS) {
      const v = labelAttrs[k];
      if (typeof v !== 'string' || v === '' || v === 'unknown') continue;
      const n = severityFromText(v);
      if (n !== undefined) m.severityNumber = n;
      m.severityText = v;
      break;
    }
  }
  applyEnvelopeTime(m, timeNs);
  return { mapped: m, kind };
}

/** `logcli query --output=jsonl`: `{"labels":{…},"line":"…","timestamp":"RFC3339"}`. */
export function isLogcliLine(obj: Record<string, unknown>): boolean {
  if (typeof obj['line'] !== 'string' || !isPlainObject(obj['labels'])) return false;
  for (const k of Object.keys(obj)) if (k !== 'line' && k !== 'labels' && k !== 'timestamp') return false;
  return true;
}

export function mapLogcliLine(obj: Record<string, unknown>): { mapped: MappedLog; kind: LineKind } {
  const t = obj['timestamp'] === undefined ? undefined : readTimeValue(obj['timestamp']);
  const r = mapLokiEntry(obj['labels'] as Record<string, unknown>, obj['line'] as string, t?.ns);
  if (obj['timestamp'] !== undefined && !t) r.mapped.problems.push({ code: 'invalid-timestamp', message: `unreadable timestamp ${JSON.stringify(obj['timestamp']).slice(0, 80)}` });
  return r;
}
