// Per-service resource facts: identity attributes, environment, sensitive values, semantic-
// convention keys at the wrong OTLP level (resource vs record) and runtimes (SDK-001).
import type { Attributes, Resource, SignalRecord } from '../model/index.js';
import { Checks, type ChecksState } from './checks.js';
import { findSensitiveInAttributes } from './sensitive.js';
import { hasServiceIdentity } from './service.js';

const INSTANCE_CAP = 2_000;
const PODS_PER_INSTANCE = 4;
const RUNTIME_CAP = 8;

/** Prefixes of resource-level semantic-convention keys (must not appear on spans/logs/points). */
const RESOURCE_PREFIXES = ['service.', 'telemetry.sdk.', 'deployment.', 'host.', 'k8s.', 'container.', 'process.', 'os.', 'cloud.', 'faas.'];
/** Prefixes of record-level keys (must not appear on the resource). */
const RECORD_PREFIXES = ['http.', 'url.', 'db.', 'rpc.', 'messaging.', 'user_agent.', 'exception.', 'code.'];
// Record-level keys that share a resource prefix (process/thread ids on logs are fine).
const RECORD_ALLOWED = new Set(['process.pid', 'process.exit.code', 'process.command', 'host.name', 'host.ip']);

export const VALID_CRITICALITY = ['mission_critical', 'high', 'medium', 'low'];

export interface ResourceProfileState {
  checks: ChecksState;
  instancePods: Record<string, string[]>;
  runtimes: string[];
  /** deployment.environment(.name) values seen (capped). */
  environments: string[];
}

interface ResourceFacts {
  sensitive: { key: string; kind: string } | undefined;
  recordKeysOnResource: string | undefined;
}

function str(attrs: Attributes, k: string): string | undefined {
  const v = attrs[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function misplacedResourceKey(attrs: Attributes): string | undefined {
  for (const k of Object.keys(attrs)) if (RESOURCE_PREFIXES.some((p) => k.startsWith(p)) && !RECORD_ALLOWED.has(k)) return k;
  return undefined;
}

export class ResourceProfile {
  readonly checks = new Checks();
  private readonly instancePods = new Map<string, string[]>();
  private readonly runtimes: string[] = [];
  private readonly environments: string[] = [];
  // Records of one export share the Resource object: scan each resource once.
  private readonly facts = new WeakMap<Resource, ResourceFacts>();

  add(record: SignalRecord): void {
    const r = record.resource;
    const attrs = r.attributes;
    let f = this.facts.get(r);
    if (!f) {
      const recordKey = Object.keys(attrs).find((k) => RECORD_PREFIXES.some((p) => k.startsWith(p)));
      f = { sensitive: findSensitiveInAttributes(attrs), recordKeysOnResource: recordKey };
      this.facts.set(r, f);
      this.noteResource(r);
    }
    const c = this.checks;
    c.record('res.service-name', r.serviceName !== undefined && r.serviceName.trim() !== '', record, 'no service.name');
    c.record('res.service-identity', hasServiceIdentity(record), record, r.serviceName ? `service.name=${r.serviceName}` : 'no service.name');
    c.record('res.instance-id', r.serviceInstanceId !== undefined, record, 'no service.instance.id');
    c.record('res.environment', str(attrs, 'deployment.environment.name') !== undefined, record, 'no deployment.environment.name');
    if (attrs['service.criticality'] !== undefined) {
      const v = attrs['service.criticality'];
      c.record('res.criticality', typeof v === 'string' && VALID_CRITICALITY.includes(v), record, `service.criticality=${String(v)}`);
    }
    if (attrs['k8s.pod.name'] !== undefined) c.record('res.k8s-pod-uid', str(attrs, 'k8s.pod.uid') !== undefined, record, 'k8s pod without k8s.pod.uid');
    c.record('res.sensitive', f.sensitive === undefined, record, f.sensitive ? `${f.sensitive.kind} in resource attribute ${f.sensitive.key}` : undefined);
    const recAttrs = record.kind === 'metric' ? record.labels : record.attributes;
    const misplaced = f.recordKeysOnResource ?? misplacedResourceKey(recAttrs);
    c.record('res.semconv-level', misplaced === undefined, record, misplaced ? `${misplaced} at the wrong level` : undefined);
  }

  private noteResource(r: Resource): void {
    const attrs = r.attributes;
    const id = r.serviceInstanceId;
    const pod = str(attrs, 'k8s.pod.name') ?? str(attrs, 'k8s.pod.uid');
    if (id !== undefined && pod !== undefined) this.addPod(id, pod);
    if (r.environment !== undefined) this.addEnvironment(r.environment);
    const lang = str(attrs, 'telemetry.sdk.language');
    const rt = str(attrs, 'process.runtime.name');
    const rv = str(attrs, 'process.runtime.version');
    if (lang !== undefined || rt !== undefined) this.addRuntime(`${lang ?? ''}|${rt ?? ''}|${rv ?? ''}|${str(attrs, 'telemetry.sdk.version') ?? ''}`);
  }

  private addPod(id: string, pod: string): void {
    let pods = this.instancePods.get(id);
    if (!pods) {
      if (this.instancePods.size >= INSTANCE_CAP) return;
      pods = [];
      this.instancePods.set(id, pods);
    }
    if (!pods.includes(pod) && pods.length < PODS_PER_INSTANCE) {
      pods.push(pod);
      pods.sort();
    }
  }

  private addEnvironment(env: string): void {
    if (this.environments.includes(env) || this.environments.length >= RUNTIME_CAP) return;
    this.environments.push(env);
    this.environments.sort();
  }

  private addRuntime(rt: string): void {
    if (this.runtimes.includes(rt)) return;
    this.runtimes.push(rt);
    this.runtimes.sort();
    if (this.runtimes.length > RUNTIME_CAP) this.runtimes.length = RUNTIME_CAP;
  }

  state(): ResourceProfileState {
    const instancePods: Record<string, string[]> = {};
    for (const k of [...this.instancePods.keys()].sort()) instancePods[k] = [...this.instancePods.get(k)!];
    return { checks: this.checks.state(), instancePods, runtimes: [...this.runtimes], environments: [...this.environments] };
  }

  merge(s: ResourceProfileState): void {
    this.checks.merge(s.checks);
    for (const k of Object.keys(s.instancePods)) for (const p of s.instancePods[k]!) this.addPod(k, p);
    for (const rt of s.runtimes) this.addRuntime(rt);
    for (const e of s.environments) this.addEnvironment(e);
  }
}
