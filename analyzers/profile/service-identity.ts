// Service identity across signals. Each record's service is read from resource `service.name`
// or, failing that, from well-known attribute/label keys (service, app, job, pod…). Kubernetes
// pod names are mapped to their workload by stripping the ReplicaSet hash and pod suffix, and
// names that differ only by case, separators or a trailing service/svc word are joined as near
// misses (never two span services that differ by such a word: see ServiceResolver). Everything
// here is generic: no dataset names, only naming conventions.
import type { Attributes, SignalRecord } from '../model/index.js';

// Kubernetes generates pod-template hashes and pod suffixes from this alphabet (no vowels, no
// 0/1/3 that could spell words): k8s.io/apimachinery/pkg/util/rand SafeEncodeString.
const K8S_SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
/** Deployment pods: <deployment>-<pod-template-hash 6–10>-<suffix 5>. Specific enough to apply anywhere. */
const DEPLOYMENT_POD_RE = new RegExp(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?)-${K8S_SAFE}{6,10}-${K8S_SAFE}{5}$`);
/** DaemonSet/Job pods: <name>-<suffix 5>; StatefulSet pods: <name>-<ordinal>. Only for pod-named fields. */
const SHORT_POD_RE = new RegExp(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?)-(${K8S_SAFE}{5}|\\d{1,4})$`);

/**
 * Keys (lowercased, separators removed) read as a service name when resource `service.name` is absent.
 * Not `component`: OpenTracing's semantic conventions define it as the library that made the span
 * ("grpc", "django", "JDBI"), and every producer seen uses it so — Envoy `proxy`, Traefik, Kong,
 * Go `net/http`, SkyWalking `SpringMVC`/`OKHttp`, Datadog `duckdb`, Prometheus's own log
 * (`component=tsdb`, "scrape manager"), a logger's sub-component beside its `service` (winston,
 * bunyan), Loghub's Component column (Java classes, Android tags, a host name): docs/scoring.md.
 */
const SERVICE_KEYS = ['servicename', 'service', 'svc', 'app', 'application', 'appname', 'kubernetesapp', 'k8sdeploymentname', 'deployment', 'job'];
/**
 * SERVICE_KEYS that do not name a metric point's service when they are the point's own labels
 * (docs/scoring.md §1): a metric label is a dimension of what is measured, and exporters use these
 * for other services than their own — ingress-nginx, Traefik and Kong label request metrics with the
 * backend `service` they routed to, kube-state-metrics the Kubernetes Service an object belongs to —
 * so a proxy's scrape would be handed to its backends. The correlation still joins on them.
 */
const METRIC_DIMENSION_KEYS = new Set(['service', 'svc', 'app', 'application', 'appname'].map((k) => SERVICE_KEYS.indexOf(k)));
const POD_KEYS = ['k8spodname', 'podname', 'pod', 'kubernetespodname'];
const CONTAINER_KEYS = ['k8scontainername', 'containername', 'container'];

/** The bucket of records without a usable service identity. */
export const UNKNOWN_SERVICE = '(unknown service)';

const SDK_DEFAULT = 'unknown_service';

/** True for an OpenTelemetry SDK default `service.name` (`unknown_service`, `unknown_service:java`): service.name was not set. */
export function isSdkDefaultServiceName(name: string): boolean {
  return name.trim().startsWith(SDK_DEFAULT);
}

/**
 * The bucket of a record without a usable service identity, by its `service.name`: the
 * OpenTelemetry SDKs fall back to `unknown_service:<process.executable.name>` when service.name is
 * not set (`unknown_service` without a process name), which names no service but tells which
 * program ran — `(unknown service: java)`; anything else (absent, blank) `(unknown service)`.
 */
export function unknownServiceLabel(serviceName: string | undefined): string {
  const n = serviceName?.trim() ?? '';
  if (n.startsWith(SDK_DEFAULT + ':')) {
    const proc = n.slice(SDK_DEFAULT.length + 1).trim();
    if (proc !== '') return `(unknown service: ${proc})`;
  }
  return UNKNOWN_SERVICE;
}

/** True for a bucket unknownServiceLabel gives: records that name no service. */
export function isUnknownService(name: string): boolean {
  return name === UNKNOWN_SERVICE || (name.startsWith('(unknown service: ') && name.endsWith(')'));
}

export interface RawServiceName {
  name: string;
  /** `resource` or the attribute key it was read from. */
  from: string;
  /** True when the name came from a pod-name field (short pod suffixes may be stripped). */
  pod: boolean;
}

