/**
 * Every property's time, bounded (vitest's setupFiles). vitest cannot time out a property:
 * its runs follow one another in microtasks, so the test's timer never fires, and a
 * property that failed on a rare seed and shrinks through slow runs (a plan at a time)
 * would hold its worker, and CI, for as long as shrinking lasts. fast-check looks at the
 * clock between runs: past the limit it stops, and the test fails with the seed and the
 * smallest counterexample found so far.
 */
import {fc} from '@fast-check/vitest'

/** Far above the slowest property here (about 10 s on 2 busy cores). */
export const PROPERTY_TIME_LIMIT_MS = 180_000

fc.configureGlobal({interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS, markInterruptAsFailure: true})
