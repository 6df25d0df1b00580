// Card numbers are flagged only when they look like one: a known issuer prefix, standing alone.
import { describe, expect, it } from 'vitest';
import { detectSensitive, maskSensitive } from '../../../analyzers/profile/sensitive.js';

describe('card-number detection', () => {
  it.each(['card 4111 1111 1111 1111 charged', 'pan=4111111111111111', 'paid with 5555555555554444.', '378282246310005'])('flags %s', (s) => {
    expect(detectSensitive(s)).toBe('card-number');
    expect(maskSensitive(s)).toContain('<card-number>');
  });

  it.each([
    'PacketResponder 1 for block blk_-3544583377289625101 terminating', // HDFS block id (Luhn-valid)
    'ts=1675079506123456789', // epoch ns
    'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    'version 4.1111111111111111',
  ])('does not flag %s', (s) => {
    expect(detectSensitive(s)).not.toBe('card-number');
    expect(maskSensitive(s)).not.toContain('<card-number>');
  });
});