function squash(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Attribute keys repeat on every record: each key's class (which list, at what rank) is memoised
// (bounded; cleared when full, so endless distinct keys only cost the uncached path), and one pass
// over an attribute map finds the best key of all three lists at once.
const KEY_CLASS_CACHE_MAX = 10_000;
const NO_CLASS = -1;
const keyClassCache = new Map<string, number>();
const KEY_LISTS = [SERVICE_KEYS, POD_KEYS, CONTAINER_KEYS];

/** category · 16 + rank in that category's list, or NO_CLASS. */
function keyClass(key: string): number {
  let c = keyClassCache.get(key);
  if (c === undefined) {
    const sq = squash(key);
    c = NO_CLASS;
    for (let cat = 0; cat < KEY_LISTS.length && c === NO_CLASS; cat++) {
      const rank = KEY_LISTS[cat]!.indexOf(sq);
      if (rank >= 0) c = cat * 16 + rank;
    }
    if (keyClassCache.size >= KEY_CLASS_CACHE_MAX) keyClassCache.clear();
    keyClassCache.set(key, c);
  }
  return c;
}

interface KeyHit {
  key: string;
  value: string;
  rank: number;
}

/**
 * Best (lowest-rank, first-seen on ties) non-blank string value per category; `metricLabels`: the
 * keys are a metric point's own labels, where METRIC_DIMENSION_KEYS name no service.
 */
function scanKeys(attrs: Attributes | Record<string, string> | undefined, metricLabels = false): (KeyHit | undefined)[] {
  const best: (KeyHit | undefined)[] = [undefined, undefined, undefined];
  if (!attrs) return best;
  for (const k in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
    const c = keyClass(k);
    if (c === NO_CLASS) continue;
    const v = (attrs as Record<string, unknown>)[k];
    if (typeof v !== 'string') continue;
    const cat = c >> 4;
    const rank = c & 15;
    if (metricLabels && cat === 0 && METRIC_DIMENSION_KEYS.has(rank)) continue;
    const cur = best[cat];
    if (cur !== undefined && rank >= cur.rank) continue;
    const t = v.trim();
    // (a resource's own `service.name` attribute holding the SDK default names no service either)
    if (t === '' || (cat === 0 && isSdkDefaultServiceName(t))) continue;
    best[cat] = { key: k, value: t, rank };
  }
  return best;
}

/**
 * The service name a record carries, and where it was found; undefined when it has none.
 * `use`: `join` (the correlation matching a record's signals, and a span's service) reads every
 * service key; `name` (the service a record is scored under: service.ts recordServiceOf) does not
 * take a metric point's own `service`, `svc`, `app`, `application` or `appname` label for its
 * service (METRIC_DIMENSION_KEYS) — its resource's, `job`, a pod or container name still name it.
 */
export function readServiceName(record: SignalRecord, use: 'join' | 'name' = 'join'): RawServiceName | undefined {
  const r = record.resource;
  if (r.serviceName !== undefined && r.serviceName.trim() !== '' && !isSdkDefaultServiceName(r.serviceName)) {
    return { name: r.serviceName.trim(), from: 'resource service.name', pod: false };
  }
  const metric = record.kind === 'metric';
  const own: Attributes | Record<string, string> = metric ? record.labels : record.attributes;
  const fromResource = scanKeys(r.attributes);
  const fromOwn = scanKeys(own, metric && use === 'name');
  // Service keys (resource, then own), then pod keys, then container keys.
  for (let cat = 0; cat < KEY_LISTS.length; cat++) {
    const hit = fromResource[cat] ?? fromOwn[cat];
    if (hit) return { name: hit.value, from: hit.key, pod: cat === 1 };
  }
  return undefined;
}

/**
 * The service a span names (`resource service.name`, else a service/app/pod attribute, pod names
 * mapped to their workload), else the bucket of an SDK default `service.name`
 * (`(unknown service: java)`: a process that did not name itself, so no span inherits another's
 * service for it), '' when it names none: the name the correlation collector notes for a span
 * (its `noteName`, or sdkDefaultService), and the service the run's sampled traces store for it
 * (../analysis/sampled-traces.ts `base`), which both trace trees tell services apart by
 * (../analysis/span-tree.ts), so both trees are one.
 */
export function spanServiceBase(record: SignalRecord): string {
  const raw = readServiceName(record);
  return raw === undefined ? sdkDefaultService(record) : baseServiceName(raw).name;
}

/** The bucket of a record whose `service.name` is an SDK default (`(unknown service: java)`), else ''. */
export function sdkDefaultService(record: SignalRecord): string {
  const n = record.resource.serviceName;
  return n !== undefined && isSdkDefaultServiceName(n) ? unknownServiceLabel(n) : '';
}

/**
 * The key two span services are one service by: case and separators ignored (Zipkin lower-cases
 * service names). ServiceResolver joins span services exactly so (a near miss by a trailing
 * service word joins a span service with other signals' names, never with another span service),
 * so two spans have one key iff the dependency graph files them under one service.
 */
export function spanServiceKey(name: string): string {
  return squash(name);
}

/** Pod name → workload name, or undefined when the name does not look like a pod. */
export function workloadOfPod(name: string, podField: boolean): string | undefined {
  const lower = name.toLowerCase();
  const m = DEPLOYMENT_POD_RE.exec(lower);
  if (m) return m[1]!;
  if (podField) {
    const s = SHORT_POD_RE.exec(lower);
    if (s) return s[1]!;
  }
  return undefined;
}

/** The key two names must share to be called the same service: case, separators and a trailing service word ignored. */
export function nearMissKey(name: string): string {
  let k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const suffix of ['service', 'svc', 'server', 'srv', 'app', 'api']) {
    if (k.length > suffix.length + 2 && k.endsWith(suffix)) {
      k = k.slice(0, -suffix.length);
      break;
    }
  }
  return k;
}

