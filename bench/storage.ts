/**
 * `npm run bench -- storage`: the planner on clusters with storage as PVE installs it
 * (test/helpers/generate.ts, storage 'pve'): LVM-thin pools (one node on ZFS) configured
 * to 167–290 % of their size and 33–62 % used, a shared Ceph pool, some disk images on
 * `local`; maintenance nodes to empty (the ZFS node among them, whose volumes go to
 * local-lvm elsewhere through migration.targetStorage); local disks copied along, 10 %
 * of each storage kept free. At 8, 32 and 100 nodes.
 *
 * Per cluster: the pools' overcommit and fill as generated; planning time (median of a
 * few runs, compile and plan document included); moves, how many copy local disks and
 * the bytes they put on the targets' storages (and how often that is the configured size,
 * the safe upper bound, rather than what a volume uses); spread before and after and
 * whether the threshold was reached; movable guests left on maintenance nodes; problems
 * the independent referee (test/helpers/check.ts) finds, which include every storage over
 * its capacity less reserve at the end or between waves; the fullest local pool after
 * the plan; and, for comparison, the fullest pool after the plan a planner that checks no
 * disk space makes (the same planner given no storage information).
 * `--write` replaces the storage section of BENCHMARKS.md.
 */
import {loadavg} from 'node:os'
import type {Plan} from '../src/model/plan.js'
import {normalizePolicy, type NormalizedPolicy} from '../src/model/policy.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {planRebalance} from '../src/planner/index.js'
import {compilePolicy} from '../src/policy/compile.js'
import {storageOn, volumeNeed} from '../src/policy/storage.js'
import {checkPlan} from '../test/helpers/check.js'
import {generateCluster} from '../test/helpers/generate.js'
import {writeBenchmarkSection} from './sections.js'
import {median, table} from './tables.js'

const SCENARIOS = [
  {nodes: 8, guests: 200, maintenance: 1, runs: 7},
  {nodes: 32, guests: 1000, maintenance: 2, runs: 5},
  {nodes: 100, guests: 3000, maintenance: 4, runs: 3},
]
const SEED = 11
const RESERVE = '10%'
const GiB = 2 ** 30

export async function run(): Promise<void> {
  const load = loadavg()[0]
  const rows: string[][] = [['cluster', 'pools: configured / used', 'plan ms', 'moves (copying disks)', 'disk copied (configured bound)', 'spread before → after', 'reached', 'left on maintenance', 'referee problems', 'fullest pool after', 'without the check']]
  for (const scenario of SCENARIOS) {
    const snapshot = generateCluster({name: 'thin', nodes: scenario.nodes, guests: scenario.guests, seed: SEED, storage: 'pve'})
    const names = snapshot.nodes.map((n) => n.name)
    // Maintenance nodes spread over the cluster, the ZFS node (the last) among them.
    const maintenance = [...Array.from({length: scenario.maintenance - 1}, (_, i) => names[1 + Math.floor((i * names.length) / scenario.maintenance)]), names.at(-1)!]
    const policy = normalizePolicy(
      {apiVersion: 'proxlb/v1', balance: {method: 'memory', threshold: 10}, maintenance: {nodes: maintenance}, migration: {withLocalDisks: true, targetStorage: {'local-zfs': 'local-lvm'}}, limits: {parallel: 4, perNode: 2, storageReserve: RESERVE}},
      (path, message) => {
        throw new Error(`bench policy invalid at ${path.join('.')}: ${message}`)
      },
      () => {},
    )
    const times: number[] = []
    let plan: Plan | undefined
    for (let i = 0; i < scenario.runs; i++) {
      const start = performance.now()
      plan = planOf(snapshot, policy)
      times.push(performance.now() - start)
    }
    const copying = plan!.moves.filter((m) => m.disks?.length)
    const disks = copying.flatMap((m) => m.disks!)
    const bound = disks.filter((d) => d.estimate === 'configured')
    // Guests that must leave a maintenance node and found no room (ignored and unmovable ones are not asked to).
    const left = plan!.warnings.filter((w) => w.code === 'no-room' && w.nodes?.some((n) => maintenance.includes(n))).reduce((sum, w) => sum + (w.guests?.length ?? 0), 0)
    const unchecked = planOf({...snapshot, storages: []}, policy)
    rows.push([
      `${scenario.nodes} nodes / ${scenario.guests} guests, ${scenario.maintenance} in maintenance`,
      poolShape(snapshot),
      median(times).toFixed(0),
      `${plan!.moves.length} (${copying.length})`,
      `${(disks.reduce((sum, d) => sum + d.bytes, 0) / GiB).toFixed(0)} GiB (${bound.length} of ${disks.length} volumes)`,
      `${plan!.balance.spreadBefore.toFixed(1)} → ${plan!.balance.spreadAfter.toFixed(1)}`,
      plan!.balance.reached ? 'yes' : `no (${plan!.balance.limitedBy ?? '-'})`,
      String(left),
      String(checkPlan(snapshot, policy, plan!).length),
      fullestPool(snapshot, plan!, policy),
      fullestPool(snapshot, unchecked, policy),
    ])
  }
  const header = `seed ${SEED}; memory (used), threshold 10 points, local disks copied (the ZFS node's to local-lvm: migration.targetStorage), storage reserve ${RESERVE}, parallel 4 / per node 2; plan ms: median of ${SCENARIOS.map((s) => s.runs).join(' / ')} runs; load average (1 min) ${load.toFixed(1)}`
  console.log(header)
  console.log(table(rows))
  if (process.argv.includes('--write')) writeBenchmarkSection('storage', 'npx tsx bench/storage.ts --write', section(header, rows))
}

