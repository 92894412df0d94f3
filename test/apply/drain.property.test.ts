/**
 * A drain, on random clusters with rules of every kind and source: it moves only guests
 * leaving the drained node (no bystander), every move keeps the hard rules (the referee of
 * test/helpers/check.ts, which shares no code with the planner), no rule that held before
 * is broken after unless the drain reports giving it up, and what was broken before and
 * stays broken is reported as left broken. fast-check prints the seed of any failure.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {drainPolicy, drainRules, drainScope} from '../../src/apply/drain.js'
import {planSnapshot} from '../../src/apply/plans.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {type Broken, brokenRules, checkPlan, finalPlacement} from '../helpers/check.js'
import {buildCluster, clusterRecipe} from '../helpers/clusters.js'

const TOOL = {createdAt: '2026-11-21T10:00:00Z', version: '0.0.0-test'}
const key = (b: Pick<Broken, 'kind' | 'strict' | 'rule'>) => `${b.kind} ${b.strict} ${b.kind === 'capacity' || b.kind === 'maintenance' ? '' : b.rule ?? ''}`

describe('drain properties', () => {
  test.prop([clusterRecipe({nodes: [2, 8], guests: [0, 80]}), fc.nat()], {numRuns: 40})(
    'moves only the drained node guests, keeps every rule that held or reports giving it up, reports what stays broken',
    (recipe, pick) => {
      const {snapshot, policy} = buildCluster(recipe)
      const online = snapshot.nodes.filter((n) => n.status === 'online')
      fc.pre(online.length > 0)
      const node = online[pick % online.length].name
      const drained = drainPolicy(policy, node)
      const plan = planSnapshot(snapshot, drained, 'sha256:' + '0'.repeat(64), TOOL, drainScope(node))

      expect(plan.scope).toEqual({nodes: [node]})
      for (const m of plan.moves) expect(m.from, `${m.name} (${m.vmid}) is a bystander`).toBe(node)
      // What stays broken outside the drained node is the drain's report's to say (below), not the plan's warnings.
      expect(checkPlan(snapshot, drained, plan).filter((p) => !p.endsWith('stays broken without a warning'))).toEqual([])

      const model = compilePolicy(snapshot, drained)
      const elsewhere = (b: Broken) => !(b.kind === 'maintenance' && b.nodes.includes(node))
      const before = brokenRules(model, Int32Array.from(model.guests, (g) => g.node)).filter(elsewhere)
      const after = brokenRules(model, finalPlacement(model, plan)).filter(elsewhere)
      const held = new Set(before.map(key))
      const report = drainRules(snapshot, drained, plan, node)
      const givenUp = new Set(report.givenUp.map(key))
      const leftBroken = new Set(report.leftBroken.map(key))
      for (const b of after) {
        // A strict pin without a rule name is the guest's own pins: the referee names no rule for them.
        if (b.rule === undefined && b.kind === 'pin') continue
        if (held.has(key(b))) expect(leftBroken.has(key(b)), `${key(b)} broken before and after, not reported as left broken`).toBe(true)
        else {
          expect(b.strict, `${key(b)}: a drain broke a hard rule that held`).toBe(false)
          expect(givenUp.has(key(b)), `${key(b)} broken by the drain, not reported`).toBe(true)
        }
      }
    },
  )
})
