// Service identity of a record: resource `service.name`. A record without a usable one (absent,
// blank, or an OpenTelemetry SDK default `unknown_service:<process>`) that names its service by an
// attribute (`service`, `app`, `job`, a pod or container name…: readServiceName; a metric point's
// own `service`, `app` or `application` label excepted: a dimension of what it measures, docs/scoring.md
// §1) is filed under that name, as the dependency graph and the correlation name it — one identity for the record in
// the findings, the per-service scores, the signals summary and the correlation — and the bucket
// says which attribute the name came from. The others are pooled in a bucket of their own so that
// the critical service-identity rule can point at them: `(unknown service)`, or for an SDK default
// `(unknown service: java)` (the program that ran, as the SDK names it).
import type { SignalRecord } from '../model/index.js';
import { baseServiceName, isSdkDefaultServiceName, readServiceName, unknownServiceLabel, workloadOfPod, UNKNOWN_SERVICE } from './service-identity.js';

export { isUnknownService, UNKNOWN_SERVICE, unknownServiceLabel } from './service-identity.js';

/** The service bucket a record is scored under (recordServiceOf's name). */
export function serviceOf(record: SignalRecord): string {
  return recordServiceOf(record).name;
}

/** True when the record carries a usable service identity (not absent, not an SDK default). */
export function hasServiceIdentity(record: SignalRecord): boolean {
  const name = record.resource.serviceName;
  return name !== undefined && name.trim() !== '' && !isSdkDefaultServiceName(name);
}

/**
 * The service a usable `service.name` is scored under: itself, or — for a Kubernetes Deployment
 * pod name (the service's name, its pod-template hash and its pod suffix:
 * `ts-contacts-service-866bd68c97-dzqgd`) — the service it is a pod of, as the dependency graph
 * files it (spanServiceBase: a `service.name` is read as a pod name only by that pattern).
 */
export function serviceOfName(name: string): string {
  return workloadOfPod(name, false) ?? name;
}

/**
 * The service bucket a record is scored under, and — when the record carries no usable
 * `service.name` and an attribute names its service — that attribute's key (`from`): the name the
 * dependency graph and the correlation file the record under before joining spellings
 * (baseServiceName: a pod name mapped to its workload). Without either, `(unknown service)` or
 * the SDK default's `(unknown service: <process>)` (unknownServiceLabel). `spelling`: the name the
 * record carries when it is a pod name filed under its workload (serviceOfName).
 */
export function recordServiceOf(record: SignalRecord): { name: string; from?: string; spelling?: string } {
  const name = record.resource.serviceName;
  if (name !== undefined && name.trim() !== '' && !isSdkDefaultServiceName(name)) {
    const w = serviceOfName(name);
    return w === name ? { name } : { name: w, spelling: name };
  }
  // (a metric point's own `service`/`app`/`application` label names no service: readServiceName's `name` use)
  const raw = readServiceName(record, 'name');
  if (raw !== undefined) {
    const base = baseServiceName(raw).name;
    return base === raw.name ? { name: base, from: raw.from } : { name: base, from: raw.from, spelling: raw.name };
  }
  return { name: name === undefined ? UNKNOWN_SERVICE : unknownServiceLabel(name) };
}

