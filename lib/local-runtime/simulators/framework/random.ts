// Deterministic randomness: simulators must answer the same way on every run
// with the same seed, so tests and demos are reproducible.

/** mulberry32: a tiny 32-bit PRNG, good enough for fault injection and demo data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: stable across processes and Node versions. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A number in [0, 1) derived from the given parts only: the same parts always give the same value. */
export function unitFromParts(...parts: Array<string | number>): number {
  return createRandom(hashString(parts.join("\u0000")))();
}
