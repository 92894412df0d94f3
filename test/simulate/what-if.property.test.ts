/**
 * Any list of what-if changes on any small cluster: simulate never crashes, the predicted
 * snapshot reads back with readSnapshot (same fingerprint), and no guest is lost or
 * invented without being reported. The only refusal is a change naming a node the cluster
 * does not have (or no longer has).
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {type ChangeFlags, changesFromFlags} from '../../src/model/scenario.js'
import {InvalidInputError} from '../../src/model/problems.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {planRebalance} from '../../src/planner/index.js'
import {simulate} from '../../src/simulate/index.js'
import {buildCluster, clusterRecipe} from '../helpers/clusters.js'
import {type GuestSpec, type NodeSpec, policy, snapshot} from '../helpers/builders.js'

const names = ['a', 'b', 'c', 'd']
const arb = fc.record({
  nodes: fc.array(fc.record({memory: fc.integer({min: 16, max: 64}), maintenance: fc.boolean()}), {minLength: 2, maxLength: 4}),
  guests: fc.array(fc.record({node: fc.nat(3), memory: fc.integer({min: 1, max: 16}), stopped: fc.boolean(), tag: fc.constantFrom('', 'plb_exclude_x', 'plb_include_y')}), {maxLength: 10}),
  flags: fc.record(
    {
      fail: fc.array(fc.constantFrom(...names), {maxLength: 1}),
      drain: fc.array(fc.constantFrom(...names), {maxLength: 1}),
      'remove-node': fc.array(fc.constantFrom(...names), {maxLength: 1}),
      'add-node': fc.array(fc.constantFrom('e:32GiB/8cores', 'f:64GiB/16cores/500GiB'), {maxLength: 1}),
      'add-guests': fc.array(fc.constantFrom('3x4GiB/2cores', '2x16GiB/4cores,tag=plb_exclude_x', '5x1GiB/1core,type=lxc'), {maxLength: 2}),
      grow: fc.array(fc.constantFrom('memory=+25%', 'memory=-50%,cpu=+10%', 'disk=+5%'), {maxLength: 1}),
    },
    {requiredKeys: []},
  ),
})

describe('what-if changes, at random', () => {
  test.prop([arb], {numRuns: 150})('predicted snapshots read back and every guest is accounted for', ({nodes, guests, flags}) => {
    const nodeSpecs: NodeSpec[] = nodes.map((n, i) => ({name: names[i], memory: n.memory, maintenance: n.maintenance && i > 0}))
    const guestSpecs: GuestSpec[] = guests.map((g, i) => ({vmid: 100 + i, node: names[g.node % nodes.length], memory: g.memory, status: g.stopped ? 'stopped' : 'running', tags: g.tag ? [g.tag] : []}))
    const s = snapshot(nodeSpecs, guestSpecs)
    let result: ReturnType<typeof simulate>
    try {
      result = simulate({snapshot: s, fingerprint: s.fingerprint!, snapshotLabel: 's', policy: {policy: policy(), hash: 'h', label: 'p'}, changes: changesFromFlags(flags as ChangeFlags), createdAt: '2026-11-21T10:00:00Z', toolVersion: 't'})
    } catch (error) {
      // Only a change naming a node the cluster does not have (or has already failed/removed) may be refused.
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as InvalidInputError).lines().join('\n')).toMatch(/^--(fail|drain|remove-node|add-node) .*: (no node "[a-f]" in the snapshot|node [a-f] is already)/)
      return
    }
    const {predicted, simulation} = result
    const loaded = readSnapshot(JSON.stringify(predicted), 'predicted.json')
    expect(loaded.fingerprint).toBe(predicted.fingerprint)
    expect(loaded.warnings).toEqual([])
    expect(predicted.source.kind).toBe('simulated')

    const arrived = simulation.changes.filter((c) => c.kind === 'add-guests').reduce((sum, c) => sum + c.placed.length, 0)
    const leftOut = simulation.changes.filter((c) => c.kind === 'remove-node').reduce((sum, c) => sum + c.notPlaced.length, 0)
    expect(predicted.guests.length).toBe(s.guests.length + arrived - leftOut)
    for (const effect of simulation.changes) {
      for (const g of effect.placed) expect(predicted.guests.some((p) => p.vmid === g.vmid)).toBe(true)
    }
  })
})

describe('the cluster now, beside the what-if', () => {
  // simulate reads the "now" column off the cluster as it is instead of planning it: a
  // plan made now must give the same figures as its `before`, and simulate, which copies
  // the snapshot only where a change edits it, must leave its input as it was.
  const flagsArb = fc.record({drain: fc.array(fc.constantFrom('pve1', 'pve2'), {maxLength: 1}), 'add-guests': fc.array(fc.constantFrom('3x4GiB/2cores', '2x16GiB/4cores'), {maxLength: 1}), grow: fc.array(fc.constantFrom('memory=+25%', 'disk=+5%'), {maxLength: 1})}, {requiredKeys: []})
  test.prop([clusterRecipe({nodes: [2, 7], guests: [0, 40], storage: 'mixed'}), flagsArb], {numRuns: 60})('the now column is what a plan made now calls before, and the input is left untouched', (recipe, flags) => {
    const {snapshot: s, policy: p} = buildCluster(recipe)
    const text = JSON.stringify(s)
    const {simulation} = simulate({snapshot: s, fingerprint: s.fingerprint!, snapshotLabel: 's', policy: {policy: p, hash: 'h', label: 'p'}, changes: changesFromFlags(flags as ChangeFlags), createdAt: '2026-11-21T10:00:00Z', toolVersion: 't'})
    expect(JSON.stringify(s)).toBe(text)
    const plan = planRebalance(s, p, {createdAt: '2026-11-21T10:00:00Z', toolVersion: 't', snapshot: {fingerprint: s.fingerprint!, takenAt: s.takenAt, cluster: s.cluster.name}, policy: {document: p, hash: 'h'}})
    expect(simulation.spread.now).toBe(plan.balance.spreadBefore)
    const now = Object.fromEntries(simulation.nodes.filter((n) => n.now).map((n) => [n.name, n.now]))
    expect(now).toEqual(Object.fromEntries(plan.nodes.map((n) => [n.name, n.before])))
  })
})
