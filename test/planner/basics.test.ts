import {describe, expect, test} from 'vitest'
import {GiB, planFor as plan, policy, snapshot} from '../helpers/builders.js'

describe('planner basics', () => {
  test('moves nothing when the cluster is within threshold', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}],
      [
        {vmid: 100, node: 'a', memory: 20},
        {vmid: 101, node: 'b', memory: 16},
      ],
    )
    const result = plan(s)
    expect(result.moves).toEqual([])
    expect(result.summary.status).toBe('no-changes')
    expect(result.balance.reached).toBe(true)
  })

  test('balances memory down to the threshold', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}],
      [
        {vmid: 100, node: 'a', memory: 20},
        {vmid: 101, node: 'a', memory: 10},
        {vmid: 102, node: 'a', memory: 10},
      ],
    )
    const result = plan(s)
    expect(result.moves.map((m) => [m.vmid, m.from, m.to, m.reason])).toEqual([[100, 'a', 'b', 'balance']])
    expect(result.balance).toMatchObject({spreadBefore: 62.5, spreadAfter: 0, reached: true})
  })

  test('never overfills a target, even when that leaves the cluster unbalanced', () => {
    const s = snapshot(
      [{name: 'big', memory: 128}, {name: 'small', memory: 16}],
      [{vmid: 100, node: 'big', memory: 100}, {vmid: 101, node: 'small', memory: 10}],
    )
    const result = plan(s)
    expect(result.moves).toEqual([])
    expect(result.balance.reached).toBe(false)
    expect(result.balance.limitedBy).toBe('capacity')
  })

  test('keeps the headroom free on targets', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 40}, {vmid: 101, node: 'a', memory: 10}, {vmid: 102, node: 'b', memory: 20}])
    const tight = plan(s, policy({limits: {headroom: '50%'}}))
    for (const n of tight.nodes) {
      if (n.after.memory.load > n.before.memory.load) expect(n.after.memory.load).toBeLessThanOrEqual(n.after.memory.capacity * 0.5)
    }
    expect(tight.moves.map((m) => [m.vmid, m.to])).toEqual([[101, 'b']])
  })

  test('leaves out an online node that reports no memory (its status failed to read), and says so', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}, {name: 'c'}],
      [
        {vmid: 100, node: 'a', memory: 30},
        {vmid: 101, node: 'a', memory: 20},
        {vmid: 102, node: 'b', memory: 40},
        {vmid: 103, node: 'b', memory: 2, status: 'stopped'},
      ],
    )
    s.nodes[1].memory = {total: 0, used: 0}
    const result = plan(s)
    // Seen as overfull, b would be emptied; seen as empty, it would take the stopped guest.
    expect(result.moves.filter((m) => m.from === 'b' || m.to === 'b')).toEqual([])
    expect(result.nodes.find((n) => n.name === 'b')?.role).toBe('ignored')
    expect(result.warnings).toContainEqual({code: 'unmovable', nodes: ['b'], guests: [102, 103], message: 'node b is online but reports no memory (its status could not be read?): left out of planning, nothing moves to or from it (2 guests stay)'})
  })

  test('never moves ignored guests, nor guests of ignored nodes, nor onto ignored nodes', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}, {name: 'c'}],
      [
        {vmid: 100, node: 'a', memory: 30, tags: ['plb_ignore_vm']},
        {vmid: 101, node: 'a', memory: 20},
        {vmid: 102, node: 'b', memory: 40},
      ],
    )
    const result = plan(s, policy({ignore: {nodes: ['b'], guests: []}}))
    expect(result.moves.map((m) => m.vmid)).toEqual([101])
    expect(result.moves[0].to).toBe('c')
  })

  test('empties a maintenance node and sends nothing to it', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}, {name: 'c'}],
      [
        {vmid: 100, node: 'a', memory: 8},
        {vmid: 101, node: 'a', memory: 8},
        {vmid: 102, node: 'b', memory: 8},
        {vmid: 103, node: 'c', memory: 8},
      ],
    )
    const result = plan(s, policy({maintenance: {nodes: ['a']}}))
    expect(result.moves.filter((m) => m.from === 'a').map((m) => m.vmid).sort()).toEqual([100, 101])
    expect(result.moves.every((m) => m.to !== 'a' && m.reason === 'maintenance')).toBe(true)
    expect(result.nodes.find((n) => n.name === 'a')?.after.guests).toBe(0)
  })

  test('plans the same whatever order nodes and guests are listed in', () => {
    const nodes = [{name: 'a', memory: 64}, {name: 'b', memory: 128}, {name: 'c', memory: 32}]
    const guests = Array.from({length: 12}, (_, i) => ({vmid: 100 + i, node: i < 9 ? 'a' : 'b', memory: 2 + (i % 4) * 2}))
    const forward = plan(snapshot(nodes, guests))
    const backward = plan(snapshot([...nodes].reverse(), [...guests].reverse()))
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward))
    expect(forward.moves.length).toBeGreaterThan(0)
  })

  test('waves respect parallel and per-node limits', () => {
    const guests = Array.from({length: 10}, (_, i) => ({vmid: 100 + i, node: 'a', memory: 4}))
    const result = plan(snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}, {name: 'd'}], guests), policy({limits: {parallel: 2, perNode: 1}}))
    const byWave = Map.groupBy(result.moves, (m) => m.wave)
    for (const moves of byWave.values()) {
      expect(moves.length).toBeLessThanOrEqual(2)
      const touched = moves.flatMap((m) => [m.from, m.to])
      expect(new Set(touched).size).toBe(touched.length)
    }
    expect(result.summary.bytesMoved).toBe(result.moves.length * 4 * GiB)
  })

  test('names the first dozen of many unmovable guests in the sentence and lists them all in the warning', () => {
    const stuck = Array.from({length: 15}, (_, i) => ({vmid: 200 + i, node: 'a', memory: 1, localResources: ['usb0']}))
    const result = plan(snapshot([{name: 'a'}, {name: 'b'}], [...stuck, {vmid: 100, node: 'a', memory: 1}]))
    const warning = result.warnings.find((w) => w.code === 'unmovable')!
    expect(warning.guests).toEqual(stuck.map((g) => g.vmid))
    const named = stuck.slice(0, 12).map((g) => `${g.vmid} guest-${g.vmid}`)
    expect(warning.message).toBe(`cannot move, local devices (usb0): ${named.join(', ')}, and 3 more, listed in the plan's JSON`)
  })

  test.each([['hostpci0'], ['usb1'], ['mp0'], ['dev0'], ['scsi3']])('never moves a guest tied to its node by %s, and says why', (key) => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 30, localResources: [key]}, {vmid: 101, node: 'a', memory: 1}])
    const result = plan(s)
    expect(result.moves.map((m) => m.vmid)).not.toContain(100)
    expect(result.warnings).toContainEqual(expect.objectContaining({code: 'unmovable', guests: [100], message: `cannot move, local devices (${key}): 100 guest-100`}))
  })
})
