// The resource of a metric point that names its service in labels, as OpenTelemetry's
// Prometheus compatibility maps them (specification/compatibility/prometheus_and_openmetrics.md):
// `job` is `service.namespace/service.name` (the part after the last `/` is the name),
// `instance` is `service.instance.id`, and `target_info`'s labels are the target's resource
// attributes. A label `service.name` or `service_name` (what an exporter's resource-to-telemetry
// conversion writes on every point) names the service directly, and wins over `job`, which is
// only the scrape job. Points of one service share one Resource object (collectors resolve a
// resource once per object), kept in a bounded cache.
import { emptyResource, resourceFromAttributes, type Attributes, type Resource } from '../../model/index.js';

/** Distinct resources kept; past this the cache starts again (a label of unique values). */
const CACHE_CAP = 4096;

/** Label names that name the service itself, strongest first (`service` only where asked: Datadog's tag). */
const SERVICE_LABELS = ['service.name', 'service_name'] as const;
const NAMESPACE_LABELS = ['service.namespace', 'service_namespace'] as const;
const INSTANCE_LABELS = ['service.instance.id', 'service_instance_id'] as const;

function first(labels: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = labels[k];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** The key `first` took its value from. */
function firstKey(labels: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = labels[k];
    if (v !== undefined && v !== '') return k;
  }
  return undefined;
}

export class LabelResources {
  private readonly empty = emptyResource();
  private readonly cache = new Map<string, Resource>();
  /** Resource attributes of the target (`target_info`), applied to the points after it. */
  private target: Attributes | undefined;
  private targetIdentity: { name?: string; nameFrom?: string; namespace?: string; instance?: string } = {};

  /** `serviceTag`: also take a label `service` as the service (Datadog's unified service tag). */
  constructor(private readonly serviceTag = false) {}

  /** The labels of a `target_info` sample: the resource attributes of every point after it. */
  targetInfo(labels: Record<string, string>): void {
    const attrs: Attributes = {};
    for (const k in labels) if (k !== 'job' && k !== 'instance') attrs[k] = labels[k]!;
    this.target = attrs;
    const job = labels['job'];
    const slash = job === undefined ? -1 : job.lastIndexOf('/');
    const name = first(labels, SERVICE_LABELS) ?? (job === undefined || job === '' ? undefined : job.slice(slash + 1));
    const nameFrom = `target_info ${firstKey(labels, SERVICE_LABELS) ?? 'job'}`;
    const namespace = first(labels, NAMESPACE_LABELS) ?? (slash > 0 ? job!.slice(0, slash) : undefined);
    const instance = first(labels, INSTANCE_LABELS) ?? (labels['instance'] !== '' ? labels['instance'] : undefined);
    this.targetIdentity = { ...(name !== undefined ? { name, nameFrom } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(instance !== undefined ? { instance } : {}) };
    this.cache.clear();
    this.lastLabels = undefined;
  }

  private lastLabels: Record<string, string> | undefined;
  private lastResource: Resource | undefined;

  /** The resource of a point with these labels (the points of a series share their labels object: one lookup). */
  of(labels: Record<string, string>): Resource {
    if (labels === this.lastLabels) return this.lastResource!;
    const r = this.resolve(labels);
    this.lastLabels = labels;
    this.lastResource = r;
    return r;
  }

  private resolve(labels: Record<string, string>): Resource {
    let name = first(labels, SERVICE_LABELS) ?? (this.serviceTag ? labels['service'] : undefined);
    let nameFrom = name === undefined ? undefined : (firstKey(labels, SERVICE_LABELS) ?? 'service');
    let namespace = first(labels, NAMESPACE_LABELS);
    const job = labels['job'];
    if (name === undefined && job !== undefined && job !== '') {
      const slash = job.lastIndexOf('/');
      name = job.slice(slash + 1);
      nameFrom = 'job';
      if (slash > 0) namespace ??= job.slice(0, slash);
    }
    const instance = first(labels, INSTANCE_LABELS) ?? (labels['instance'] !== '' ? labels['instance'] : undefined);
    if (name === undefined && namespace === undefined && instance === undefined && this.target === undefined) return this.empty;
    if (name === undefined && this.targetIdentity.name !== undefined) {
      name = this.targetIdentity.name;
      nameFrom = this.targetIdentity.nameFrom;
    }
    namespace ??= this.targetIdentity.namespace;
    const inst = instance ?? this.targetIdentity.instance;
    const key = `${name ?? ''}\u0000${nameFrom ?? ''}\u0000${namespace ?? ''}\u0000${inst ?? ''}`;
    let r = this.cache.get(key);
    if (r === undefined) {
      const attrs: Attributes = { ...this.target };
      if (name !== undefined) attrs['service.name'] = name;
      if (namespace !== undefined) attrs['service.namespace'] = namespace;
      if (inst !== undefined) attrs['service.instance.id'] = inst;
      r = resourceFromAttributes(attrs);
      if (nameFrom !== undefined && r.serviceName !== undefined) r.serviceNameFrom = nameFrom;
      if (this.cache.size >= CACHE_CAP) this.cache.clear();
      this.cache.set(key, r);
    }
    return r;
  }
}
