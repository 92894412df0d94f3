/**
 * What a plan says of itself is true. When its summary says the rules allow no better,
 * no single move the rules allow (preferences included) would narrow the spread of the
 * cluster the plan leads to: judged here from scratch, without the planner's code.
 */
import {test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {compilePolicy, type PlacementModel} from '../../src/policy/compile.js'
import {planFor} from '../helpers/builders.js'
import {brokenRules, countBroken, finalPlacement, memoryLoads, spreadOf} from '../helpers/check.js'
import {buildCluster, clusterRecipe, type ClusterShape} from '../helpers/clusters.js'

const SHAPE: ClusterShape = {nodes: [2, 8], guests: [1, 80]}

/**
 * The guests that move with `g`: the members on its node of its together group (rules
 * sharing a guest form one group, preferences included).
 */
function unitOf(model: PlacementModel, placement: ArrayLike<number>, g: number): number[] {
  const group = new Set([g])
  for (let grown = true; grown; ) {
    grown = false
    for (const rule of model.rules) {
      if (rule.kind !== 'together' || !rule.members.some((m) => group.has(m))) continue
      for (const m of rule.members) if (!group.has(m)) (group.add(m), (grown = true))
    }
  }
  return [...group].filter((m) => placement[m] === placement[g])
}

/** A single move of a unit the rules allow that narrows the spread, described; undefined when none. */
export function narrowingMove(model: PlacementModel, placement: Int32Array): string | undefined {
  const spread = spreadOf(model, placement)
  const broken = countBroken(brokenRules(model, placement))
  for (const guest of model.guests) {
    if (model.nodes[placement[guest.index]].role !== 'active') continue
    const unit = unitOf(model, placement, guest.index)
    if (unit.some((u) => !model.guests[u].movable || model.guests[u].ignored)) continue
    // Two guests kept apart never travel as one unit: they would meet on arrival.
    if (model.rules.some((r) => r.kind === 'apart' && r.members.filter((m) => unit.includes(m)).length > 1)) continue
    for (const target of model.nodes) {
      if (target.role !== 'active' || target.index === placement[guest.index]) continue
      if (unit.some((u) => model.guests[u].allowed && !model.guests[u].allowed!.includes(target.index))) continue
      // A pin preference keeps a guest on its preferred nodes once it is there.
      if (model.rules.some((r) => r.kind === 'pin' && !r.strict && r.members.some((m) => unit.includes(m) && (r.nodes ?? []).includes(placement[m]) && !(r.nodes ?? []).includes(target.index)))) continue
      // Apart rules (preferences too) forbid joining a node that holds another of the group.
      if (model.rules.some((r) => r.kind === 'apart' && r.members.some((m) => unit.includes(m)) && r.members.some((m) => !unit.includes(m) && placement[m] === target.index))) continue
      const after = Int32Array.from(placement)
      for (const u of unit) after[u] = target.index
      if (spreadOf(model, after) >= spread - 1e-6) continue
      if (memoryLoads(model, after)[target.index] > target.memoryLimit) continue
      const disks = unit.reduce((sum, u) => sum + (model.guests[u].withLocalDisks ? model.guests[u].load.disk : 0), 0)
      if (disks > 0) {
        const disk = target.base.disk + model.guests.reduce((sum, g) => sum + (after[g.index] === target.index ? g.load.disk : 0), 0)
        if (disk > target.capacity.disk) continue
      }
      const now = countBroken(brokenRules(model, after))
      if (now.hard > broken.hard || now.soft > broken.soft) continue
      return `${unit.map((u) => model.guests[u].name).join(' + ')} → ${target.name}: spread ${spread.toFixed(2)} → ${spreadOf(model, after).toFixed(2)}`
    }
  }
  return undefined
}

function check(snapshot: Snapshot, policy: NormalizedPolicy, plan: Plan): string | undefined {
  if (!plan.summary.message.includes('the rules allow no better')) return undefined
  const model = compilePolicy(snapshot, policy)
  const move = narrowingMove(model, finalPlacement(model, plan))
  return move && `${plan.summary.message} but ${move}`
}

describe('plan claims', () => {
  test.prop([clusterRecipe(SHAPE)], {numRuns: 150, seed: Number(process.env.SEED) || undefined})('"the rules allow no better" only when no allowed move narrows the spread', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    expect([check(snapshot, policy, planFor(snapshot, policy))]).toEqual([undefined])
  })
})
