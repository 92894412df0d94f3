/**
 * Swaps, the search's last resort: where no single move narrows the spread, a swap may
 * reach the threshold (a small node kept full by one large guest), and a plan that
 * reached the threshold without swaps is never touched by them.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {narrowSpread, outOfReach} from '../../src/planner/balance.js'
import {Draft} from '../../src/planner/draft.js'
import {searchMoves} from '../../src/planner/search.js'
import {UnitsBySize} from '../../src/planner/units.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {checkPlan} from '../helpers/check.js'
import {planFor, policy, snapshot} from '../helpers/builders.js'
import {buildCluster, type ClusterRecipe, clusterRecipe} from '../helpers/clusters.js'

/** Mixed node sizes and a few large guests: where a node full of one guest happens. */
const MIXED = {nodes: [3, 8] as [number, number], guests: [12, 60] as [number, number], fill: 0.6, guestMemory: [1, 48] as [number, number]}

describe('swaps', () => {
  test('a small node full of one large guest trades it for a smaller one: no single move narrows the spread', () => {
    // a (64 GiB) holds one guest of 46 GiB, 72 %; b and c sit near 36-38 %. Sending the
    // guest away leaves a empty, the least utilised by far; anything sent to a fills it
    // more. Swapping it for b's 30 GiB guest brings every node within 10 points.
    const small = Array.from({length: 10}, (_, i) => ({vmid: 200 + i, node: 'b', memory: 3.1}))
    const s = snapshot(
      [{name: 'a', memory: 64}, {name: 'b', memory: 256}, {name: 'c', memory: 256}],
      [
        {vmid: 100, node: 'a', memory: 46},
        {vmid: 101, node: 'b', memory: 30},
        {vmid: 102, node: 'b', memory: 31},
        ...small,
        ...Array.from({length: 12}, (_, i) => ({vmid: 300 + i, node: 'c', memory: 8})),
      ],
    )
    const p = policy({balance: {threshold: 10}})
    const plan = planFor(s, p)
    expect(plan.moves.map((m) => [m.vmid, m.from, m.to])).toEqual([[100, 'a', 'b'], [101, 'b', 'a']])
    expect(plan.balance).toMatchObject({reached: true})
    expect(plan.balance.spreadAfter).toBeLessThanOrEqual(10)
    expect(checkPlan(s, p, plan)).toEqual([])
  })

  test.prop([clusterRecipe(MIXED)], {numRuns: 200})('never change a plan that reached the threshold without them, and never leave one worse', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const model = compilePolicy(snapshot, policy)
    const moves = (swaps: boolean) => {
      const result = searchMoves(model, {swaps, restarts: false})
      return {moves: result.moves.map((m) => [m.guest, m.to]), reached: result.draft.objective.withinThreshold(), spread: result.draft.objective.spread}
    }
    const without = moves(false)
    const withSwaps = moves(true)
    if (without.reached || !withSwaps.reached) expect(withSwaps.moves).toEqual(without.moves)
    else expect(withSwaps.spread).toBeLessThan(without.spread)
  })
})

/** A node every guest of which is locked (a backup running, say): it keeps its load whatever moves. */
function firstNodeLocked(recipe: ClusterRecipe) {
  const cluster = buildCluster(recipe)
  const first = cluster.snapshot.nodes[0].name
  return {...cluster, snapshot: {...cluster.snapshot, guests: cluster.snapshot.guests.map((g) => (g.node === first ? {...g, lock: 'backup'} : g))}}
}

/**
 * The lowest spread moves of units reach, the rules and the moves' count aside: while
 * sending a unit to the least utilised node narrows the spread, the one that narrows it
 * most goes. A stronger hand at evening load out than narrowing, which keeps to the rules
 * and to a few moves.
 */
function evenedBlindly(draft: Draft, units: UnitsBySize): number {
  const {state} = draft
  for (let step = 0; step < 10_000; step++) {
    const spread = state.spread()
    const lowest = state.active.reduce((a, b) => (state.utilisation(b) < state.utilisation(a) ? b : a))
    let best: {unit: number[]; spread: number} | undefined
    for (const source of state.active) {
      if (source === lowest) continue
      for (const {unit} of units.on(source)) {
        for (const g of unit) state.move(g, lowest)
        const after = state.spread()
        for (const g of unit) state.move(g, source)
        if (after < (best?.spread ?? spread) - 1e-9) best = {unit, spread: after}
      }
    }
    if (!best) return spread
    for (const g of best.unit) state.move(g, lowest)
  }
  return state.spread()
}

describe('narrowing out of reach', () => {
  const planned = (s: ReturnType<typeof snapshot>, threshold: number) => {
    const draft = new Draft(compilePolicy(s, policy({balance: {threshold}})))
    return {draft, units: UnitsBySize.of(draft)}
  }

  test('a node held high by guests that cannot move, with too little load elsewhere to come within the threshold of it', () => {
    // a: 40 of 64 GiB locked, 62.5 %. Within 10 points of it, b and c would carry 52.5 %
    // each, 269 GiB of the 160 they have between them: out of reach. With 140 GiB more
    // on b they have enough, and b's guests may go to c.
    const locked = {vmid: 100, node: 'a', memory: 40, lock: 'backup'}
    const spreadOut = (onB: number) =>
      snapshot(
        [{name: 'a', memory: 64}, {name: 'b', memory: 256}, {name: 'c', memory: 256}],
        [locked, ...Array.from({length: onB}, (_, i) => ({vmid: 200 + i, node: 'b', memory: 10})), ...Array.from({length: 8}, (_, i) => ({vmid: 300 + i, node: 'c', memory: 10}))],
      )
    const short = planned(spreadOut(8), 10)
    expect(outOfReach(short.draft, short.units)).toBe(true)
    const enough = planned(spreadOut(22), 10)
    expect(outOfReach(enough.draft, enough.units)).toBe(false)
    narrowSpread(enough.draft, enough.units, true)
    expect(enough.draft.objective.withinThreshold()).toBe(true)
  })

  test('never where every node has a unit to send', () => {
    const s = snapshot(
      [{name: 'a', memory: 64}, {name: 'b', memory: 64}],
      [{vmid: 100, node: 'a', memory: 40}, {vmid: 101, node: 'a', memory: 8}, {vmid: 200, node: 'b', memory: 4}],
    )
    const {draft, units} = planned(s, 10)
    expect(outOfReach(draft, units)).toBe(false)
  })

  test('only where no moves of units reach the threshold, from where balancing ends', () => {
    let seen = 0
    fc.assert(
      fc.property(clusterRecipe(MIXED), fc.integer({min: 1, max: 30}), (recipe, threshold) => {
        const {snapshot, policy} = firstNodeLocked(recipe)
        const model = compilePolicy(snapshot, {...policy, balance: {...policy.balance, threshold}})
        const {draft} = searchMoves(model, {swaps: false, restarts: false})
        const units = UnitsBySize.of(draft)
        if (!outOfReach(draft, units)) return
        seen++
        const mark = draft.mark()
        narrowSpread(draft, units, true)
        expect(draft.objective.withinThreshold()).toBe(false)
        draft.rollback(mark)
        expect(evenedBlindly(draft, units)).toBeGreaterThan(threshold)
      }),
      {numRuns: 300, seed: 11},
    )
    // Not a property that holds by never being asked.
    expect(seen).toBeGreaterThan(30)
  })
})