/** Configured over size and used over size of the local thin pools, as ranges. */
function poolShape(snapshot: Snapshot): string {
  const pools = (snapshot.storages ?? []).filter((s) => s.id === 'local-lvm' || s.id === 'local-zfs')
  const configured = pools.map((p) => snapshot.guests.filter((g) => g.node === p.node).flatMap((g) => g.migration?.localDisks ?? []).filter((d) => d.storage === p.id).reduce((sum, d) => sum + d.size, 0) / p.total!)
  const used = pools.map((p) => p.used! / p.total!)
  const range = (values: number[]) => `${Math.round(100 * Math.min(...values))}–${Math.round(100 * Math.max(...values))} %`
  return `${range(configured.filter((c) => c > 0))} / ${range(used)}`
}

/**
 * The highest use over size of any local pool once the plan's moves are done, counted as
 * the planner counts volumes (their use on thin storage where known, else their size),
 * uncapped: what a plan that ignores free space would ask of the pool.
 */
function fullestPool(snapshot: Snapshot, plan: Plan, policy: NormalizedPolicy): string {
  const storage = compilePolicy(snapshot, policy).storage!
  const used = storage.storages.map((s) => s.used)
  const sorted = [...snapshot.guests].sort((a, b) => a.vmid - b.vmid)
  const node = new Map([...snapshot.nodes].sort((a, b) => (a.name < b.name ? -1 : 1)).map((n, i) => [n.name, i]))
  for (const m of plan.moves) {
    const g = sorted.findIndex((x) => x.vmid === m.vmid)
    for (const v of storage.volumes[g]) {
      const s = storageOn(storage, node.get(m.to)!, v)
      if (s >= 0) used[s] += volumeNeed(v, storage.storages[s])
      if (v.source >= 0) used[v.source] -= v.frees
    }
  }
  const pools = storage.storages.filter((s) => s.id === 'local-lvm' || s.id === 'local-zfs')
  const fullest = Math.max(...pools.map((s) => used[s.index] / s.total))
  return `${(100 * fullest).toFixed(0)} %`
}

function planOf(snapshot: Snapshot, policy: NormalizedPolicy): Plan {
  return planRebalance(snapshot, policy, {
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: 'bench',
    snapshot: {fingerprint: snapshot.fingerprint!, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name},
    policy: {document: policy, hash: 'sha256:' + '0'.repeat(64)},
  })
}

function section(header: string, rows: string[][]): string {
  const md = [`| ${rows[0].join(' | ')} |`, `|${rows[0].map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)]
  return [
    '## Storage: thin-provisioned, overcommitted local pools',
    '',
    `Measured with \`npx tsx bench/storage.ts --write\` (\`npm run bench -- storage\`) on 2 shared cores under load, ${header}.`,
    '',
    'Clusters from `test/helpers/generate.ts` with storage as PVE installs it: an LVM-thin pool per node (the last node on ZFS),',
    'configured far beyond its size and a third to two thirds used, a shared Ceph pool, some qcow2 images on `local`. Only the',
    'thin pools\' own use is known for their volumes (as PVE reports lvmthin and zfspool), so a copied volume counts its',
    'configured size against the target\'s free space, a safe upper bound ("configured bound": volumes counted so), while',
    'configured sizes never count against a pool. "left on maintenance": guests that must leave a maintenance node and found no',
    'room; "referee problems": what `test/helpers/check.ts` finds wrong with the plan, every storage over its capacity less',
    'reserve at the end or between waves included; "fullest pool after": the fullest local pool once the plan has run, its',
    'copied volumes counted as the planner counts them; "without the check": the same for the plan the same planner makes',
    'when given no storage information, as a planner that checks no disk space would (an upper bound, the volumes of unknown',
    'use counted at their size). Move counts are deterministic; timings are noisy on this machine.',
    '',
    ...md,
  ].join('\n')
}


if (require.main === module) {
  run().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
