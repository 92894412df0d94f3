/**
 * Storage in the emulator as a PVE cluster has it: the storage configuration, each node's
 * storage status, content listings with what file-based volumes occupy, root filesystems
 * from the snapshot, and migrations that copy local volumes: the space they take moves
 * from source to target, a storage map sends them elsewhere, a storage missing or
 * disabled on the target is refused as qemu-server and pve-container refuse it, and a
 * target that runs out of space fails the task with PVE's log lines. Over HTTPS on
 * loopback, against the emulator, as every other emulator test.
 */
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {GiB} from '../helpers/builders.js'
import {emulator, login, type Session, storageCluster, taskLog, waitForTask} from './helpers.js'

const storageEmulator = (change: (s: Snapshot) => void = () => {}, options: Parameters<typeof emulator>[0] = {}) => {
  const seed = storageCluster()
  change(seed)
  return emulator({snapshot: seed, ...options})
}

async function statusOf(session: Session, node: string, storage: string): Promise<{total: number; used: number; avail: number; active: number; enabled: number}> {
  return (await session.get(`/nodes/${node}/storage/${storage}/status`)).body.data
}

const storageUsed = (emu: Emulator, node: string, id: string) => emu.state().storages!.find((s) => s.node === node && s.id === id)!.used!

describe('the storage configuration and status', () => {
  test('GET /storage: one entry per storage with the keys storage.cfg has, thinness and restrictions included', async () => {
    const session = await login(await storageEmulator())
    const config = (await session.get('/storage')).body.data as Record<string, unknown>[]
    expect(config.map((c) => c.storage)).toEqual(['archive', 'ceph-vm', 'iso-nfs', 'local', 'local-lvm', 'tank'])
    expect(config.find((c) => c.storage === 'local')).toMatchObject({type: 'dir', path: '/var/lib/vz', content: 'backup,images,iso,rootdir,vztmpl'})
    expect(config.find((c) => c.storage === 'local')).not.toHaveProperty('preallocation')
    expect(config.find((c) => c.storage === 'local-lvm')).toMatchObject({type: 'lvmthin', vgname: 'pve', thinpool: 'data'})
    // A thick ZFS pool: no `sparse`; configured for two nodes only.
    expect(config.find((c) => c.storage === 'tank')).toMatchObject({type: 'zfspool', nodes: 'pve2,pve3'})
    expect(config.find((c) => c.storage === 'tank')).not.toHaveProperty('sparse')
    expect(config.find((c) => c.storage === 'archive')).toMatchObject({type: 'nfs', shared: 1, disable: 1})
  })

  test('a node lists every configured storage: figures for its own, enabled 0 for one not configured for it or disabled', async () => {
    const session = await login(await storageEmulator())
    const list = (await session.get('/nodes/pve1/storage')).body.data as Record<string, unknown>[]
    expect(list.map((s) => [s.storage, s.enabled, s.active])).toEqual([['archive', 0, 0], ['ceph-vm', 1, 1], ['iso-nfs', 1, 1], ['local', 1, 1], ['local-lvm', 1, 1], ['tank', 0, 0]])
    // avail is what df gives: less than total − used by the file system's reserve.
    expect(list.find((s) => s.storage === 'local')).toMatchObject({total: 100 * GiB, used: 20 * GiB, avail: 75 * GiB, used_fraction: 0.2})
    expect(list.find((s) => s.storage === 'tank')).toMatchObject({total: 0, used: 0, avail: 0})
    expect(list.find((s) => s.storage === 'tank')).not.toHaveProperty('used_fraction')
    const images = (await session.get('/nodes/pve1/storage?content=rootdir')).body.data as Record<string, unknown>[]
    expect(images.map((s) => s.storage)).toEqual(['ceph-vm', 'local', 'local-lvm'])
    expect(await statusOf(session, 'pve2', 'tank')).toEqual({type: 'zfspool', content: 'images,rootdir', shared: 0, enabled: 1, active: 1, total: 200 * GiB, used: 50 * GiB, avail: 150 * GiB})
    const none = await session.get('/nodes/pve1/storage/nope/status')
    expect([none.status, none.body.errors]).toEqual([400, {storage: 'No such storage.'}])
  })

  test('/cluster/resources lists a storage on each node it is enabled on, none of a disabled one', async () => {
    const session = await login(await storageEmulator())
    const entries = (await session.get('/cluster/resources?type=storage')).body.data as Record<string, unknown>[]
    expect(entries.filter((e) => e.storage === 'archive')).toEqual([])
    expect(entries.filter((e) => e.storage === 'tank').map((e) => e.node)).toEqual(['pve2', 'pve3'])
    expect(entries.find((e) => e.id === 'storage/pve5/local')).toMatchObject({status: 'unknown'})
    expect(entries.find((e) => e.id === 'storage/pve1/local-lvm')).toMatchObject({plugintype: 'lvmthin', status: 'available', disk: 120 * GiB, maxdisk: 500 * GiB, shared: 0})
  })

  test('root filesystems: the snapshot\'s where it has them, else the `local` directory, which lives on the root filesystem', async () => {
    const session = await login(await storageEmulator((s) => {
      s.nodes[0].rootfs = {total: 94 * GiB, used: 11 * GiB}
    }))
    const nodes = (await session.get('/cluster/resources?type=node')).body.data as Record<string, unknown>[]
    expect(nodes.find((n) => n.node === 'pve1')).toMatchObject({maxdisk: 94 * GiB, disk: 11 * GiB})
    expect(nodes.find((n) => n.node === 'pve2')).toMatchObject({maxdisk: 100 * GiB, disk: 20 * GiB})
    expect((await session.get('/nodes/pve1/status')).body.data.rootfs).toEqual({total: 94 * GiB, used: 11 * GiB, avail: 83 * GiB, free: 83 * GiB})
  })
})

