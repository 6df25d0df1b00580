import { describe, expect, it } from 'vitest';
import { nearMissKey, ServiceResolver, spanServiceKey, workloadOfPod } from '../../../analyzers/correlation/service-identity.js';

describe('service identity', () => {
  it('strips the ReplicaSet hash and pod suffix of Deployment pods anywhere', () => {
    expect(workloadOfPod('ts-contacts-service-866bd68c97-dzqgd', false)).toBe('ts-contacts-service');
    expect(workloadOfPod('ts-gateway-service-6f6cfc45b-d9pnv', false)).toBe('ts-gateway-service');
    // not pod-like: vowels in the "hash" (k8s never generates them), or too short
    expect(workloadOfPod('checkout-service-backend-api', false)).toBeUndefined();
    expect(workloadOfPod('frontend', false)).toBeUndefined();
  });
  it('strips DaemonSet/StatefulSet suffixes only from pod-named fields', () => {
    expect(workloadOfPod('fluentd-x7k2p', true)).toBe('fluentd');
    expect(workloadOfPod('postgres-0', true)).toBe('postgres');
    expect(workloadOfPod('postgres-0', false)).toBeUndefined();
  });
  it('joins near misses by case, separators and a trailing service word', () => {
    expect(nearMissKey('frontendservice')).toBe(nearMissKey('frontend'));
    expect(nearMissKey('Payment-Service')).toBe(nearMissKey('payment'));
    expect(nearMissKey('cartservice')).not.toBe(nearMissKey('checkout'));
    const r = new ServiceResolver([
      { name: 'frontendservice', inTraces: false, records: 100 },
      { name: 'frontend', inTraces: true, records: 5 },
      { name: 'Cart', inTraces: false, records: 3 },
    ]);
    // the traces' spelling wins; pods resolve through the same key
    expect(r.resolve('frontendservice')).toBe('frontend');
    expect(r.resolve('frontend-7d9c8b6f5d-x2kzq')).toBe('frontend');
    expect(r.resolve('cart')).toBe('Cart');
    expect(r.canonicalNames()).toEqual(['Cart', 'frontend']);
  });

  it('never joins two span services that differ by a service word; other names join them only unambiguously', () => {
    const r = new ServiceResolver([
      { name: 'content-api', inTraces: true, records: 3 },
      { name: 'content-service', inTraces: true, records: 3 },
      { name: 'Content_Service', inTraces: false, records: 9 }, // a log spelling: case and separators only
      { name: 'contentsvc', inTraces: false, records: 1 }, // a peer name: content-api or content-service?
      { name: 'auth-service', inTraces: true, records: 2 },
      { name: 'auth', inTraces: false, records: 0 }, // one span service of its key: joins it
    ]);
    expect(r.resolve('content-api')).toBe('content-api');
    expect(r.resolve('content-service')).toBe('content-service');
    expect(r.resolve('Content_Service')).toBe('content-service');
    expect(r.resolve('contentsvc')).toBe('contentsvc'); // ambiguous: stays itself
    expect(r.resolve('auth')).toBe('auth-service');
    expect(r.canonicalNames()).toEqual(['auth-service', 'content-api', 'content-service']);
  });
  it('a peer name joins a service by near miss, but never its own caller', () => {
    const r = new ServiceResolver([
      { name: 'telemetrygen', inTraces: true, records: 2 },
      { name: 'telemetrygen-server', inTraces: false, records: 0 },
      { name: 'payment', inTraces: true, records: 1 },
    ]);
    expect(r.resolvePeer('telemetrygen-server', 'telemetrygen')).toBe('telemetrygen-server');
    expect(r.resolvePeer('Telemetrygen', 'telemetrygen')).toBe('telemetrygen'); // the caller by case only: itself
    expect(r.resolvePeer('payment-service', 'telemetrygen')).toBe('payment');
  });
});

describe('spanServiceKey', () => {
  it('two span services have one key exactly when the resolver joins them (the trace trees of the per-trace checks and the graph tell services apart alike)', () => {
    const traced = ['stLogin', 'stlogin', 'st-login', 'content-api', 'content-service', 'frontend', 'Frontend_'];
    const r = new ServiceResolver([...traced.map((name, i) => ({ name, inTraces: true, records: 10 - i })), { name: 'frontendservice', inTraces: false, records: 99 }, { name: 'content', inTraces: false, records: 99 }]);
    for (const a of traced) for (const b of traced) expect([a, b, r.resolve(a) === r.resolve(b)]).toEqual([a, b, spanServiceKey(a) === spanServiceKey(b)]);
    expect(spanServiceKey('St-Login')).toBe('stlogin');
  });
});
