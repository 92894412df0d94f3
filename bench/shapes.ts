/**
 * Clusters of 100 nodes and about 12,000 guests from the other generator
 * (test/helpers/generate.ts, the one the examples and the load benchmark use), in the
 * shapes a new user's clusters take (issue 11): skewed, mixed node sizes, many rules,
 * maintenance nodes, and clusters where constraints block most moves; three from a
 * generator that shares nothing with the tests (bench/outside.ts), two from a third
 * (bench/replicas.ts) and two from a fourth (bench/local.ts). Each is a snapshot and a
 * policy document, the same for the same seed; bench/planner.ts plans them in process and
 * through the CLI.
 */
import type {Policy} from '../src/model/policy.js'
import {snapshotFingerprint, type Snapshot} from '../src/model/snapshot.js'
import {generateCluster} from '../test/helpers/generate.js'
import {localCluster} from './local.js'
import {outsideCluster} from './outside.js'
import {replicaCluster} from './replicas.js'
import {tenantCluster, TENANTS} from './tenants.js'

export interface Shape {
  name: string
  snapshot: Snapshot
  policy: Policy
}

const BASE: Policy = {apiVersion: 'proxlb/v1', kind: 'Policy', name: 'bench', balance: {method: 'memory', mode: 'used', threshold: 10}}

const BIG_NODES = [{cores: 64, memoryGiB: 3072}, {cores: 48, memoryGiB: 2048}, {cores: 32, memoryGiB: 1536}]

/** A cluster of the tests' generator at 100 nodes (its fingerprint set), as the shapes below start from. */
export function cluster(seed: number, nodeSizes = BIG_NODES, guests = 12_000): Snapshot {
  const snapshot = generateCluster({name: 'big', nodes: 100, guests, seed, nodeSizes})
  snapshot.fingerprint = snapshotFingerprint(snapshot)
  return snapshot
}

/** Guests per node, in the snapshot's order. */
function byNode(snapshot: Snapshot): Map<string, number[]> {
  const out = new Map<string, number[]>(snapshot.nodes.map((n) => [n.name, []]))
  for (const g of snapshot.guests) out.get(g.node)!.push(g.vmid)
  return out
}

/**
 * `apart` groups that already hold: group j takes the j-th guest of each of `width` nodes,
 * so a member can only go to the nodes without one of its group (100 - width of them).
 */
function apartLayers(snapshot: Snapshot, width: number, layers: number): Policy['rules'] {
  const lists = [...byNode(snapshot).values()]
  const rules: NonNullable<Policy['rules']> = []
  for (let j = 0; j < layers; j++) {
    const members = lists.filter((l) => l.length > j).slice(0, width).map((l) => l[j])
    if (members.length >= 2) rules.push({name: `layer-${j}`, type: 'apart', guests: members as [number, ...number[]]})
  }
  return rules
}

export function shapes(): Shape[] {
  const skewed = cluster(20261201)
  const mixed = cluster(20261202, [{cores: 96, memoryGiB: 4096}, {cores: 16, memoryGiB: 256}, {cores: 48, memoryGiB: 1536}, {cores: 8, memoryGiB: 128}, {cores: 64, memoryGiB: 2048}])
  const ruled = cluster(20261203)
  const ruledGuests = ruled.guests.map((g) => g.vmid)
  const manyRules: NonNullable<Policy['rules']> = []
  // 400 apart pairs to fives, 300 together pairs and triples, 100 pins to a quarter of the nodes, a third of them preferences.
  for (let k = 0; k < 800; k++) {
    const size = k < 400 ? 2 + (k % 4) : k < 700 ? 2 + (k % 2) : 1 + (k % 3)
    const start = (k * 13) % (ruledGuests.length - size)
    const guests = ruledGuests.slice(start, start + size) as [number, ...number[]]
    const strict = k % 3 !== 0
    if (k < 400) manyRules.push({name: `apart-${k}`, type: 'apart', guests, strict})
    else if (k < 700) manyRules.push({name: `together-${k}`, type: 'together', guests, strict})
    else manyRules.push({name: `pin-${k}`, type: 'pin', guests, nodes: ruled.nodes.filter((_, i) => (i + k) % 4 === 0).map((n) => n.name) as [string, ...string[]], strict})
  }
  const maintained = cluster(20261204)
  const blocked = cluster(20261205)
  const full = cluster(20261206)
  return [
    {name: 'skewed (tags only)', snapshot: skewed, policy: BASE},
    {name: 'mixed node sizes (128 GiB-4 TiB)', snapshot: mixed, policy: BASE},
    {name: 'many rules (800)', snapshot: ruled, policy: {...BASE, rules: manyRules}},
    {name: 'maintenance (10 nodes)', snapshot: maintained, policy: {...BASE, maintenance: {nodes: maintained.nodes.filter((_, i) => i % 10 === 3).map((n) => n.name)}}},
    // Every guest in an apart group spanning 95 of the 100 nodes: most targets refuse.
    {name: 'blocked by apart rules', snapshot: blocked, policy: {...BASE, rules: apartLayers(blocked, 95, 400)}},
    // Headroom that no receiving node has left: almost nothing fits anywhere.
    {name: 'blocked by headroom (45%)', snapshot: full, policy: {...BASE, limits: {headroom: '45%'}}},
    // Another generator's cluster (bench/outside.ts) that its unmovable guests and rules hold above the threshold.
    {name: 'outside generator, held by rules', snapshot: outsideCluster(8), policy: BASE},
    // The same generator packed tighter (nodes to 91 % of their memory): the two slowest
    // plans of 33 such clusters tried on 2026-12-06. On the first most steps of the band
    // way find their move only in its last resort (every unit against every node); the
    // second ends far above the threshold, after swaps tried in vain.
    {name: 'outside generator, 9,000 packed to 91 %', snapshot: outsideCluster(25, 100, 9_000, 0.91), policy: BASE},
    {name: 'outside generator, 8,000 packed to 91 %', snapshot: outsideCluster(34, 100, 8_000, 0.91), policy: BASE},
    // A third generator's (bench/replicas.ts): services of three replicas kept apart, a
    // failed node's guests recovered by HA onto one survivor; and twice as many such
    // services with memory counted as assigned and 10 % headroom, which puts most nodes
    // over their limit, each with dozens of guests to send away.
    {name: 'replicas, a failed node recovered onto one', snapshot: replicaCluster(1), policy: BASE},
    {name: 'replicas, assigned memory, 10 % headroom', snapshot: replicaCluster(2, 12_000, 0.9, 3_000), policy: {...BASE, balance: {...BASE.balance, mode: 'assigned'}, limits: {headroom: '10%'}}},
    // A fourth's (bench/local.ts): guests on their nodes' local ZFS and thin LVM, moved with
    // their disks. Half-full pools; and full ones, every disk sent to local-zfs (which two
    // nodes in five lack), where the storage rule refuses nearly every move and the band
    // way lifts its least utilised node a hair at a time: the slowest plan of 22 such
    // clusters tried on 2026-12-07.
    {name: 'local storage, pools half full', snapshot: localCluster(1, 100, 12_000, 0.9, 1), policy: {...BASE, migration: {withLocalDisks: true}}},
    {name: 'local storage, full pools, one target storage', snapshot: localCluster(3, 100, 9_000, 0.85, 1.9), policy: {...BASE, migration: {withLocalDisks: true, targetStorage: 'local-zfs'}}},
  ]
}