describe('content listings', () => {
  test('block storages give each volume its size; file storages also what it occupies; content says whose it is', async () => {
    const session = await login(await storageEmulator())
    expect((await session.get('/nodes/pve1/storage/local-lvm/content')).body.data).toEqual([
      {volid: 'local-lvm:vm-102-disk-0', format: 'raw', size: 50 * GiB, vmid: 102, content: 'images', ctime: 1_700_000_102},
    ])
    expect((await session.get('/nodes/pve3/storage/local-lvm/content')).body.data).toEqual([
      {volid: 'local-lvm:vm-202-disk-0', format: 'raw', size: 8 * GiB, vmid: 202, content: 'rootdir', ctime: 1_700_000_202},
    ])
    expect((await session.get('/nodes/pve1/storage/local/content')).body.data).toEqual([
      {volid: 'local:102/vm-102-disk-1.qcow2', format: 'qcow2', size: 20 * GiB, used: 6 * GiB, vmid: 102, content: 'images', ctime: 1_700_000_102},
    ])
    expect((await session.get('/nodes/pve2/storage/tank/content')).body.data).toEqual([
      {volid: 'tank:subvol-200-disk-0', format: 'subvol', size: 8 * GiB, vmid: 200, content: 'rootdir', ctime: 1_700_000_200},
    ])
    expect((await session.get('/nodes/pve2/storage/tank/content?content=images')).body.data).toEqual([])
    // A shared storage shows the volumes of guests on every node.
    const ceph = (await session.get('/nodes/pve3/storage/ceph-vm/content')).body.data as {vmid: number}[]
    expect(ceph.map((v) => v.vmid)).toContain(100)
    expect((await session.get('/nodes/pve3/storage/ceph-vm/content?vmid=301')).body.data.map((v: {vmid: number}) => v.vmid)).toEqual([301])
  })

  test.each([
    ['a storage not configured for the node', '/nodes/pve1/storage/tank/content', "storage 'tank' is not available on node 'pve1'"],
    ['a disabled storage', '/nodes/pve1/storage/archive/content', "storage 'archive' is disabled"],
    ['an unknown storage', '/nodes/pve1/storage/nope/content', "storage 'nope' does not exist"],
  ])('%s answers 500 as activate_storage refuses it', async (_, path, message) => {
    const r = await (await login(await storageEmulator())).get(path)
    expect([r.status, r.statusText]).toEqual([500, message])
  })

  test('a storage that stops answering: not online for listings and status, still in /cluster/resources as pvestatd last saw it', async () => {
    const emu = await storageEmulator()
    const session = await login(emu)
    emu.faults.storageOffline('pve1', 'local-lvm')
    const r = await session.get('/nodes/pve1/storage/local-lvm/content')
    expect([r.status, r.statusText]).toEqual([500, "storage 'local-lvm' is not online"])
    expect(await statusOf(session, 'pve1', 'local-lvm')).toMatchObject({enabled: 1, active: 0, total: 0})
    const entries = (await session.get('/cluster/resources?type=storage')).body.data as Record<string, unknown>[]
    expect(entries.find((e) => e.id === 'storage/pve1/local-lvm')).toMatchObject({status: 'available'})
    emu.faults.reset()
    expect((await session.get('/nodes/pve1/storage/local-lvm/content')).status).toBe(200)
  })

  test('a container\'s RRD data through the qemu path is the container\'s, as both read pve-vm-9.0/<vmid>', async () => {
    const session = await login(await storageEmulator())
    const viaQemu = await session.get('/nodes/pve2/qemu/200/rrddata?timeframe=hour')
    const viaLxc = await session.get('/nodes/pve2/lxc/200/rrddata?timeframe=hour')
    expect(viaQemu.status).toBe(200)
    expect(viaQemu.body.data).toEqual(viaLxc.body.data)
    expect((await session.get('/nodes/pve2/qemu/999/rrddata?timeframe=hour')).status).toBe(500)
  })
})

