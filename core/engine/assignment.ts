// Stable, hashed assignment: the same customer lands in the same group on every device and
// every visit, so lift against the holdout can be measured (DESIGN §4).

/**
 * 32-bit FNV-1a with murmur3's final mix: tiny and stable across platforms. The mix matters:
 * plain FNV leaves the high bits of similar ids (C1, C2, …) correlated, which skews a share.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HOLDOUT_SALT = 'endcap-holdout-v1';

/** The salt never changes with policy versions: changing the share moves only the boundary. */
export function inHoldout(customerId: string, share: number): boolean {
  return hash32(`${HOLDOUT_SALT}:${customerId}`) / 2 ** 32 < share;
}

/** A deterministic generator in [0, 1) from a seed string (mulberry32). */
export function seededRandom(seed: string): () => number {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
