// Per-service resource facts: identity attributes, environment, sensitive values, semantic-
// convention keys at the wrong OTLP level (resource vs record) and runtimes (SDK-001).
import type { Attributes, Resource, SignalRecord } from '../model/index.js';
import { Checks, recordCheck, type CheckState, type ChecksState } from './checks.js';
import { addExample, exampleOf, wouldKeep } from './examples.js';
import { findSensitiveInAttributes } from './sensitive.js';
import { hasServiceIdentity } from './service.js';
import { setOwn } from '../model/own-key.js';
import { BottomK } from './bottom-k.js';
import { hash32 } from './hash.js';

// Every list here is capped by a rule of the values alone, never by arrival (a first-come cap kept
// each thread's own first values, so a split run and a one-thread run judged different ones): the
// instance ids of lowest hash (bottom-k.ts: a kept id was never displaced, so its pods are all
// there), and the first pods, environments, name sources and runtimes in sorted order.
export const INSTANCE_CAP = 2_000;
export const PODS_PER_INSTANCE = 4;
export const RUNTIME_CAP = 8;

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
  /**
   * Where the service names of records with one came from (capped, sorted): `service.name` for a
   * resource that carried it, else the label it was derived from (Resource.serviceNameFrom: `job`,
   * `service_name`…). Absent when no record had one.
   */
  serviceNameFrom?: string[];
}

/** One resource-level check's outcome for every record of a resource. */
interface Outcome {
  check: CheckState;
  ok: boolean;
  note: string | undefined;
}

interface ResourceFacts {
  /** Outcomes that depend on the resource alone. */
  outcomes: Outcome[];
  /** Of `outcomes`, the failing ones: each record of the resource may be one of their examples. */
  failing: Outcome[];
  recordKeysOnResource: string | undefined;
}

/** RESOURCE_PREFIXES by first character: a key whose first character starts none is told apart at once. */
const PREFIXES_BY_CHAR: (string[] | undefined)[] = new Array<string[] | undefined>(128).fill(undefined);
for (const p of RESOURCE_PREFIXES) (PREFIXES_BY_CHAR[p.charCodeAt(0)] ??= []).push(p);

/** Whether a record attribute key is a resource-level key (every span's keys are tested: no memo lookup, a few character tests). */
function isResourceKey(k: string): boolean {
  // (the empty key's charCodeAt is NaN, a character past 127 is no prefix's: both undefined here)
  const prefixes = PREFIXES_BY_CHAR[k.charCodeAt(0)];
  if (prefixes === undefined) return false;
  for (let i = 0; i < prefixes.length; i++) if (k.startsWith(prefixes[i]!)) return !RECORD_ALLOWED.has(k);
  return false;
}

