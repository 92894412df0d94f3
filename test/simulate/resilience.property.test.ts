/**
 * The resilience verdict against brute force: on small random clusters (2-4 nodes, up to
 * 6 guests on the failing node, pins, apart and together tags, local disks, maintenance and
 * ignored nodes, headroom), every assignment of the lost node's running guests to the
 * other nodes is tried. "survives" must be said exactly when some assignment honours every
 * hard rule, and the memory reported missing must be the least any assignment leaves out.
 * The brute force reads the snapshot and policy directly, not the placement model.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {resilience} from '../../src/simulate/capacity.js'
import {type GuestSpec, GiB, type NodeSpec, policy, snapshot} from '../helpers/builders.js'

const NODE_NAMES = ['a', 'b', 'c', 'd']

const clusterArb = fc
  .record({
    nodes: fc.array(fc.record({memory: fc.integer({min: 4, max: 32}), host: fc.integer({min: 0, max: 2}), maintenance: fc.boolean({}), offline: fc.integer({min: 0, max: 9})}), {minLength: 2, maxLength: 4}),
    guests: fc.array(
      fc.record({
        node: fc.nat(3),
        memory: fc.integer({min: 1, max: 12}),
        stopped: fc.integer({min: 0, max: 7}),
        tag: fc.constantFrom('none', 'none', 'none', 'apart-x', 'apart-y', 'together-t', 'pin', 'local-disk'),
        pin: fc.nat(3),
      }),
      {maxLength: 9},
    ),
    headroom: fc.constantFrom(0, 10, 25),
    ignoreLast: fc.integer({min: 0, max: 4}),
  })
  .map(({nodes, guests, headroom, ignoreLast}) => {
    const names = NODE_NAMES.slice(0, nodes.length)
    const nodeSpecs: NodeSpec[] = nodes.map((n, i) => ({name: names[i], memory: n.memory, host: n.host, maintenance: n.maintenance && i > 0 && n.offline > 5, status: n.offline === 0 ? 'offline' : 'online'}))
    const guestSpecs: GuestSpec[] = guests.map((g, i) => {
      const tags = g.tag === 'apart-x' ? ['plb_exclude_x'] : g.tag === 'apart-y' ? ['plb_exclude_y'] : g.tag === 'together-t' ? ['plb_include_t'] : g.tag === 'pin' ? [`plb_pin_${names[g.pin % names.length]}`] : []
      return {vmid: 100 + i, node: names[g.node % names.length], memory: g.memory, status: g.stopped === 0 ? 'stopped' : 'running', tags, ...(g.tag === 'local-disk' ? {localDisk: 10} : {})}
    })
    const s = snapshot(nodeSpecs, guestSpecs)
    const p = policy({limits: {headroom: `${headroom}%`}, ...(ignoreLast === 0 ? {ignore: {nodes: [names[names.length - 1]]}} : {})})
    return {s, p}
  })

interface BruteAnswer {
  survives: boolean
  /** Least memory left out; undefined when together rules make partial placements ill-defined. */
  missing?: number
}

