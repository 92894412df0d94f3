/**
 * Balancing goes several ways (step by step through the band around the mean, into a
 * window, largest first like the classic greedy) and keeps the plan with the fewest
 * migrations. Each way alone must keep every guarantee a plan gives; together they must
 * never need more migrations than the classic greedy balancer for the balance it reaches.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {BALANCING_WAYS, type BalancingWay} from '../../src/planner/balance.js'
import {buildPlan, type PlanContext} from '../../src/planner/build.js'
import {planRebalance} from '../../src/planner/index.js'
import {searchMoves} from '../../src/planner/search.js'
import {assignWaves} from '../../src/planner/waves.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {brokenRules, checkPlan} from '../helpers/check.js'
import {planFor, policy, snapshot} from '../helpers/builders.js'
import {buildCluster, clusterRecipe, permutedRecipe, shuffled} from '../helpers/clusters.js'
import {greedyBaseline} from '../helpers/greedy.js'
import {outcomeOf} from '../helpers/oracle.js'

/** Clusters with their load crowding the first nodes, where balancing has work to do. */
const SKEWED = {nodes: [2, 12] as [number, number], guests: [10, 200] as [number, number], skew: 2.5, fill: 0.5}

function context(snapshot: Snapshot, policy: NormalizedPolicy): PlanContext {
  return {
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: '0.0.0-test',
    snapshot: {fingerprint: snapshot.fingerprint!, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name},
    policy: {document: policy, hash: 'sha256:' + '0'.repeat(64)},
  }
}

/** The plan balancing only one way would make. */
function planOneWay(snapshot: Snapshot, policy: NormalizedPolicy, way: BalancingWay): Plan {
  const model = compilePolicy(snapshot, policy)
  const result = searchMoves(model, {ways: [way], exhaustive: false})
  return buildPlan(context(snapshot, policy), model, result, assignWaves(model, result.moves))
}

describe('balancing ways', () => {
  test('takes the two moves that suffice where stepping through the band around the mean, or largest first, takes three', () => {
    // a and c sit near 19%, b and d near 0-3%: one guest from each of a and c, to a
    // different cold node each, brings the spread within 10 points; no single move can.
    const s = snapshot(
      [{name: 'a', memory: 256}, {name: 'b', memory: 256}, {name: 'c', memory: 128}, {name: 'd', memory: 256}],
      [
        ...[[100, 4], [101, 4], [103, 10], [106, 5], [107, 8], [108, 8], [109, 11]].map(([vmid, memory]) => ({vmid, node: 'a', memory})),
        {vmid: 105, node: 'b', memory: 7},
        {vmid: 102, node: 'c', memory: 10},
        {vmid: 104, node: 'c', memory: 14},
      ],
    )
    const p = policy({balance: {threshold: 10}})
    expect(planOneWay(s, p, 'band').moves).toHaveLength(3)
    expect(planOneWay(s, p, 'largest-first').moves).toHaveLength(3)
    const result = planFor(s, p)
    expect(result.moves.map((m) => [m.vmid, m.from, m.to])).toEqual([[104, 'c', 'd'], [109, 'a', 'b']])
    expect(result.balance).toMatchObject({reached: true, spreadAfter: 9.77})
  })

  test.prop([clusterRecipe({...SKEWED, budgets: true}), fc.constantFrom(...BALANCING_WAYS)], {numRuns: 45})(
    'each way alone keeps every hard rule, at the end and between waves, and the budget',
    (recipe, way) => {
      const {snapshot, policy} = buildCluster(recipe)
      expect(checkPlan(snapshot, policy, planOneWay(snapshot, policy, way))).toEqual([])
    },
  )

  test.prop([permutedRecipe(SKEWED), fc.constantFrom(...BALANCING_WAYS)], {numRuns: 45})(
    'each way alone gives the same plan whatever the order of nodes and guests',
    ([recipe, nodeOrder, guestOrder], way) => {
      const {snapshot, policy} = buildCluster(recipe)
      const plan = (s: Snapshot) => JSON.stringify(planOneWay(s, policy, way))
      expect(plan(shuffled(snapshot, nodeOrder, guestOrder))).toBe(plan(snapshot))
    },
  )

  test.prop([clusterRecipe({...SKEWED, rules: false, methods: ['memory']})], {numRuns: 40})(
    'for the spread the classic greedy balancer reaches, the plan needs no more migrations than it',
    (recipe) => {
      const {snapshot, policy} = buildCluster(recipe)
      const model = compilePolicy(snapshot, policy)
      // The greedy repairs nothing: compare where there is nothing to repair (no node over its memory).
      fc.pre(brokenRules(model, model.guests.map((g) => g.node)).length === 0)
      const greedy = outcomeOf(model, greedyBaseline(model))
      const threshold = Math.ceil(greedy.spread * 100) / 100
      const plan = planRebalance(snapshot, {...policy, balance: {...policy.balance, threshold}}, context(snapshot, policy))
      expect(plan.balance.reached).toBe(true)
      expect(plan.moves.length).toBeLessThanOrEqual(greedy.moves)
    },
  )
})
