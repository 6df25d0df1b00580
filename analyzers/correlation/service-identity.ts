// Service identity across signals lives in ../profile/service-identity.ts: the profile's trace
// store reads a span's service by the same functions as the correlation (spanServiceBase,
// spanServiceKey), and the profile layer may import nothing of the correlation's.
export * from '../profile/service-identity.js';