/** Tries every assignment of the failed node's running guests (or none) to the receiving nodes. */
function bruteForce(s: Snapshot, p: NormalizedPolicy, failed: string): BruteAnswer {
  const headroomPercent = Number.parseFloat(String(p.limits.headroom))
  const receivers = s.nodes.filter((n) => n.name !== failed && n.status === 'online' && !n.maintenance && !p.ignore.nodes.includes(n.name))
  const limit = new Map(receivers.map((n) => [n.name, n.memory.total - (n.memory.total * headroomPercent) / 100]))
  const running = (g: Snapshot['guests'][number]) => g.status === 'running'
  const leaving = s.guests.filter((g) => g.node === failed && running(g))
  const lost = leaving.filter((g) => (g.migration?.localDisks ?? []).length > 0)
  const movable = leaving.filter((g) => !lost.includes(g))
  const staying = s.guests.filter((g) => g.node !== failed)
  const hasTag = (g: Snapshot['guests'][number], tag: string) => (g.tags ?? []).includes(tag)
  const hasTogether = leaving.some((g) => hasTag(g, 'plb_include_t'))

  const options = [...receivers.map((n) => n.name), undefined]
  const assignment: (string | undefined)[] = new Array(movable.length)
  let bestMissing = Infinity
  let anyFull = false
  const valid = (): boolean => {
    for (const n of receivers) {
      const arriving = movable.reduce((sum, g, i) => sum + (assignment[i] === n.name ? g.memory.used : 0), 0)
      if (arriving > 0 && n.memory.used + arriving > limit.get(n.name)! + 1e-6) return false
    }
    for (let i = 0; i < movable.length; i++) {
      const to = assignment[i]
      if (to === undefined) continue
      const pins = (movable[i].tags ?? []).filter((t) => t.startsWith('plb_pin_')).map((t) => t.slice(8))
      if (pins.length > 0 && !pins.includes(to)) return false
      for (const tag of ['plb_exclude_x', 'plb_exclude_y']) {
        if (!hasTag(movable[i], tag)) continue
        if (staying.some((g) => g.node === to && hasTag(g, tag))) return false
        if (movable.some((g, j) => j !== i && assignment[j] === to && hasTag(g, tag))) return false
      }
    }
    const members = movable.map((g, i) => [g, assignment[i]] as const).filter(([g]) => hasTag(g, 'plb_include_t'))
    if (members.length > 0) {
      const targets = new Set(members.map(([, to]) => to))
      const anchor = new Set(staying.filter((g) => hasTag(g, 'plb_include_t')).map((g) => g.node))
      if (!targets.has(undefined)) {
        if (targets.size > 1) return false
        if (anchor.size === 1 && ![...targets].includes([...anchor][0])) return false
      }
    }
    return true
  }
  const visit = (i: number) => {
    if (i === movable.length) {
      if (!valid()) return
      const missing = movable.reduce((sum, g, j) => sum + (assignment[j] === undefined ? g.memory.used : 0), 0)
      if (missing === 0) anyFull = true
      bestMissing = Math.min(bestMissing, missing)
      return
    }
    for (const option of options) {
      assignment[i] = option
      visit(i + 1)
    }
  }
  visit(0)
  const lostMemory = lost.reduce((sum, g) => sum + g.memory.used, 0)
  return {survives: anyFull && lost.length === 0, ...(hasTogether ? {} : {missing: bestMissing + lostMemory})}
}

describe('resilience', () => {
  test.prop([clusterArb], {numRuns: 1000})('survives exactly when brute force finds a placement, and reports the least missing memory', ({s, p}) => {
    const result = resilience(s, p)
    const online = s.nodes.filter((n) => n.status === 'online').map((n) => n.name).sort()
    expect(result.losses.map((l) => l.node)).toEqual(online)
    for (const loss of result.losses) {
      const brute = bruteForce(s, p, loss.node)
      expect(loss.method).toBe('exact')
      expect({node: loss.node, survives: loss.survives}).toEqual({node: loss.node, survives: brute.survives})
      if (brute.missing !== undefined) expect(loss.missingMemory / GiB).toBeCloseTo(brute.missing / GiB, 6)
    }
    // With no node online there is nothing to survive on: never a vacuous yes.
    expect(result.survivesAnyOneNode).toBe(result.losses.length > 0 && result.losses.every((l) => l.survives))
  })

  test.prop([clusterArb], {numRuns: 300})('with a search budget too small to finish, never claims a survival brute force does not confirm', ({s, p}) => {
    for (const loss of resilience(s, p, 3).losses) {
      if (loss.survives) expect(bruteForce(s, p, loss.node).survives).toBe(true)
      else if (loss.method === 'exact') expect(bruteForce(s, p, loss.node).survives).toBe(false)
    }
  })
})
