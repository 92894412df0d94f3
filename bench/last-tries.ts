/**
 * What the search's last tries change, for a plan it would leave above the threshold:
 * swaps (reachBySwaps, src/planner/balance.ts), then, on small clusters, searching again
 * on perturbed loads (reachByRestarts, src/planner/search.ts). The same generated clusters
 * are planned without and with each try (`SearchOptions.swaps` / `restarts: false`, the
 * search before it; the restarts measured with swaps on, as the search runs them). Counts
 * and, for the restarts, the time they add: seeded, the counts are the same on any
 * machine. A plan that reached the threshold without a try must never change; every other
 * change must reach it. Run it with `npm run bench -- last-tries`.
 */
import fc from 'fast-check'
import {performance} from 'node:perf_hooks'
import {searchMoves, type SearchOptions} from '../src/planner/search.js'
import {compilePolicy} from '../src/policy/compile.js'
import {buildCluster, type ClusterShape, clusterRecipe} from '../test/helpers/clusters.js'

const RUNS = 2_000
const SHAPES: {label: string; shape: ClusterShape; seed: number}[] = [
  {label: '3-12 nodes, 8-120 guests, without rules', shape: {nodes: [3, 12], guests: [8, 120], rules: false, fill: 0.6, methods: ['memory', 'cpu', 'weighted']}, seed: 5},
  {label: '3-12 nodes, 8-120 guests, with rules', shape: {nodes: [3, 12], guests: [8, 120], rules: true, fill: 0.6, methods: ['memory', 'cpu', 'weighted']}, seed: 6},
  {label: '3-8 nodes, mixed storage, budgets', shape: {nodes: [3, 8], guests: [12, 60], fill: 0.6, guestMemory: [1, 48], storage: 'mixed', budgets: true}, seed: 100},
  {label: '3-10 nodes, overcommitted thin pools', shape: {nodes: [3, 10], guests: [10, 80], fill: 0.7, storage: 'roomy'}, seed: 101},
  {label: '2-6 nodes, guests up to 64 GiB, budgets', shape: {nodes: [2, 6], guests: [6, 30], fill: 0.5, guestMemory: [1, 64], budgets: true}, seed: 102},
]

const TRIES: {name: string; without: SearchOptions; with: SearchOptions}[] = [
  {name: 'swaps', without: {swaps: false, restarts: false}, with: {restarts: false}},
  {name: 'restarts', without: {restarts: false}, with: {}},
]

export async function run(): Promise<void> {
  for (const tryOut of TRIES) {
    console.log(`\n${tryOut.name}: ${RUNS} seeded clusters per shape, planned without and with them`)
    console.log('shape                                        plans changed  newly within threshold  moves added  reached plans changed  ms without  ms with')
    for (const {label, shape, seed} of SHAPES) {
      let changed = 0
      let reached = 0
      let added = 0
      let broken = 0
      const ms = {without: 0, with: 0}
      for (const recipe of fc.sample(clusterRecipe(shape), {numRuns: RUNS, seed})) {
        const {snapshot, policy} = buildCluster(recipe)
        const plan = (options: SearchOptions, side: 'without' | 'with') => {
          const model = compilePolicy(snapshot, policy)
          const start = performance.now()
          const result = searchMoves(model, options)
          ms[side] += performance.now() - start
          return {moves: JSON.stringify(result.moves), count: result.moves.length, within: result.draft.objective.withinThreshold()}
        }
        const without = plan(tryOut.without, 'without')
        const withIt = plan(tryOut.with, 'with')
        if (without.moves === withIt.moves) continue
        changed++
        added += withIt.count - without.count
        if (!without.within && withIt.within) reached++
        else broken++
      }
      console.log(`${label.padEnd(44)} ${String(changed).padStart(13)} ${String(reached).padStart(23)} ${String(added).padStart(12)} ${String(broken).padStart(22)} ${ms.without.toFixed(0).padStart(11)} ${ms.with.toFixed(0).padStart(8)}`)
    }
  }
}