describe('migrations copy volumes, and storage figures follow them', () => {
  test('a copy takes on the target what the volume occupies there and frees it on the source when done', async () => {
    const emu = await storageEmulator()
    const session = await login(emu)
    const before = {lvm1: storageUsed(emu, 'pve1', 'local-lvm'), lvm2: storageUsed(emu, 'pve2', 'local-lvm'), local1: storageUsed(emu, 'pve1', 'local'), local2: storageUsed(emu, 'pve2', 'local')}
    const disk = (node: string) => emu.state().nodes.find((n) => n.name === node)!.disk.used
    const [disk1, disk2] = [disk('pve1'), disk('pve2')]
    const upid = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
    // The qcow2 file holds 6 GiB of its 20: that is what moves. The thin pool's 50 GiB volume
    // holds the pool's whole use (120 GiB reported, more than its size): all of it.
    expect(storageUsed(emu, 'pve2', 'local')).toBe(before.local2 + 6 * GiB)
    expect(storageUsed(emu, 'pve1', 'local')).toBe(before.local1 - 6 * GiB)
    expect(storageUsed(emu, 'pve2', 'local-lvm')).toBe(before.lvm2 + 50 * GiB)
    expect(storageUsed(emu, 'pve1', 'local-lvm')).toBe(before.lvm1 - 50 * GiB)
    expect([disk('pve1'), disk('pve2')]).toEqual([disk1 - 56 * GiB, disk2 + 56 * GiB])
    expect((await session.get('/nodes/pve2/storage/local/content')).body.data.map((v: {volid: string}) => v.volid)).toEqual(['local:102/vm-102-disk-1.qcow2'])
    expect((await session.get('/nodes/pve1/storage/local-lvm/content')).body.data).toEqual([])
  })

  test('on a thin pool a volume occupies its share of what the pool reports; on a thick one its whole size', async () => {
    // pve1's local-lvm: 100 GiB in use for 400 GiB of volumes: each holds a quarter of its size.
    const emu = await storageEmulator((s) => {
      s.storages!.find((st) => st.node === 'pve1' && st.id === 'local-lvm')!.used = 100 * GiB
      s.guests.find((g) => g.vmid === 107)!.migration!.localDisks = [{key: 'scsi0', volid: 'local-lvm:vm-107-disk-0', storage: 'local-lvm', size: 350 * GiB}]
    })
    const session = await login(emu)
    const lvm2 = storageUsed(emu, 'pve2', 'local-lvm')
    const tank = storageUsed(emu, 'pve2', 'tank')
    const upid = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
    expect(storageUsed(emu, 'pve2', 'local-lvm')).toBe(lvm2 + Math.round(350 * GiB / 4))
    expect(storageUsed(emu, 'pve1', 'local-lvm')).toBe(100 * GiB - Math.round(350 * GiB / 4))
    // 102's 50 GiB volume to the thick pool tank (a storage map): all 50 GiB are taken there.
    const moved = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1', targetstorage: 'local-lvm:tank'})).body.data
    expect((await waitForTask(session, moved)).exitstatus).toBe('OK')
    expect(storageUsed(emu, 'pve2', 'tank')).toBe(tank + 50 * GiB)
    const db = emu.state().guests.find((g) => g.vmid === 102)!
    expect(db.migration!.localDisks!.map((d) => [d.key, d.storage, d.volid])).toEqual([['scsi0', 'tank', 'tank:vm-102-disk-0'], ['scsi1', 'local', 'local:102/vm-102-disk-1.qcow2']])
    expect((await session.get('/nodes/pve2/qemu/102/config')).body.data.scsi0).toMatch(/^tank:vm-102-disk-0,/)
    expect(await taskLog(session, moved)).toContainEqual(expect.stringContaining("volume 'local-lvm:vm-102-disk-0' is 'tank:vm-102-disk-0' on the target"))
  })

  test('a container\'s target-storage sends its volumes to another storage, in that plugin\'s layout', async () => {
    const emu = await storageEmulator()
    const session = await login(emu)
    const local1 = storageUsed(emu, 'pve1', 'local')
    const upid = (await session.post('/nodes/pve3/lxc/202/migrate', {target: 'pve1', 'target-storage': 'local'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('OK')
    expect(emu.state().guests.find((g) => g.vmid === 202)!.migration!.localDisks).toEqual([
      {key: 'rootfs', volid: 'local:202/vm-202-disk-0.raw', storage: 'local', size: 8 * GiB, format: 'raw'},
    ])
    // A directory is thin: the raw file takes what the volume held in the pool (the pool's use shared out: all of it here).
    expect(storageUsed(emu, 'pve1', 'local')).toBe(local1 + 8 * GiB)
    expect((await session.get('/nodes/pve1/lxc/202/config')).body.data.rootfs).toBe('local:202/vm-202-disk-0.raw,size=8G')
  })

  test('an offline copy between plugins without a common stream format fails as storage_migrate refuses it', async () => {
    const emu = await storageEmulator()
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve2/lxc/200/migrate', {target: 'pve1', restart: '1', 'target-storage': 'local-lvm'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('migration aborted')
    expect((await taskLog(session, upid)).at(-2)).toMatch(/: storage migration for 'tank:subvol-200-disk-0' to storage 'local-lvm' failed - cannot migrate from storage type 'zfspool' to 'lvmthin'$/)
    expect(storageUsed(emu, 'pve1', 'local-lvm')).toBe(120 * GiB)
  })
})

describe('refused at the request, as qemu-server and pve-container refuse', () => {
  const onTank = (s: Snapshot) => {
    s.guests.find((g) => g.vmid === 105)!.node = 'pve2'
    s.guests.find((g) => g.vmid === 105)!.migration!.localDisks = [{key: 'scsi0', volid: 'tank:vm-105-disk-0', storage: 'tank', size: 16 * GiB}]
  }
  test.each([
    ['a VM disk on storage the target lacks', '/nodes/pve2/qemu/105/migrate', {target: 'pve4'}, 500, "storage 'tank' is not available on node 'pve4'"],
    ['a storage map to storage the target lacks', '/nodes/pve1/qemu/102/migrate', {target: 'pve4', online: '1', 'with-local-disks': '1', targetstorage: 'tank'}, 500, "storage 'tank' is not available on node 'pve4'"],
    ['a storage map to a disabled storage', '/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1', targetstorage: 'local-lvm:archive'}, 500, "storage 'archive' is disabled"],
    ['a storage map to an unknown storage', '/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1', targetstorage: 'nope'}, 500, "storage 'nope' does not exist"],
    ['a container mapped to storage without rootdir', '/nodes/pve2/lxc/200/migrate', {target: 'pve3', restart: '1', 'target-storage': 'iso-nfs'}, 500, "storage 'iso-nfs' does not support CT rootdirs"],
    ['a VM mapped to storage without images', '/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1', targetstorage: 'iso-nfs'}, 500, "storage 'iso-nfs' does not support vm images"],
    ['a malformed storage map', '/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', targetstorage: '1,local'}, 400, 'Parameter verification failed.'],
  ])('%s', async (_, path, form, status, reason) => {
    const emu = await storageEmulator(onTank)
    const r = await (await login(emu)).post(path, form as Record<string, string>)
    expect([r.status, r.statusText]).toEqual([status, reason])
    expect(emu.state().guests.every((g) => g.lock !== 'migrate')).toBe(true)
  })

  test('the storage map\'s parameter error says what is wrong with it', async () => {
    const r = await (await login(await storageEmulator())).post('/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', targetstorage: '1,local'})
    expect(r.body.errors).toEqual({targetstorage: 'failed to parse storage map: identity mapping cannot be combined with other mappings'})
  })

  test('a container on storage the target lacks: pve-container finds out in the task', async () => {
    const emu = await storageEmulator()
    const session = await login(emu)
    const r = await session.post('/nodes/pve2/lxc/200/migrate', {target: 'pve4', restart: '1'})
    expect(r.status).toBe(200)
    expect((await waitForTask(session, r.body.data)).exitstatus).toBe('migration aborted')
    expect((await taskLog(session, r.body.data)).at(-2)).toMatch(/ERROR: migration aborted \(duration \d\d:\d\d:\d\d\): storage 'tank' is not available on node 'pve4'$/)
    expect(emu.state().guests.find((g) => g.vmid === 200)).toMatchObject({node: 'pve2'})
  })
})

