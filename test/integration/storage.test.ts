/**
 * The collector reads storage as Proxmox has it, from the emulator over HTTPS: every
 * storage per node with its plugin type, capacity, use, free space, thinness and whether
 * it is enabled; every volume of every guest where it lives, with what it occupies where
 * Proxmox reports it; node root filesystems apart from guest storage. It does so in one
 * content listing per local guest storage of each node, whatever the number of guests,
 * goes on without what a listing would have said when one fails, and records the volumes
 * of a reader who may not see storage as on unknown storage.
 */
import {afterEach, describe, expect, test} from 'vitest'
import {type Emulator, type EmulatorOptions, startEmulator} from '../../src/emulator/index.js'
import type {Snapshot, Storage} from '../../src/model/snapshot.js'
import {validateAgainst} from '../../src/model/schemas.js'
import {ProxmoxClient} from '../../src/proxmox/client.js'
import {collectSnapshot} from '../../src/proxmox/collector.js'
import {parseHosts} from '../../src/proxmox/hosts.js'
import {storageCluster} from '../emulator/helpers.js'
import {GiB} from '../helpers/builders.js'
import {generateCluster} from '../helpers/generate.js'

const TOKEN = {tokenid: 'root@pam!t', secret: 'token-secret'}
const running: Emulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()))
})

