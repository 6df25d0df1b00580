// An incident the data does not cover is skipped with the reason that applies: the data ends before
// it, or begins after its anomaly window (it said "no telemetry at or after its start" for both).
import { describe, expect, it } from 'vitest';
import { replayIncidents, DEFAULT_ANOMALY_WINDOW_MS } from '../../../analyzers/correlation/rca.js';
import { ServiceResolver } from '../../../analyzers/correlation/service-identity.js';

const MIN = 60_000;
const T = 1_700_000_000_000; // ms

function skipsFor(ranges: [number, number][]) {
  const inc = { id: 'i1', startNs: BigInt(T) * 1_000_000n, service: 'cart' };
  const r = replayIncidents([inc], { bucketMs: 10_000, resolver: new ServiceResolver([]), candidates: [], topo: undefined, metrics: [], logs: new Map(), ranges });
  return r.skipped;
}

describe('incident replay skips', () => {
  it('data that ends before the incident', () => {
    expect(skipsFor([[T - 60 * MIN, T - MIN]])).toEqual([{ id: 'i1', reason: 'no telemetry at or after its start (the data ends before it)' }]);
  });

  it('data that begins after the anomaly window', () => {
    const later = T + DEFAULT_ANOMALY_WINDOW_MS + MIN;
    expect(skipsFor([[later, later + 60 * MIN]])).toEqual([{ id: 'i1', reason: `no telemetry within ${DEFAULT_ANOMALY_WINDOW_MS / MIN} min of its start (the data begins later)` }]);
  });

  it('data that covers the start is replayed, not skipped', () => {
    expect(skipsFor([[T - MIN, T + MIN]])).toEqual([]);
  });
});
