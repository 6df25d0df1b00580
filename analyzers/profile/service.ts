// Service identity of a record: resource `service.name`. Records without one are pooled in a
// bucket of their own so that the critical service-identity rule can point at them — except a
// span that names its service by an attribute (`service`, `app`, `component`, a pod name…): the
// dependency graph files it under that name (spanServiceBase), so the findings and per-service
// scores do too, and say which attribute the name came from.
import type { SignalRecord, Span } from '../model/index.js';
import { baseServiceName, readServiceName } from './service-identity.js';

export const UNKNOWN_SERVICE = '(unknown service)';

/** The service bucket a log record or metric point is scored under (a span: spanServiceOf). */
export function serviceOf(record: SignalRecord): string {
  const name = record.resource.serviceName;
  return name === undefined || name.trim() === '' ? UNKNOWN_SERVICE : name;
}

/** True when the record carries a usable service identity (not absent, not an SDK default). */
export function hasServiceIdentity(record: SignalRecord): boolean {
  const name = record.resource.serviceName;
  return name !== undefined && name.trim() !== '' && !name.startsWith('unknown_service');
}

/**
 * The service bucket a span is scored under, and — when the span carries no usable
 * `service.name` and an attribute names its service — that attribute's key (`from`): the name the
 * dependency graph files the span under before joining spellings (spanServiceBase: a pod name
 * mapped to its workload). Otherwise serviceOf.
 */
export function spanServiceOf(span: Span): { name: string; from?: string } {
  if (!hasServiceIdentity(span)) {
    const raw = readServiceName(span);
    if (raw !== undefined) return { name: baseServiceName(raw).name, from: raw.from };
  }
  return { name: serviceOf(span) };
}