async function take(seed: Snapshot, options: Partial<EmulatorOptions> = {}, tokenId = TOKEN.tokenid, prepare: (emulator: Emulator) => void = () => {}) {
  const emulator = await startEmulator({snapshot: seed, port: 0, tokens: [TOKEN], migration: {instant: true}, ...options})
  running.push(emulator)
  prepare(emulator)
  const hosts = parseHosts([emulator.url])
  if (!hosts.ok) throw new Error(hosts.message)
  const secret = (options.tokens ?? [TOKEN]).find((t) => t.tokenid === tokenId)!.secret
  const client = new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId, secret}, tls: {ca: emulator.certificatePem}, retryBaseMs: 5})
  try {
    const collected = await collectSnapshot(client, {cpuWindow: 'off', takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test'})
    expect(validateAgainst('snapshot', collected.snapshot, 'snapshot', String)).toEqual([])
    return {...collected, emulator, requests: emulator.calls()}
  } finally {
    await client.close()
  }
}

/** The requests the collector may make: 8 cluster-wide, a status per online node, a config per guest on one, a listing per local guest storage of one. */
function expectedRequests(seed: Snapshot): number {
  const online = new Set(seed.nodes.filter((n) => n.status === 'online').map((n) => n.name))
  const listings = (seed.storages ?? []).filter((s) => online.has(s.node) && !s.shared && s.enabled !== false && s.active !== false && s.content!.some((c) => c === 'images' || c === 'rootdir'))
  return 8 + online.size + seed.guests.filter((g) => online.has(g.node)).length + listings.length
}

/** The seed's pve5 is offline, which the collector always says. */
const OFFLINE = 'node pve5 is offline: its guests are listed but cannot move until it is back'

const byPlace = (a: Storage, b: Storage) => (a.node + a.id < b.node + b.id ? -1 : 1)

describe('a snapshot carries storage as the cluster has it', () => {
  test('storages with thinness, free space and enabled; volumes with what they occupy; shared volumes; root filesystems', async () => {
    const seed = storageCluster()
    const {snapshot, warnings, requests} = await take(seed)
    expect(warnings).toEqual([OFFLINE])
    expect(requests).toHaveLength(expectedRequests(seed))
    expect(requests.filter((r) => r.path.endsWith('/content')).map((r) => r.path).sort()).toEqual([
      '/nodes/pve1/storage/local-lvm/content', '/nodes/pve1/storage/local/content',
      '/nodes/pve2/storage/local-lvm/content', '/nodes/pve2/storage/local/content', '/nodes/pve2/storage/tank/content',
      '/nodes/pve3/storage/local-lvm/content', '/nodes/pve3/storage/local/content', '/nodes/pve3/storage/tank/content',
      '/nodes/pve4/storage/local-lvm/content', '/nodes/pve4/storage/local/content',
    ])

    const on = (node: string, id: string) => snapshot.storages!.find((s) => s.node === node && s.id === id)
    expect(on('pve1', 'local')).toEqual({
      id: 'local', node: 'pve1', type: 'dir', shared: false, content: ['backup', 'images', 'iso', 'rootdir', 'vztmpl'],
      total: 100 * GiB, used: 20 * GiB, free: 80 * GiB, thin: true, enabled: true, active: true,
    })
    expect(on('pve1', 'local-lvm')).toMatchObject({type: 'lvmthin', thin: true, total: 500 * GiB, used: 120 * GiB, free: 380 * GiB})
    expect(on('pve2', 'tank')).toMatchObject({type: 'zfspool', thin: false, enabled: true, active: true})
    expect(on('pve1', 'tank')).toBeUndefined()
    expect(on('pve3', 'ceph-vm')).toMatchObject({type: 'rbd', shared: true, thin: true})
    // Disabled: not in /cluster/resources, known from the storage configuration.
    expect(snapshot.storages!.filter((s) => s.id === 'archive').map((s) => [s.node, s.enabled, s.active])).toEqual(['pve1', 'pve2', 'pve3', 'pve4', 'pve5'].map((n) => [n, false, false]))
    // An offline node's storages: listed, not active, no figures.
    expect(on('pve5', 'local-lvm')).toEqual({id: 'local-lvm', node: 'pve5', type: 'lvmthin', shared: false, content: ['images', 'rootdir'], thin: true, enabled: true, active: false})

    const guest = (vmid: number) => snapshot.guests.find((g) => g.vmid === vmid)!
    expect(guest(102).migration!.localDisks).toEqual([
      {key: 'scsi0', volid: 'local-lvm:vm-102-disk-0', storage: 'local-lvm', size: 50 * GiB, format: 'raw'},
      {key: 'scsi1', volid: 'local:102/vm-102-disk-1.qcow2', storage: 'local', size: 20 * GiB, used: 6 * GiB, format: 'qcow2'},
    ])
    // A ZFS subvolume's listing says nothing of its use; the running container's status does.
    expect(guest(200).migration!.localDisks).toEqual([{key: 'rootfs', volid: 'tank:subvol-200-disk-0', storage: 'tank', size: 8 * GiB, used: 3 * GiB, format: 'subvol'}])
    expect(guest(100).migration).toMatchObject({localDisks: [], sharedDisks: [{key: 'scsi0', volid: 'ceph-vm:vm-100-disk-0', storage: 'ceph-vm', size: 32 * GiB}]})
    expect(snapshot.guests.every((g) => g.migration?.unknownDisks === undefined)).toBe(true)

    const node = (name: string) => snapshot.nodes.find((n) => n.name === name)!
    // `local` is on the root filesystem here (the emulator's seed has no rootfs of its own).
    expect(node('pve1').rootfs).toEqual({total: 100 * GiB, used: 20 * GiB})
    expect(node('pve1').disk).toEqual({total: 600 * GiB, used: 140 * GiB})
    expect(node('pve2').disk).toEqual({total: 800 * GiB, used: 110 * GiB})
    expect(node('pve5').rootfs).toBeUndefined()
  })

  test('PVE-shaped clusters: overcommitted LVM-thin pools, a ZFS node and a shared Ceph pool read back exactly', async () => {
    const seed = generateCluster({name: 'thin', nodes: 8, guests: 200, seed: 11, storage: 'pve', nodeSizes: [{cores: 128, memoryGiB: 4096}]})
    // The shape the clusters have: pools configured 167-290 % of their size, 33-62 % used.
    for (const pool of seed.storages!.filter((s) => s.id === 'local-lvm' || s.id === 'local-zfs')) {
      const configured = seed.guests.filter((g) => g.node === pool.node).flatMap((g) => g.migration!.localDisks!).filter((d) => d.storage === pool.id).reduce((sum, d) => sum + d.size, 0)
      if (configured === 0) continue
      expect(configured / pool.total!).toBeGreaterThan(1.6)
      expect(configured / pool.total!).toBeLessThan(3)
      expect(pool.used! / pool.total!).toBeGreaterThan(0.25)
      expect(pool.used! / pool.total!).toBeLessThan(0.7)
    }
    expect(seed.storages!.some((s) => s.type === 'zfspool')).toBe(true)

    const {snapshot, warnings, requests} = await take(seed)
    expect(warnings).toEqual([])
    expect(requests).toHaveLength(expectedRequests(seed))
    // 8 cluster-wide, 8 node statuses, 200 configs, and per node `local` (images allowed) and its pool.
    expect(requests.length).toBe(8 + 8 + 200 + 2 * 8)
    expect([...snapshot.storages!].sort(byPlace)).toEqual([...seed.storages!].sort(byPlace))
    for (const guest of seed.guests) {
      const read = snapshot.guests.find((g) => g.vmid === guest.vmid)!
      expect(read.migration!.localDisks, `guest ${guest.vmid}`).toEqual(guest.migration!.localDisks)
      expect(read.migration!.sharedDisks, `guest ${guest.vmid}`).toEqual(guest.migration!.sharedDisks)
    }
    for (const node of seed.nodes) {
      const read = snapshot.nodes.find((n) => n.name === node.name)!
      expect([read.disk, read.rootfs]).toEqual([node.disk, node.rootfs])
    }
  })
})

describe('what the collector cannot see', () => {
  test('without Datastore.Audit: no storages, volumes on unknown storage (not local disks), one warning', async () => {
    const seed = storageCluster()
    const reader = {tokenid: 'reader@pve!ro', secret: 'ro-secret', privileges: ['VM.Audit', 'Sys.Audit']}
    const {snapshot, warnings, requests} = await take(seed, {tokens: [TOKEN, reader]}, reader.tokenid)
    expect(snapshot.storages).toEqual([])
    expect(requests.filter((r) => r.path.endsWith('/content'))).toEqual([])
    expect(requests).toHaveLength(8 + 4 + seed.guests.length)
    const db = snapshot.guests.find((g) => g.vmid === 102)!.migration!
    // `local` is always a directory on every node (pve-storage forces it): still a local disk.
    expect(db.localDisks).toEqual([{key: 'scsi1', volid: 'local:102/vm-102-disk-1.qcow2', storage: 'local', size: 20 * GiB}])
    expect(db.unknownDisks).toEqual([{key: 'scsi0', volid: 'local-lvm:vm-102-disk-0', storage: 'local-lvm', size: 50 * GiB}])
    expect(snapshot.guests.find((g) => g.vmid === 100)!.migration).toMatchObject({localDisks: [], unknownDisks: [{storage: 'ceph-vm'}]})
    expect(snapshot.nodes.find((n) => n.name === 'pve1')!.disk).toEqual({total: 0, used: 0})
    expect(warnings).toEqual([
      OFFLINE,
      'no storage is visible to this user (it needs Datastore.Audit on /storage): 13 volumes on storages ceph-vm, local-lvm, tank are recorded as on unknown storage, and disk space cannot be checked',
    ])
  })

  test('a storage that cannot be listed: the snapshot goes on, its volumes without what they occupy, one warning', async () => {
    const {snapshot, warnings} = await take(storageCluster(), {}, TOKEN.tokenid, (emulator) => {
      emulator.faults.storageOffline('pve1', 'local-lvm')
      emulator.faults.storageOffline('pve2', 'tank')
    })
    expect(warnings).toEqual([
      "the content of 2 storages could not be listed, so what their volumes occupy is not known: pve1/local-lvm (storage 'local-lvm' is not online); pve2/tank (storage 'tank' is not online)",
      OFFLINE,
    ])
    const guest = (vmid: number) => snapshot.guests.find((g) => g.vmid === vmid)!
    expect(guest(102).migration!.localDisks![0]).toEqual({key: 'scsi0', volid: 'local-lvm:vm-102-disk-0', storage: 'local-lvm', size: 50 * GiB})
    // The running container's status still tells its root filesystem's use.
    expect(guest(200).migration!.localDisks).toEqual([{key: 'rootfs', volid: 'tank:subvol-200-disk-0', storage: 'tank', size: 8 * GiB, used: 3 * GiB}])
    expect(snapshot.storages!.find((s) => s.node === 'pve1' && s.id === 'local-lvm')).toMatchObject({active: true, used: 120 * GiB})
  })
})
