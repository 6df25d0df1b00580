import { describe, expect, it } from 'vitest';
import { nearMissKey, ServiceResolver, workloadOfPod } from '../../../analyzers/correlation/service-identity.js';

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
});
