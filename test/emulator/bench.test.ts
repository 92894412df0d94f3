/** The emulator benchmark stays runnable: `npm run bench` is not part of `npm test`, so a broken module would go unnoticed. */
import {expect, test} from 'vitest'

test('bench/emulator.ts loads and offers run() to bench/run.ts', async () => {
  const bench = await import('../../bench/emulator.js')
  expect(typeof bench.run).toBe('function')
})
