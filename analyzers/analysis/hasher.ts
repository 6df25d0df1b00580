// Incremental SHA-256 of each input, for the report's fingerprints. The Node adapter swaps in
// node:crypto (native, faster); this pure-JS default runs in Web Workers as well.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface Hasher {
  update(bytes: Uint8Array): void;
  digestHex(): string;
}

export function createSha256(): Hasher {
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    digestHex: () => bytesToHex(h.digest()),
  };
}
