// Service identity of a record: resource `service.name`. Records without one are pooled in a
// bucket of their own so that the critical service-identity rule can point at them.
import type { SignalRecord } from '../model/index.js';

export const UNKNOWN_SERVICE = '(unknown service)';

/** The service bucket a record is scored under. */
export function serviceOf(record: SignalRecord): string {
  const name = record.resource.serviceName;
  return name === undefined || name.trim() === '' ? UNKNOWN_SERVICE : name;
}

/** True when the record carries a usable service identity (not absent, not an SDK default). */
export function hasServiceIdentity(record: SignalRecord): boolean {
  const name = record.resource.serviceName;
  return name !== undefined && name.trim() !== '' && !name.startsWith('unknown_service');
}