/**
 * The local-storage clusters with full pools (bench/local.ts), the family the target of
 * issue 11 is still missed on: every disk of a guest on its node's ZFS or thin LVM pool,
 * pools filled to about their size, so the storage rule refuses nearly every move and no
 * way reaches the threshold. Seven send every disk to local-zfs (which two nodes in five
 * lack), three keep each disk's own storage. Seed 3 is the last shape of `shapes()`. The
 * 22 such clusters of the fourteenth to twentieth passes were made by scripts outside the
 * repository; these ten are made here from their seeds (`npx tsx bench/run.ts planner
 * --full-pools`).
 */
export function fullPoolShapes(): Shape[] {
  const oneTarget = (seed: number): Shape => ({
    name: `full pools, local-zfs, seed ${seed}`,
    snapshot: localCluster(seed, 100, 9_000, 0.85, 1.9),
    policy: {...BASE, migration: {withLocalDisks: true, targetStorage: 'local-zfs'}},
  })
  const ownStorage = (seed: number, guests: number): Shape => ({
    name: `full pools, own storage, seed ${seed}`,
    snapshot: localCluster(seed, 100, guests, 0.9, 2),
    policy: {...BASE, migration: {withLocalDisks: true}},
  })
  return [oneTarget(3), ...[21, 22, 23, 24, 25, 26].map(oneTarget), ownStorage(1, 9_000), ownStorage(2, 9_000), ownStorage(4, 6_000)]
}

/**
 * A hosting provider's clusters (bench/tenants.ts): rules carried by ProxLB tags (stacks
 * kept together, replica sets apart, pins), nodes of 64 GiB to 3 TiB side by side, some
 * newly added and empty, under the four methods and tight thresholds
 * (`npx tsx bench/run.ts planner --tenants`). With several resources weighed and a
 * threshold no plan reaches, every round of the search narrows the spread by a few
 * tenths of a point and the rounds run to their cap (2026-12-08).
 */
export function tenantShapes(): Shape[] {
  const policy = (balance: Partial<Policy['balance']>, extra: Partial<Policy> = {}): Policy => ({...BASE, balance: {...BASE.balance, ...balance}, ...extra})
  return [
    {name: 'tenants, 10 new nodes, memory', snapshot: tenantCluster({...TENANTS, seed: 1}), policy: BASE},
    {name: 'tenants, weighted, threshold 5', snapshot: tenantCluster({...TENANTS, seed: 2}), policy: policy({method: 'weighted', threshold: 5})},
    {name: 'tenants, large VMs (16-256 GiB), nodes to 88 %', snapshot: tenantCluster({...TENANTS, seed: 3, guests: 4_000, vm: [16, 32, 64, 128, 256], sizes: [512, 1024, 2048], fill: 0.88, stack: 6}), policy: BASE},
    {name: 'tenants, 64 GiB-3 TiB nodes, 20 new, cpu', snapshot: tenantCluster({...TENANTS, seed: 4, sizes: [64, 96, 128, 1536, 3072], empty: 20}), policy: policy({method: 'cpu'})},
    {name: 'tenants, stacks of 80, nodes to 92 %, threshold 5', snapshot: tenantCluster({...TENANTS, seed: 5, fill: 0.92, empty: 0, stack: 80}), policy: policy({threshold: 5})},
    {name: 'tenants, 30 new nodes, weighted, threshold 3, 15 % headroom', snapshot: tenantCluster({...TENANTS, seed: 6, empty: 30, stack: 12}), policy: policy({method: 'weighted', threshold: 3}, {limits: {headroom: '15%'}})},
  ]
}
