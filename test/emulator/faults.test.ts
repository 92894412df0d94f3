/**
 * Each fault does what tests and rehearsals rely on: latency, a repeatable error rate,
 * bursts of failures, nodes going down and up (now or later), a given migration failing,
 * every ticket expiring, and reset undoing them all.
 */
import {describe, expect, test} from 'vitest'
import {GiB} from '../helpers/builders.js'
import {call, emulator, login, taskLog, waitForTask} from './helpers.js'

describe('faults', () => {
  test('latency delays every response', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.latency(80)
    const started = Date.now()
    expect((await session.get('/version')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(75)
  })

  test('an error rate fails that share of requests, the same ones for the same seed', async () => {
    const pattern = async (seed: number) => {
      const emu = await emulator({seed})
      const session = await login(emu)
      emu.faults.errorRate(0.5, 503)
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) statuses.push((await session.get('/version')).status)
      return statuses
    }
    const a = await pattern(7)
    expect(new Set(a)).toEqual(new Set([200, 503]))
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(8)
    expect(a.filter((s) => s === 503).length).toBeLessThan(32)
    expect(await pattern(7)).toEqual(a)
    expect(await pattern(8)).not.toEqual(a)
  })

  test('a burst fails the next requests with the given status, then all is well', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.burst(3, 502)
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await session.get('/cluster/resources')).status)
    expect(statuses).toEqual([502, 502, 502, 200, 200])
  })

  test('injected 5xx answers carry a message; 595 and 596 an empty body like pveproxy', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.burst(1, 500)
    const r500 = await session.get('/version')
    expect(r500.body).toEqual({data: null, message: 'Internal Server Error\n'})
    emu.faults.burst(2, 595)
    const r595 = await session.get('/version')
    expect([r595.status, r595.statusText, r595.text]).toEqual([595, 'No route to host', ''])
    emu.faults.burst(1, 596)
    expect((await session.get('/version')).status).toBe(596)
  })

  test('faults refuse nonsense: a 404 burst, a rate above 1, an unknown node', async () => {
    const emu = await emulator()
    expect(() => emu.faults.burst(1, 404)).toThrow(/5xx/)
    expect(() => emu.faults.errorRate(1.5)).toThrow(/between 0 and 1/)
    expect(() => emu.faults.nodeDown('pve9')).toThrow(/no node "pve9"/)
  })

  test('a node that goes down answers 595, shows offline everywhere, and comes back', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.nodeDown('pve2')
    expect((await session.get('/nodes/pve2/status')).status).toBe(595)
    const nodes = (await session.get('/cluster/resources?type=node')).body.data
    expect(nodes.find((n: {node: string}) => n.node === 'pve2')).toMatchObject({status: 'offline', hastate: 'unknown'})
    const guests = (await session.get('/cluster/resources?type=vm')).body.data
    expect(guests.find((g: {vmid: number}) => g.vmid === 200)).toMatchObject({status: 'unknown'})
    expect((await session.get('/cluster/status')).body.data.find((n: {name: string}) => n.name === 'pve2').online).toBe(0)
    expect((await session.get('/cluster/ha/status/manager_status')).body.data.manager_status.node_status.pve2).toBe('unknown')
    expect(emu.state().nodes.find((n) => n.name === 'pve2')!.status).toBe('offline')
    emu.faults.nodeUp('pve2')
    expect((await session.get('/nodes/pve2/status')).status).toBe(200)
  })

  test('a node can go down later', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.nodeDown('pve3', 60)
    expect((await session.get('/nodes/pve3/status')).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 90))
    expect((await session.get('/nodes/pve3/status')).status).toBe(595)
  })

  test('a migration to a node that goes down fails', async () => {
    const emu = await emulator({migration: {bandwidth: GiB}})
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    emu.faults.nodeDown('pve2', 50)
    expect(await waitForTask(session, upid)).toMatchObject({exitstatus: 'migration aborted'})
    expect((await taskLog(session, upid)).join('\n')).toContain("connection to target node 'pve2' lost")
    expect(emu.state().guests.find((g) => g.vmid === 107)).toMatchObject({node: 'pve1'})
  })

  test('a migration whose source goes down never finishes: 595 meanwhile, then "unexpected status" with the lock left behind', async () => {
    const emu = await emulator({migration: {bandwidth: GiB}})
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    emu.faults.nodeDown('pve1')
    expect((await session.get(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`)).status).toBe(595)
    emu.faults.nodeUp('pve1')
    expect(await waitForTask(session, upid)).toMatchObject({exitstatus: 'unexpected status'})
    expect(emu.state().guests.find((g) => g.vmid === 107)).toMatchObject({node: 'pve1', lock: 'migrate'})
  })

  test('failMigration fails that guest\'s next migration with the reason in the log, not the one after', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.failMigration(107, 'storage migration failed: connection reset')
    const first = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    expect(await waitForTask(session, first)).toMatchObject({exitstatus: 'migration aborted'})
    expect((await taskLog(session, first)).join('\n')).toContain('storage migration failed: connection reset')
    const second = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    expect(await waitForTask(session, second)).toMatchObject({exitstatus: 'OK'})
  })

  test('failMigration also fails the qmigrate the HA stack starts', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.failMigration(100)
    await waitForTask(session, (await session.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1'})).body.data)
    await expect.poll(async () => (await session.get('/nodes/pve1/tasks?typefilter=qmigrate&vmid=100')).body.data[0]?.status, {timeout: 2000, interval: 5}).toBe('migration aborted')
    expect(emu.state().guests.find((g) => g.vmid === 100)!.node).toBe('pve1')
  })

  test('a dropped response: the migration POST is carried out, the client only sees the connection close', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.dropResponses(1, 'POST')
    expect((await session.get('/version')).status).toBe(200)
    await expect(session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).rejects.toThrow(/socket hang up|ECONNRESET/)
    const task = (await session.get('/nodes/pve1/tasks?typefilter=qmigrate&vmid=107&source=all')).body.data[0]
    expect(await waitForTask(session, task.upid)).toMatchObject({exitstatus: 'OK'})
    expect(emu.state().guests.find((g) => g.vmid === 107)!.node).toBe('pve2')
    expect(emu.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/migrate'))).toEqual([{method: 'POST', path: '/nodes/pve1/qemu/107/migrate', status: 200}])
  })

  test('expireTickets invalidates every ticket issued so far; a new login works', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.expireTickets()
    expect((await session.get('/version')).status).toBe(401)
    expect((await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam', password: session.ticket}})).status).toBe(401)
    expect((await (await login(emu)).get('/version')).status).toBe(200)
  })

  test('reset undoes latency, errors, bursts, downed nodes and pending failures', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.latency(500)
    emu.faults.errorRate(1)
    emu.faults.burst(10)
    emu.faults.nodeDown('pve2')
    emu.faults.nodeDown('pve3', 20)
    emu.faults.failMigration(107)
    emu.faults.nodeDown('pve5')
    emu.faults.reset()
    const started = Date.now()
    expect((await session.get('/nodes/pve2/status')).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(400)
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect((await session.get('/nodes/pve3/status')).status).toBe(200)
    const upid = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    expect(await waitForTask(session, upid)).toMatchObject({exitstatus: 'OK'})
    // A node the seed had offline is offline again, even if a fault took it down too.
    expect((await session.get('/nodes/pve5/status')).status).toBe(595)
  })

  test('calls() lists every answered request in order, failures included', async () => {
    const emu = await emulator()
    const session = await login(emu)
    emu.faults.burst(1, 503)
    await session.get('/version')
    await session.get('/cluster/status')
    expect(emu.calls()).toEqual([
      {method: 'POST', path: '/access/ticket', status: 200},
      {method: 'GET', path: '/version', status: 503},
      {method: 'GET', path: '/cluster/status', status: 200},
    ])
  })
})
