// A first-come cap keeps a different set of keys for every thread split, piece size and file order
// (each thread keeps its own first N). BottomK keeps the N keys of lowest (hash, key) instead: a
// function of the set of keys offered alone. The union of states keeps the union's bottom N, and a
// key kept there is kept by every state that met it (a key among the N lowest of a union is among
// the N lowest of any part), so the counts of a kept key are complete after a merge.
//
// Cost: the caller looks its key up in its own map first (a kept key pays nothing more); a key
// not held pays one hash and a comparison with the top, and a key that enters a full set a
// log-time heap step plus the eviction. Keys arriving in any order unrelated to the hash evict
// about N·ln(keys/N) times in all.

/** The order of the kept keys: by hash, then by the key itself (a total order on distinct keys). */
export function keyBefore(ha: number, a: string, hb: number, b: string): boolean {
  return ha < hb || (ha === hb && a < b);
}

/** A max-heap of at most `cap` keys by (hash, key): the top is the key to evict. */
export class BottomK {
  private readonly keys: string[] = [];
  private readonly hashes: number[] = [];
  /** The hash of the key the last offer() returned (evicted or refused). */
  outHash = 0;

  constructor(readonly cap: number) {}

  get size(): number {
    return this.keys.length;
  }

  /**
   * Offer a key not held. Returns undefined when it is kept with room to spare; the key itself
   * when it is refused (the set is full and every kept key comes before it); else the key it
   * displaces (the top). outHash holds the hash of a returned key.
   */
  offer(key: string, h: number): string | undefined {
    const { keys, hashes } = this;
    const n = keys.length;
    if (n < this.cap) {
      let i = n;
      keys.push(key);
      hashes.push(h);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!keyBefore(hashes[p]!, keys[p]!, h, key)) break;
        keys[i] = keys[p]!;
        hashes[i] = hashes[p]!;
        i = p;
      }
      keys[i] = key;
      hashes[i] = h;
      return undefined;
    }
    if (n === 0 || keyBefore(hashes[0]!, keys[0]!, h, key)) {
      this.outHash = h;
      return key;
    }
    const out = keys[0]!;
    this.outHash = hashes[0]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && keyBefore(hashes[l]!, keys[l]!, hashes[l + 1]!, keys[l + 1]!) ? l + 1 : l;
      if (!keyBefore(h, key, hashes[c]!, keys[c]!)) break;
      keys[i] = keys[c]!;
      hashes[i] = hashes[c]!;
      i = c;
    }
    keys[i] = key;
    hashes[i] = h;
    return out;
  }
}