function str(attrs: Attributes, k: string): string | undefined {
  const v = attrs[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function misplacedResourceKey(attrs: Attributes): string | undefined {
  for (const k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k) && isResourceKey(k)) return k;
  return undefined;
}

/**
 * Adds `v` to the sorted `list`, which keeps its first `cap` values in sorted order: a value past
 * them is dropped (or drops the last), so the list is the same for any order and any split.
 */
function addSorted(list: string[], v: string, cap: number): void {
  if (list.includes(v)) return;
  if (list.length >= cap && v > list[list.length - 1]!) return;
  list.push(v);
  list.sort();
  if (list.length > cap) list.length = cap;
}

export class ResourceProfile {
  readonly checks = new Checks();
  private readonly instancePods = new Map<string, string[]>();
  /** The instance ids of instancePods (the INSTANCE_CAP of lowest hash). */
  private readonly keptInstances = new BottomK(INSTANCE_CAP);
  private readonly runtimes: string[] = [];
  private readonly environments: string[] = [];
  private readonly nameSources: string[] = [];
  // Records of one export share the Resource object: scan each resource once.
  private readonly facts = new WeakMap<Resource, ResourceFacts>();

  private lastResource: Resource | undefined;
  private lastFacts: ResourceFacts | undefined;
  /**
   * Records of `lastFacts` not yet counted in its outcomes' checks (a run of records of one
   * resource is counted at once: flushCounts, before the facts change and before `state`).
   */
  private pending = 0;
  private readonly cLevel = this.checks.ref('res.semconv-level');

  add(record: SignalRecord): void {
    const r = record.resource;
    let f = this.lastFacts;
    if (r !== this.lastResource || f === undefined) {
      this.flushCounts();
      f = this.facts.get(r);
      if (!f) {
        f = this.scan(r);
        this.facts.set(r, f);
        this.noteResource(r);
      }
      this.lastResource = r;
      this.lastFacts = f;
    }
    this.pending++;
    // (a failing outcome's examples are chosen per record: the failing count is added with the
    // examined one, the example offered here, as recordCheck would)
    const failing = f.failing;
    for (let i = 0; i < failing.length; i++) {
      const o = failing[i]!;
      if (wouldKeep(o.check.examples, record.source)) addExample(o.check.examples, exampleOf(record, o.note));
    }
    let misplaced = f.recordKeysOnResource;
    if (misplaced === undefined) misplaced = misplacedResourceKey(record.kind === 'metric' ? record.labels : record.attributes);
    if (misplaced === undefined) this.cLevel.examined++;
    else recordCheck(this.cLevel, false, record, `${misplaced} at the wrong level`);
  }

  /** Counts the pending records of the last resource in its outcomes' checks. */
  private flushCounts(): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    const outcomes = this.lastFacts!.outcomes;
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      o.check.examined += n;
      if (!o.ok) o.check.failing += n;
    }
  }

  /** The checks whose outcome depends on the resource only, evaluated once per Resource object. */
  private scan(r: Resource): ResourceFacts {
    const attrs = r.attributes;
    const c = this.checks;
    const outcomes: Outcome[] = [];
    const add = (id: string, ok: boolean, note: string | undefined) => outcomes.push({ check: c.ref(id), ok, note });
    const probe: SignalRecord = { kind: 'log', body: null, attributes: {}, resource: r, structured: true, source: { file: '' } };
    add('res.service-name', r.serviceName !== undefined && r.serviceName.trim() !== '', 'no service.name');
    add('res.service-identity', hasServiceIdentity(probe), r.serviceName ? `service.name=${r.serviceName}` : 'no service.name');
    add('res.instance-id', r.serviceInstanceId !== undefined, 'no service.instance.id');
    add('res.environment', str(attrs, 'deployment.environment.name') !== undefined, 'no deployment.environment.name');
    if (attrs['service.criticality'] !== undefined) {
      const v = attrs['service.criticality'];
      add('res.criticality', typeof v === 'string' && VALID_CRITICALITY.includes(v), `service.criticality=${String(v)}`);
    }
    if (attrs['k8s.pod.name'] !== undefined) add('res.k8s-pod-uid', str(attrs, 'k8s.pod.uid') !== undefined, 'k8s pod without k8s.pod.uid');
    const sensitive = findSensitiveInAttributes(attrs);
    add('res.sensitive', sensitive === undefined, sensitive ? `${sensitive.kind} in resource attribute ${sensitive.key}` : undefined);
    const recordKey = Object.keys(attrs).find((k) => RECORD_PREFIXES.some((p) => k.startsWith(p)));
    return { outcomes, failing: outcomes.filter((o) => !o.ok), recordKeysOnResource: recordKey };
  }

  private noteResource(r: Resource): void {
    const attrs = r.attributes;
    const id = r.serviceInstanceId;
    const pod = str(attrs, 'k8s.pod.name') ?? str(attrs, 'k8s.pod.uid');
    if (id !== undefined && pod !== undefined) this.addPod(id, pod);
    if (r.environment !== undefined) this.addEnvironment(r.environment);
    if (r.serviceName !== undefined) this.addNameSource(r.serviceNameFrom ?? 'service.name');
    const lang = str(attrs, 'telemetry.sdk.language');
    const rt = str(attrs, 'process.runtime.name');
    const rv = str(attrs, 'process.runtime.version');
    if (lang !== undefined || rt !== undefined) this.addRuntime(`${lang ?? ''}|${rt ?? ''}|${rv ?? ''}|${str(attrs, 'telemetry.sdk.version') ?? ''}`);
  }

  private addPod(id: string, pod: string): void {
    let pods = this.instancePods.get(id);
    if (!pods) {
      const out = this.keptInstances.offer(id, hash32(id));
      if (out === id) return;
      if (out !== undefined) this.instancePods.delete(out);
      pods = [];
      this.instancePods.set(id, pods);
    }
    addSorted(pods, pod, PODS_PER_INSTANCE);
  }

  private addEnvironment(env: string): void {
    addSorted(this.environments, env, RUNTIME_CAP);
  }

  private addNameSource(from: string): void {
    addSorted(this.nameSources, from, RUNTIME_CAP);
  }

  private addRuntime(rt: string): void {
    addSorted(this.runtimes, rt, RUNTIME_CAP);
  }

  state(): ResourceProfileState {
    this.flushCounts();
    const instancePods: Record<string, string[]> = {};
    for (const k of [...this.instancePods.keys()].sort()) setOwn(instancePods, k, [...this.instancePods.get(k)!]);
    const state: ResourceProfileState = { checks: this.checks.state(), instancePods, runtimes: [...this.runtimes], environments: [...this.environments] };
    if (this.nameSources.length > 0) state.serviceNameFrom = [...this.nameSources];
    return state;
  }

  merge(s: ResourceProfileState): void {
    this.flushCounts();
    this.checks.merge(s.checks);
    for (const k of Object.keys(s.instancePods)) for (const p of s.instancePods[k]!) this.addPod(k, p);
    for (const rt of s.runtimes) this.addRuntime(rt);
    for (const e of s.environments) this.addEnvironment(e);
    for (const f of s.serviceNameFrom ?? []) this.addNameSource(f);
  }
}
