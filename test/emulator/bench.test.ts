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

test('the planner benchmark’s clusters from generators outside the tests are snapshots the CLI reads, with their fingerprints', async () => {
  const {readSnapshot, snapshotFingerprint} = await import('../../src/model/snapshot.js')
  const {localCluster} = await import('../../bench/local.js')
  const {outsideCluster} = await import('../../bench/outside.js')
  const {replicaCluster} = await import('../../bench/replicas.js')
  const {tenantCluster, TENANTS} = await import('../../bench/tenants.js')
  const tenants = tenantCluster({...TENANTS, seed: 1, nodes: 12, guests: 600, apart: 40, pins: 15, empty: 2})
  for (const cluster of [localCluster(3, 12, 600, 0.85, 1.9), outsideCluster(8, 12, 600), replicaCluster(1, 600, 0.95, 60), tenants]) {
    const {snapshot} = readSnapshot(JSON.stringify(cluster), 'bench.json')
    expect(snapshot.guests).toHaveLength(600)
    expect(snapshot.fingerprint).toBe(snapshotFingerprint(snapshot))
  }
})
