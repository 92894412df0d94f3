/**
 * What the search's last try with swaps (reachBySwaps, src/planner/balance.ts) changes:
 * the same generated clusters planned without swaps (`SearchOptions.swaps: false`, the
 * search before them) and with them. Counts, not times: seeded, the same on any machine.
 * A plan that reached the threshold without swaps must never change; every other change
 * must reach it. Run it with `npm run bench -- swaps`.
 */
import fc from 'fast-check'
import {searchMoves} from '../src/planner/search.js'
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

export async function run(): Promise<void> {
  console.log(`${RUNS} seeded clusters per shape, planned without swaps and with them`)
  console.log('shape                                        plans changed  newly within threshold  moves added  reached plans changed')
  for (const {label, shape, seed} of SHAPES) {
    let changed = 0
    let reached = 0
    let added = 0
    let broken = 0
    for (const recipe of fc.sample(clusterRecipe(shape), {numRuns: RUNS, seed})) {
      const {snapshot, policy} = buildCluster(recipe)
      const plan = (swaps: boolean) => {
        const result = searchMoves(compilePolicy(snapshot, policy), {swaps})
        return {moves: JSON.stringify(result.moves), count: result.moves.length, within: result.draft.objective.withinThreshold()}
      }
      const without = plan(false)
      const withSwaps = plan(true)
      if (without.moves === withSwaps.moves) continue
      changed++
      added += withSwaps.count - without.count
      if (!without.within && withSwaps.within) reached++
      else broken++
    }
    console.log(`${label.padEnd(44)} ${String(changed).padStart(13)} ${String(reached).padStart(23)} ${String(added).padStart(12)} ${String(broken).padStart(22)}`)
  }
}
