/**
 * Calm over time: the balance service replayed for 7 simulated days (168 hourly cycles)
 * with load drifting per guest, proxlb (its calm defaults: margin 5, cooldown 6h) next to
 * the greedy balancer ProxLB is (moves whenever the spread exceeds the threshold, no
 * cooldown), on the same drift; on the bundled demo and the 12-node lab, for a mild and a
 * strong drift, and on the planner benchmark's skewed shape (100 nodes of 1.5-3 TiB,
 * 12,000 guests) for the strong one. Counts, not times: they are the same on any machine.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {defaultPolicy} from '../src/model/policy.js'
import {readSnapshot} from '../src/model/snapshot.js'
import {parseDrift} from '../src/simulate/drift.js'
import {replay} from '../src/simulate/replay.js'
import {cluster} from './shapes.js'

const ROOT = join(__dirname, '..')
const DRIFTS = ['jitter:10%,seed:1', 'walk:2%,daily:10%,seed:1', 'walk:5%,daily:20%,jitter:5%,seed:1']

export async function run(): Promise<void> {
  console.log('7 days, a cycle every hour; default policy (threshold 10); proxlb with the service defaults')
  console.log('snapshot       drift                               strategy  moves  after 1st  cycles  moved 2+  again<6h  back<6h  spread mean/max/end   ms')
  const runs = [
    ...['demo.json', 'lab-12-nodes.json'].map((file) => ({file, snapshot: readSnapshot(readFileSync(join(ROOT, 'snapshots', file)), file).snapshot, drifts: DRIFTS})),
    // Large nodes: where a minGain for nodes of 64 GiB would hold every plan back (calm.ts defaultMinGain).
    {file: 'skewed-100', snapshot: cluster(20261201), drifts: DRIFTS.slice(2)},
  ]
  for (const {file, snapshot, drifts} of runs) {
    for (const spec of drifts) {
      const drift = parseDrift(spec)
      if (typeof drift === 'string') throw new Error(drift)
      const start = process.hrtime.bigint()
      const result = replay({snapshot, snapshotLabel: file, policy: defaultPolicy(), policyLabel: 'default', cycles: 168, everySeconds: 3600, drift, toolVersion: 'bench'})
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      for (const r of result.runs) {
        const t = r.totals
        console.log(
          [file.replace('.json', '').padEnd(14), spec.padEnd(35), r.strategy.padEnd(8), String(t.moves).padStart(5), String(t.movesAfterFirst).padStart(10), String(t.cyclesWithMoves).padStart(7), String(t.movedMoreThanOnce.length).padStart(9), String(t.movedAgainWithinCooldown).padStart(9), String(t.movedBackWithinCooldown).padStart(8), `${t.spread.mean.toFixed(1)}/${t.spread.max.toFixed(1)}/${t.spread.last.toFixed(1)}`.padStart(20), r.strategy === 'proxlb' ? String(Math.round(ms)).padStart(6) : ''].join(' '),
        )
      }
    }
  }
}
