/**
 * simulate's costs: the resilience check (one exact packing search per node) and a whole
 * what-if (changes, plan, predicted snapshot, resilience), on the bundled demo, the
 * 12-node lab, a 24-node cluster made of two labs side by side, and two clusters of 100
 * nodes and 12,000 guests from the planner benchmark's shapes (bench/shapes.ts, too full
 * to lose some of their nodes). Figures are medians of several runs on a shared machine:
 * compare ratios within one run, not across runs.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {readPolicy} from '../src/model/policy.js'
import {changesFromFlags} from '../src/model/scenario.js'
import {readSnapshot, type Snapshot, snapshotFingerprint} from '../src/model/snapshot.js'
import {resilience} from '../src/simulate/capacity.js'
import {simulate} from '../src/simulate/index.js'
import {pack, type PackItem} from '../src/simulate/packing.js'
import {replicaCluster} from './replicas.js'
import {cluster} from './shapes.js'

const ROOT = join(__dirname, '..')

function load(file: string): Snapshot {
  return readSnapshot(readFileSync(join(ROOT, 'snapshots', file)), file).snapshot
}

/** Two copies of the lab as one cluster: nodes and vmids renamed in the second. */
function doubled(lab: Snapshot): Snapshot {
  const copy = structuredClone(lab)
  const renamed = (name: string) => name.replace(/^lab/, 'lbb')
  copy.nodes = [...lab.nodes, ...lab.nodes.map((n) => ({...structuredClone(n), name: renamed(n.name)}))]
  copy.guests = [...lab.guests, ...lab.guests.map((g) => ({...structuredClone(g), vmid: g.vmid + 100000, node: renamed(g.node), name: `${g.name}-b`}))]
  copy.storages = []
  copy.fingerprint = snapshotFingerprint(copy)
  return copy
}

function median(runs: number, fn: () => void): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
}

export async function run(): Promise<void> {
  const policy = readPolicy(readFileSync(join(ROOT, 'policies', 'default.yaml')), 'default.yaml')
  const lab = load('lab-12-nodes.json')
  // The lab with every guest using 70% more memory: nodes near full, failover packing tight.
  const tight = simulate({snapshot: lab, fingerprint: '', snapshotLabel: 'lab', policy: {...policy, label: 'default'}, changes: changesFromFlags({grow: ['memory=+70%']}), createdAt: '2026-01-01T00:00:00Z', toolVersion: 'bench'}).predicted
  const clusters: [string, Snapshot][] = [
    ['demo (5 nodes, 38 guests)', load('demo.json')],
    ['lab (12 nodes, 240 guests)', lab],
    ['lab, memory +70% (tight)', tight],
    ['two labs (24 nodes, 480 guests)', doubled(lab)],
    ['skewed (100 nodes, 12,000 guests)', cluster(20261201)],
    ['replicas (100 nodes, 12,000 guests)', replicaCluster(1)],
  ]
  console.log('cluster                              resilience  method  what-if (fail + 20 guests + node)')
  for (const [name, snapshot] of clusters) {
    const runs = snapshot.nodes.length > 50 ? 3 : 5
    let method = ''
    const check = median(runs, () => {
      method = resilience(snapshot, policy.policy).method
    })
    const changes = changesFromFlags({fail: [snapshot.nodes[0].name], 'add-guests': ['20x8GiB/4cores'], 'add-node': ['new1:256GiB/32cores']})
    const whatIf = median(runs, () => {
      simulate({snapshot, fingerprint: snapshot.fingerprint ?? '', snapshotLabel: name, policy: {...policy, label: 'default'}, changes, createdAt: '2026-01-01T00:00:00Z', toolVersion: 'bench'})
    })
    console.log(`${name.padEnd(36)} ${check.toFixed(1).padStart(7)} ms  ${method.padEnd(6)}  ${whatIf.toFixed(1).padStart(7)} ms`)
  }

  // The packing search alone on instances where spreading fails: N guests of 1-32 GiB
  // (fixed pseudo-random sizes) onto 4 nodes whose free memory adds up to no more than
  // the guests need (so a few GiB are always left out and the search must prove the least).
  console.log('\npacking search alone (4 nodes, no slack)   time      steps  minimum    verdict  unplaced')
  for (const n of [12, 20, 30, 40]) {
    let seed = n
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const items: PackItem[] = Array.from({length: n}, () => ({memory: 1 + Math.floor(next() * 32), disk: 0, allowed: [0, 1, 2, 3], apart: []}))
    const total = items.reduce((sum, i) => sum + i.memory, 0)
    const bins = [0.3, 0.27, 0.24, 0.19].map((share) => ({memory: Math.floor(total * share), disk: 0, apart: []}))
    let result = pack(items, bins)
    const time = median(5, () => {
      result = pack(items, bins)
    })
    console.log(`${`${n} guests`.padEnd(40)} ${time.toFixed(1).padStart(7)} ms ${String(result.steps).padStart(9)}  ${result.method.padEnd(9)}  ${(result.settled ? 'proven' : 'open').padEnd(7)}  ${result.unplacedMemory} GiB`)
  }
}