describe('a target that runs out of space', () => {
  const fullPve2 = (s: Snapshot) => {
    s.storages!.find((st) => st.node === 'pve2' && st.id === 'local-lvm')!.used = 480 * GiB
  }

  test('an offline copy fails as the import dies, and what it took on the target is freed again', async () => {
    const emu = await storageEmulator((s) => {
      fullPve2(s)
      s.guests.find((g) => g.vmid === 102)!.status = 'stopped'
    })
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve2'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('migration aborted')
    const log = (await taskLog(session, upid)).map((line) => line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /, ''))
    expect(log).toContain("dd: error writing '/dev/pve/vm-102-disk-0': No space left on device")
    expect(log).toContain("command 'dd of=/dev/pve/vm-102-disk-0 conv=sparse bs=64k' failed: exit code 1")
    expect(log.find((l) => l.startsWith('ERROR: storage migration'))).toMatch(/^ERROR: storage migration for 'local-lvm:vm-102-disk-0' to storage 'local-lvm' failed - command 'set -o pipefail && pvesm export local-lvm:vm-102-disk-0 raw\+size - -with-snapshots 0 \| \/usr\/bin\/ssh .* root@[\d.]+ -- pvesm import local-lvm:vm-102-disk-0 raw\+size - -with-snapshots 0 -allow-rename 1' failed: exit code 255$/)
    expect(log.slice(-3)).toEqual(['aborting phase 1 - cleanup resources', expect.stringMatching(/^ERROR: migration aborted \(duration .*\): storage migration for 'local-lvm:vm-102-disk-0'/), 'TASK ERROR: migration aborted'])
    expect(storageUsed(emu, 'pve2', 'local-lvm')).toBe(480 * GiB)
    expect(emu.state().guests.find((g) => g.vmid === 102)).toMatchObject({node: 'pve1'})
    expect(emu.state().guests.find((g) => g.vmid === 102)!.lock).toBeUndefined()
  })

  test('a live copy: the mirror job stops with nospace and the migration ends with problems, the VM on its source', async () => {
    const emu = await storageEmulator(fullPve2)
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('migration problems')
    const log = await taskLog(session, upid)
    expect(log.join('\n')).toContain('ERROR: online migrate failure - block job (mirror) error: drive-scsi0: No space left on device (io-status: nospace)')
    expect(log.at(-2)).toMatch(/ERROR: migration finished with problems \(duration/)
    expect(storageUsed(emu, 'pve2', 'local-lvm')).toBe(480 * GiB)
    expect(storageUsed(emu, 'pve2', 'local')).toBe(20 * GiB)
  })

  test('a thick target needs the whole size: a ZFS pool without sparse refuses the stream', async () => {
    const emu = await storageEmulator((s) => {
      s.storages!.find((st) => st.node === 'pve3' && st.id === 'tank')!.used = 190 * GiB
      const vm = s.guests.find((g) => g.vmid === 105)!
      vm.node = 'pve2'
      vm.migration!.localDisks = [{key: 'scsi0', volid: 'tank:vm-105-disk-0', storage: 'tank', size: 16 * GiB, used: 2 * GiB}]
    })
    const session = await login(emu)
    const upid = (await session.post('/nodes/pve2/qemu/105/migrate', {target: 'pve3'})).body.data
    expect((await waitForTask(session, upid)).exitstatus).toBe('migration aborted')
    const log = await taskLog(session, upid)
    expect(log).toContainEqual(expect.stringMatching(/ cannot receive new filesystem stream: out of space$/))
    expect(log).toContainEqual(expect.stringContaining('pvesm export tank:vm-105-disk-0 zfs - -with-snapshots 0'))
    expect(storageUsed(emu, 'pve3', 'tank')).toBe(190 * GiB)
  })

  test('copies to one pool add up: the second of two that do not both fit fails', async () => {
    const emu = await storageEmulator((s) => {
      s.storages!.find((st) => st.node === 'pve3' && st.id === 'local-lvm')!.used = 430 * GiB
      s.guests.find((g) => g.vmid === 107)!.migration!.localDisks = [{key: 'scsi0', volid: 'local-lvm:vm-107-disk-0', storage: 'local-lvm', size: 40 * GiB, used: 40 * GiB}]
      s.guests.find((g) => g.vmid === 102)!.migration!.localDisks = [{key: 'scsi0', volid: 'local-lvm:vm-102-disk-0', storage: 'local-lvm', size: 50 * GiB, used: 40 * GiB}]
    }, {migration: {bandwidth: 200 * GiB}})
    const session = await login(emu)
    const first = (await session.post('/nodes/pve1/qemu/107/migrate', {target: 'pve3', online: '1', 'with-local-disks': '1'})).body.data
    const second = (await session.post('/nodes/pve1/qemu/102/migrate', {target: 'pve3', online: '1', 'with-local-disks': '1'})).body.data
    expect((await waitForTask(session, first)).exitstatus).toBe('OK')
    expect((await waitForTask(session, second)).exitstatus).toBe('migration problems')
    expect(storageUsed(emu, 'pve3', 'local-lvm')).toBe(470 * GiB)
  })
})
