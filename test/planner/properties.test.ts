/**
 * The planner's guarantees, on random clusters (1–12 nodes of mixed sizes, 0–200 guests,
 * random rules from the policy, ProxLB tags and HA rules, ignores, pins, maintenance
 * nodes, stopped and unmovable guests). fast-check prints the seed and the shrunk
 * counterexample of any failure; `test/helpers/clusters.ts` makes the clusters and
 * `test/helpers/check.ts` judges the plans without the planner's code.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import {validateAgainst} from '../../src/model/schemas.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {planRebalance} from '../../src/planner/index.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {brokenRules, checkPlan, finalPlacement, spreadOf} from '../helpers/check.js'
import {buildCluster, type ClusterRecipe, clusterRecipe, type ClusterShape, permutedRecipe, shuffled} from '../helpers/clusters.js'
import {applyPlan} from '../../src/simulate/apply-plan.js'

const SHAPE: ClusterShape = {nodes: [1, 12], guests: [0, 200]}
const RUNS = {numRuns: 60}

function plan(snapshot: Snapshot, policy: NormalizedPolicy): Plan {
  return planRebalance(snapshot, policy, {
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: '0.0.0-test',
    snapshot: {fingerprint: snapshot.fingerprint!, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name},
    policy: {document: policy, hash: 'sha256:' + '0'.repeat(64)},
  })
}

describe('random clusters', () => {
  test.prop([clusterRecipe(SHAPE)], {numRuns: 30})('are valid snapshots and policies, and plan to valid plans', (recipe) => {
    const {snapshot, policy, document} = buildCluster(recipe)
    expect(validateAgainst('snapshot', JSON.parse(JSON.stringify(snapshot)), 'snapshot', String)).toEqual([])
    expect(validateAgainst('policy', JSON.parse(JSON.stringify(document)), 'policy', String)).toEqual([])
    expect(validateAgainst('plan', JSON.parse(JSON.stringify(plan(snapshot, policy))), 'plan', String)).toEqual([])
  })
})

describe('planner properties', () => {
  test.prop([clusterRecipe({...SHAPE, budgets: true})], RUNS)(
    '1, 2, 7: every move is allowed, no node is overfilled or an apart rule broken at the end or between waves, what stays broken is reported, budgets hold',
    (recipe) => {
      const {snapshot, policy} = buildCluster(recipe)
      expect(checkPlan(snapshot, policy, plan(snapshot, policy))).toEqual([])
    },
  )

  test.prop([clusterRecipe({...SHAPE, overfull: true, budgets: true})], RUNS)('1: the same when nodes start overfilled', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    expect(checkPlan(snapshot, policy, plan(snapshot, policy))).toEqual([])
  })

  test.prop([settledRecipe()], RUNS)('3: a cluster within threshold with every rule satisfied gets an empty plan', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const model = compilePolicy(snapshot, policy)
    const origin = model.guests.map((g) => g.node)
    fc.pre(brokenRules(model, origin).length === 0 && spreadOf(model, origin) <= policy.balance.threshold)
    const result = plan(snapshot, policy)
    expect(result.moves).toEqual([])
    expect(result.summary.status).toBe('no-changes')
  })

  // The one exception is announced: a plan that wanted a guest to migrate twice (two
  // guests each waiting for the other to leave their nodes) says a second pass may move
  // more. Any other move on planning again would be an improvement the plan missed.
  test.prop([clusterRecipe(SHAPE)], RUNS)('4: planning again on the predicted result of a plan gives an empty plan', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const first = plan(snapshot, policy)
    // The cluster as proxlb simulate --plan predicts it: the same prediction users see.
    const again = plan(applyPlan(snapshot, first.snapshot.fingerprint, first, 'plan.json').snapshot, policy)
    if (first.warnings.some((w) => w.code === 'second-pass')) return
    expect(again.moves.map((m) => `${m.vmid} ${m.from}→${m.to} (${m.reason})`)).toEqual([])
  })

  // Seed 1893600219 found a plan stopping 0.14 points above the threshold where planning
  // again reached it with 5 moves: the greedy way may now move on guests an earlier round balanced.
  test.prop([clusterRecipe(SHAPE)], {...RUNS, seed: 1893600219})('4 (seeded): planning again finds nothing on the clusters of seed 1893600219', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const first = plan(snapshot, policy)
    const again = plan(applyPlan(snapshot, first.snapshot.fingerprint, first, 'plan.json').snapshot, policy)
    if (first.warnings.some((w) => w.code === 'second-pass')) return
    expect(again.moves.map((m) => `${m.vmid} ${m.from}→${m.to} (${m.reason})`)).toEqual([])
  })

  test.prop([clusterRecipe({...SHAPE, overfull: true})], RUNS)('5: the spread never widens, unless rule repairs force it and the plan says so', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const result = plan(snapshot, policy)
    const model = compilePolicy(snapshot, policy)
    const after = spreadOf(model, finalPlacement(model, result))
    expect(result.balance.spreadAfter).toBeCloseTo(after, 1)
    if (after > spreadOf(model, model.guests.map((g) => g.node)) + 1e-6) {
      expect(result.balance.worsened).toBe(true)
      expect(result.balance.rulesRepaired).toBeGreaterThan(0)
      expect(result.summary.message).toContain('wider: the repairs need it')
    } else expect(result.balance.worsened).toBeUndefined()
  })

  test.prop([permutedRecipe(SHAPE)], RUNS)('6: shuffling nodes, guests and HA rules gives the same plan, byte for byte', ([recipe, nodeOrder, guestOrder]) => {
    const {snapshot, policy} = buildCluster(recipe)
    expect(JSON.stringify(plan(shuffled(snapshot, nodeOrder, guestOrder), policy))).toBe(JSON.stringify(plan(snapshot, policy)))
  })

  test.prop([clusterRecipe({...SHAPE, budgets: true})], RUNS)('7: budgets are respected, and a plan stopped by one says so', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    const result = plan(snapshot, policy)
    expect(result.moves.length).toBeLessThanOrEqual(policy.limits.maxMoves ?? Infinity)
    expect(result.summary.bytesMoved).toBeLessThanOrEqual(policy.limits.maxBytesMoved ?? Infinity)
    if (result.balance.limitedBy === 'budget') expect(result.warnings.map((w) => w.code)).toContain('budget')
  })
})

/** A random cluster, with guests spread evenly and rules cut down to what already holds. */
function settledRecipe(): fc.Arbitrary<ClusterRecipe> {
  return clusterRecipe({nodes: [1, 12], guests: [0, 120], guestMemory: [1, 4], methods: ['memory']}).map((recipe) => {
    const load = recipe.nodes.map((n) => n.host / n.memory)
    const guests = [...recipe.guests]
      .map((g, i) => ({g, i}))
      .sort((a, b) => b.g.memory - a.g.memory || a.i - b.i)
      .map(({g, i}) => {
        const node = load.indexOf(Math.min(...load))
        load[node] += g.stopped ? 0 : (g.memory * g.use) / recipe.nodes[node].memory
        return {i, guest: {...g, node}}
      })
      .sort((a, b) => a.i - b.i)
      .map(({guest}) => guest)
    const nodeOf = (g: number) => guests[g].node
    const rules = recipe.rules.map((rule) => {
      if (rule.kind === 'pin') return {...rule, nodes: [...new Set([...rule.nodes, ...rule.guests.map(nodeOf)])]}
      if (rule.kind === 'together') return {...rule, guests: rule.guests.filter((g) => nodeOf(g) === nodeOf(rule.guests[0]))}
      return {...rule, guests: rule.guests.filter((g, k) => rule.guests.findIndex((o) => nodeOf(o) === nodeOf(g)) === k)}
    })
    return {...recipe, guests, rules, maintenance: [] as number[], nodes: recipe.nodes.map((n) => ({...n, online: true})), policy: {...recipe.policy, headroom: 0, threshold: Math.max(10, recipe.policy.threshold)}}
  })
}