/** Name after pod inference (not yet joined across signals). */
export function baseServiceName(raw: RawServiceName): { name: string; reason: 'exact' | 'pod-name' } {
  const w = workloadOfPod(raw.name, raw.pod);
  return w !== undefined ? { name: w, reason: 'pod-name' } : { name: raw.name, reason: 'exact' };
}

/**
 * Resolves base names (after pod inference) to canonical services: names sharing a near-miss key
 * join; the canonical spelling is the one used in traces (the backbone of the join), else the
 * most frequent one.
 *
 * Near-miss joining is for names of one service that other signals or peer attributes spell
 * differently (metrics `frontendservice`, traces `frontend`). Two span services are two services
 * as they name themselves: they join only when they differ by case or separators (Zipkin
 * lower-cases names), never by a trailing service word (`content-api` and `content-service` are
 * two). So a near-miss key shared by two or more span services is ambiguous: another name joins
 * one of them only by case and separators, else it stays itself.
 */
const RESOLVE_CACHE_MAX = 50_000;

export class ServiceResolver {
  /** near-miss key → canonical name, for keys that name at most one span service. */
  private readonly byKey = new Map<string, string>();
  /** squashed name (case and separators ignored) → canonical name, for keys of several span services. */
  private readonly bySquash = new Map<string, string>();

  constructor(bases: { name: string; inTraces: boolean; records: number }[]) {
    const groups = new Map<string, { name: string; inTraces: boolean; records: number }[]>();
    for (const b of bases) {
      const k = nearMissKey(b.name);
      const g = groups.get(k) ?? [];
      g.push(b);
      groups.set(k, g);
    }
    for (const [k, g] of groups) {
      g.sort((a, b) => Number(b.inTraces) - Number(a.inTraces) || b.records - a.records || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const traced = new Set<string>();
      for (const b of g) if (b.inTraces) traced.add(squash(b.name));
      if (traced.size <= 1) {
        this.byKey.set(k, g[0]!.name);
        continue;
      }
      // several span services: each keeps its own spelling (the first of its squashed name)
      for (const b of g) {
        const sq = squash(b.name);
        if (traced.has(sq) && !this.bySquash.has(sq)) this.bySquash.set(sq, b.name);
      }
    }
  }

  /**
   * The callee a client span's peer attribute names. Near-miss joining never lands on the caller
   * itself: a client span calls another service, so a peer name that differs from its own
   * service by more than case and separators names a different one (`telemetrygen` calling
   * `telemetrygen-server`).
   */
  resolvePeer(name: string, caller: string): string {
    const r = this.resolve(name);
    return r === caller && squash(name) !== squash(caller) ? name : r;
  }

  /** Canonical service for a base name (or for any raw name, e.g. the incidents file's). */
  resolve(name: string, podField = false): string {
    // Called per stored span and per series at finish time with few distinct names: memoised
    // (bounded, the resolver is immutable once built).
    const cache = podField ? this.podCache : this.cache;
    let r = cache.get(name);
    if (r === undefined) {
      const base = workloadOfPod(name, podField) ?? name;
      r = this.bySquash.get(squash(base)) ?? this.byKey.get(nearMissKey(base)) ?? base;
      if (cache.size >= RESOLVE_CACHE_MAX) cache.clear();
      cache.set(name, r);
    }
    return r;
  }

  private readonly cache = new Map<string, string>();
  private readonly podCache = new Map<string, string>();

  canonicalNames(): string[] {
    return [...new Set([...this.byKey.values(), ...this.bySquash.values()])].sort();
  }
}
