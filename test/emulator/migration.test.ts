/**
 * Migrations behave like PVE's: a UPID at once, `lock: migrate` while the task runs, the
 * guest on the target with the node loads updated afterwards; the same refusals, at once
 * or inside the task; HA-managed guests through hamigrate and the real qmigrate.
 */
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {GiB} from '../helpers/builders.js'
import {snapshotFingerprint} from '../../src/model/snapshot.js'
import {emulator, login, type Session, storageCluster, taskLog, tokenSession, waitForTask} from './helpers.js'

const UPID = /^UPID:(\w+):[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:(\w+):(\d*):([^:]+):$/

async function guestResource(session: Session, vmid: number) {
  const all = (await session.get('/cluster/resources?type=vm')).body.data as {vmid: number; node: string; lock?: string}[]
  return all.find((r) => r.vmid === vmid)!
}

async function nodeMemory(session: Session): Promise<Record<string, number>> {
  const nodes = (await session.get('/cluster/resources?type=node')).body.data as {node: string; mem?: number}[]
  return Object.fromEntries(nodes.map((n) => [n.node, n.mem ?? 0]))
}

describe('a migration from start to end', () => {
  test('returns a UPID, locks the guest while it runs, then shows it on the target with the loads moved', async () => {
    // 4 GiB at 16 GiB/s: about 250 ms, long enough to watch.
    const emu = await emulator({migration: {bandwidth: 16 * GiB}})
    const session = await login(emu)
    const before = await nodeMemory(session)
    const started = Date.now()
    const r = await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})
    expect(r.status).toBe(200)
    const upid = r.body.data as string
    expect(UPID.exec(upid)?.slice(1)).toEqual(['pve1', 'qmigrate', '107', 'root@pam'])

    expect(await guestResource(session, 107)).toMatchObject({node: 'pve1', lock: 'migrate'})
    expect((await session.get('/nodes/pve1/qemu/107/config')).body.data.lock).toBe('migrate')
    expect((await session.get(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`)).body.data.status).toBe('running')
    const running = (await session.get('/nodes/pve1/tasks?source=active')).body.data
    expect(running.map((t: {upid: string; status: string; endtime?: number}) => [t.upid, t.status, t.endtime])).toEqual([[upid, 'RUNNING', undefined]])
    expect((await session.get('/nodes/pve1/tasks')).body).toEqual({data: [], total: 0})

    expect(await waitForTask(session, upid)).toMatchObject({status: 'stopped', exitstatus: 'OK'})
    expect(Date.now() - started).toBeGreaterThanOrEqual(200)
    const after = await guestResource(session, 107)
    expect(after.node).toBe('pve2')
    expect(after.lock).toBeUndefined()
    expect((await session.get('/nodes/pve2/qemu/107/config')).status).toBe(200)
    expect((await session.get('/nodes/pve1/qemu/107/config')).status).toBe(500)

    const moved = 4 * GiB
    const now = await nodeMemory(session)
    expect(now.pve1).toBe(before.pve1 - moved)
    expect(now.pve2).toBe(before.pve2 + moved)
    expect(emu.state().guests.find((g) => g.vmid === 107)).toMatchObject({node: 'pve2'})
    expect(emu.state().nodes.find((n) => n.name === 'pve2')!.memory.used).toBe(now.pve2)

    const log = await taskLog(session, upid)
    const all = (await session.get(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/log?start=0&limit=0`)).body
    expect(all.data.map((l: {t: string}) => l.t)).toEqual(log)
    expect((await session.get(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/log?start=2&limit=1`)).body).toEqual({data: [{n: 3, t: log[2]}], total: log.length})
    expect(log[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d starting migration of VM 107 to node 'pve2' \(10\.\d+\.\d+\.\d+\)$/)
    expect(log.at(-1)).toBe('TASK OK')
    expect((await session.get('/nodes/pve1/tasks?typefilter=qmigrate&vmid=107')).body).toMatchObject({total: 1, data: [{upid, status: 'OK'}]})
    expect((await session.get('/nodes/pve1/tasks?statusfilter=error')).body).toEqual({data: [], total: 0})
    expect((await session.get('/nodes/pve1/tasks?limit=0')).body).toEqual({data: [], total: 1})
    expect(emu.calls().filter((c) => c.method === 'POST' && c.path === '/nodes/pve1/qemu/107/migrate')).toHaveLength(1)
  })

  test('takes memory / bandwidth, and longer under a bwlimit', async () => {
    const emu = await emulator({migration: {bandwidth: 64 * GiB}})
    const session = await login(emu)
    const timed = async (from: string, to: string, form: Record<string, string>) => {
      const started = Date.now()
      await waitForTask(session, (await session.post(`/nodes/${from}/qemu/107/migrate`, {target: to, online: '1', ...form})).body.data)
      return Date.now() - started
    }
    // 4 GiB at 64 GiB/s is ~63 ms; at 16 GiB/s (bwlimit in KiB/s) ~250 ms.
    expect(await timed('pve1', 'pve2', {})).toBeLessThan(200)
    expect(await timed('pve2', 'pve1', {bwlimit: String(16 * 1024 * 1024)})).toBeGreaterThanOrEqual(230)
  })

  test('a stopped VM migrates offline; a running container in restart mode', async () => {
    const session = await login(await emulator())
    const stopped = await waitForTask(session, (await session.post('/nodes/pve2/qemu/105/migrate', {target: 'pve3'})).body.data)
    expect(stopped.exitstatus).toBe('OK')
    const upid = (await session.post('/nodes/pve2/lxc/200/migrate', {target: 'pve3', restart: '1'})).body.data
    expect(upid).toMatch(/:vzmigrate:200:root@pam:$/)
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
    const log = await taskLog(session, upid)
    expect(log.join('\n')).toMatch(/shutdown CT 200[\s\S]*start container on target node/)
    expect((await guestResource(session, 200)).node).toBe('pve3')
  })

  test('with-local-disks copies the local disks: the local storage use moves with the guest', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const disk = (node: string) => emu.state().nodes.find((n) => n.name === node)!.disk.used
    const [pve1, pve2] = [disk('pve1'), disk('pve2')]
    const upid = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
    expect(disk('pve1')).toBe(pve1 - 50 * GiB)
    expect(disk('pve2')).toBe(pve2 + 50 * GiB)
  })
})

describe('refused at once, as a PVE node refuses', () => {
  const cases: [string, string, Record<string, string>, number, string][] = [
    ['target = source', '/nodes/pve1/qemu/107/migrate', {target: 'pve1', online: '1'}, 400, 'Parameter verification failed.'],
    ['unknown target', '/nodes/pve1/qemu/107/migrate', {target: 'pve9', online: '1'}, 500, "no such cluster node 'pve9'"],
    ['locked guest', '/nodes/pve1/qemu/104/migrate', {target: 'pve2', online: '1'}, 500, 'VM is locked (backup)'],
    ['running VM without online', '/nodes/pve1/qemu/107/migrate', {target: 'pve2'}, 500, "can't migrate running VM without --online"],
    ['running CT without restart', '/nodes/pve2/lxc/200/migrate', {target: 'pve3'}, 500, "can't migrate running container without --online or --restart"],
    ['wrong source node', '/nodes/pve2/qemu/107/migrate', {target: 'pve3', online: '1'}, 500, "Configuration file 'nodes/pve2/qemu-server/107.conf' does not exist"],
    ['a CT asked for as a VM', '/nodes/pve2/qemu/200/migrate', {target: 'pve3', online: '1'}, 500, "Configuration file 'nodes/pve2/qemu-server/200.conf' does not exist"],
  ]
  test.each(cases)('%s', async (_, path, form, status, reason) => {
    const emu = await emulator()
    const session = await login(emu)
    const r = await session.post(path, form)
    expect(r.status).toBe(status)
    expect(r.statusText).toBe(reason)
    expect(r.body.message).toBe(`${reason}\n`)
    expect(emu.state().guests.every((g) => g.lock !== 'migrate')).toBe(true)
  })

  test('target = source names the parameter', async () => {
    const r = await (await login(await emulator())).post('/nodes/pve1/qemu/107/migrate', {target: 'pve1', online: '1'})
    expect(r.body.errors).toEqual({target: 'target is local node.'})
  })

  test('a guest that is already migrating is locked', async () => {
    const session = await login(await emulator({migration: {bandwidth: GiB}}))
    expect((await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).status).toBe(200)
    const again = await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve3', online: '1'})
    expect(again.status).toBe(500)
    expect(again.statusText).toBe('VM is locked (migrate)')
  })

  test('without quorum nothing migrates', async () => {
    const emu = await emulator()
    emu.faults.nodeDown('pve2')
    emu.faults.nodeDown('pve3')
    const r = await (await login(emu)).post('/nodes/pve1/qemu/107/migrate', {target: 'pve4', online: '1'})
    expect(r.statusText).toBe('cluster not ready - no quorum?')
  })

  test('a target outside the nodes Proxmox allows lacks the guest\'s storage', async () => {
    const seed = (await emulator()).state()
    seed.guests.find((g) => g.vmid === 107)!.migration = {allowedNodes: ['pve2']}
    const session = await login(await emulator({snapshot: seed}))
    const r = await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve3', online: '1'})
    expect(r.status).toBe(500)
    expect(r.statusText).toBe("storage 'ceph-vm' is not available on node 'pve3'")
    const pre = (await session.get('/nodes/pve1/qemu/107/migrate')).body.data
    expect(pre.allowed_nodes).toEqual(['pve2'])
    expect(pre.not_allowed_nodes).toMatchObject({pve3: {unavailable_storages: ['ceph-vm']}})
  })
})

describe('refused inside the task: a UPID, then "migration aborted" with the reason in the log', () => {
  const cases: [string, string, Record<string, string>, string][] = [
    ['local devices', '/nodes/pve1/qemu/103/migrate', {target: 'pve2', online: '1'}, "can't migrate VM which uses local devices: hostpci0, usb0"],
    ['live migration with local disks without with-local-disks', '/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1'}, "can't live migrate attached local disks without with-local-disks option"],
    ['offline target', '/nodes/pve1/qemu/107/migrate', {target: 'pve5', online: '1'}, "Can't connect to destination address using public key"],
    ['container live migration', '/nodes/pve2/lxc/200/migrate', {target: 'pve3', online: '1'}, 'lxc live migration is currently not implemented'],
  ]
  test('a locked container: pve-container only finds out in the task, and the lock stays as it was', async () => {
    const seed = (await emulator()).state()
    seed.guests.find((g) => g.vmid === 202)!.lock = 'backup'
    const emu = await emulator({snapshot: seed})
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve3/lxc/202/migrate', {target: 'pve2'})).body.data
    expect(await waitForTask(session, upid)).toMatchObject({exitstatus: 'migration aborted'})
    expect((await taskLog(session, upid)).at(-2)).toMatch(/ERROR: migration aborted \(duration \d\d:\d\d:\d\d\): CT is locked \(backup\)$/)
    expect(emu.state().guests.find((g) => g.vmid === 202)).toMatchObject({node: 'pve3', lock: 'backup'})
  })

  test.each(cases)('%s', async (_, path, form, reason) => {
    const emu = await emulator()
    const session = await login(emu)
    const vmid = Number(path.split('/')[4])
    const r = await session.post(path, form)
    expect(r.status).toBe(200)
    expect(await waitForTask(session, r.body.data)).toMatchObject({status: 'stopped', exitstatus: 'migration aborted'})
    const log = await taskLog(session, r.body.data)
    expect(log.at(-2)).toMatch(new RegExp(`ERROR: migration aborted \\(duration \\d\\d:\\d\\d:\\d\\d\\): ${reason.replace(/[()]/g, '\\$&')}$`))
    expect(log.at(-1)).toBe('TASK ERROR: migration aborted')
    const guest = emu.state().guests.find((g) => g.vmid === vmid)!
    expect(guest.node).toBe(path.split('/')[2])
    expect(guest.lock).toBeUndefined()
  })

  test('a stopped VM with local devices may move with force', async () => {
    const seed = (await emulator()).state()
    Object.assign(seed.guests.find((g) => g.vmid === 103)!, {status: 'stopped'})
    const session = await login(await emulator({snapshot: seed}))
    const upid = (await session.post('/nodes/pve1/qemu/103/migrate', {target: 'pve2', force: '1'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
  })
})

describe('HA-managed guests', () => {
  test('the POST returns a hamigrate task; the HA stack then runs qmigrate on the source as root@pam', async () => {
    const emu = await emulator({tokens: [{tokenid: 'ops@pve!apply', secret: 's3cret'}]})
    const session = await login(emu)
    const r = await tokenSession(emu, 'ops@pve!apply=s3cret').post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1'})
    expect(UPID.exec(r.body.data)?.slice(1)).toEqual(['pve1', 'hamigrate', '100', 'ops@pve!apply'])
    expect(await waitForTask(session, r.body.data)).toMatchObject({exitstatus: 'OK'})
    expect(await taskLog(session, r.body.data)).toEqual(['Requesting HA migration for VM 100 to node pve2', 'TASK OK'])

    let qmigrate: {upid: string; user: string; status: string} | undefined
    for (let i = 0; i < 200 && !qmigrate; i++) {
      qmigrate = (await session.get('/nodes/pve1/tasks?typefilter=qmigrate&vmid=100&source=all')).body.data[0]
      if (!qmigrate) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(qmigrate).toMatchObject({user: 'root@pam'})
    expect((await waitForTask(session, qmigrate!.upid)).exitstatus).toBe('OK')
    expect(await guestResource(session, 100)).toMatchObject({node: 'pve2', hastate: 'started'})
  })

  test('an HA-managed VM with local disks migrates live with them: the HA stack asks for with-local-disks (and force), as pve-ha-manager PVEVM.pm does', async () => {
    const seed = storageCluster()
    const web = seed.guests.find((g) => g.vmid === 101)!
    web.migration!.localDisks = [{key: 'scsi0', volid: 'local-lvm:vm-101-disk-0', storage: 'local-lvm', size: 30 * GiB, format: 'raw'}]
    seed.fingerprint = snapshotFingerprint(seed)
    const emu = await emulator({snapshot: seed})
    const session = await login(emu)
    // Without with-local-disks on the request: the HA stack adds it.
    await waitForTask(session, (await session.post('/nodes/pve1/qemu/101/migrate', {target: 'pve2', online: '1'})).body.data)
    await expect.poll(() => emu.state().guests.find((g) => g.vmid === 101)!.node, {timeout: 2000, interval: 5}).toBe('pve2')
    expect(emu.state().guests.find((g) => g.vmid === 101)!.migration!.localDisks!.map((d) => [d.storage, d.volid])).toEqual([['local-lvm', 'local-lvm:vm-101-disk-0']])
  })

  test('guests in a positive resource-affinity rule migrate together', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const pre = (await session.get('/nodes/pve3/qemu/300/migrate')).body.data
    expect(pre['dependent-ha-resources']).toEqual(['vm:301'])
    await waitForTask(session, (await session.post('/nodes/pve3/qemu/300/migrate', {target: 'pve2', online: '1'})).body.data)
    await expect.poll(() => emu.state().guests.filter((g) => g.node === 'pve2' && (g.vmid === 300 || g.vmid === 301)).length, {timeout: 2000, interval: 5}).toBe(2)
  })

  /** An HA migration request the HA stack ignores: hamigrate succeeds, no migration task follows, the guest stays. */
  async function expectIgnored(emu: Emulator, session: Session, path: string, form: Record<string, string>): Promise<void> {
    const [, , node, type, vmid] = path.split('/')
    expect(await waitForTask(session, (await session.post(path, form)).body.data)).toMatchObject({exitstatus: 'OK'})
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect((await session.get(`/nodes/${node}/tasks?typefilter=${type === 'lxc' ? 'vzmigrate' : 'qmigrate'}&source=all`)).body.data).toEqual([])
    expect(emu.state().guests.find((g) => g.vmid === Number(vmid))!.node).toBe(node)
  }

  test('the HA stack ignores a request outside a strict node-affinity rule, and honours one inside', async () => {
    const emu = await emulator()
    const session = await login(emu)
    await expectIgnored(emu, session, '/nodes/pve2/lxc/201/migrate', {target: 'pve1', restart: '1'})
    await waitForTask(session, (await session.post('/nodes/pve2/lxc/201/migrate', {target: 'pve3', restart: '1'})).body.data)
    await expect.poll(() => emu.state().guests.find((g) => g.vmid === 201)!.node, {timeout: 2000, interval: 5}).toBe('pve3')
  })

  test('the HA stack does not migrate to a node in maintenance, nor to one that is down', async () => {
    const emu = await emulator()
    const session = await login(emu)
    await expectIgnored(emu, session, '/nodes/pve3/qemu/300/migrate', {target: 'pve4', online: '1'})
    await expectIgnored(emu, session, '/nodes/pve3/qemu/300/migrate', {target: 'pve5', online: '1'})
  })

  test('a guest is not placed beside one a negative rule keeps apart; the precondition says why', async () => {
    const emu = await emulator()
    const session = await login(emu)
    await waitForTask(session, (await session.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1'})).body.data)
    await expect.poll(() => emu.state().guests.find((g) => g.vmid === 100)!.node, {timeout: 2000, interval: 5}).toBe('pve2')
    const pre = (await session.get('/nodes/pve1/qemu/101/migrate')).body.data
    expect(pre.not_allowed_nodes.pve2).toEqual({'blocking-ha-resources': [{sid: 'vm:100', cause: 'resource-affinity'}]})
    expect(pre.allowed_nodes).not.toContain('pve2')
  })

  test('POST /cluster/ha/resources/{sid}/migrate queues the same migration', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const r = await session.post('/cluster/ha/resources/vm:100/migrate', {node: 'pve3'})
    expect(r.body.data).toMatchObject({sid: 'vm:100', 'requested-node': 'pve3'})
    await expect.poll(() => emu.state().guests.find((g) => g.vmid === 100)!.node, {timeout: 2000, interval: 5}).toBe('pve3')
  })
})

describe('the precondition check (GET .../migrate)', () => {
  test('names local disks and local resources, and for a stopped VM where it may go', async () => {
    const session = await login(await emulator())
    const disks = (await session.get('/nodes/pve1/qemu/102/migrate')).body.data
    expect(disks).toMatchObject({running: 1, local_disks: [{volid: 'local-lvm:vm-102-disk-0', size: 50 * GiB, cdrom: 0, is_unused: 0}], local_resources: []})
    expect((await session.get('/nodes/pve1/qemu/103/migrate')).body.data.local_resources).toEqual(['hostpci0', 'usb0'])
    const stopped = (await session.get('/nodes/pve2/qemu/105/migrate')).body.data
    expect(stopped.running).toBe(0)
    expect(stopped.allowed_nodes).toEqual(['pve1', 'pve3', 'pve4'])
  })

  test('containers answer with hyphenated keys (PVE 9)', async () => {
    const session = await login(await emulator())
    const r = (await session.get('/nodes/pve2/lxc/200/migrate')).body.data
    expect(Object.keys(r).sort()).toEqual(['allowed-nodes', 'dependent-ha-resources', 'not-allowed-nodes', 'running'])
  })
})

describe('stopping a migration', () => {
  test('DELETE on the task aborts it: the guest stays, unlocked', async () => {
    const emu = await emulator({migration: {bandwidth: GiB}})
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).body.data
    expect((await session.del(`/nodes/pve1/tasks/${encodeURIComponent(upid)}`)).status).toBe(200)
    expect(await waitForTask(session, upid)).toMatchObject({exitstatus: 'migration aborted'})
    expect((await taskLog(session, upid)).join('\n')).toContain('interrupted by signal')
    expect(emu.state().guests.find((g) => g.vmid === 107)).toMatchObject({node: 'pve1'})
    expect(emu.state().guests.find((g) => g.vmid === 107)!.lock).toBeUndefined()
  })

  test('an unknown or malformed UPID is a parameter error', async () => {
    const session = await login(await emulator())
    expect((await session.get('/nodes/pve1/tasks/nonsense/status')).body.errors).toEqual({upid: 'unable to parse worker upid'})
    const missing = await session.get(`/nodes/pve1/tasks/${encodeURIComponent('UPID:pve1:00000001:00000001:00000001:qmigrate:1:root@pam:')}/status`)
    expect(missing.body.errors).toEqual({upid: 'no such task'})
  })
})
