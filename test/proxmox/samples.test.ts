/**
 * Every API answer captured from real clusters (test/fixtures/pve-api, copied from
 * shared/pve-api/samples) is read, and what it says lands in the snapshot: the
 * translation accepts the shapes real servers send, old quirks included.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {consistencyProblems} from '../../src/model/snapshot.js'
import {validateAgainst} from '../../src/model/schemas.js'
import {readGuestCurrent, readTaskList, taskSucceeded} from '../../src/proxmox/tasks.js'
import {readCrs, snapshotFromReading, vmidOf, type ClusterReading} from '../../src/proxmox/translate.js'
import {ROOT} from '../helpers/cli.js'

const SAMPLES = join(ROOT, 'test', 'fixtures', 'pve-api')
const sample = (file: string) => JSON.parse(readFileSync(join(SAMPLES, file), 'utf8'))
const META = {takenAt: '2026-11-21T10:00:00Z', kind: 'api' as const, endpoint: 'https://node1:8006', cpuWindow: 'sample' as const}

function translate(reading: ClusterReading) {
  const result = snapshotFromReading(reading, META)
  expect(validateAgainst('snapshot', result.snapshot, 'snapshot', String)).toEqual([])
  expect(consistencyProblems(result.snapshot, 'snapshot')).toEqual([])
  return result
}

describe('API samples become valid snapshots', () => {
  test('every sample file is covered by a test below', () => {
    const covered = [
      'ansible_tasks_list_pve6.4.json', 'ansible_vm_info_fixtures.json', 'cluster_resources.json', 'cluster_status.json',
      'node_status_pve7.4.json', 'nodes.json', 'qemu_status_current_vm101.json', 'ha-tests', 'PROVENANCE.md',
    ]
    expect(readdirSync(SAMPLES).sort()).toEqual(covered.sort())
  })

  test('cluster resources and status: every node, guest and storage, with what decides migrations', () => {
    const {snapshot, warnings} = translate({resources: sample('cluster_resources.json').data, status: sample('cluster_status.json').data})
    expect(warnings).toEqual([])
    expect(snapshot.cluster).toEqual({name: 'clustername', quorate: true, crs: {ha: 'basic', rebalanceOnStart: false, autoRebalance: false}})
    expect(snapshot.nodes.map((n) => [n.name, n.status, n.ip])).toEqual([
      ['node3', 'online', '192.168.1.3'], ['node2', 'online', '192.168.1.2'], ['node1', 'online', '192.168.1.1'], ['node4', 'online', '192.168.1.4'],
    ])
    const node2 = snapshot.nodes.find((n) => n.name === 'node2')!
    expect(node2.cpu).toEqual({cores: 12, used: 0.044})
    expect(node2.memory).toEqual({total: 33567911936, used: 8127873024})
    // Local guest storage is local-zfs (images, rootdir), not the dir storages for ISOs and snippets.
    expect(node2.disk).toEqual({total: 962664386560, used: 25294921728})
    expect(snapshot.guests.map((g) => [g.vmid, g.name, g.node, g.status, g.template])).toEqual([
      [100, 'server1', 'node2', 'running', false], [101, 'leap154', 'node1', 'stopped', true],
      [102, 'machine-test', 'node1', 'stopped', false], [200, 'VM 200', 'node1', 'stopped', false],
    ])
    const server1 = snapshot.guests[0]
    expect(server1.cpu).toEqual({cores: 1, used: 0.025})
    expect(server1.memory).toEqual({assigned: 1073741824, used: 842551296})
    expect(snapshot.guests[2].tags).toEqual(['go-proxmox+cloud-init'])
    expect(snapshot.guests[2].memory.used).toBe(0)
    expect(snapshot.storages).toHaveLength(12)
    expect(snapshot.storages!.find((s) => s.node === 'node1' && s.id === 'local-zfs')).toEqual({
      id: 'local-zfs', node: 'node1', type: 'zfspool', shared: false, content: ['images', 'rootdir'], total: 955016175616, used: 14446702592, free: 955016175616 - 14446702592,
      enabled: true, active: true,
    })
    // Without the storage configuration, whether a zfspool is sparse is not known; a directory's preallocation neither.
    expect(snapshot.storages!.every((s) => s.thin === undefined)).toBe(true)
    // The root filesystem is the node's disk/maxdisk, apart from its guest storage.
    expect(node2.rootfs).toEqual({total: 940166742016, used: 2797338624})
    expect(snapshot.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  test('with the storage configuration as the installer writes it: thin pools known, volume sizes from the content listing', () => {
    // GET /storage of a ZFS install: `local` on the root dataset, local-zfs sparse (PVE's installer sets it).
    const storageConfig = [
      {storage: 'local', type: 'dir', path: '/var/lib/vz', content: 'backup,vztmpl,iso', digest: 'd'},
      {storage: 'local-zfs', type: 'zfspool', pool: 'rpool/data', sparse: 1, content: 'images,rootdir', digest: 'd'},
      {storage: 'cloud-init', type: 'dir', path: '/mnt/ci', content: 'snippets', preallocation: 'full', digest: 'd'},
    ]
    // GET /nodes/node1/storage/local-zfs/content: ZFS lists sizes only (ZFSPoolPlugin.pm zfs_list_zvol).
    const storageContents = new Map([['node1/local-zfs', [
      {volid: 'local-zfs:vm-102-disk-0', format: 'raw', size: 53901000704, vmid: 102, content: 'images', ctime: 1700000000},
      {volid: 'local-zfs:vm-102-disk-1', format: 'raw', size: 4294967296, vmid: 102, content: 'images', ctime: 1700000000},
    ]]])
    const guestConfigs = new Map([[102, {scsi0: 'local-zfs:vm-102-disk-0,size=53901000704', unused0: 'local-zfs:vm-102-disk-1'}]])
    const {snapshot, warnings} = translate({resources: sample('cluster_resources.json').data, status: sample('cluster_status.json').data, storageConfig, storageContents, guestConfigs})
    expect(warnings).toEqual([])
    const thin = (id: string) => [...new Set(snapshot.storages!.filter((s) => s.id === id).map((s) => s.thin))]
    expect([thin('local-zfs'), thin('local'), thin('cloud-init')]).toEqual([[true], [true], [false]])
    expect(snapshot.guests.find((g) => g.vmid === 102)!.migration!.localDisks).toEqual([
      {key: 'scsi0', volid: 'local-zfs:vm-102-disk-0', storage: 'local-zfs', size: 53901000704, format: 'raw'},
      // An unused disk has no size in the config: the listing gives it.
      {key: 'unused0', volid: 'local-zfs:vm-102-disk-1', storage: 'local-zfs', size: 4294967296, format: 'raw'},
    ])
    expect(snapshot.guests.find((g) => g.vmid === 102)!.disk.assigned).toBe(53901000704 + 4294967296)
  })

  test('/nodes entries have the shape of resource nodes and read the same way', () => {
    const {snapshot} = translate({resources: sample('nodes.json').data, status: []})
    expect(snapshot.nodes.map((n) => [n.name, n.cpu.cores, n.memory.total])).toEqual([
      ['node1', 12, 33568288768], ['node2', 4, 16651751424], ['node3', 4, 16668868608], ['node4', 8, 65919561728],
    ])
    expect(snapshot.cluster).toMatchObject({name: 'node1', quorate: true})
  })

  test('node status (PVE 7.4) fills the version and stands in for what the resources lack', () => {
    const status = sample('node_status_pve7.4.json').data
    const {snapshot, warnings} = translate({resources: [{type: 'node', node: 'pve7', status: 'online', id: 'node/pve7'}], status: [], nodeStatus: {pve7: status}})
    expect(warnings).toEqual([])
    expect(snapshot.nodes[0]).toEqual({
      name: 'pve7', status: 'online', maintenance: false, pveVersion: 'pve-manager/7.4-16/0f39f621',
      cpu: {cores: 8, used: 0.021}, memory: {total: 65919459328, used: 8095399936},
      // No storage listed: no local guest storage known; the root filesystem is not guest storage.
      disk: {total: 0, used: 0}, rootfs: {total: 948338819072, used: 10487595008},
    })
    expect(snapshot.source.pveVersion).toBe('7.4-16')
  })

  test('ansible fixtures: guests on nodes the answer does not list are kept, pools and empty names handled', () => {
    const fixtures = sample('ansible_vm_info_fixtures.json')
    const {snapshot, warnings} = translate({resources: fixtures.cluster_resources_type_vm, status: []})
    expect(snapshot.guests.map((g) => [g.vmid, g.type, g.node, g.pool ?? null])).toEqual([
      [100, 'qemu', 'pve', null], [101, 'qemu', 'pve2', 'pool1'], [102, 'lxc', 'pve', null], [103, 'lxc', 'pve2', 'pool1'], [104, 'lxc', 'pve2', 'pool1'], [105, 'lxc', 'pve2', 'pool1'],
    ])
    expect(snapshot.guests.find((g) => g.vmid === 105)!.name).toBe('CT 105')
    expect(snapshot.guests.find((g) => g.vmid === 102)!.disk).toEqual({assigned: 10737418240, used: 352190464})
    expect(snapshot.nodes.map((n) => [n.name, n.status])).toEqual([['pve', 'unknown'], ['pve2', 'unknown']])
    expect(warnings).toContain('node pve is unknown: its guests are listed but cannot move until it is back')
  })

  test('the old string vmid of per-node container lists is read as a number', () => {
    const fixtures = sample('ansible_vm_info_fixtures.json')
    const lxc = fixtures.nodes_node_lxc as Record<string, unknown>[]
    expect(lxc.map((g) => typeof g.vmid)).toEqual(['string', 'string', 'string', 'string'])
    const resources = [
      {type: 'node', node: 'pve2', status: 'online', maxcpu: 8, maxmem: 2 ** 34},
      ...lxc.map((g) => ({...g, node: 'pve2'})),
      ...(fixtures.nodes_node_qemu as Record<string, unknown>[]).map((g) => ({...g, type: 'qemu', node: 'pve2', maxcpu: g.cpus})),
    ]
    const {snapshot} = translate({resources, status: []})
    expect(snapshot.guests.map((g) => g.vmid)).toEqual([103, 102, 104, 105, 101, 100])
    expect(snapshot.guests.find((g) => g.vmid === 102)).toMatchObject({type: 'lxc', status: 'running', cpu: {cores: 2, used: 0}, memory: {assigned: 536870912, used: 28192768}})
    expect([vmidOf('103'), vmidOf(103), vmidOf('0'), vmidOf('abc'), vmidOf(1.5)]).toEqual([103, 103, undefined, undefined, undefined])
  })

  test.each(readdirSync(join(SAMPLES, 'ha-tests')))('HA stack sample %s: crs, maintenance and HA resources are read', (dir) => {
    const read = (file: string) => {
      try {
        return JSON.parse(readFileSync(join(SAMPLES, 'ha-tests', dir, file), 'utf8'))
      } catch {
        return undefined
      }
    }
    const options = read('datacenter.cfg')
    const managerStatus = read('manager_status')
    const services = read('service_config') as Record<string, {node: string}>
    const nodes = [...new Set(Object.values(services).map((s) => s.node))]
    const resources = [
      ...nodes.map((node) => ({type: 'node', node, status: 'online', maxcpu: 4, maxmem: 2 ** 34, mem: 2 ** 30, cpu: 0.1})),
      ...Object.entries(services).flatMap(([sid, s]) => (sid.startsWith('vm:') ? [{type: 'qemu', vmid: Number(sid.slice(3)), node: s.node, status: 'running', maxcpu: 2, maxmem: 2 ** 32, mem: 2 ** 31, cpu: 0.5}] : [])),
    ]
    const {snapshot, warnings} = translate({resources, status: [], options, haManagerStatus: managerStatus, haResources: services})
    expect(snapshot.guests.length).toBeGreaterThan(0)
    for (const guest of snapshot.guests) expect(guest.ha?.managed).toBe(true)
    if (options) {
      expect(snapshot.cluster.crs).toEqual({ha: 'dynamic', rebalanceOnStart: false, autoRebalance: true})
      expect(warnings).toContain("Proxmox's own HA auto-rebalance is on (crs ha-auto-rebalance): two balancers will fight over the HA guests; turn one of them off")
    }
  })

  test('crs as datacenter.cfg writes it, and HA maintenance from the manager status', () => {
    expect(readCrs('ha=static,ha-rebalance-on-start=1')).toEqual({ha: 'static', rebalanceOnStart: true, autoRebalance: false})
    expect(readCrs('dynamic,ha-auto-rebalance=1')).toEqual({ha: 'dynamic', rebalanceOnStart: false, autoRebalance: true})
    expect(readCrs(undefined)).toEqual({ha: 'basic', rebalanceOnStart: false, autoRebalance: false})
    const managerStatus = {manager_status: {master_node: 'a', node_status: {a: 'online', b: 'maintenance'}}, quorum: {quorate: '1'}}
    const {snapshot} = translate({resources: [{type: 'node', node: 'a', status: 'online', maxcpu: 4}, {type: 'node', node: 'b', status: 'online', maxcpu: 4}], status: [], haManagerStatus: managerStatus})
    expect(snapshot.nodes.map((n) => [n.name, n.maintenance])).toEqual([['a', false], ['b', true]])
  })

  test('task lists (PVE 6.4): UPIDs parsed, end states read', () => {
    const tasks = readTaskList(sample('ansible_tasks_list_pve6.4.json').nodes_node_tasks)
    expect(tasks).toHaveLength(3)
    expect(tasks[0]).toEqual({
      upid: 'UPID:iaclab-01-01:00000DD3:1C419D88:6119FB65:srvreload:networking:root@pam:', node: 'iaclab-01-01', pid: 3539, pstart: 474062216,
      starttime: 1629092709, type: 'srvreload', id: 'networking', user: 'root@pam', endtime: 1629092710, exitstatus: 'OK',
    })
    expect(tasks.map((t) => taskSucceeded(t.exitstatus!))).toEqual([true, false, true])
  })

  test('guest status/current: run state and whether HA manages it', () => {
    expect(readGuestCurrent(sample('qemu_status_current_vm101.json').data)).toEqual({vmid: 101, status: 'running', haManaged: false, mem: 1127792640, maxmem: 2097152000})
  })
})
