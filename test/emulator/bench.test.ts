/** The benchmarks stay runnable: `npm run bench` is not part of `npm test`, so a broken module would go unnoticed. */
import {expect, test} from 'vitest'

const BENCHMARKS = {
  emulator: () => import('../../bench/emulator.js'),
  snapshot: () => import('../../bench/snapshot.js'),
}

test.each(Object.keys(BENCHMARKS) as (keyof typeof BENCHMARKS)[])('bench/%s.ts loads and offers run() to bench/run.ts', async (name) => {
  const bench = await BENCHMARKS[name]()
  expect(typeof bench.run).toBe('function')
})
