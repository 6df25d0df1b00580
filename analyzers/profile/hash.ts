// The one 32-bit string hash of the analyzers: what every sample by trace id (the detail sample,
// the sampled traces, the log and exemplar samples), the Bloom filter and the distinct-count
// sketches hash with. One function, so that samples taken by the same hash at levels L ≤ L' are
// nested: every trace kept at L' is kept at L.

/** 32-bit FNV-1a over a string's UTF-16 units (`seed` XORed into the offset basis), with a murmur3 finaliser. */
export function hash32(s: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser (fmix32): every input bit flips each output bit with probability ~½. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
