/**
 * A deterministic pseudo-random sequence (mulberry32): the same seed always gives the same
 * numbers in [0, 1). For generated examples, benchmark clusters and the emulator's error
 * rate, which must be repeatable; never for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
