// Nagios-style flap detection over a sequence of alert states (0 ok / 1 firing). Over the last 21
// states there are 20 possible changes; change j (0 = oldest … 19 = newest) weighs
// 0.8 + 0.4·j/19, so recent changes count more. Percent state change = 100 · Σ weights of the
// changes / 20. Flapping starts when it exceeds 20 % and stops when it falls below 5 %.

export const FLAP_HISTORY = 21;
export const FLAP_HIGH_PERCENT = 20;
export const FLAP_LOW_PERCENT = 5;

/** Weighted percent state change of the last 21 states ending at `end` (inclusive). */
export function percentStateChange(states: readonly number[], end: number): number {
  const start = end - FLAP_HISTORY + 1;
  let weighted = 0;
  for (let j = 0; j < FLAP_HISTORY - 1; j++) {
    if (states[start + j] !== states[start + j + 1]) weighted += 0.8 + (0.4 * j) / (FLAP_HISTORY - 2);
  }
  return (weighted * 100) / (FLAP_HISTORY - 1);
}

export interface FlapResult {
  /** Number of times flapping started. */
  episodes: number;
  /** States (from the 21st on) spent in the flapping condition. */
  flappingStates: number;
  maxPercent: number;
}

export function flapEpisodes(states: readonly number[]): FlapResult {
  let flapping = false;
  let episodes = 0;
  let flappingStates = 0;
  let maxPercent = 0;
  for (let end = FLAP_HISTORY - 1; end < states.length; end++) {
    const p = percentStateChange(states, end);
    if (p > maxPercent) maxPercent = p;
    if (!flapping && p > FLAP_HIGH_PERCENT) {
      flapping = true;
      episodes++;
    } else if (flapping && p < FLAP_LOW_PERCENT) flapping = false;
    if (flapping) flappingStates++;
  }
  return { episodes, flappingStates, maxPercent };
}
